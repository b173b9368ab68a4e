"""The brand's floor for body text: `body_min_pt` in layouts.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from deck_builder.errors import DeckError
from deck_builder.kinds import KINDS
from deck_builder.template.load import load_template
from deck_builder.template.needs import BODY_CLASSES, BODY_FLOOR
from tests.conftest import TEMPLATE_DIR, locate_in

NEEDS = KINDS.layout_needs()
SIZE_CLASS = {(need.kind, role.name): role.size for need in NEEDS for role in need.roles}


def brand_with(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of our brand with one text of its layouts.yaml replaced."""
    brand = tmp_path / "brand"
    shutil.copytree(TEMPLATE_DIR, brand)
    path = brand / "layouts.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return brand


def body_roles(template_dir: Path) -> dict[tuple[str, str], float]:
    template = load_template(template_dir, NEEDS)
    return {(kind, role): spec.min_pt for kind, layout in template.layouts.items()
            for role, spec in layout.roles.items()
            if SIZE_CLASS.get((kind, role)) in BODY_CLASSES}


def test_our_brand_sets_body_text_at_16_pt_at_least() -> None:
    floors = body_roles(TEMPLATE_DIR)
    assert floors
    assert min(floors.values()) >= 16


def test_the_setting_raises_every_body_roles_floor_and_no_other(tmp_path: Path) -> None:
    brand = brand_with(tmp_path, "body_min_pt: 16", "body_min_pt: 18")
    floors = body_roles(brand)
    assert set(floors.values()) >= {18.0}
    assert min(floors.values()) == 18
    template = load_template(brand, NEEDS)
    # A caption is not body text: its own floor stays.
    assert template.layouts["image"].roles["caption"].min_pt == 12
    for layout in template.layouts.values():
        for spec in layout.roles.values():
            assert spec.max_pt >= spec.min_pt


def test_without_the_setting_body_text_is_never_below_14_pt(tmp_path: Path) -> None:
    # Even where a role's own min_pt says less.
    brand = brand_with(tmp_path, "body_min_pt: 16\n", "")
    layouts = brand / "layouts.yaml"
    text = layouts.read_text(encoding="utf-8")
    layouts.write_text(text.replace("body: {idx: 13, max_pt: 24, min_pt: 16}",
                                    "body: {idx: 13, max_pt: 24, min_pt: 12}"), "utf-8")
    floors = body_roles(brand)
    assert floors[("bullets", "body")] == BODY_FLOOR


@pytest.mark.parametrize("value", ["11.5", "8", "0"])
def test_a_floor_under_12_pt_is_an_error_at_its_line(tmp_path: Path, value: str) -> None:
    brand = brand_with(tmp_path, "body_min_pt: 16", f"body_min_pt: {value}")
    with pytest.raises(DeckError) as caught:
        load_template(brand, NEEDS)
    (problem,) = caught.value.problems
    assert problem.where is not None
    text = (brand / "layouts.yaml").read_text(encoding="utf-8")
    line, _ = locate_in(text, "body_min_pt:")
    assert problem.where.line == line
    assert "12" in problem.message
