"""The copy of a deck an office suite converts: nothing in it to fetch.

LibreOffice fetches linked pictures, media and objects (`TargetMode="External"`
relationships other than hyperlinks) while it converts a deck, from any address,
local files included. A deck from elsewhere can carry such links, so what is handed to
it is a copy without them; hyperlinks stay (they are the user's, and exporting does
not follow them). A deck without linked content is handed over as it is.

What cannot be verified as a presentation package is not handed over at all: a DOCTYPE
can declare entities that a parser fetches, and LibreOffice opens a file by what it
holds, not by its name (a "deck.pptx" may be a web page or a flat OpenDocument file).
"""

from __future__ import annotations

from pathlib import Path

from deck_builder.errors import DeckError, Problem
from deck_builder.ooxml import external, reading

__all__ = ["offline_copy"]


def offline_copy(deck: bytes, shown: Path) -> bytes:
    """`deck` without what a reader would fetch to show it (the same bytes when there
    is nothing). Raises DeckError, naming `shown`, for a package that cannot be read
    safely (see `ooxml.reading`)."""
    try:
        members = reading.read_package(deck)
    except reading.PackageError as exc:
        raise DeckError(f"cannot convert {shown}: {exc}") from None
    problems = reading.package_problems(members)
    if problems:
        raise DeckError([Problem(f"cannot convert {shown}: {problem}") for problem in problems])
    cleaned, dropped = external.without_external(members, lambda link: link.fetched)
    return reading.write_members(cleaned) if dropped else deck
