"""Every layout of the VNG template passes the accessibility check with every place filled.

The decks built from content only use some placeholders at some sizes; this fills each
text placeholder of each layout (and its footers) at both ends of its role's size range,
so a colour pair or a placeholder order that no content happens to reach is checked too.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pptx import Presentation
from pptx.presentation import Presentation as PresentationType
from pptx.util import Pt

from deck_builder.checks import check_deck
from tests.conftest import LAYOUTS, NS, TEMPLATE_DIR

_FOOTER_TYPES = {"dt", "ftr", "sldNum"}


def _sizes_by_idx(layout_name: str, end: str) -> dict[int, float]:
    """Placeholder idx → the role's `min_pt` or `max_pt` on the layout of that name."""
    (kind,) = [kind for kind in LAYOUTS.values() if kind["layout"] == layout_name]
    return {role["idx"]: role[end] for role in kind["roles"].values() if end in role}


def _add_footers(slide: Any, layout: Any) -> None:
    """Copy the layout's date, footer and slide-number placeholders onto the slide, with
    the layout's sample text (PowerPoint's Header & Footer dialog does the same)."""
    tree = slide.shapes._spTree
    for shape in layout.placeholders:
        ph = shape.element.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is not None and ph.get("type") in _FOOTER_TYPES:
            tree.append(copy.deepcopy(shape.element))


def _filled_template(end: str) -> PresentationType:
    """One slide per layout, every text placeholder filled, runs at the role's `end` size."""
    prs = Presentation(str(TEMPLATE_DIR / "template.pptx"))
    prs.core_properties.title = "Sjabloontest"
    for layout in prs.slide_layouts:
        sizes = _sizes_by_idx(layout.name, end)
        slide = prs.slides.add_slide(layout)
        for shape in slide.placeholders:
            idx = shape.placeholder_format.idx
            if idx not in sizes:
                continue  # a picture or logo place: no text
            # Unique titles: the same title twice is a finding of its own.
            shape.text_frame.text = f"{layout.name}: voorbeeldtekst {idx}"
            for run in shape.text_frame.paragraphs[0].runs:
                run.font.size = Pt(sizes[idx])
        _add_footers(slide, layout)
    return prs


@pytest.mark.parametrize("end", ["max_pt", "min_pt"])
def test_every_layout_filled_at_either_end_of_its_sizes_is_accessible(end: str) -> None:
    # Contrast (4.5:1, or 3:1 for large text) of every text colour on what lies behind
    # it, text of at least 12 pt, and a placeholder order that follows the visual order.
    prs = _filled_template(end)
    assert len(prs.slides) == len(LAYOUTS)
    report = check_deck(prs)
    assert report.findings == (), report.to_text()
