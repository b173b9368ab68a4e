"""`deck-builder import`: any .pptx or .potx → a content folder that builds.

Stages, one way: `reader` reads the deck into source records (safely: it is untrusted
input), `classify` turns each slide into the kind it is, `writer` writes the YAML, and
`import_deck` checks that the written content loads before moving the folder into
place whole. The report says what each slide became, what was approximated, and how
much of the source's text the content holds.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deck_builder import pipeline
from deck_builder.content import richtext
from deck_builder.content.i18n import LANGUAGES
from deck_builder.errors import DeckError
from deck_builder.files import write_folder
from deck_builder.importing.classify import SOURCE_FOLDER, Imported, classify
from deck_builder.importing.model import Approximation
from deck_builder.importing.reader import all_texts, read_bytes, read_file
from deck_builder.importing.writer import files as content_files
from deck_builder.schemas import FILES, render

_CONTINUED = re.compile(r"\s*\((?:vervolg|continued)(?: \d+)?\)$")


@dataclass
class ImportReport:
    """What an import did: slides read, what each became, what was approximated."""

    source: Path
    folder: Path
    slides: int
    kinds: list[tuple[list[int], str]]
    approximations: list[Approximation]
    text_total: int
    text_kept: int
    files: list[str]

    @property
    def kept_share(self) -> float:
        """The share of the source's text (in characters) found in the content."""
        return 1.0 if self.text_total == 0 else self.text_kept / self.text_total

    def as_json(self) -> str:
        """The report as JSON (stable keys, for scripts)."""
        return json.dumps({
            "source": str(self.source),
            "folder": str(self.folder),
            "slides": self.slides,
            "kinds": [{"slides": numbers, "kind": kind} for numbers, kind in self.kinds],
            "approximations": [{"slide": a.slide, "what": a.what}
                               for a in self.approximations],
            "text": {"characters": self.text_total, "kept": self.text_kept,
                     "share": round(self.kept_share, 4)},
            "files": self.files,
        }, ensure_ascii=False, indent=2)

    def as_text(self) -> str:
        """The report as lines for people."""
        lines = [f"imported {self.source} ({self.slides} slides) into {self.folder}"]
        for numbers, kind in self.kinds:
            shown = ", ".join(str(n) for n in numbers)
            lines.append(f"  slide {shown}: {kind}")
        if self.approximations:
            lines.append(f"{len(self.approximations)} approximated:")
            lines.extend(f"  slide {a.slide}: {a.what}" for a in self.approximations)
        lines.append(f"text kept: {self.kept_share:.1%} of {self.text_total} characters")
        folder = shlex.quote(str(self.folder))
        lines.append(f"next: deck-builder build {folder}   (or: deck-builder serve {folder})")
        return "\n".join(lines)


def import_deck(source: Path, folder: Path, force: bool = False,
                today: dt.date | None = None) -> ImportReport:
    """Import the deck at `source` into a new content folder at `folder`.

    The folder must not exist (or be empty) unless `force`, which replaces it whole.
    Nothing is written when anything fails: the files go to a temporary folder beside
    it, are loaded and validated as `build` would, and only then moved into place.
    Raises DeckError for a deck that cannot be read, or a folder that cannot be written.
    """
    if folder.exists() and not force and (not folder.is_dir() or any(folder.iterdir())):
        raise DeckError(f"{folder}: exists already and is not empty; nothing was written "
                        "(give a new folder, or --force to replace it)")
    data = read_file(source)
    deck = read_bytes(data, source)
    imported = classify(deck, source.stem, today or dt.date.today(), _safe_name(source))
    if not imported.slides:
        raise DeckError(f"{source.name}: no slide has text, pictures or notes, so there is "
                        f"nothing to import and nothing was written. To make decks in its "
                        f"design, use it as a template: deck-builder template init "
                        f"{source.name} NAME")
    written = content_files(imported, source.name)
    if imported.shown_as_they_are:
        written[f"{SOURCE_FOLDER}/{_safe_name(source)}"] = data
    for key, name in FILES.items():
        if key in {"deck", "section", "partners"}:
            written[f"schemas/{name}"] = render(key).encode()
    write_folder(written, folder, replace=force, check=_loads)
    shown = [text for slide in deck.slides if slide.number in imported.shown_as_they_are
             for text in slide.texts]
    kept, total = _measure(deck.texts, imported, shown)
    kinds = [(slide.numbers, str(slide.content.get("kind"))) for slide in imported.slides]
    return ImportReport(source, folder, len(deck.slides), kinds, imported.approximations,
                        total, kept, sorted(written))


def _safe_name(source: Path) -> str:
    """The source's file name as a content file may be called (.pptx kept)."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", source.stem).strip("-.") or "bron"
    return f"{stem}.pptx"


def _measure(texts: list[str], imported: Imported, shown: list[str]) -> tuple[int, int]:
    """(characters of the source's text found in the content, characters in all); the
    text of slides shown as they are (`shown`) is in the content's deck too."""
    haystack = all_texts([*_strings(imported), *shown])
    total = kept = 0
    for text in texts:
        needle = all_texts([_CONTINUED.sub("", text)])
        total += len(needle)
        if needle in haystack:
            kept += len(needle)
    return kept, total


def _strings(imported: Imported) -> list[str]:
    found: list[str] = []

    def walk(value: Any, key: str = "") -> None:
        if isinstance(value, str):
            if key in {"file", "logo", "kind", "id", "include"}:
                return
            try:
                found.append(richtext.plain(richtext.parse(value)))
            except ValueError:
                found.append(value)
        elif isinstance(value, dict):
            for name, item in value.items():
                walk(item, str(name))
                if key == "" and isinstance(name, str) and value is imported.partners:
                    found.append(name)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item, key)
        elif isinstance(value, dt.date):
            found.append(value.isoformat())

    walk(imported.meta)
    for slide in imported.slides:
        walk(slide.content)
        found.extend(slide.shows)
    walk(imported.partners)
    # What the content makes a build write without being told: the long date, the
    # default titles and labels of the deck's language, the numbers of its sections.
    language = LANGUAGES[str(imported.meta.get("language", "nl"))]
    date = imported.meta.get("date")
    if isinstance(date, dt.date):
        found.append(language.long_date(date))
    found.extend((language.agenda, language.closing, language.contact, language.partners,
                  language.quote))
    sections = sum(1 for slide in imported.slides if slide.opens_section)
    found.extend(f"{number:02d}" for number in range(1, sections + 1))
    return found


def _loads(staging: Path) -> None:
    """Refuse content that does not load as `build` would load it (a bug of ours)."""
    try:
        pipeline.load_deck(staging)
    except DeckError as error:
        raise DeckError(f"the imported content does not load, so nothing was written; "
                        f"please report this: {error}") from None
