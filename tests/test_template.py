"""The brand template: layouts.yaml matches template.pptx; broken brands are reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from deck_builder.errors import DeckError
from deck_builder.kinds import KINDS
from deck_builder.template import load_template, resolve_template
from tests.conftest import LAYOUTS, TEMPLATE_DIR, assert_inside, locate_in

ROLES = {name: kind.roles for name, kind in KINDS.items()}


def test_every_kind_has_a_layout_with_its_roles() -> None:
    assert set(LAYOUTS) == set(KINDS)
    prs = Presentation(str(TEMPLATE_DIR / "template.pptx"))
    assert len(prs.slides) == 0
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    for kind, config in LAYOUTS.items():
        layout = layouts[config["layout"]]
        idx = {ph.placeholder_format.idx for ph in layout.placeholders}
        for role in KINDS[kind].roles:
            assert config["roles"][role]["idx"] in idx, (kind, role)
        for role, spec in config["roles"].items():
            if "max_pt" in spec:
                assert 0 < spec["min_pt"] <= spec["max_pt"], (kind, role)


def test_load_template_reads_geometry_and_brand() -> None:
    template = load_template(TEMPLATE_DIR, ROLES)
    prs = Presentation(str(TEMPLATE_DIR / "template.pptx"))
    assert template.slide_width == prs.slide_width
    for kind, spec in template.layouts.items():
        assert spec.name == LAYOUTS[kind]["layout"]
        for role, role_spec in spec.roles.items():
            rect = role_spec.rect
            slide = (0, 0, template.slide_width, template.slide_height)
            assert_inside((rect.x, rect.y, rect.w, rect.h), slide, slack=0)
            text = role_spec.text_rect
            assert 0 < text.w <= rect.w, (kind, role)
            assert 0 < text.h <= rect.h, (kind, role)
    assert all(len(colour) == 6 for colour in template.brand.colours.values())
    assert template.brand.fonts.regular.is_file()


def test_resolve_template_by_name_and_path(tmp_path: Path) -> None:
    content = TEMPLATE_DIR.parent.parent / "content"
    assert resolve_template("vng", content) == TEMPLATE_DIR.resolve()
    assert resolve_template(str(TEMPLATE_DIR), tmp_path) == TEMPLATE_DIR.resolve()
    with pytest.raises(DeckError, match="not found"):
        resolve_template("bestaat-niet", tmp_path)


@pytest.fixture
def brand_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "merk"
    shutil.copytree(TEMPLATE_DIR, folder)
    return folder


def _edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def test_unknown_layout_name_is_located(brand_copy: Path) -> None:
    layouts = brand_copy / "layouts.yaml"
    text = _edit(layouts, "layout: Citaat", "layout: Citaten")
    with pytest.raises(DeckError) as caught:
        load_template(brand_copy, ROLES)
    (problem,) = caught.value.problems
    assert "'Citaten'" in problem.message
    assert problem.where is not None
    assert problem.where.path == layouts
    # Located at the kind's key in layouts.yaml.
    assert (problem.where.line, problem.where.column) == locate_in(text, "quote:")


def test_all_template_problems_at_once(brand_copy: Path) -> None:
    layouts = brand_copy / "layouts.yaml"
    _edit(layouts, "body: {idx: 13, max_pt: 28, min_pt: 16}", "body: {idx: 99, max_pt: 28}")
    _edit(layouts, "layout: Kengetal", "layout: Bestaat niet")
    with pytest.raises(DeckError) as caught:
        load_template(brand_copy, ROLES)
    messages = [p.message for p in caught.value.problems]
    assert len(messages) == 2
    assert any("idx 99" in m for m in messages)
    assert any("'Bestaat niet'" in m for m in messages)


def test_missing_template_file(brand_copy: Path) -> None:
    (brand_copy / "template.pptx").unlink()
    with pytest.raises(DeckError, match="template build"):
        load_template(brand_copy, ROLES)


def test_bad_brand_colour(brand_copy: Path) -> None:
    text = _edit(brand_copy / "brand.yaml", 'accent: "E5761A"', "accent: oranje")
    with pytest.raises(DeckError) as caught:
        load_template(brand_copy, ROLES)
    (problem,) = caught.value.problems
    assert problem.where is not None
    assert (problem.where.line, problem.where.column) == locate_in(text, "oranje")


def test_a_template_that_is_not_a_pptx_is_a_clean_error(brand_copy: Path) -> None:
    (brand_copy / "template.pptx").write_text("geen zip", encoding="utf-8")
    with pytest.raises(DeckError, match=r"not a \.pptx file"):
        load_template(brand_copy, ROLES)


def test_a_template_that_claims_gigabytes_is_refused_unread(brand_copy: Path) -> None:
    # A zip member whose declared size is huge: refused from the directory alone.
    import zipfile

    path = brand_copy / "template.pptx"
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ppt/media/padding.bin", b"\0" * 250_000_000)
    with pytest.raises(DeckError, match="unpacks to"):
        load_template(brand_copy, ROLES)
