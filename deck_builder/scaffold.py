"""A new content folder to start from: `deck-builder new [DIR]`.

It holds a commented deck file, one section file, one picture, the JSON Schemas the
files' first lines point editors at, and a README on what to do next. It builds and
passes `deck-builder check` as it is, on the brand that comes with deck-builder.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

from deck_builder.errors import DeckError
from deck_builder.files import write_folder
from deck_builder.schemas import FILES, render

SECTION_FILE = "sections/01-eerste-onderwerp.yaml"
PICTURE_FILE = "images/voorbeeld.png"

_DECK = """\
# yaml-language-server: $schema=schemas/deck.schema.json
# The deck: its metadata, then the slides in order. Build it with
#   deck-builder build {folder}
# and check it first (nothing is written) with
#   deck-builder check {folder}
# Every slide has a `kind:` (title, agenda, section, bullets, quote, statistic,
# two-column, partners, image, closing); your editor completes the keys.

title: Mijn presentatie           # required; also names the file: output/mijn-presentatie.pptx
subtitle: Een ondertitel          # optional
date: {date}                  # required, YYYY-MM-DD
organisation: Mijn organisatie
presenter: Mijn naam
language: nl                      # nl or en: labels, dates, spell-check language
template: vng                     # the built-in brand, or a folder in templates/

slides:
  - kind: title                   # its fields default to the metadata above

  - kind: agenda                  # without items: the titles of the section slides

  # The slides of a section file, in place. One file per agenda item keeps a long
  # deck easy to edit.
  - include: {section}

  - kind: closing
    title: Vragen?
    body: Neem gerust contact met ons op.
    contact: [Mijn naam, naam@example.org]   # an e-mail address becomes a link
"""

_SECTION = """\
# yaml-language-server: $schema=../schemas/section.schema.json
# A section file: a list of slides. Paths (pictures) are relative to this file.

- kind: section                   # a divider with a large number (01, 02, ...)
  title: Eerste onderwerp

- kind: bullets
  id: hoofdpunten                 # optional: a stable name (used by afdelingen.yaml)
  title: De hoofdpunten
  body:
    - Een bullet is een regel tekst
    - text: Een bullet met sub-bullets
      items:                      # sub-bullets: `text:` and `items:`, not "- - "
        - Tweede niveau
        - Nog een punt op het tweede niveau
    - "**Vet** en *cursief*: een regel die met * of ** begint staat tussen aanhalingstekens"
    - paragraph: "Een alinea zonder bullet, met [een link](https://example.org)."
  notes: Sprekersnotities staan alleen in de notitieweergave.

- kind: image
  title: Een afbeelding
  picture:
    file: ../{picture}
    alt: Drie gekleurde vlakken (voorbeeldafbeelding)   # read out by screen readers
    caption: Vervang deze afbeelding door uw eigen
"""

_README = """\
# {folder}

The content of a deck for deck-builder: `deck.yaml` (the deck and its slides),
`{section}` (the slides of one agenda item), `{picture}` (a picture a slide
shows) and `schemas/` (for editors that complete and check the YAML).

What to do next: edit `deck.yaml` and `{section}`, then run
`deck-builder check {folder}` and `deck-builder build {folder}`; the deck is written to
`output/mijn-presentatie.pptx`. `deck-builder --help` lists every command.
"""


def create(folder: Path, today: dt.date | None = None) -> list[Path]:
    """Write a new content folder at `folder`; returns the files written, in order.

    The folder must not exist yet, or be empty: nothing is ever overwritten. The files
    are written to a temporary folder beside it and moved into place together, so a
    failure leaves nothing behind. Raises DeckError when the folder exists with files
    in it, or when it cannot be written.
    """
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        what = "folder" if folder.is_dir() else "file"
        raise DeckError(
            f"{folder}: a {what} of that name exists already and is not empty; nothing "
            "was written (give a new folder: deck-builder new NAME)"
        )
    shown = _shown(folder)
    files = _files(shown, today or dt.date.today())
    write_folder(files, folder)
    return [folder / name for name in files]


def _shown(folder: Path) -> str:
    """The folder as the user named it in a command (relative when that is shorter)."""
    try:
        relative = os.path.relpath(folder)
    except ValueError:  # another drive on Windows
        return str(folder)
    return str(folder) if relative.startswith("..") else relative


def _files(folder: str, today: dt.date) -> dict[str, bytes]:
    """The scaffold's files by their path inside the folder."""
    values = {"folder": folder, "date": today.isoformat(), "section": SECTION_FILE,
              "picture": PICTURE_FILE}
    files = {
        "deck.yaml": _DECK.format(**values).encode(),
        SECTION_FILE: _SECTION.format(**values).encode(),
        PICTURE_FILE: _picture(),
        "README.md": _README.format(**values).encode(),
    }
    for key, name in FILES.items():
        files[f"schemas/{name}"] = render(key).encode()
    return files


def _picture() -> bytes:
    """A small stand-in picture: three coloured panels, made here rather than shipped."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 400), "#f4f4f4")
    draw = ImageDraw.Draw(image)
    for index, colour in enumerate(("#14365d", "#e5761a", "#2a9d8f")):
        draw.rectangle((40 + index * 200, 60, 200 + index * 200, 340), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
