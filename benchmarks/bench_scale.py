"""How build time grows with deck size, against a by-hand python-pptx loop.

For each N in SIZES this script writes a content folder with N `bullets` slides of
realistic Dutch text (4–6 bullets, some with sub-bullets) into a temporary folder,
builds it with `python -m deck_builder build` in a fresh interpreter (median of
RUNS runs; sizes ≥ SINGLE_RUN_FROM get one run) and, in the same session, runs the
baseline: a plain python-pptx script that opens the same template and, per slide,
calls `slides.add_slide(layout)` and fills the title and body placeholders (reading
the YAML with libyaml, so that the baseline is python-pptx's time). A third series
runs that loop with `SlideFactory.add_slide` instead, to show the slide-creation fix
on its own.

Prints wall and CPU seconds (CPU = user + sys of the child: less disturbed when other
work shares the machine), wall milliseconds per slide and the CPU growth ratio from
the previous size (linear growth gives the ratio of the sizes, ~2× per doubling).

    python benchmarks/bench_scale.py                 # N = 250 500 1000 5000
    python benchmarks/bench_scale.py 250 500 1000    # other sizes
    python benchmarks/bench_scale.py --no-baseline   # skip the slow by-hand loop
    python benchmarks/bench_scale.py --keep DIR      # keep the generated content in DIR
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "templates" / "vng"
SIZES = (250, 500, 1000, 5000)
RUNS = 3
SINGLE_RUN_FROM = 5000  # the by-hand baseline takes about a minute here

# Sentences in the register of the seed deck, recombined per slide so that no two
# slides are identical (identical text would flatter any caching in the planner).
_TOPICS = (
    "Nota Ruimte", "stikstof", "woningbouw", "energietransitie", "Omgevingswet",
    "landelijk gebied", "natuurherstel", "grondbeleid", "waterbeheer", "mobiliteit",
    "regionale samenwerking", "gemeentefonds", "netcongestie", "bodemkwaliteit",
)
_BULLETS = (
    "Gemeenten vragen om duidelijkheid over de rolverdeling rond {t}",
    "De uitvoering van {t} vraagt meer capaciteit bij gemeenten en provincies",
    "Bestuurlijk overleg met het Rijk over {t} staat gepland voor het voorjaar",
    "Financiering van {t} is nog niet structureel geregeld",
    "Leden zijn via de afdelingen geraadpleegd over {t}",
    "Het kabinet kiest voor een gebiedsgerichte aanpak van {t}",
    "Gemeenten willen eerder betrokken worden bij keuzes over {t}",
    "De VNG brengt knelpunten rond {t} in bij de formatie",
    "Er komt een handreiking voor gemeenten over {t}",
    "Afstemming met IPO en Unie van Waterschappen over {t} loopt",
    "Inzet op lobby en ambtelijke ondersteuning rondom {t}",
    "De commissie stemt in met de zienswijze over {t}",
)
_SUBS = (
    "besproken in de commissie RWM",
    "ambtelijke werkgroep start in {m}",
    "zie ook de ledenbrief van {m}",
    "input uit de afdelingen verwerkt",
    "vervolg na het bestuurlijk overleg",
    "planning: besluit in {m}",
)
_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "september", "oktober")
_TITLES = (
    "Stand van zaken {t}", "Inzet VNG op {t}", "Aandachtspunten {t}",
    "Vervolgstappen {t}", "Reactie van gemeenten op {t}",
)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (the text has no quotes or backslashes)."""
    return '"' + text + '"'


def slide_yaml(number: int, rng: random.Random) -> str:
    """The YAML of one `bullets` slide: a title and 4–6 bullets, some with sub-bullets."""
    topic = rng.choice(_TOPICS)
    lines = [
        "  - kind: bullets",
        f"    id: punt-{number}",
        "    title: " + _q(f"{rng.choice(_TITLES).format(t=topic)} ({number})"),
        "    body:",
    ]
    count = rng.randint(4, 6)
    for index, template in enumerate(rng.sample(_BULLETS, count)):
        text = template.format(t=rng.choice(_TOPICS) if index else topic)
        if rng.random() < 0.3:
            lines.append("      - text: " + _q(text))
            lines.append("        items:")
            for sub in rng.sample(_SUBS, rng.randint(1, 2)):
                lines.append("          - " + _q(sub.format(m=rng.choice(_MONTHS))))
        else:
            lines.append("      - " + _q(text))
    return "\n".join(lines) + "\n"


def write_content(folder: Path, slides: int, seed: int = 2025) -> Path:
    """Write `folder/deck.yaml` with `slides` bullet slides; returns the deck file."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    head = (
        f"title: Schaaltest {slides} dia's\n"
        "date: 2025-12-04\n"
        "organisation: VNG\n"
        "language: nl\n"
        # An absolute path (it contains a slash) is used as given; see resolve_template.
        f"template: {TEMPLATE.as_posix()}\n"
        f"slug: schaal-{slides}\n"
        "slides:\n"
    )
    deck = folder / "deck.yaml"
    deck.write_text(head + "".join(slide_yaml(n, rng) for n in range(1, slides + 1)),
                    encoding="utf-8")
    return deck


# The baseline: what someone would write by hand with python-pptx. With argv[4] ==
# "factory" the same loop creates its slides with deck_builder.render.fastslides.SlideFactory,
# which isolates the effect of the slide-creation fix from the rest of the pipeline.
_BY_HAND = """
import sys, yaml
from pptx import Presentation
deck = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.CSafeLoader)
prs = Presentation(sys.argv[2])
layout = next(l for l in prs.slide_layouts if l.name == "Tekst")
if sys.argv[4] == "factory":
    from deck_builder.render.fastslides import SlideFactory
    add_slide = SlideFactory(prs).add_slide
else:
    add_slide = prs.slides.add_slide
for slide in deck["slides"]:
    new = add_slide(layout)
    ph = {p.placeholder_format.idx: p for p in new.placeholders}
    ph[0].text = slide["title"]
    lines = []
    for item in slide["body"]:
        if isinstance(item, str):
            lines.append((0, item))
        else:
            lines.append((0, item["text"]))
            lines.extend((1, sub) for sub in item["items"])
    frame = ph[13].text_frame
    frame.text = lines[0][1]
    for level, text in lines[1:]:
        para = frame.add_paragraph()
        para.text, para.level = text, level
prs.save(sys.argv[3])
"""


@dataclass(frozen=True)
class Row:
    """Median figures of one series at one size."""

    slides: int
    runs: int
    wall: float  # seconds
    cpu: float  # user + sys seconds of the child


def _timed(command: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of `command` in a fresh process (must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=REPO, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)  # the generated decks' fit warnings
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(command: list[str], slides: int, runs: int) -> Row:
    """Median wall and CPU seconds of `runs` runs of `command`."""
    samples = [_timed(command) for _ in range(runs)]
    return Row(slides, runs, statistics.median(w for w, _ in samples),
               statistics.median(c for _, c in samples))


def _table(title: str, rows: list[Row]) -> None:
    print(f"\n{title}")
    print(f"{'slides':>7} {'runs':>5} {'wall s':>8} {'cpu s':>8} {'ms/slide':>9}  growth (cpu)")
    previous: Row | None = None
    for row in rows:
        growth = ""
        if previous is not None:
            growth = f"{row.cpu / previous.cpu:.2f}× for {row.slides / previous.slides:g}× slides"
        print(f"{row.slides:>7} {row.runs:>5} {row.wall:>8.2f} {row.cpu:>8.2f} "
              f"{1000 * row.wall / row.slides:>9.2f}  {growth}")
        previous = row


def main() -> None:
    """Generate, build and time every size; print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES))
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--keep", type=Path, help="write the content folders here")
    args = parser.parse_args()

    python = sys.executable  # the interpreter itself: no pyenv/venv shim in the timing
    series: dict[str, list[Row]] = {"ours": [], "hand": [], "hand+factory": []}
    env_note = "" if not os.environ.get("PYTHONDONTWRITEBYTECODE") else " (no .pyc written)"
    with tempfile.TemporaryDirectory(prefix="deck-scale-") as temp:
        base = args.keep if args.keep is not None else Path(temp)
        for slides in args.sizes:
            runs = 1 if slides >= SINGLE_RUN_FROM else args.runs
            folder = base / f"scale-{slides}"
            deck = write_content(folder, slides)
            out = str(Path(temp) / f"scale-{slides}.pptx")
            commands = {"ours": [python, "-m", "deck_builder", "build", str(folder), "-o", out]}
            if not args.no_baseline:
                for name, mode in (("hand", "python-pptx"), ("hand+factory", "factory")):
                    commands[name] = [python, "-c", _BY_HAND, str(deck),
                                      str(TEMPLATE / "template.pptx"), out, mode]
            for name, command in commands.items():
                series[name].append(measure(command, slides, runs))
                print(f"{name} {slides}: {series[name][-1].wall:.2f} s", file=sys.stderr)

    print(f"python {sys.version.split()[0]}{env_note}, {os.cpu_count()} cpus; "
          f"median of {args.runs} runs, 1 run from {SINGLE_RUN_FROM} slides")
    _table("deck-builder build (whole process: load, validate, plan, render, save)",
           series["ours"])
    if series["hand"]:
        _table("by hand: python-pptx add_slide + fill title/body, save", series["hand"])
        _table("the same loop with fastslides.SlideFactory.add_slide", series["hand+factory"])
        print(f"\n{'slides':>7} {'ours ÷ by hand (wall)':>22}")
        for mine, theirs in zip(series["ours"], series["hand"], strict=True):
            print(f"{mine.slides:>7} {mine.wall / theirs.wall:>21.2f}×")


if __name__ == "__main__":
    main()
