"""`kind: partners`: a grid of tiles, one per partner, with logo or name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pptx.slide import Slide

from tests.conftest import (
    BuildFails,
    Problem,
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


LONG_NAMES = [
    "Interprovinciaal Overleg",
    "Land- en Tuinbouw Organisatie Nederland",
    "Nederlandse Agrarische Jongeren Kontakt",
    "Unie van Waterschappen",
    "Vereniging van Nederlandse Gemeenten",
    "Vereniging Natuurmonumenten",
]


def test_more_partners_than_fit_continue_on_vervolg_slides(
    build_slides: SlideBuilder, tmp_path: Path
) -> None:
    refs = [f"P{n:02d}" for n in range(25)]
    registry = ""
    for n, ref in enumerate(refs):
        registry += f"{ref}:\n  name: {LONG_NAMES[n % len(LONG_NAMES)]} {n}\n"
        if n % 4 == 0:  # every fourth has a (wide) logo
            make_png(tmp_path / "content" / "logos" / f"{ref}.png", (300, 100))
            registry += f"  logo: logos/{ref}.png\n"
    prs = build_slides(
        f"- kind: partners\n  id: partners\n  title: Partners\n  intro: Samen met\n"
        f"  partners: [{', '.join(refs)}]\n",
        partners=registry,
    )
    parts = kind_slides(prs, "partners")
    assert len(parts) >= 2
    assert [part.text("title") for part in parts] == ["Partners", "Partners (vervolg)"] + [
        f"Partners (vervolg {n})" for n in range(2, len(parts))]
    shown = [tile.name.removeprefix("Tegel ") for part in parts for tile in tiles(part.slide)]
    assert shown == refs  # every partner once, in order
    counts = [len(tiles(part.slide)) for part in parts]
    assert max(counts) - min(counts) <= 1  # spread evenly
    sizes = set()
    area = rect_of(parts[0].area("body"))
    for part in parts:
        for tile in tiles(part.slide):
            assert tile.height >= 0.6 * 914400
            assert_inside(rect_of(tile), area)
            sizes.update(run.font.size.pt for p in tile.text_frame.paragraphs for run in p.runs)
        for logo in pictures(part.slide):
            assert abs(logo.width / logo.height - 3) < 0.03
            assert descr(logo).startswith(tuple(LONG_NAMES))
    assert len(sizes) == 1  # one name size on every slide
    assert min(sizes) >= 12


def test_a_few_partners_stay_on_one_slide(build_slides: SlideBuilder) -> None:
    refs = [f"P{n}" for n in range(6)]
    registry = "".join(f"{ref}:\n  name: Partner {ref}\n" for ref in refs)
    prs = build_slides(f"- kind: partners\n  title: P\n  partners: [{', '.join(refs)}]\n",
                       partners=registry)
    (slide,) = kind_slides(prs, "partners")
    assert len(tiles(slide.slide)) == 6


def test_a_name_too_long_for_a_tile_of_its_own_is_an_error(build_fails: BuildFails) -> None:
    name = "Stichting " * 80
    build_fails(
        Problem(
            "- kind: partners\n  title: P\n  partners: [LANG]\n",
            "partners: [LANG]",  # the field's line, not the slide's
            ("'LANG'", "partner tile"),
            partners=f"LANG:\n  name: {name.strip()}\n",
        )
    )
