"""What a slide kind asks of a template, as plain values the template layer reads.

Each kind (see deck_builder.kinds) declares its roles (the boxes its content goes
into), the words layouts made for it are called by, what a layout's name is worth to
it, and its recipe (how its roles are placed on a layout). `matching` places kinds on
layouts by these and `load` sizes each role's text by its size class; neither knows
any kind by name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from deck_builder.template.placement import Placement

# Size classes: (low, high, min as a share of max, lowest min) in points, for a 7.5 inch
# high slide. A role's text gets a size range from its class and the size its
# placeholder inherits (see load.role_sizes).
SIZE_CLASSES: dict[str, tuple[float, float, float, float]] = {
    "display": (28, 54, 0.6, 20), "heading": (20, 40, 0.6, 16), "subtitle": (16, 32, 0.6, 12),
    "body": (14, 28, 0.55, 12), "quote": (18, 36, 0.45, 14), "minor": (14, 24, 0.7, 12),
    "line": (12, 20, 0.7, 12), "number": (36, 72, 0.55, 24), "figure": (48, 150, 0.4, 32),
}
BODY_FLOOR = 14.0
"""No body text (size classes in BODY_CLASSES) is set smaller on any template: smaller
does not read in a meeting room. A layouts.yaml may ask more (our own template: 16)."""
BODY_CLASSES = frozenset({"body", "minor", "quote"})
PICTURE = "picture"
"""The size class of a role that holds a picture: it has no text, and a placeholder is
never drawn for it (the planner places the picture in its box)."""
DEFAULT_LINE_PT = 16.0


class Role(NamedTuple):
    """One role of a slide kind.

    `size`: its size class (SIZE_CLASSES, or PICTURE). `required`: every slide of the
    kind fills it (a template must give it a place); an optional role is filled only
    by slides with that content. `decoration`: used only where a layouts.yaml maps a
    placeholder to it (a section's automatic number), never searched for. `line_pt`:
    the text size the matcher assumes for a line it carves out of another box for it.
    """

    name: str
    size: str = "body"
    required: bool = False
    decoration: bool = False
    line_pt: float = DEFAULT_LINE_PT


Recipe = Callable[["Placement"], None]
"""Places a kind's roles on one layout (see placement.Placement); None: placement.generic."""


class LayoutNeed(NamedTuple):
    """What one slide kind asks of a template's layouts.

    `names`: phrases a layout made for the kind is called by, in any language (folded,
    stop words left out, see matching.name_tokens; "=word" must be the whole name); they
    make the concept named after the kind. `hints`: what a layout's name announcing a
    concept (the kind's own, or one of matching.CONCEPTS) adds to its score.
    """

    kind: str
    roles: tuple[Role, ...]
    names: tuple[str, ...] = ()
    hints: Mapping[str, float] = MappingProxyType({})
    recipe: Recipe | None = None

    @property
    def required(self) -> tuple[str, ...]:
        """The roles every slide of the kind fills, in declared order."""
        return tuple(role.name for role in self.roles if role.required)

    @property
    def placed(self) -> tuple[str, ...]:
        """Every role worth a place on a layout: the required ones, then the optional
        ones (so content is never dropped); decoration is left to layouts.yaml."""
        optional = [role.name for role in self.roles
                     if not role.required and not role.decoration]
        return tuple(dict.fromkeys([*self.required, *optional]))

    def size_class(self, role: str) -> str:
        """The size class of `role` ("body" for a role the kind does not declare)."""
        return next((r.size for r in self.roles if r.name == role), "body")

    def line_pt(self, role: str) -> float:
        """The text size the matcher assumes for a line carved out for `role`."""
        return next((r.line_pt for r in self.roles if r.name == role), DEFAULT_LINE_PT)

    @property
    def pictures(self) -> frozenset[str]:
        """The roles that hold a picture."""
        return frozenset(role.name for role in self.roles if role.size == PICTURE)

    def key(self) -> tuple[object, ...]:
        """The need as plain values with a stable repr (the recipe by its name), for
        keying what is remembered about a template."""
        recipe = (f"{self.recipe.__module__}.{self.recipe.__qualname__}"
                  if self.recipe is not None else None)
        return (self.kind, self.roles, self.names, tuple(sorted(self.hints.items())), recipe)
