"""Layout placeholders read from the XML agree with python-pptx's inheritance."""

from __future__ import annotations

import pptx
import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from deck_builder.ooxml.placeholders import LATENT_TYPES, layout_placeholders, slide_shape
from tests.conftest import TEMPLATE_DIR

STOCK = pptx.Presentation()  # python-pptx's own template: nothing of ours in it
OURS = Presentation(str(TEMPLATE_DIR / "template.pptx"))
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
TYPE_NAMES = {
    PP_PLACEHOLDER.TITLE: "title", PP_PLACEHOLDER.CENTER_TITLE: "ctrTitle",
    PP_PLACEHOLDER.SUBTITLE: "subTitle", PP_PLACEHOLDER.BODY: "body",
    PP_PLACEHOLDER.OBJECT: "obj", PP_PLACEHOLDER.PICTURE: "pic", PP_PLACEHOLDER.DATE: "dt",
    PP_PLACEHOLDER.FOOTER: "ftr", PP_PLACEHOLDER.SLIDE_NUMBER: "sldNum",
}


@pytest.mark.parametrize("presentation", [STOCK, OURS], ids=["stock", "vng"])
def test_geometry_matches_python_pptx(presentation: pptx.presentation.Presentation) -> None:
    checked = 0
    for layout in presentation.slide_layouts:
        found = layout_placeholders(layout.element, layout.slide_master.element)
        theirs = list(layout.placeholders)
        assert [p.idx for p in found] == [p.placeholder_format.idx for p in theirs]
        for mine, their in zip(found, theirs, strict=True):
            assert mine.type == TYPE_NAMES.get(their.placeholder_format.type, mine.type)
            assert mine.name == their.name
            assert mine.rect is not None
            # python-pptx inherits the position from the master as PowerPoint does.
            assert (mine.rect.x, mine.rect.y, mine.rect.w, mine.rect.h) == (
                their.left, their.top, their.width, their.height)
            checked += 1
    assert checked > 10


def test_position_insets_and_size_are_inherited_from_the_master() -> None:
    layout = STOCK.slide_layouts[1]  # "Title and Content"
    master = layout.slide_master.element
    # A copy of the layout whose title placeholder sets nothing of its own.
    bare = etree.fromstring(etree.tostring(layout.element))
    title = next(p for p in layout_placeholders(bare, master) if p.type == "title")
    for child in list(title.element):
        if child.tag.endswith(("}spPr", "}txBody")):
            title.element.remove(child)
    # A fresh copy: answers are cached per element, as templates do not change.
    stripped = etree.fromstring(etree.tostring(bare))
    inherited = next(p for p in layout_placeholders(stripped, master) if p.type == "title")
    assert inherited.element.find(f"{{{P}}}spPr") is None
    base = next(p for p in layout_placeholders(master, master) if p.type == "title")
    assert inherited.rect == base.rect is not None
    assert inherited.insets == base.insets
    # The stock master sizes titles in its text styles (44 pt), not on the placeholder.
    assert inherited.size == base.size == 44.0


def test_a_slide_copy_has_the_layout_placeholder_identity() -> None:
    for layout in STOCK.slide_layouts:
        for placeholder in layout_placeholders(layout.element, layout.slide_master.element):
            sp = slide_shape(placeholder, 7)
            ns = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main"}
            c_nv_pr = sp.find("p:nvSpPr/p:cNvPr", ns)
            ph = sp.find("p:nvSpPr/p:nvPr/p:ph", ns)
            assert c_nv_pr.get("id") == "7"
            assert c_nv_pr.get("name") == placeholder.name
            assert int(ph.get("idx", "0")) == placeholder.idx
            assert ph.get("type", "obj") == placeholder.type
            assert "hasCustomPrompt" not in ph.attrib
            # Text placeholders start with an empty paragraph, as PowerPoint makes them.
            has_body = sp.find("p:txBody", ns) is not None
            assert has_body == (placeholder.type != "pic")
    assert {"dt", "ftr", "sldNum"} == LATENT_TYPES
