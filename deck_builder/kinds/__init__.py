"""The slide kinds: one module each, registered once in KINDS.

A kind's module declares everything about it as one `KIND = SlideKind(...)` (see
`registry.SlideKind`): its content record and planner, its roles and their text sizes,
how a template's layout is chosen and filled for it, which of its fields name files or
are literal text, and the layout the brand template builder draws for it. Everything
else reads the kinds from KINDS. A new kind is its module, imported and listed in KINDS
below (the list's order is the order kinds are offered and checked in); code that adds
a kind of its own (a test, a tool) calls `register`, or `KINDS.registered(...)` for the
length of a `with` block.
"""

from __future__ import annotations

from deck_builder.kinds import (
    agenda,
    bullets,
    chart,
    closing,
    image,
    partners,
    quote,
    section,
    slides_from,
    statistic,
    table,
    title,
    two_column,
)
from deck_builder.kinds.registry import Registry, SlideKind

__all__ = ["KINDS", "PLANNERS", "Registry", "SlideKind", "register"]

KINDS = Registry((
    title.KIND,
    agenda.KIND,
    section.KIND,
    bullets.KIND,
    quote.KIND,
    statistic.KIND,
    two_column.KIND,
    partners.KIND,
    image.KIND,
    table.KIND,
    chart.KIND,
    closing.KIND,
    slides_from.KIND,
))
PLANNERS = KINDS.planners
register = KINDS.register
