"""The runtime budgets, measured on whole commands; optionally against another copy of
the code (`--baseline DIR`, a folder holding a `deck_builder` package), run in turn.

Cases (each a fresh interpreter, as someone typing the command):

  floor        python -c "import pptx; pptx.Presentation().save(path)"
  build        python -m deck_builder build content --output <tmp>/x.pptx
  afdelingen   python -m deck_builder build content --all-afdelingen --output <tmp>/dir
  1000 slides  python -m deck_builder build <generated 1000 slides> -o <tmp>/x.pptx
  5000 slides  the same with 5000 slides (one run each: it takes seconds)

Budgets: build at most 2.5 x the floor; the 12 afdelingen in at most 0.45 s on
2 cores; 1000 slides in at most 1.5 s, and 5000 slides at most 5.5 x that (linear,
with a tenth for noise); peak RSS of the 1000-slide build at most 150 MB.

Each code runs with PYTHONPATH set to its folder and PYTHONSAFEPATH=1 (so the
working folder, the repository, never shadows it) and a cache folder of its own,
kept between runs as a user's is. Runs are interleaved (current, baseline, current,
...), after one unmeasured warm-up of each, so a machine that gets busier or quieter
meanwhile slows both alike. Printed: median wall seconds, median CPU seconds (user +
sys of the process and its workers), peak RSS, and baseline ÷ current ratios.

    python benchmarks/bench_budgets.py
    python benchmarks/bench_budgets.py --baseline ../other-checkout --runs 11
    python benchmarks/bench_budgets.py --baseline DIR --bytecode --no-5000
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench_scale import write_content

REPO = Path(__file__).resolve().parent.parent
BUILD_OVER_FLOOR = 2.5
AFDELINGEN_SECONDS = 0.45
THOUSAND_SECONDS = 1.5
LINEAR_5000 = 5.5  # 5000 slides ÷ 1000 slides; 5.0 is exactly linear
PEAK_MB_1000 = 150


@dataclass
class Samples:
    """Wall seconds, CPU seconds and peak RSS (MB) of the runs of one case."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)

    def add(self, wall: float, cpu: float, peak_mb: float) -> None:
        self.wall.append(wall)
        self.cpu.append(cpu)
        self.peak_mb.append(peak_mb)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MB) of one successful run of `command` in the repository.

    The CPU time counts the process and every worker it waited for; the peak RSS is
    the largest single process's.
    """
    started = time.perf_counter()
    # stderr too: the decks' fit warnings would flood the table
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"failed: {' '.join(command)} (env PYTHONPATH="
                         f"{env.get('PYTHONPATH', '')})")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def code_env(folder: Path, temp: Path, name: str, bytecode: bool) -> dict[str, str]:
    """The environment that runs the deck_builder package in `folder`."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(folder)
    env["PYTHONSAFEPATH"] = "1"
    env["XDG_CACHE_HOME"] = str(temp / f"cache-{name}")
    if bytecode:  # a warm .pyc cache, as a normal install has
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(temp / f"pycache-{name}")
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, metavar="DIR",
                        help="a folder with another deck_builder package to compare with")
    parser.add_argument("--runs", type=int, default=7, help="runs of the small cases")
    parser.add_argument("--large-runs", type=int, default=3, help="runs of 1000 slides")
    parser.add_argument("--no-5000", action="store_true", help="skip 5000 slides")
    parser.add_argument("--bytecode", action="store_true",
                        help="write and use .pyc files (in a temporary folder)")
    args = parser.parse_args()
    if args.baseline is not None and not (args.baseline / "deck_builder").is_dir():
        parser.error(f"{args.baseline} holds no deck_builder package")
    python = sys.executable  # the interpreter itself: no pyenv/venv shim in the timing

    with tempfile.TemporaryDirectory(prefix="deck-budgets-") as name:
        temp = Path(name)
        codes = {"current": REPO}
        if args.baseline is not None:
            codes["baseline"] = args.baseline.resolve()
        envs = {code: code_env(folder, temp, code, args.bytecode)
                for code, folder in codes.items()}
        sizes = [1000] if args.no_5000 else [1000, 5000]
        decks = {size: write_content(temp / f"scale-{size}", size) for size in sizes}

        def commands(code: str) -> dict[str, list[str]]:
            out = temp / code
            found = {
                "build": [python, "-m", "deck_builder", "build", "content",
                          "--output", str(out / "x.pptx")],
                "afdelingen": [python, "-m", "deck_builder", "build", "content",
                               "--all-afdelingen", "--output", str(out / "afdelingen")],
            }
            for size, deck in decks.items():
                found[f"{size} slides"] = [python, "-m", "deck_builder", "build",
                                           str(deck.parent), "-o", str(out / f"{size}.pptx")]
            return found

        floor = [python, "-c", "import sys, pptx; pptx.Presentation().save(sys.argv[1])",
                 str(temp / "floor.pptx")]
        plain = dict(os.environ)
        if args.bytecode:
            plain.pop("PYTHONDONTWRITEBYTECODE", None)
            plain["PYTHONPYCACHEPREFIX"] = str(temp / "pycache-floor")
        results: dict[tuple[str, str], Samples] = {}
        every = commands("current")
        for case in every:
            rounds = (1 if case == "5000 slides" else
                      args.large_runs if case == "1000 slides" else args.runs)
            if case == "build":  # the floor alongside the build it is compared with
                run_once(floor, plain)
            for code in codes:
                run_once(commands(code)[case], envs[code])  # warm-up, not counted
            for _ in range(rounds):
                if case == "build":
                    results.setdefault(("floor", ""), Samples()).add(*run_once(floor, plain))
                for code in codes:
                    samples = results.setdefault((case, code), Samples())
                    samples.add(*run_once(commands(code)[case], envs[code]))
            print(f"{case}: done", file=sys.stderr)
        same = ""
        if "baseline" in codes:
            same = ("the default deck is byte for byte the same: "
                    + ("yes" if (temp / "current" / "x.pptx").read_bytes()
                       == (temp / "baseline" / "x.pptx").read_bytes() else "NO"))

    report(results, list(codes), args, same)


def report(results: dict[tuple[str, str], Samples], codes: list[str],
           args: argparse.Namespace, same: str) -> None:
    """Print the table of medians and the budgets."""
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus; .pyc "
          f"{'warm (--bytecode)' if args.bytecode else 'as the environment leaves it'}; "
          f"runs: {args.runs} (1000 slides: {args.large_runs}, 5000 slides: 1)")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    header = f"\n{'case':<12} {'code':<9} {'wall s':>7} {'min s':>7} {'cpu s':>7} {'peak MB':>8}"
    print(header + ("  current ÷ baseline" if "baseline" in codes else ""))
    for (case, code), samples in results.items():
        line = (f"{case:<12} {code or '-':<9} {samples.median:>7.3f} {min(samples.wall):>7.3f} "
                f"{statistics.median(samples.cpu):>7.3f} {max(samples.peak_mb):>8.0f}")
        if code == "current" and (case, "baseline") in results:
            line += f"  {samples.median / results[(case, 'baseline')].median:>6.2f}×"
        print(line)
    floor = results[("floor", "")].median
    print("\nbudgets (median wall s; peak RSS of the largest run)")
    for code in codes:
        build = results[("build", code)].median / floor
        afdelingen = results[("afdelingen", code)].median
        thousand = results[("1000 slides", code)]
        checks = [
            (f"build ÷ floor {build:.2f}×", build <= BUILD_OVER_FLOOR, f"≤ {BUILD_OVER_FLOOR}×"),
            (f"12 afdelingen {afdelingen:.3f} s", afdelingen <= AFDELINGEN_SECONDS,
             f"≤ {AFDELINGEN_SECONDS} s"),
            (f"1000 slides {thousand.median:.3f} s", thousand.median <= THOUSAND_SECONDS,
             f"≤ {THOUSAND_SECONDS} s"),
            (f"peak RSS at 1000 slides {max(thousand.peak_mb):.0f} MB",
             max(thousand.peak_mb) <= PEAK_MB_1000, f"≤ {PEAK_MB_1000} MB"),
        ]
        if ("5000 slides", code) in results:
            growth = results[("5000 slides", code)].median / thousand.median
            checks.append((f"5000 ÷ 1000 slides {growth:.2f}×", growth <= LINEAR_5000,
                           f"≤ {LINEAR_5000}× (linear: 5×)"))
        for text, met, budget in checks:
            print(f"  {code:<9} {text:<36} {budget:<24} {'met' if met else 'MISSED'}")
    if same:
        print(f"\n{same}")


if __name__ == "__main__":
    main()
