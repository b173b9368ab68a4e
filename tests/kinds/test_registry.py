"""The registry of slide kinds: what the package registers, and registering more."""

from __future__ import annotations

import pytest

from deck_builder.kinds import KINDS, PLANNERS, Registry, SlideKind
from deck_builder.kinds.bullets import KIND as BULLETS
from tests.conftest import LAYOUTS


def test_every_kind_of_the_package_declares_its_layout_and_design() -> None:
    assert list(KINDS) == ["title", "agenda", "section", "bullets", "quote", "statistic",
                           "two-column", "partners", "image", "table", "chart", "closing",
                           "slides-from"]
    # A copied slide borrows the layout of the kind its own layout stands for.
    borrowing = {name for name, kind in KINDS.items() if not kind.roles}
    assert borrowing == {"slides-from"}
    # The brand template has a layout per kind; every role it maps has a designed box.
    assert set(KINDS.designs()) == set(LAYOUTS)
    for name, kind in KINDS.items():
        if name in borrowing:
            assert kind.design is None
            continue
        assert kind.required, name
        assert set(LAYOUTS[name]["roles"]) <= {role.name for role in kind.roles}, name
        design = kind.design
        assert design is not None
        assert set(LAYOUTS[name]["roles"]) <= set(design.placeholders), name
        assert bool(LAYOUTS[name].get("dark", False)) == design.dark, name


def test_planners_follow_the_registry() -> None:
    registry = Registry([BULLETS])
    planners = registry.planners
    assert dict(planners) == {"bullets": BULLETS.plan}
    other = SlideKind("opsomming", BULLETS.model, BULLETS.plan, BULLETS.roles)
    with registry.registered(other):
        assert list(planners) == ["bullets", "opsomming"]
        assert [need.kind for need in registry.layout_needs()] == ["bullets", "opsomming"]
    assert list(planners) == ["bullets"]
    assert PLANNERS["bullets"] is BULLETS.plan


def _fail_with(kind: SlideKind) -> None:
    with KINDS.registered(kind):
        assert kind.name in KINDS
        raise RuntimeError("the block fails")


def test_a_failed_block_still_forgets_its_kinds() -> None:
    other = SlideKind("opsomming", BULLETS.model, BULLETS.plan, BULLETS.roles)
    with pytest.raises(RuntimeError):
        _fail_with(other)
    assert "opsomming" not in KINDS


def test_a_kind_may_not_name_a_role_twice() -> None:
    doubled = SlideKind("dubbel", BULLETS.model, BULLETS.plan, (*BULLETS.roles, BULLETS.roles[0]))
    with pytest.raises(ValueError, match="names roles twice: title"):
        Registry([doubled])
