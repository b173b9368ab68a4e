"""Accessibility checks: crafted decks with one problem each, the default deck, a plain deck."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.presentation import Presentation as PresentationType
from pptx.util import Emu, Inches, Pt

from deck_builder import pipeline
from deck_builder.checks import CODES, check_accessibility, check_package
from deck_builder.checks.accessibility import (
    TemplateStyles,
    check_loaded_accessibility,
    contrast_ratio,
    luminance,
)
from deck_builder.checks.findings import Finding
from deck_builder.checks.package import open_package
from deck_builder.ooxml.namespaces import P_NS
from tests.checks.decks import (
    A,
    edit,
    edit_xml,
    mark_decorative,
    new_deck,
    parts,
    picture,
    rebuild,
    text_box,
    titled_slide,
    to_bytes,
)
from tests.checks.test_data_objects import table_without_header
from tests.conftest import CONTENT_DIR, BuiltDeck, ContentMaker, build, png_bytes, slide_name

TOP = (Inches(1), Inches(2), Inches(6), Inches(1))
BOTTOM = (Inches(1), Inches(4), Inches(6), Inches(1))
GREY_3_TO_1 = "949494"  # 3.03:1 on white: enough for large text, not for normal text


def codes(found: list[Finding]) -> set[str]:
    return {f.code for f in found}


def check(prs: PresentationType) -> list[Finding]:
    """Accessibility findings of a presentation, read back from its saved bytes."""
    return check_accessibility(to_bytes(prs))


# -- one problem each ----------------------------------------------------------------------


def untitled_slide() -> bytes:
    prs = new_deck()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    text_box(slide, "Een dia zonder titel")
    return to_bytes(prs)


def duplicate_title() -> bytes:
    prs = new_deck()
    titled_slide(prs, "Agenda")
    titled_slide(prs, "Agenda")
    return to_bytes(prs)


def picture_without_alt_text() -> bytes:
    prs = new_deck()
    picture(titled_slide(prs, "Kaart"), alt="")
    return to_bytes(prs)


def reading_order_inverted() -> bytes:
    prs = new_deck()
    slide = titled_slide(prs, "Volgorde")
    text_box(slide, "Onder", box=BOTTOM)
    text_box(slide, "Boven", box=TOP)
    return to_bytes(prs)


def light_grey_on_white() -> bytes:
    prs = new_deck()
    text_box(titled_slide(prs, "Contrast"), "Lichtgrijs", colour="BBBBBB")
    return to_bytes(prs)


def ten_point_text() -> bytes:
    prs = new_deck()
    text_box(titled_slide(prs, "Klein"), "Kleine lettertjes", size=10)
    return to_bytes(prs)


def no_document_title() -> bytes:
    prs = new_deck(title="")
    titled_slide(prs, "Inhoud")
    return to_bytes(prs)


def no_language() -> bytes:
    prs = new_deck()
    titled_slide(prs, "Taal")
    return strip_languages(to_bytes(prs))


def strip_languages(deck: bytes) -> bytes:
    """Remove every lang attribute (python-pptx's template sets en-US all over)."""
    return rebuild(
        deck,
        replace={
            name: re.sub(rb' lang="[^"]*"', b"", blob)
            for name, blob in parts(deck).items()
            if name.endswith(".xml")
        },
    )


ACCESSIBILITY_CASES: dict[str, Callable[[], bytes]] = {
    "A11Y-NO-TITLE": untitled_slide,
    "A11Y-DUP-TITLE": duplicate_title,
    "A11Y-ALT-MISSING": picture_without_alt_text,
    "A11Y-READING-ORDER": reading_order_inverted,
    "A11Y-CONTRAST": light_grey_on_white,
    "A11Y-SMALL-TEXT": ten_point_text,
    "A11Y-NO-DOC-TITLE": no_document_title,
    "A11Y-NO-LANGUAGE": no_language,
    "A11Y-TABLE-HEADER": table_without_header,
}


@pytest.mark.parametrize("code", sorted(ACCESSIBILITY_CASES))
def test_each_crafted_deck_gives_exactly_its_code(code: str) -> None:
    deck = ACCESSIBILITY_CASES[code]()
    found = check_accessibility(deck)
    assert codes(found) == {code}, [f.to_text() for f in found]
    assert {f.severity for f in found} == {CODES[code].severity}
    assert check_package(deck) == []  # the deck is sound: only the one problem


def test_a_clean_crafted_deck_has_no_findings() -> None:
    prs = new_deck()
    slide = titled_slide(prs, "Alles in orde")
    text_box(slide, "Donkere tekst", colour="1F2A37", box=TOP)
    text_box(slide, "Standaardkleur", box=BOTTOM)
    picture(slide, alt="Kaart van de provincie")
    titled_slide(prs, "Alles in orde (vervolg)")
    assert check(prs) == []


# -- titles --------------------------------------------------------------------------------


def test_untitled_slide_is_an_error_on_that_slide() -> None:
    (found,) = check_accessibility(untitled_slide())
    assert (found.severity, found.slide, found.part) == ("error", 1, "ppt/slides/slide1.xml")


def test_an_empty_title_placeholder_is_no_title() -> None:
    prs = new_deck()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    (found,) = check(prs)
    assert (found.code, found.shape) == ("A11Y-NO-TITLE", slide.shapes.title.name)
    assert "empty" in found.message


def test_a_hidden_title_still_counts() -> None:
    prs = new_deck()
    slide = titled_slide(prs, "Verborgen titel")
    slide.shapes.title.element.nvSpPr.cNvPr.set("hidden", "1")
    assert check(prs) == []


def test_duplicate_titles_are_compared_without_case_and_spacing() -> None:
    prs = new_deck()
    titled_slide(prs, "Overige  actualiteiten")
    titled_slide(prs, "Iets anders")
    titled_slide(prs, "overige actualiteiten ")
    (found,) = check(prs)
    assert (found.code, found.slide) == ("A11Y-DUP-TITLE", 3)
    assert "slide 1" in found.message


def test_continuation_titles_are_not_duplicates() -> None:
    prs = new_deck()
    for title in ("Bouwstenen", "Bouwstenen (vervolg)", "Bouwstenen (vervolg 2)"):
        titled_slide(prs, title)
    assert check(prs) == []


def test_a_title_repeated_within_its_continuation_run_is_not_a_duplicate() -> None:
    # However a continuation is numbered, its slides are one slide to the rule.
    prs = new_deck()
    for title in ("Bouwstenen", "Bouwstenen (vervolg)", "Bouwstenen (vervolg)",
                  "Agenda", "Agenda (continued)", "Agenda (continued 2)"):
        titled_slide(prs, title)
    assert check(prs) == []


def test_a_repeated_run_is_reported_once_at_its_first_slide() -> None:
    prs = new_deck()
    for title in ("Stikstof", "Stikstof (vervolg)", "Tussendoor", "Stikstof",
                  "Stikstof (vervolg)", "Stikstof (vervolg 2)"):
        titled_slide(prs, title)
    (found,) = check(prs)
    assert (found.code, found.slide) == ("A11Y-DUP-TITLE", 4)
    assert "slide 1" in found.message


def test_a_continuation_title_written_twice_by_hand_is_a_duplicate() -> None:
    # Not a continuation run: the same "(vervolg)" title on two unrelated slides.
    prs = new_deck()
    for title in ("Stikstof (vervolg)", "Tussendoor", "Stikstof (vervolg)"):
        titled_slide(prs, title)
    (found,) = check(prs)
    assert (found.code, found.slide) == ("A11Y-DUP-TITLE", 3)


def test_continued_slides_the_planner_makes_have_no_duplicate_titles(
    make_content: ContentMaker, tmp_path: Path,
) -> None:
    items = "".join(f"    - Punt {n} over de samenwerking tussen rijk en regio bij de "
                    "uitvoering van de plannen\n" for n in range(40))
    content = make_content("- kind: bullets\n  title: Lang\n  body:\n" + items
                           + "- kind: bullets\n  title: Lang\n  body:\n" + items)
    prs = build(content, tmp_path / "lang.pptx")
    titles = [s.shapes.title.text_frame.text for s in prs.slides if s.shapes.title]
    assert titles.count("Lang (vervolg)") == 2  # both slides continue
    found = [f for f in check_accessibility(tmp_path / "lang.pptx")
             if f.code == "A11Y-DUP-TITLE"]
    # The second "Lang" repeats the first; its continuations are not said again.
    assert [f.slide for f in found] == [titles.index("Lang", 1) + 1]


# -- alt text ------------------------------------------------------------------------------


def test_a_decorative_picture_needs_no_alt_text() -> None:
    prs = new_deck()
    mark_decorative(picture(titled_slide(prs, "Versiering"), alt=""))
    assert check(prs) == []


def test_a_file_name_is_no_alt_text() -> None:
    prs = new_deck()
    shape = picture(titled_slide(prs, "Foto"), alt=None)
    assert shape.find(f"*/{{{shape.nsmap['p']}}}cNvPr").get("descr") == "image.png"
    (found,) = check(prs)
    assert found.code == "A11Y-ALT-MISSING"
    assert "file name" in found.message


def test_pictures_inside_groups_and_charts_need_alt_text() -> None:
    prs = new_deck()
    slide = titled_slide(prs, "Groep en grafiek")
    group = slide.shapes.add_group_shape()
    grouped = group.shapes.add_picture(io.BytesIO(png_bytes()), Emu(0), Emu(0))
    grouped.element.nvPicPr.cNvPr.set("descr", "")
    data = CategoryChartData()
    data.categories = ["ja", "nee"]
    data.add_series("Stemmen", (99, 1))
    chart = slide.shapes.add_chart(XL_CHART_TYPE.PIE, *BOTTOM, data)
    table = slide.shapes.add_table(2, 2, *TOP)  # tables need no alt text
    found = check(prs)
    assert {(f.code, f.shape) for f in found} == {
        ("A11Y-ALT-MISSING", grouped.name),
        ("A11Y-ALT-MISSING", chart.name),
    }
    assert table.name not in {f.shape for f in found}
    assert any("chart" in f.message for f in found)


# -- reading order ---------------------------------------------------------------------------


def test_reading_order_inversion_names_both_shapes() -> None:
    prs = new_deck()
    slide = titled_slide(prs, "Volgorde")
    lower = text_box(slide, "Onder", box=BOTTOM)
    upper = text_box(slide, "Boven", box=TOP)
    (found,) = check(prs)
    lower_name = lower.find(".//{*}cNvPr").get("name")
    upper_name = upper.find(".//{*}cNvPr").get("name")
    assert found.shape == lower_name
    assert f'"{lower_name}" is read before "{upper_name}", which stands above it' in found.message


def test_body_read_before_the_title_is_reported() -> None:
    prs = new_deck()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Titel"
    slide.placeholders[1].text_frame.text = "Tekst"
    tree = slide.shapes._spTree
    tree.append(slide.shapes.title.element)  # the title moves to the end of the tree
    (found,) = check(prs)
    assert found.code == "A11Y-READING-ORDER"
    assert "before the slide title" in found.message
    assert found.shape == slide.placeholders[1].name


@pytest.mark.parametrize("order", ["columns", "rows"])
def test_two_columns_may_be_read_by_column_or_by_row(order: str) -> None:
    prs = new_deck()
    slide = titled_slide(prs, "Twee kolommen")
    boxes = {
        ("left", "top"): (Inches(0.5), Inches(2), Inches(4), Inches(1)),
        ("left", "bottom"): (Inches(0.5), Inches(3.5), Inches(4), Inches(2)),
        ("right", "top"): (Inches(5), Inches(2), Inches(4), Inches(1)),
        ("right", "bottom"): (Inches(5), Inches(3.5), Inches(4), Inches(2)),
    }
    left, right = ("left", "top"), ("left", "bottom")
    if order == "columns":
        keys = [left, right, ("right", "top"), ("right", "bottom")]
    else:
        keys = [left, ("right", "top"), right, ("right", "bottom")]
    for key in keys:
        text_box(slide, " ".join(key), box=boxes[key])
    assert check(prs) == []


def test_footer_placeholders_are_not_part_of_the_reading_order() -> None:
    prs = new_deck()
    slide = titled_slide(prs, "Voettekst", layout=1)
    slide.placeholders[1].text_frame.text = "Inhoud"
    layout = prs.slide_layouts[1]
    for idx in (10, 11, 12):  # date, footer, number: copied as PowerPoint's dialog does
        copy = etree.fromstring(etree.tostring(layout.placeholders.get(idx=idx).element))
        for run in copy.iter(f"{{{A}}}t"):
            run.text = "voet"
        slide.shapes._spTree.insert(2, copy)  # even before the title
    found = check(prs)
    assert "A11Y-READING-ORDER" not in codes(found)
    # They are read, though: the stock template's grey footers fail the contrast check.
    assert {f.code for f in found if "Placeholder" in (f.shape or "")} == {"A11Y-CONTRAST"}


# -- contrast ------------------------------------------------------------------------------


def test_contrast_formula_matches_wcag() -> None:
    assert contrast_ratio((0.0, 0.0, 0.0), (1.0, 1.0, 1.0)) == pytest.approx(21.0)
    assert contrast_ratio((1.0, 1.0, 1.0), (1.0, 1.0, 1.0)) == pytest.approx(1.0)
    assert luminance((1.0, 0.0, 0.0)) == pytest.approx(0.2126)
    grey = int(GREY_3_TO_1[:2], 16) / 255
    assert 3.0 < contrast_ratio((grey,) * 3, (1.0, 1.0, 1.0)) < 4.5


@pytest.mark.parametrize(
    ("size", "bold", "fails"),
    [
        (24, False, False),
        (18, False, False),
        (14, True, False),
        (14, False, True),
        (12, True, True),
    ],
)
def test_large_text_needs_three_to_one(size: float, bold: bool, fails: bool) -> None:
    prs = new_deck()
    text_box(titled_slide(prs, "Grijs"), "Grijze tekst", colour=GREY_3_TO_1, size=size, bold=bold)
    found = check(prs)
    assert codes(found) == ({"A11Y-CONTRAST"} if fails else set())
    if fails:
        assert "needs 4.5:1" in found[0].message
        assert "3.03:1" in found[0].message


def test_contrast_reports_the_worst_run_of_a_shape() -> None:
    prs = new_deck()
    shape = text_box(titled_slide(prs, "Runs"), "Zwart ", colour="000000")
    paragraph = shape.find(f".//{{{A}}}p")
    light = etree.fromstring(etree.tostring(paragraph.find(f"{{{A}}}r")))
    light.find(f"{{{A}}}t").text = "heel licht"
    light.find(f".//{{{A}}}srgbClr").set("val", "EEEEEE")
    paragraph.append(light)
    (found,) = check(prs)
    assert '"heel licht"' in found.message
    assert "#EEEEEE on #FFFFFF" in found.message


def test_inherited_text_colour_against_a_dark_slide_background() -> None:
    prs = new_deck()
    slide = titled_slide(prs, "Donker")
    slide.background.fill.solid()
    slide.background.fill.fore_color.rgb = RGBColor(0x14, 0x36, 0x5D)
    found = check(prs)
    # The title inherits tx1 (black) from the master: unreadable on dark blue.
    assert codes(found) == {"A11Y-CONTRAST"}
    assert "#000000 on #14365D" in found[0].message
    slide.shapes.title.text_frame.paragraphs[0].runs[0].font.color.rgb = RGBColor(255, 255, 255)
    assert check(prs) == []


def test_the_shape_fill_is_the_background() -> None:
    prs = new_deck()
    slide = titled_slide(prs, "Vlak")
    shape = slide.shapes.add_textbox(*TOP)
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor(0x14, 0x36, 0x5D)
    run = shape.text_frame.paragraphs[0].add_run()
    run.text = "Op donkerblauw"
    run.font.size = Pt(24)
    run.font.color.rgb = RGBColor(0x1F, 0x2A, 0x37)
    assert codes(check(prs)) == {"A11Y-CONTRAST"}
    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    assert check(prs) == []


def test_a_filled_shape_behind_the_text_is_its_background() -> None:
    prs = new_deck()
    slide = titled_slide(prs, "Paneel")
    panel = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Inches(0.5), Inches(1.5), Inches(8), Inches(3)
    )
    panel.fill.solid()
    panel.fill.fore_color.rgb = RGBColor(0x14, 0x36, 0x5D)
    text_box(slide, "Wit op het paneel", colour="FFFFFF", box=TOP)
    assert check(prs) == []
    panel.left = Inches(3)  # the panel no longer covers the text box: white on white
    assert codes(check(prs)) == {"A11Y-CONTRAST"}


def test_a_gradient_background_is_not_guessed() -> None:
    prs = new_deck()
    slide = titled_slide(prs, "Verloop")
    slide.background.fill.gradient()
    text_box(slide, "Onleesbaar?", colour="FFFFFF")
    assert check(prs) == []


@pytest.mark.parametrize("own_colour", [False, True])
def test_links_take_the_theme_link_colour_unless_told_otherwise(own_colour: bool) -> None:
    prs = new_deck()
    slide = titled_slide(prs, "Link")
    shape = slide.shapes.add_textbox(*TOP)
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor(0x14, 0x36, 0x5D)
    run = shape.text_frame.paragraphs[0].add_run()
    run.text = "vng.nl"
    run.font.size = Pt(24)
    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    run.hyperlink.address = "https://vng.nl"
    if own_colour:
        link = run._r.rPr.find(f"{{{A}}}hlinkClick")
        ext = etree.SubElement(
            etree.SubElement(link, f"{{{A}}}extLst"),
            f"{{{A}}}ext",
            uri="{A12FA001-AC4F-418D-AE19-62706E023703}",
        )
        etree.SubElement(
            ext,
            "{http://schemas.microsoft.com/office/drawing/2018/hyperlinkcolor}hlinkClr",
            val="tx",
        )
    found = check(prs)
    if own_colour:
        assert found == []
    else:
        (finding,) = found
        assert "#0000FF on #14365D" in finding.message  # the stock theme's hlink colour


# -- text size -----------------------------------------------------------------------------


def test_twelve_points_is_enough() -> None:
    prs = new_deck()
    text_box(titled_slide(prs, "Twaalf"), "Net groot genoeg", size=12)
    assert check(prs) == []


def test_ten_point_text_names_size_and_text() -> None:
    (found,) = check_accessibility(ten_point_text())
    assert found.message.startswith("text at 10 pt is smaller than 12 pt")
    assert '"Kleine lettertjes"' in found.message


def test_a_size_inherited_from_the_layout_is_checked() -> None:
    prs = new_deck()
    layout = prs.slide_layouts[1]
    body = layout.placeholders[1].element
    level = etree.SubElement(body.txBody.find(f"{{{A}}}lstStyle"), f"{{{A}}}lvl1pPr")
    etree.SubElement(level, f"{{{A}}}defRPr", sz="1000")
    slide = titled_slide(prs, "Erfenis", layout=1)
    slide.placeholders[1].text_frame.text = "Tekst zonder eigen grootte"
    (found,) = check(prs)
    assert (found.code, found.shape) == ("A11Y-SMALL-TEXT", slide.placeholders[1].name)
    assert "10 pt (inherited from the layout)" in found.message


def test_autofit_shrinking_counts() -> None:
    prs = new_deck()
    shape = text_box(titled_slide(prs, "Krimp"), "Gekrompen", size=20)
    body = shape.find(f".//{{{A}}}bodyPr")
    for choice in list(body):
        body.remove(choice)  # a text box comes with "resize shape to fit text"
    etree.SubElement(body, f"{{{A}}}normAutofit", fontScale="50000")
    (found,) = check(prs)
    assert "10 pt" in found.message
    assert "shrunk to 50% by autofit" in found.message


# -- the document ----------------------------------------------------------------------------


def test_language_in_the_core_properties_is_enough() -> None:
    prs = new_deck()
    prs.core_properties.language = "nl-NL"
    titled_slide(prs, "Taal")
    assert check_accessibility(strip_languages(to_bytes(prs))) == []


def test_a_presentation_object_and_its_bytes_give_the_same_findings() -> None:
    prs = new_deck(title="")
    picture(titled_slide(prs, "Foto"), alt="")
    assert check_accessibility(prs) == check_accessibility(to_bytes(prs))
    assert codes(check_accessibility(prs)) == {"A11Y-NO-DOC-TITLE", "A11Y-ALT-MISSING"}


def test_a_plain_python_pptx_deck_is_checked() -> None:
    prs = Presentation()
    title = prs.slides.add_slide(prs.slide_layouts[0])
    title.shapes.title.text = "Hallo"
    content = prs.slides.add_slide(prs.slide_layouts[1])
    content.shapes.title.text = "Inhoud"
    content.placeholders[1].text_frame.text = "Een punt"
    prs.slides.add_slide(prs.slide_layouts[6])
    found = check_accessibility(prs)
    assert sorted((f.code, f.slide) for f in found) == [
        ("A11Y-NO-DOC-TITLE", None),  # python-pptx's template leaves dc:title empty
        ("A11Y-NO-TITLE", 3),
    ]
    assert check_package(to_bytes(prs)) == []


# -- the real decks ------------------------------------------------------------------------


def test_default_deck_has_no_accessibility_errors_but_the_quote_titles(
    default_deck: BuiltDeck,
) -> None:
    # The quote kind has no title placeholder in the brand's layout: PowerPoint's checker
    # reports such slides too. Every other error would be new.
    names = {number: slide_name(s) for number, s in enumerate(default_deck.prs.slides, 1)}
    errors = [f for f in check_accessibility(default_deck.path) if f.severity == "error"]
    unexplained = [
        f.to_text()
        for f in errors
        if not (f.code == "A11Y-NO-TITLE" and names[f.slide or 0].startswith("quote:"))
    ]
    assert unexplained == []


def test_kitchen_sink_deck_pictures_have_alt_text(kitchen_deck: BuiltDeck) -> None:
    found = check_accessibility(kitchen_deck.path)
    assert {"A11Y-ALT-MISSING", "A11Y-NO-DOC-TITLE", "A11Y-NO-LANGUAGE"}.isdisjoint(codes(found))
    pictures = [
        shape
        for slide in kitchen_deck.prs.slides
        for shape in slide.shapes
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    assert pictures  # the check had pictures to look at


def test_a_group_is_one_step_of_the_reading_order() -> None:
    prs = new_deck()
    slide = titled_slide(prs, "Groep")
    group = slide.shapes.add_group_shape()
    inner = group.shapes.add_textbox(*BOTTOM)
    inner.text_frame.text = "Onder, in een groep"
    text_box(slide, "Boven, los", box=TOP)
    (found,) = check(prs)
    assert found.shape == group.name
    assert "such pairs" not in found.message  # the grouped box is not compared on its own


# -- what decks share: the caller's TemplateStyles ---------------------------------------------


def _with_master_style(data: bytes, style: str, change: Callable[[etree._Element], None]
                       ) -> bytes:
    """The deck with `change` applied to its slide master's text style `style`."""
    def edited(root: etree._Element) -> None:
        change(root.find(f"{{{P_NS}}}txStyles/{{{P_NS}}}{style}"))

    return edit_xml(data, "ppt/slideMasters/slideMaster1.xml", edited)


def _drop_level_one_size(style: etree._Element) -> None:
    style.find(f"{{{A}}}lvl1pPr/{{{A}}}defRPr").attrib.pop("sz")


def _decks_on_one_template() -> list[bytes]:
    """Decks whose layouts and master are the same parts, but whose themes, colour maps
    and default text styles differ: what they share must not leak from one to another."""
    prs = new_deck()
    slide = titled_slide(prs, "Een titel", layout=1)
    slide.placeholders[1].text = "Tekst in de body"
    text_box(slide, "Losse tekst", size=None)
    other = prs.slides.add_slide(prs.slide_layouts[6])  # no title, a text box
    text_box(other, "Alleen een tekstvak", size=None)
    # The text box's size comes from the presentation's default text style.
    plain = _with_master_style(to_bytes(prs), "otherStyle", _drop_level_one_size)
    grey_theme = edit(plain, "ppt/theme/theme1.xml",
                      b'<a:sysClr val="windowText" lastClr="000000"/>',
                      b'<a:srgbClr val="AAAAAA"/>')
    small_default = edit(plain, "ppt/presentation.xml",
                         b'<a:defRPr sz="1800"', b'<a:defRPr sz="1000"')
    # The first slide's own colour map: light text on its light background.
    pale_slide = edit(plain, "ppt/slides/slide1.xml", b"</p:cSld>",
                      b'</p:cSld><p:clrMapOvr><a:overrideClrMapping bg1="lt1" tx1="lt1" bg2="lt2"'
                      b' tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3"'
                      b' accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink"'
                      b' folHlink="folHlink"/></p:clrMapOvr>')
    return [plain, grey_theme, small_default, plain, pale_slide, grey_theme]


def test_decks_checked_with_shared_styles_get_the_findings_they_get_alone() -> None:
    decks = _decks_on_one_template()
    alone = [check_accessibility(deck) for deck in decks]
    assert codes(alone[0]) == {"A11Y-NO-TITLE"}  # the second slide has no title
    assert "A11Y-CONTRAST" in codes(alone[1])
    assert "A11Y-SMALL-TEXT" in codes(alone[2])
    assert {f.slide for f in alone[4] if f.code == "A11Y-CONTRAST"} == {1}
    for order in (decks, decks[::-1]):
        styles = TemplateStyles()
        shared = [check_loaded_accessibility(open_package(deck), styles) for deck in order]
        assert shared == [check_accessibility(deck) for deck in order]


def test_shared_styles_are_the_callers_and_let_go_of_old_templates() -> None:
    """The check keeps what it reads in the caller's styles, never in a shared place;
    styles that have seen more masters than they keep start afresh, with the same
    findings."""
    decks = _decks_on_one_template()
    package = open_package(decks[0])
    master = package.xml("ppt/slideMasters/slideMaster1.xml")
    theme = package.xml("ppt/theme/theme1.xml")
    assert master is not None
    styles = TemplateStyles()
    read = styles.master(master, theme)
    check_loaded_accessibility(package, styles)
    assert styles.master(master, theme) is read  # the check used the caller's
    assert TemplateStyles().master(master, theme) is not read  # another caller's is its own
    small = TemplateStyles(masters=1)
    first = small.master(master, theme)
    for deck in decks:  # the themes alternate, the last one grey: each lets the other go
        assert check_loaded_accessibility(open_package(deck), small) == check_accessibility(deck)
    assert small.master(master, theme) is not first


def test_a_batch_checks_its_decks_with_styles_of_its_own() -> None:
    """build_bytes with the caller's styles gives each afdeling's deck the findings a
    build of its own reports."""
    styles = TemplateStyles()
    for afdeling in ("drenthe", "zeeland", "limburg"):
        deck = pipeline.load_deck(CONTENT_DIR, afdeling)
        session = pipeline.open_session(pipeline.open_template(deck), batch=True)
        shared: list[Finding] = []
        data, _, _ = pipeline.build_bytes(deck, session, accessibility_out=shared, styles=styles)
        assert shared == check_accessibility(data)
