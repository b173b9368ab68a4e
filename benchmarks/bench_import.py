"""Whole-process time of `deck-builder import` on a large deck, against a floor.

A deck of N bullet slides (default 1000) is built once from generated content (the
same generator as bench_scale.py), then these are run interleaved, each in a fresh
process, and their medians printed with the ratio to the floor:

  import  python -m deck_builder import deck.pptx -o <tmp> --force
  floor   python-pptx opening the deck and reading every shape's text (what any
          importer has to do at least)
  pandoc  pandoc -f pptx -t markdown (for context, when pandoc is installed)

The budget: 1000 slides import in under 3 s.

    python benchmarks/bench_import.py              # 1000 slides, 5 runs each
    python benchmarks/bench_import.py --slides 250 --runs 7
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scale import REPO, _timed, write_content

BUDGET_SECONDS = 3.0
_FLOOR = """
import sys
from pptx import Presentation
for slide in Presentation(sys.argv[1]).slides:
    for shape in slide.shapes:
        if shape.has_text_frame:
            shape.text_frame.text
"""


def main() -> None:
    """Build the deck, run the cases interleaved, print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slides", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_content(folder / "content", args.slides)
        deck = folder / "deck.pptx"
        subprocess.run([sys.executable, "-m", "deck_builder", "build", str(folder / "content"),
                        "-o", str(deck)], check=True, cwd=REPO, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        cases = {
            "import": [sys.executable, "-m", "deck_builder", "import", str(deck), "-o",
                       str(folder / "imported"), "--force"],
            "floor": [sys.executable, "-c", _FLOOR, str(deck)],
        }
        pandoc = shutil.which("pandoc")
        if pandoc:
            cases["pandoc"] = [pandoc, "-f", "pptx", "-t", "markdown", str(deck), "-o",
                               str(folder / "pandoc.md")]
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
        for _ in range(args.runs):
            for name, command in cases.items():
                try:
                    times[name].append(_timed(command))
                except subprocess.CalledProcessError:
                    times[name].append((float("nan"), float("nan")))
    floor = statistics.median(wall for wall, _cpu in times["floor"])
    print(f"{args.slides} slides, {args.runs} runs each, interleaved (seconds)")
    print(f"{'case':<8} {'wall':>8} {'min':>8} {'max':>8} {'cpu':>8} {'÷ floor':>8}")
    for name, values in times.items():
        walls = [wall for wall, _cpu in values]
        median = statistics.median(walls)
        cpu = statistics.median(c for _wall, c in values)
        print(f"{name:<8} {median:>8.2f} {min(walls):>8.2f} {max(walls):>8.2f} {cpu:>8.2f} "
              f"{median / floor:>8.2f}")
    took = statistics.median(wall for wall, _cpu in times["import"])
    verdict = "met" if took < BUDGET_SECONDS else "MISSED (a busy machine? see cpu)"
    print(f"budget: import under {BUDGET_SECONDS:g} s for 1000 slides: {verdict}")


if __name__ == "__main__":
    main()
