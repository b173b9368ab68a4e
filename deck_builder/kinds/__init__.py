"""The slide kinds: one module each, listed once in KINDS.

A kind is its content model (what `kind: <name>` accepts), the template roles it
needs, and its planner (model → slide plans). To add a kind, write a module with a
`KIND = SlideKind(...)` and add it to the tuple below.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from deck_builder.content.records import SlideBase
from deck_builder.planning.model import SlidePlan


class SlideKind(NamedTuple):
    """One slide kind: its YAML name, model, required template roles and planner.

    `roles` are those every slide of the kind needs; a role for optional content
    (a caption, an attribution) may be left out of a template, and is asked for only
    by a slide that has that content.
    """

    name: str
    model: type[SlideBase]
    roles: tuple[str, ...]
    plan: Callable[[Any, Any], list[SlidePlan]]


def _registry() -> dict[str, SlideKind]:
    from deck_builder.kinds import (
        agenda,
        bullets,
        closing,
        image,
        partners,
        quote,
        section,
        statistic,
        title,
        two_column,
    )

    kinds = (
        title.KIND,
        agenda.KIND,
        section.KIND,
        bullets.KIND,
        quote.KIND,
        statistic.KIND,
        two_column.KIND,
        partners.KIND,
        image.KIND,
        closing.KIND,
    )
    return {kind.name: kind for kind in kinds}


KINDS: dict[str, SlideKind] = _registry()
PLANNERS = {name: kind.plan for name, kind in KINDS.items()}
