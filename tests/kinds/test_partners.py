"""`kind: partners`: a grid of tiles, one per partner, with logo or name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pptx.presentation import Presentation as PresentationType

from tests.conftest import (
    LAYOUTS,
    Content,
    ContentMaker,
    assert_inside,
    assert_role_sizes,
    descr,
    make_png,
    pictures,
    rect_of,
    role_shape,
)

Builder = Callable[[Content], PresentationType]
PARTNERS = """\
IPO:
  name: Interprovinciaal Overleg
  url: https://www.ipo.nl
  logo: logos/ipo.png
LTO:
  name: Land- en Tuinbouw Organisatie Nederland
  url: https://www.lto.nl
VNG:
  name: VNG
"""


def test_partner_tiles_show_logos_and_names(
    make_content: ContentMaker, build_deck: Builder, tmp_path: Path
) -> None:
    make_png(tmp_path / "content" / "logos" / "ipo.png", (200, 80))
    slides = """\
    - kind: partners
      title: Samen met
      intro: Deze organisaties werkten mee.
      partners: [IPO, LTO, VNG]
    """
    prs = build_deck(make_content(slides, partners=PARTNERS))
    (slide,) = prs.slides
    assert slide.slide_layout.name == LAYOUTS["partners"]["layout"]
    assert role_shape(slide, "partners", "title").text_frame.text == "Samen met"
    assert role_shape(slide, "partners", "body").text_frame.text == "Deze organisaties werkten mee."
    assert_role_sizes(slide, "partners", "title")
    assert_role_sizes(slide, "partners", "body")

    (logo,) = pictures(slide)
    assert descr(logo) == "Interprovinciaal Overleg"  # alt text: the partner's full name
    assert logo.click_action.hyperlink.address == "https://www.ipo.nl"
    assert abs(logo.width / logo.height - 200 / 80) < 0.01

    tiles = {
        s.text_frame.text: s
        for s in slide.shapes
        if not s.is_placeholder and s.has_text_frame and s.text_frame.text
    }
    # Without a logo a tile shows the abbreviation and the full name; a name equal to
    # the abbreviation is shown once.
    assert set(tiles) == {"LTO\nLand- en Tuinbouw Organisatie Nederland", "VNG"}
    lto = tiles["LTO\nLand- en Tuinbouw Organisatie Nederland"]
    assert lto.click_action.hyperlink.address == "https://www.lto.nl"
    assert lto.text_frame.paragraphs[0].runs[0].font.bold
    # The logo sits inside its own tile; tiles do not overlap.
    boxes = [s for s in slide.shapes if not s.is_placeholder and s.name.startswith("Tegel")]
    assert len(boxes) == 3
    ipo_tile = next(s for s in boxes if s.name.endswith("IPO"))
    assert_inside(rect_of(logo), rect_of(ipo_tile))
    for a in boxes:
        for b in boxes:
            if a is not b:
                apart = (
                    a.left + a.width <= b.left
                    or b.left + b.width <= a.left
                    or a.top + a.height <= b.top
                    or b.top + b.height <= a.top
                )
                assert apart, (a.name, b.name)


def test_many_partners_fit_in_the_body_area(
    make_content: ContentMaker, build_deck: Builder
) -> None:
    names = [f"P{n}" for n in range(12)]
    partners = "".join(f"{n}:\n  name: Partner nummer {n}\n" for n in names)
    prs = build_deck(
        make_content(
            f"- kind: partners\n  title: Veel\n  partners: [{', '.join(names)}]\n",
            partners=partners,
        )
    )
    slide = prs.slides[0]
    idx = LAYOUTS["partners"]["roles"]["body"]["idx"]
    area = next(p for p in slide.slide_layout.placeholders if p.placeholder_format.idx == idx)
    tiles = [s for s in slide.shapes if not s.is_placeholder and s.name.startswith("Tegel")]
    assert len(tiles) == 12
    for tile in tiles:
        assert_inside(rect_of(tile), rect_of(area))
        assert tile.text_frame.text.split("\n")[1].startswith("Partner nummer")
