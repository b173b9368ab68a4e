"""`kind: partners`: a grid of tiles, one per partner, with logo or name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pptx.slide import Slide

from tests.conftest import (
    SlideBuilder,
    assert_inside,
    descr,
    free_text_shapes,
    kind_slides,
    make_png,
    pictures,
    rect_of,
)

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


def tiles(slide: Slide) -> list[Any]:
    """The partner tiles of a slide (shapes named `Tegel …`)."""
    return [s for s in slide.shapes if not s.is_placeholder and s.name.startswith("Tegel")]


def test_partner_tiles_show_logos_and_names(build_slides: SlideBuilder, tmp_path: Path) -> None:
    make_png(tmp_path / "content" / "logos" / "ipo.png", (200, 80))
    slides = """\
    - kind: partners
      title: Samen met
      intro: Deze organisaties werkten mee.
      partners: [IPO, LTO, VNG]
    """
    (slide,) = kind_slides(build_slides(slides, partners=PARTNERS), "partners")
    slide.check(
        {"title": "Samen met", "body": "Deze organisaties werkten mee."}, sized=("title", "body")
    )

    (logo,) = pictures(slide.slide)
    assert descr(logo) == "Interprovinciaal Overleg"  # alt text: the partner's full name
    assert logo.click_action.hyperlink.address == "https://www.ipo.nl"
    assert abs(logo.width / logo.height - 200 / 80) < 0.01

    named = {s.text_frame.text: s for s in free_text_shapes(slide.slide) if s.text_frame.text}
    # Without a logo a tile shows the abbreviation and the full name; a name equal to
    # the abbreviation is shown once.
    assert set(named) == {"LTO\nLand- en Tuinbouw Organisatie Nederland", "VNG"}
    lto = named["LTO\nLand- en Tuinbouw Organisatie Nederland"]
    assert lto.click_action.hyperlink.address == "https://www.lto.nl"
    assert lto.text_frame.paragraphs[0].runs[0].font.bold
    # The logo sits inside its own tile; tiles do not overlap.
    boxes = tiles(slide.slide)
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


def test_many_partners_fit_in_the_body_area(build_slides: SlideBuilder) -> None:
    names = [f"P{n}" for n in range(12)]
    partners = "".join(f"{n}:\n  name: Partner nummer {n}\n" for n in names)
    prs = build_slides(
        f"- kind: partners\n  title: Veel\n  partners: [{', '.join(names)}]\n", partners=partners
    )
    (slide,) = kind_slides(prs, "partners")
    area = slide.area("body")
    shown = tiles(slide.slide)
    assert len(shown) == len(names)
    for tile in shown:
        assert_inside(rect_of(tile), rect_of(area))
        assert tile.text_frame.text.split("\n")[1].startswith("Partner nummer")
