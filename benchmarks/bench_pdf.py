"""PDF export of the default deck: untagged (LibreOffice's plain `pdf`) against tagged
PDF/UA (the export filter options and the finishing pass), runs interleaved; and the
accessibility report of the default content.

    python benchmarks/bench_pdf.py            # 7 runs of each, medians
    python benchmarks/bench_pdf.py --runs 11

Each PDF run starts LibreOffice with a fresh profile, as `build --pdf` does. Wall-clock
seconds; the tagged figure includes `pdf_tags.finish_pdf`.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from deck_builder import pipeline  # noqa: E402
from deck_builder.delivery import pdf  # noqa: E402
from deck_builder.delivery.pdf_tags import finish_pdf  # noqa: E402


def _cpu() -> float:
    """CPU seconds (user + sys) of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _export(deck: Path, work: Path, tagged: bool) -> tuple[float, float]:
    soffice = pdf.find_soffice()
    assert soffice is not None, "needs LibreOffice"
    start, cpu = time.perf_counter(), _cpu()
    target = pdf.export_filter() if tagged else "pdf"
    if tagged:
        pdf._write_locale(work / "profile", "nl-NL")
    produced = pdf._convert(soffice, deck, work / "out", work / "profile", 180, deck, target)
    if tagged:
        finish_pdf(produced.read_bytes(), deck.read_bytes())
    return time.perf_counter() - start, _cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        deck = pipeline.build(REPO / "content", folder / "deck.pptx").output
        times: dict[str, list[tuple[float, float]]] = {"untagged": [], "tagged": []}
        for run in range(runs):
            order = ("untagged", "tagged") if run % 2 == 0 else ("tagged", "untagged")
            for kind in order:
                with tempfile.TemporaryDirectory(dir=folder) as work:
                    times[kind].append(_export(deck, Path(work), kind == "tagged"))
        for kind, values in times.items():
            wall = [w for w, _ in values]
            cpu = [c for _, c in values]
            print(f"{kind:9} wall median {statistics.median(wall):.2f} s (min {min(wall):.2f}), "
                  f"CPU median {statistics.median(cpu):.2f} s, {runs} runs")
        report = folder / "toegankelijkheid.html"
        for label, extra in (("check", []), ("check --report", ["--report", str(report)])):
            spent, used = [], []
            for _ in range(max(3, runs // 2)):
                start, cpu = time.perf_counter(), _cpu()
                subprocess.run([sys.executable, "-m", "deck_builder", "check", "content", *extra],
                               cwd=REPO, capture_output=True, check=False)
                spent.append(time.perf_counter() - start)
                used.append(_cpu() - cpu)
            print(f"{label:15} wall median {statistics.median(spent):.2f} s, CPU median "
                  f"{statistics.median(used):.2f} s (content: 13 decks)")


if __name__ == "__main__":
    main()
