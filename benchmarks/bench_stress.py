"""Whole-process time and output size of building the stress deck (tests/stress/).

The stress content is copied to a temporary folder and its pictures are drawn there
(tests/stress/pictures.py: a 24-megapixel photo, a phone photo with EXIF rotation, a
CMYK JPEG, a WebP, a 1 × 2000 px strip, logos); then each run is a fresh interpreter:

  python -m deck_builder build <tmp>/stress -o <tmp>/stress.pptx

run from the repository (so `template: vng` is found in templates/). It prints the
median, min and max wall-clock seconds and the median CPU seconds (user + sys of the
child), the number of slides and the size of the deck.

    python benchmarks/bench_stress.py            # 7 runs
    python benchmarks/bench_stress.py --runs 11  # at least 5
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
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.stress.pictures import copy_stress_set  # noqa: E402  (needs REPO on the path)


def run_once(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of `command`; it must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=REPO, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    """Draw the pictures, build `--runs` times, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs (at least 5)")
    args = parser.parse_args()
    runs = max(args.runs, 5)
    with tempfile.TemporaryDirectory(prefix="deck-stress-") as temp:
        content = copy_stress_set(Path(temp) / "stress")
        pictures = sum(f.stat().st_size for f in content.rglob("*") if f.suffix in
                       {".jpg", ".png", ".webp"})
        out = Path(temp) / "stress.pptx"
        command = [sys.executable, "-m", "deck_builder", "build", str(content), "-o", str(out)]
        run_once(command)  # warm the OS file cache; not counted
        results = [run_once(command) for _ in range(runs)]
        size = out.stat().st_size
        with zipfile.ZipFile(out) as archive:
            slides = sum(1 for name in archive.namelist()
                         if name.startswith("ppt/slides/slide") and name.endswith(".xml"))
            media = sum(info.file_size for info in archive.infolist()
                        if info.filename.startswith("ppt/media/"))
    walls = [wall for wall, _ in results]
    print(f"stress deck: {runs} runs, fresh interpreter per run ({sys.executable})")
    print(f"environment: PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')}")
    print(f"pictures in:  {pictures / 1e6:.1f} MB")
    print(f"{'':10}{'median s':>10}{'min s':>8}{'max s':>8}{'CPU s':>8}")
    print(f"{'build':10}{statistics.median(walls):10.2f}{min(walls):8.2f}{max(walls):8.2f}"
          f"{statistics.median(cpu for _, cpu in results):8.2f}")
    print(f"output:      {slides} slides, {size / 1e6:.2f} MB ({media / 1e6:.2f} MB of pictures)")


if __name__ == "__main__":
    main()
