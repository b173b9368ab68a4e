"""Whole-process time of building the default deck, against python-pptx's floor.

Each run is a fresh interpreter (subprocess), so imports and template loading count,
as they do for someone typing the command:

  build   python -m deck_builder build content --output <tmp>/x.pptx
  floor   python -c "import pptx; pptx.Presentation().save(path)"
  import  python -c "import deck_builder.cli.commands, deck_builder.pipeline"  (for context:
          how much of `build` is spent importing before any work starts)
  1st build  `build` with an empty cache folder each run: the brand folder's template
          check is not remembered yet (as on the first build after installing, or
          after editing the brand folder); `build` reuses one cache folder

The cases are run interleaved (build, floor, import, 1st build, build, ...) so that a busy
machine slows all of them alike; the table gives the median, min and max wall-clock
seconds and the median CPU seconds (user + sys of the child), then build ÷ floor.
The budget is a ratio of at most 2.5 (see bench_budgets.py for all the budgets).

    python benchmarks/bench_build.py            # 7 runs of each
    python benchmarks/bench_build.py --runs 11
    python benchmarks/bench_build.py --bytecode # with a warm .pyc cache (in a temp
                                                # folder), as on a normal install

Without --bytecode the environment decides: with PYTHONDONTWRITEBYTECODE set (as in
this sandbox) deck_builder's own modules are compiled from source on every run.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_RATIO = 2.5


def run_once(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of `command`; it must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    # stderr too: the default deck's fit warnings would flood the table
    subprocess.run(command, check=True, cwd=REPO, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    """Run every case `--runs` times, interleaved, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per case (at least 5)")
    parser.add_argument("--bytecode", action="store_true",
                        help="write and use .pyc files (in a temporary cache folder)")
    args = parser.parse_args()
    runs = max(args.runs, 5)
    python = sys.executable  # the interpreter itself: no pyenv/venv shim in the timing
    with tempfile.TemporaryDirectory(prefix="deck-bench-") as temp:
        env = dict(os.environ)
        if args.bytecode:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(temp) / "pycache")
        env["XDG_CACHE_HOME"] = str(Path(temp) / "cache")  # deck-builder's cache, kept
        build = [python, "-m", "deck_builder", "build", "content",
                 "--output", str(Path(temp) / "x.pptx")]
        cases = {
            # --output, not -o: click answers a short option by first trying it as a
            # long one, and the failed try imports difflib for suggestions; the user's
            # `deck-builder build` has no option at all.
            "build": build,
            "floor": [python, "-c", "import sys, pptx; pptx.Presentation().save(sys.argv[1])",
                      str(Path(temp) / "floor.pptx")],
            "import": [python, "-c", "import deck_builder.cli.commands, deck_builder.pipeline"],
            # The first build after installing, or after editing the brand folder: the
            # template check is not remembered yet (a fresh cache folder every run).
            "1st build": build,
        }
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
        for command in cases.values():  # warm the OS file cache (and .pyc); not counted
            run_once(command, env)
        for run in range(runs):
            for name, command in cases.items():
                run_env = env
                if name == "1st build":
                    run_env = {**env, "XDG_CACHE_HOME": str(Path(temp) / f"cache-{run}")}
                results[name].append(run_once(command, run_env))

    print(f"{runs} runs each, fresh interpreter per run ({python})")
    if args.bytecode:
        bytecode = "warm (--bytecode)"
    elif os.environ.get("PYTHONDONTWRITEBYTECODE"):
        bytecode = "off (PYTHONDONTWRITEBYTECODE is set)"
    else:
        bytecode = "as the environment leaves it"
    print(f".pyc cache: {bytecode}; {os.cpu_count()} cpus")
    print(f"\n{'case':<10} {'median s':>9} {'min s':>7} {'max s':>7} {'cpu s':>7}")
    medians: dict[str, tuple[float, float]] = {}
    for name, samples in results.items():
        walls = [wall for wall, _ in samples]
        cpus = [cpu for _, cpu in samples]
        medians[name] = (statistics.median(walls), statistics.median(cpus))
        print(f"{name:<10} {medians[name][0]:>9.3f} {min(walls):>7.3f} {max(walls):>7.3f} "
              f"{medians[name][1]:>7.3f}")
    wall_ratio = medians["build"][0] / medians["floor"][0]
    cpu_ratio = medians["build"][1] / medians["floor"][1]
    verdict = "meets" if wall_ratio <= TARGET_RATIO else "misses"
    print(f"\nbuild ÷ floor: {wall_ratio:.2f}× wall, {cpu_ratio:.2f}× cpu "
          f"({verdict} the ≤ {TARGET_RATIO:g}× target)")
    first = medians["1st build"][0] / medians["floor"][0]
    print(f"1st build ÷ floor (template check not yet remembered): {first:.2f}× wall")


if __name__ == "__main__":
    main()
