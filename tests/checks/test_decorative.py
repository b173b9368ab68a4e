"""The decorative flag: only PowerPoint's own form counts, and it goes without alt text."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from deck_builder.checks import check_deck
from deck_builder.checks.decorative import decorative_shapes
from deck_builder.checks.package import open_package
from tests.checks.decks import (
    ADEC,
    A,
    P,
    mark_decorative,
    new_deck,
    picture,
    titled_slide,
    to_bytes,
)
from tests.conftest import BUILT_DECK, SlideBuilder, make_png


def _codes(data: bytes) -> list[str]:
    return sorted(f.code for f in check_deck(data).findings
                  if f.code.startswith(("A11Y-DECORATIVE", "A11Y-ALT")))


def test_a_picture_marked_the_powerpoint_way_is_decorative_and_clean() -> None:
    prs = new_deck()
    mark_decorative(picture(titled_slide(prs, "Sfeer"), ""))
    data = to_bytes(prs)
    assert _codes(data) == []
    assert [s.slide for s in decorative_shapes(open_package(data))] == [1]


def test_a_flag_in_another_extension_is_not_read() -> None:
    prs = new_deck()
    shape = picture(titled_slide(prs, "Sfeer"), "")
    props = shape.find(f"*/{{{P}}}cNvPr")
    ext = etree.SubElement(etree.SubElement(props, f"{{{A}}}extLst"), f"{{{A}}}ext",
                           uri="{00000000-0000-0000-0000-000000000000}")
    etree.SubElement(ext, f"{{{ADEC}}}decorative", nsmap={"adec": ADEC}, val="1")
    data = to_bytes(prs)
    # Not decorative for PowerPoint, so also a picture without alt text.
    assert _codes(data) == ["A11Y-ALT-MISSING", "A11Y-DECORATIVE-UNREAD"]
    assert decorative_shapes(open_package(data)) == []


def test_an_untagged_decorative_picture_is_a_picture_without_alt_text() -> None:
    prs = new_deck()
    picture(titled_slide(prs, "Sfeer"), "")
    assert _codes(to_bytes(prs)) == ["A11Y-ALT-MISSING"]


def test_a_decorative_picture_with_alt_text_is_reported() -> None:
    prs = new_deck()
    mark_decorative(picture(titled_slide(prs, "Sfeer"), "Kaart met de 12 provincies"))
    findings = [f for f in check_deck(to_bytes(prs)).findings
                if f.code == "A11Y-DECORATIVE-ALT"]
    assert len(findings) == 1
    assert "Kaart met de 12 provincies" in findings[0].message


def test_a_picture_marked_decorative_in_content_is_written_the_powerpoint_way(
    build_slides: SlideBuilder, tmp_path: Path,
) -> None:
    make_png(tmp_path / "content" / "images" / "sfeer.png")
    build_slides("""
        - kind: image
          title: Sfeer
          picture: {file: images/sfeer.png, decorative: true}
        """)
    package = open_package(tmp_path / BUILT_DECK)
    assert [(s.slide, s.element.tag.rsplit("}", 1)[1]) for s in decorative_shapes(package)] \
        == [(1, "pic")]
    assert _codes((tmp_path / BUILT_DECK).read_bytes()) == []
