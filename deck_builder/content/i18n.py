"""Labels and date formats for the text deck-builder writes into decks itself."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple


class Language(NamedTuple):
    """Everything language-specific in a generated deck."""

    code: str  # the deck's `language:` value
    tag: str  # BCP 47 tag written on every text run, for spell checking
    continued: str  # suffix of a continuation slide's title
    agenda: str  # default title of the agenda slide
    closing: str  # default title of the closing slide
    contact: str  # heading of the contact block on the closing slide
    partners: str  # label in front of a column's partner list
    quote: str  # title of a quote slide that names none itself
    months: tuple[str, ...]

    # Headings an import gives figures that have none: a table's column, a chart's
    # series and its categories.
    column: str
    series: str
    category: str

    hours: str  # how a time span is written, e.g. `{start}–{end} uur`

    def long_date(self, date: dt.date) -> str:
        """The date as written in running text, e.g. `4 december 2025`."""
        return f"{date.day} {self.months[date.month - 1]} {date.year}"

    def time_span(self, start: str | None, end: str | None) -> str:
        """`13:30–16:00 uur`, `13:30 uur` or an empty string."""
        if not start:
            return ""
        if not end:
            return self.hours.format(span=start)
        return self.hours.format(span=f"{start}–{end}")


LANGUAGES: dict[str, Language] = {
    "nl": Language(
        code="nl",
        tag="nl-NL",
        continued="vervolg",
        agenda="Agenda",
        closing="Dank voor uw aandacht",
        contact="Contact",
        partners="Partners",
        quote="Citaat",
        hours="{span} uur",
        months=(
            "januari", "februari", "maart", "april", "mei", "juni", "juli",
            "augustus", "september", "oktober", "november", "december",
        ),
        column="Kolom",
        series="Reeks",
        category="Categorie",
    ),
    "en": Language(
        code="en",
        tag="en-GB",
        continued="continued",
        agenda="Agenda",
        closing="Thank you",
        contact="Contact",
        partners="Partners",
        quote="Quote",
        hours="{span}",
        months=(
            "January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December",
        ),
        column="Column",
        series="Series",
        category="Category",
    ),
}
