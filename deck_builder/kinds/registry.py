"""What a slide kind declares (`SlideKind`) and the registry of the kinds a build knows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from types import MappingProxyType
from typing import NamedTuple

from deck_builder.content.records import SlideBase
from deck_builder.planning.planner import Planner
from deck_builder.template.design import LayoutDesign
from deck_builder.template.needs import PICTURE, SIZE_CLASSES, LayoutNeed, Recipe, Role


class SlideKind(NamedTuple):
    """Everything about one slide kind; its module declares one as `KIND`.

    - `name`: what `kind:` says in the content; `model`: the record a slide of the kind
      is validated into (its `kind` field is `Literal[name]`); `plan`: its planner.
    - `roles`: the boxes its content goes into, required and optional, with the size
      class of their text (see template.needs.Role).
    - How a template's layout is chosen for it (see template.matching): `layout_names`,
      what layouts made for it are called, in any language; `hints`, what a layout's
      name announcing a concept adds (the kind's own concept, named after it, is worth
      8); `recipe`, how its roles are placed on a layout (None: one after another).
    - Content: `files`, keys of its own records whose text names a file (beside the
      content's own `file:` and `logo:`); `literal`, keys whose text is a name or a
      reference, never a place for `{variables}` (beside `kind`, `id`, `file`, `logo`).
    - `design`: the layout the brand template builder draws for it (None: none).
    - `fields`: the field of its record each role shows where the names differ
      (`left_body` → `left.body`), so messages name what the content writes.
    """

    name: str
    model: type[SlideBase]
    plan: Planner
    roles: tuple[Role, ...]
    layout_names: tuple[str, ...] = ()
    hints: Mapping[str, float] = MappingProxyType({})
    recipe: Recipe | None = None
    files: frozenset[str] = frozenset()
    literal: frozenset[str] = frozenset()
    design: LayoutDesign | None = None
    fields: Mapping[str, str] = MappingProxyType({})

    @property
    def required(self) -> tuple[str, ...]:
        """The roles every slide of the kind fills."""
        return tuple(role.name for role in self.roles if role.required)

    @property
    def need(self) -> LayoutNeed:
        """What the kind asks of a template's layouts."""
        return LayoutNeed(self.name, self.roles, self.layout_names, self.hints, self.recipe)


class Registry(Mapping[str, SlideKind]):
    """The slide kinds a build knows, by name, in the order they were registered.

    Content validation, template matching, planning and the brand template builder all
    read the kinds from here; `planners` is a live view for the planner.
    """

    def __init__(self, kinds: Iterable[SlideKind] = ()) -> None:
        self._kinds: dict[str, SlideKind] = {}
        self.planners: Mapping[str, Planner] = _Planners(self._kinds)
        for kind in kinds:
            self.register(kind)

    def __getitem__(self, name: str) -> SlideKind:
        return self._kinds[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)

    def register(self, kind: SlideKind) -> SlideKind:
        """Add `kind` (returned, so a module may write `KIND = register(SlideKind(…))`).

        Raises ValueError when a kind of that name is known already, or when the kind
        contradicts itself: a role named twice, an unknown size class.
        """
        if kind.name in self._kinds:
            raise ValueError(f"a slide kind {kind.name!r} is registered already")
        names = [role.name for role in kind.roles]
        doubled = sorted({name for name in names if names.count(name) > 1})
        if doubled:
            raise ValueError(f"slide kind {kind.name!r} names roles twice: {', '.join(doubled)}")
        for role in kind.roles:
            if role.size != PICTURE and role.size not in SIZE_CLASSES:
                raise ValueError(f"role {role.name!r} of slide kind {kind.name!r} has an "
                                 f"unknown size class {role.size!r} (classes: "
                                 f"{', '.join([*SIZE_CLASSES, PICTURE])})")
        self._kinds[kind.name] = kind
        return kind

    def unregister(self, name: str) -> None:
        """Forget the kind `name` (KeyError when it is not registered)."""
        del self._kinds[name]

    @contextmanager
    def registered(self, *kinds: SlideKind) -> Iterator[None]:
        """Know `kinds` inside the `with` block only (for a tool or a test)."""
        added: list[str] = []
        try:
            for kind in kinds:
                self.register(kind)
                added.append(kind.name)
            yield
        finally:
            for name in reversed(added):
                self.unregister(name)

    def layout_needs(self) -> tuple[LayoutNeed, ...]:
        """What every kind asks of a template, for loading one (template.load); a kind
        with no roles (one that borrows other kinds' layouts) asks nothing."""
        return tuple(kind.need for kind in self._kinds.values() if kind.roles)

    def field_names(self) -> dict[str, Mapping[str, str]]:
        """Per kind, the field each role shows where it is named otherwise (for the
        planner's messages, see planning.planner.PlanContext.fields)."""
        return {name: kind.fields for name, kind in self._kinds.items() if kind.fields}

    def designs(self) -> dict[str, LayoutDesign]:
        """The brand template's layout design of every kind that has one."""
        return {name: kind.design for name, kind in self._kinds.items()
                if kind.design is not None}


class _Planners(Mapping[str, Planner]):
    """The planners of a registry's kinds, by kind name (follows the registry)."""

    def __init__(self, kinds: Mapping[str, SlideKind]) -> None:
        self._kinds = kinds

    def __getitem__(self, name: str) -> Planner:
        return self._kinds[name].plan

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)
