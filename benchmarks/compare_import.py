"""What `deck-builder import`, pandoc's pptx reader and markitdown keep of the same decks.

Not a timing: a side-by-side count on decks made here (nothing is downloaded):

  foreign     python-pptx's default template filled by a script (the import tests' deck)
  pandoc      a Markdown talk written to .pptx by pandoc
  pptxgenjs   a deck PptxGenJS made (tests/importing/node; needs Node.js and the module)
  ours        the default content built by deck-builder
  order       four text boxes in two columns, written to the XML in a scrambled order
  impress     the sample slides of LibreOffice's Candy and Grey_Elegant templates

For each deck and tool it prints:

  text     share of the source's text (every paragraph of slides and notes, as read
           from the XML) found in what the tool wrote, markup and white space aside
  notes    share of the speaker notes' paragraphs found
  levels   share of sub-bullets (level 1 and deeper) still nested under their parent
  order    whether the two-column slide reads column by column (the order deck)

deck-builder's text counts the slides it shows as they are (`slides-from`) as kept, as
its import report does. pandoc needs version 3.8.3 or later (its pptx reader); PyPI's
`pypandoc-binary` carries one:

    python benchmarks/compare_import.py --pandoc PATH-TO-PANDOC --markitdown markitdown
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import yaml  # noqa: E402
from pptx import Presentation  # noqa: E402
from pptx.util import Inches, Pt  # noqa: E402

from deck_builder import pipeline  # noqa: E402
from deck_builder.content import richtext  # noqa: E402
from deck_builder.content.schema import Record, record_fields  # noqa: E402
from deck_builder.importing import import_deck  # noqa: E402
from deck_builder.importing.reader import read_deck  # noqa: E402

TALK = """---
title: Woningbouw in de regio
author: Team Wonen
---

# Aanleiding

## Waarom nu?

- Tekort van **390.000** woningen
    - vooral *betaalbare* huur
        - in alle regio's
- Bouwtempo moet [omhoog](https://example.org/tempo)

::: notes
Begin met het verhaal van de wethouder.
:::

## Twee sporen

:::::::::::::: {.columns}
::: {.column width="50%"}
Spoor 1: versnellen van procedures en vergunningen
:::
::: {.column width="50%"}
Spoor 2: meer geld voor betaalbare woningen
:::
::::::::::::::
"""
_CONTINUED = re.compile(r"\s*\((?:vervolg|continued)(?: \d+)?\)$")
ORDER = ("Links boven: eerst dit", "Links onder: dan dit", "Rechts boven: daarna dit",
         "Rechts onder: tot slot dit")


# -- the decks ----------------------------------------------------------------------------


def make_decks(folder: Path, pandoc_writer: str | None) -> dict[str, Path]:
    """Every deck that can be made here, by name."""
    from tests.importing.decks import foreign_deck

    decks = {"foreign": foreign_deck(folder / "foreign.pptx")}
    if pandoc_writer:
        (folder / "talk.md").write_text(TALK, encoding="utf-8")
        subprocess.run([pandoc_writer, "talk.md", "-o", "talk.pptx"], cwd=folder, check=True)
        decks["pandoc"] = folder / "talk.pptx"
    node_dir = REPO / "tests" / "importing" / "node"
    if shutil.which("node") and (node_dir / "node_modules" / "pptxgenjs").is_dir():
        from PIL import Image

        Image.new("RGB", (1600, 900), "#5b8c2a").save(folder / "kaart.png")
        subprocess.run(["node", str(node_dir / "make_deck.js"), str(folder / "pptxgenjs.pptx"),
                        str(folder / "kaart.png")], cwd=node_dir, check=True)
        decks["pptxgenjs"] = folder / "pptxgenjs.pptx"
    pipeline.build(REPO / "content", folder / "ours.pptx")
    decks["ours"] = folder / "ours.pptx"
    decks["order"] = _order_deck(folder / "order.pptx")
    decks.update(_impress(folder))
    return decks


def _order_deck(path: Path) -> Path:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # title only
    slide.shapes.title.text = "Twee kolommen"
    places = {ORDER[0]: (1, 2), ORDER[1]: (1, 4), ORDER[2]: (5.5, 2), ORDER[3]: (5.5, 4)}
    for text in (ORDER[3], ORDER[0], ORDER[2], ORDER[1]):  # not the reading order
        left, top = places[text]
        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(3.5), Inches(1.5))
        box.text_frame.text = text
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(20)
    prs.save(str(path))
    return path


def _impress(folder: Path) -> dict[str, Path]:
    from tests.fixtures.third_party import impress_template

    soffice = shutil.which("soffice")
    sources = {name: impress_template(name) for name in ("Candy", "Grey_Elegant")}
    found = [str(source) for source in sources.values() if source is not None]
    if soffice is None or not found:
        return {}
    subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pptx", "--outdir", str(folder), *found],
                   capture_output=True, check=False, timeout=600)
    return {f"impress {name}": folder / f"{name}.pptx" for name in sources
            if (folder / f"{name}.pptx").is_file()}


# -- what the source holds ----------------------------------------------------------------


def source_facts(deck: Path) -> dict[str, Any]:
    """The source's paragraphs, its notes' paragraphs and its sub-bullets with their
    parents, read with python-pptx and deck-builder's package reader."""
    texts = read_deck(deck).texts
    notes: list[str] = []
    nested: list[tuple[str, str, int]] = []  # (parent, child, level)
    for slide in Presentation(str(deck)).slides:
        if slide.has_notes_slide:
            notes += [p.text.strip() for p in slide.notes_slide.notes_text_frame.paragraphs
                      if p.text.strip()]
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            stack: list[tuple[int, str]] = []
            for paragraph in shape.text_frame.paragraphs:
                text = paragraph.text.strip()
                if not text:
                    continue
                while stack and stack[-1][0] >= paragraph.level:
                    stack.pop()
                if paragraph.level and stack:
                    nested.append((_CONTINUED.sub("", stack[-1][1]), text, paragraph.level))
                stack.append((paragraph.level, text))
    return {"texts": texts, "notes": notes, "nested": nested}


# -- the tools ----------------------------------------------------------------------------


class Output:
    """What a tool wrote: its text, flattened, and each paragraph's nesting depth."""

    def __init__(self, text: str, depths: dict[str, int], kept_shown: list[str]) -> None:
        self.flat = flatten(text + " " + " ".join(kept_shown))
        self.depths = {flatten(key): depth for key, depth in depths.items()}


def flatten(text: str) -> str:
    """Text without Markdown markup and with white space collapsed."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their words
    text = re.sub(r"\\(.)", r"\1", text)
    text = re.sub(r"[*_`#>|]+", " ", text)
    return " ".join(text.split())


def run_deck_builder(deck: Path, work: Path) -> Output:
    folder = work / f"db-{deck.stem}"
    import_deck(deck, folder, force=True)
    content = pipeline.load_deck(folder)
    pieces: list[str] = []
    depths: dict[str, int] = {}

    def walk(value: Any, depth: int) -> None:
        if isinstance(value, tuple):
            for item in value:
                walk(item, depth)
        elif isinstance(value, Record):
            fields = record_fields(type(value))
            if "text" in fields and "items" in fields:  # a body item and its sub-items
                plain = "".join(run.text for run in value.text)
                pieces.append(plain)
                depths[plain] = depth
                walk(value.items, depth + 1)
                return
            for name in fields:
                walk(getattr(value, name), depth)

    # The files first, in the order the deck shows them: the reading order is theirs.
    for path in [folder / "deck.yaml", *sorted(folder.glob("sections/*.yaml")),
                 *sorted(folder.glob("*.yaml"))]:
        if path.is_file():
            pieces += _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    for slide in content.slides:
        walk(slide, 0)
    # What the content shows once built (slides kept as they are, the dates and labels
    # a build writes) counts as kept: the rebuilt deck is read like the source.
    rebuilt = work / f"db-{deck.stem}-again.pptx"
    pipeline.build(folder, rebuilt)
    return Output("\n".join(pieces), depths, read_deck(rebuilt).texts)


def _strings(value: Any) -> list[str]:
    """Every string in a loaded YAML value, inline markup read as text."""
    if isinstance(value, str):
        try:
            return [richtext.plain(richtext.parse(value))]
        except ValueError:
            return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in [str(key), *_strings(item)]]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return [str(value)]


def run_markdown(command: list[str]) -> Output:
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    markdown = done.stdout
    return Output(markdown, _markdown_depths(markdown), [])


def _markdown_depths(markdown: str) -> dict[str, int]:
    """Each list item's text with its depth (by indentation among the list's items)."""
    depths: dict[str, int] = {}
    indents: list[int] = []
    for line in markdown.splitlines():
        item = re.match(r"^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$", line)
        if not item:
            if line.strip():
                indents = []
            continue
        indent = len(item[1].expandtabs(4))
        while indents and indents[-1] > indent:
            indents.pop()
        if not indents or indents[-1] < indent:
            indents.append(indent)
        depths[flatten(item[2])] = len(indents) - 1
    return depths


# -- the table ------------------------------------------------------------------------------


def measure(facts: dict[str, Any], out: Output, deck_name: str) -> dict[str, str]:
    def share(texts: list[str], found: Callable[[str], bool]) -> str:
        if not texts:
            return "–"
        return f"{100 * sum(1 for t in texts if found(t)) / len(texts):.0f} %"

    text = share(facts["texts"], lambda t: flatten(t) in out.flat)
    notes = share(facts["notes"], lambda t: flatten(t) in out.flat)
    levels = share([child for _parent, child, _level in facts["nested"]],
                   lambda child: _nested(child, facts, out))
    order = "–"
    if deck_name == "order":
        places = [out.flat.find(flatten(text)) for text in ORDER]
        order = "right" if all(p >= 0 for p in places) and places == sorted(places) else \
            "wrong"
    return {"text": text, "notes": notes, "levels": levels, "order": order}


def _nested(child: str, facts: dict[str, Any], out: Output) -> bool:
    parent, level = next((p, lv) for p, c, lv in facts["nested"] if c == child)
    child_depth = _depth(out, child)
    parent_depth = _depth(out, parent)
    return child_depth is not None and parent_depth is not None and \
        child_depth - parent_depth >= 1 and child_depth >= level


def _depth(out: Output, text: str) -> int | None:
    wanted = flatten(text)
    for key, depth in out.depths.items():
        if wanted and (key == wanted or key.endswith(wanted) or wanted in key):
            return depth
    return None


def rows(decks: dict[str, Path], tools: dict[str, Callable[[Path], Output]]
         ) -> Iterator[tuple[str, str, dict[str, str]]]:
    for name, deck in decks.items():
        facts = source_facts(deck)
        for tool, run in tools.items():
            yield name, tool, measure(facts, run(deck), name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pandoc", help="a pandoc with the pptx reader (3.8.3 or later)")
    parser.add_argument("--markitdown", help="the markitdown command")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        writer = arguments.pandoc or shutil.which("pandoc")
        decks = make_decks(work, writer)
        tools: dict[str, Callable[[Path], Output]] = {
            "deck-builder": lambda deck: run_deck_builder(deck, work)}
        if arguments.pandoc:
            tools["pandoc"] = lambda deck: run_markdown(
                [arguments.pandoc, "-f", "pptx", "-t", "markdown", str(deck)])
        if arguments.markitdown:
            tools["markitdown"] = lambda deck: run_markdown([arguments.markitdown, str(deck)])
        print("| deck | tool | text kept | notes kept | levels kept | reading order |")
        print("|---|---|---|---|---|---|")
        for deck, tool, found in rows(decks, tools):
            print(f"| {deck} | {tool} | {found['text']} | {found['notes']} | "
                  f"{found['levels']} | {found['order']} |")


if __name__ == "__main__":
    main()
