"""What tables and charts cost a build: a deck with 10 charts and 10 tables against the
same deck without them, each built by a fresh interpreter as a user runs the command.

Both decks share 20 bullet slides; the data deck adds 10 charts (every type, from CSV
files of 12 categories × 3 series) and 10 tables (from CSV files of 15 rows × 5
columns). Runs are interleaved (plain, data, plain, ...) after one unmeasured warm-up
of each, so a machine that gets busier meanwhile slows both alike. Printed: median wall
seconds of each, their ratio, and the size of each deck.

    python benchmarks/bench_data_kinds.py
    python benchmarks/bench_data_kinds.py --runs 11
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "templates" / "vng"
CHARTS = (("column", "clustered"), ("column", "stacked"), ("column", "percent"),
          ("bar", "clustered"), ("bar", "stacked"), ("line", "clustered"),
          ("pie", "clustered"), ("doughnut", "clustered"), ("combo", "clustered"),
          ("scatter", "clustered"))


def write_deck(folder: Path, data: bool) -> Path:
    """A content folder: 20 bullet slides, and with `data` 10 charts and 10 tables."""
    folder.mkdir(parents=True)
    slides = [f"  - kind: bullets\n    title: Onderwerp {n}\n    body: [Punt een, Punt twee]\n"
              for n in range(20)]
    if data:
        (folder / "cijfers").mkdir()
        series = "Regio;2024;2030;2040\n" + "".join(
            f"Regio {n};{n * 12},5;{n * 7 + 3},25;{n * 5 + 1}\n" for n in range(1, 13))
        points = "X;Y\n" + "".join(f"{n},5;{n * n}\n" for n in range(1, 13))
        (folder / "cijfers" / "reeksen.csv").write_text(series, encoding="utf-8")
        (folder / "cijfers" / "punten.csv").write_text(points, encoding="utf-8")
        for number, (kind, stacking) in enumerate(CHARTS):
            source = "punten" if kind == "scatter" else "reeksen"
            picked = "\n    series: ['2030']" if kind in {"pie", "doughnut"} else ""
            slides.append(f"  - kind: chart\n    title: Grafiek {number}\n    type: {kind}\n"
                          f"    stacking: {stacking}\n    data: cijfers/{source}.csv\n"
                          f"    labels: true{picked}\n")
        rows = "Gemeente;Inwoners;Woningen;Aandeel;Budget\n" + "".join(
            f"Gemeente {n};{n * 1234};{n * 456};{n % 30},5%;€ {n * 1000},50\n"
            for n in range(1, 16))
        for number in range(10):
            (folder / "cijfers" / f"tabel{number}.csv").write_text(rows, encoding="utf-8")
            slides.append(f"  - kind: table\n    title: Tabel {number}\n"
                          f"    data: cijfers/tabel{number}.csv\n    first_column: true\n")
    (folder / "deck.yaml").write_text(
        f"title: Benchmark\ndate: 2025-12-04\ntemplate: {TEMPLATE}\nslides:\n"
        + "".join(slides), encoding="utf-8")
    return folder


def run_once(content: Path, out: Path, env: dict[str, str]) -> float:
    """Wall seconds of one successful build."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "deck_builder", "build", str(content), "-o", str(out)],
                   cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs of each deck")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-data-") as work_name:
        work = Path(work_name)
        env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONSAFEPATH": "1",
               "XDG_CACHE_HOME": str(work / "cache")}
        decks = {"plain": write_deck(work / "plain", False),
                 "data": write_deck(work / "data", True)}
        outs = {name: work / f"{name}.pptx" for name in decks}
        times: dict[str, list[float]] = {name: [] for name in decks}
        for name in decks:  # warm-up: caches and bytecode, as a user's second build
            run_once(decks[name], outs[name], env)
        for _ in range(args.runs):
            for name in decks:
                times[name].append(run_once(decks[name], outs[name], env))
        plain, data = (statistics.median(times[name]) for name in ("plain", "data"))
        for name, median in (("plain (20 slides)", plain),
                             ("data (20 + 10 charts + 10 tables)", data)):
            key = name.split()[0]
            print(f"{name:36} median {median:.3f} s   {outs[key].stat().st_size / 1000:.0f} kB")
        print(f"{'ratio data / plain':36} {data / plain:.2f}×  ({args.runs} interleaved runs)")


if __name__ == "__main__":
    main()
