"""Rendering plans onto the template: placeholders, runs, links, footers, notes."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from deck_builder import pipeline
from tests.conftest import (
    CONTENT_DIR,
    LAYOUTS,
    NS,
    TEMPLATE_DIR,
    BuiltDeck,
    ContentMaker,
    SlideBuilder,
    assert_all_runs_tagged,
    build,
    fold,
    header,
    iter_shapes,
    slide_name,
    zip_xml,
)
from tests.helpers import load_yaml

FOOTERS = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
BRAND = load_yaml(TEMPLATE_DIR / "brand.yaml")


def luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_slide_size_is_the_templates(kitchen_deck: BuiltDeck) -> None:
    template = Presentation(str(TEMPLATE_DIR / "template.pptx"))
    assert kitchen_deck.prs.slide_width == template.slide_width
    assert kitchen_deck.prs.slide_height == template.slide_height


def test_no_empty_placeholders_are_left(kitchen_deck: BuiltDeck) -> None:
    for slide in kitchen_deck.prs.slides:
        for shape in slide.placeholders:
            assert shape.text_frame.text.strip(), (slide_name(slide), shape.name)


def test_fitted_text_is_not_autofitted_again(kitchen_deck: BuiltDeck) -> None:
    for slide in kitchen_deck.prs.slides:
        kind = slide_name(slide).split(":")[0]
        role_idx = {spec["idx"] for spec in LAYOUTS[kind]["roles"].values()}
        for shape in slide.placeholders:
            if shape.placeholder_format.idx in role_idx:
                body_pr = shape._element.find(".//a:bodyPr", NS)
                assert body_pr.find("a:noAutofit", NS) is not None, (slide_name(slide), shape.name)


def test_every_run_is_tagged_dutch(kitchen_deck: BuiltDeck) -> None:
    assert assert_all_runs_tagged(kitchen_deck.path) > 50


def test_sub_bullets_use_another_mark(kitchen_deck: BuiltDeck) -> None:
    slide = next(s for s in kitchen_deck.prs.slides if slide_name(s) == "bullets:punten")
    marks = {}
    for p in slide._element.findall(".//a:p", NS):
        char = p.find("a:pPr/a:buChar", NS)
        text = "".join(t.text or "" for t in p.findall(".//a:t", NS))
        if char is not None:
            marks[text] = char.get("char")
    assert marks["Hoofdpunt"] != marks['Onderpunt < & > "aanhalingstekens" ’25']
    assert marks['Onderpunt < & > "aanhalingstekens" ’25'] == marks["Dieper"]


def test_links_are_readable_on_light_and_dark_slides(kitchen_deck: BuiltDeck) -> None:
    # `dark: true` layouts (closing) draw links in a light colour; others in a dark one.
    seen = {"dark": 0, "light": 0}
    for slide in kitchen_deck.prs.slides:
        kind = slide_name(slide).split(":")[0]
        dark = LAYOUTS[kind].get("dark", False)
        for run in slide._element.findall(".//a:r", NS):
            rpr = run.find("a:rPr", NS)
            if rpr is None or rpr.find("a:hlinkClick", NS) is None:
                continue
            colour = rpr.find("a:solidFill/a:srgbClr", NS)
            assert colour is not None, slide_name(slide)
            level = luminance(colour.get("val"))
            assert (level > 0.6) if dark else (level < 0.4), (slide_name(slide), colour.get("val"))
            seen["dark" if dark else "light"] += 1
    assert seen["dark"] >= 1
    assert seen["light"] >= 2


def test_hyperlink_relationships_are_external(kitchen_deck: BuiltDeck) -> None:
    targets = set()
    for slide in kitchen_deck.prs.slides:
        for rel in slide.part.rels.values():
            if rel.reltype.endswith("/hyperlink"):
                assert rel.is_external
                targets.add(rel.target_ref)
    assert {
        "https://vng.nl",
        "mailto:info@vng.nl",
        "mailto:wieger.zwikstra@vng.nl",
        "https://www.ipo.nl",
    } <= targets


def test_notes_are_written_as_paragraphs(kitchen_deck: BuiltDeck) -> None:
    slides = {slide_name(s): s for s in kitchen_deck.prs.slides}
    notes = slides["bullets:punten"].notes_slide.notes_text_frame
    assert [p.text for p in notes.paragraphs] == ["Eerste notitie", "Tweede notitie"]
    title_notes = slides["title:1"].notes_slide.notes_text_frame
    assert title_notes.text == "Welkom, kort voorstellen."
    italic = [r.text for p in title_notes.paragraphs for r in p.runs if r.font.italic]
    assert italic == ["kort"]
    assert not slides["agenda:2"].has_notes_slide


def test_slide_numbers_are_fields_counting_up(kitchen_deck: BuiltDeck) -> None:
    for number, (name, root) in enumerate(
        sorted(
            zip_xml(kitchen_deck.path, "ppt/slides/slide").items(),
            key=lambda item: int(item[0].split("slide")[-1].split(".")[0]),
        ),
        start=1,
    ):
        fields = root.findall(".//a:fld", NS)
        assert [f.get("type") for f in fields] == ["slidenum"], name
        assert fields[0].findtext("a:t", namespaces=NS) == str(number)


def test_shapes_follow_reading_order(kitchen_deck: BuiltDeck) -> None:
    # Title first, then the body, then free shapes, footers last: the order a
    # screen reader and an export follow.
    for slide in kitchen_deck.prs.slides:
        shapes = list(iter_shapes(slide.shapes))
        kinds = [
            "footer" if s.is_placeholder and s.placeholder_format.type in FOOTERS else "content"
            for s in shapes
        ]
        assert kinds == sorted(kinds, key=lambda k: k == "footer"), slide_name(slide)
        if slide.shapes.title is not None:
            assert shapes[0].shape_id == slide.shapes.title.shape_id


def test_footer_text_can_be_set_per_deck(build_slides: SlideBuilder) -> None:
    prs = build_slides(
        "- kind: bullets\n  title: T\n  body: [a]\n", meta={"footer": "Afdeling Friesland"}
    )
    texts = [s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame]
    assert "Afdeling Friesland" in texts
    assert BRAND["footer"] not in texts


# -- property: any plain text renders, every run tagged ---------------------------------

PLAIN_TEXT = (
    st.lists(
        st.characters(
            codec="utf-8",
            exclude_categories=["Cc", "Cs", "Zl", "Zp"],
            exclude_characters="*[]\\{}\ufffe\uffff",
        )
        | st.sampled_from(["<", ">", "&", '"', "'", "’", "&amp;", "<a:t>", "]]>", " "]),
        min_size=1,
        max_size=30,
    )
    .map("".join)
    .filter(lambda s: s.strip())
)


@given(st.lists(PLAIN_TEXT, min_size=1, max_size=4))
def test_any_bullet_text_builds_and_is_tagged(bullets: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        items = "".join(f"    - {json.dumps(text, ensure_ascii=False)}\n" for text in bullets)
        (root / "deck.yaml").write_text(
            header() + "slides:\n  - kind: bullets\n    title: Tekst\n    body:\n" + items,
            encoding="utf-8",
        )
        out = root / "deck.pptx"
        prs = build(root, out)
        assert assert_all_runs_tagged(out) > 0
        shown = [
            fold(p.text)
            for slide in prs.slides
            for p in slide.placeholders[
                LAYOUTS["bullets"]["roles"]["body"]["idx"]
            ].text_frame.paragraphs
        ]
        assert shown == [fold(text) for text in bullets]


def test_a_session_gives_the_same_bytes_whatever_it_built_before(
    make_content: ContentMaker,
) -> None:
    """What a session remembers (measured text, blank slides, footer shapes) never
    changes what it builds: a deck built again, or after another deck, or with a fresh
    session, is the same deck byte for byte."""
    deck = pipeline.load_deck(CONTENT_DIR)
    other = pipeline.load_deck(make_content(
        "- kind: bullets\n  title: Other\n  body: [one, two]\n  notes: [spoken]\n",
        meta={"language": "en"},
    ).dir)
    template = pipeline.open_template(deck)
    session = pipeline.open_session(template)
    first = pipeline.build_bytes(deck, session)[0]
    assert pipeline.build_bytes(deck, session)[0] == first
    english = pipeline.build_bytes(other, session)[0]
    assert english != first
    assert pipeline.build_bytes(deck, session)[0] == first
    assert pipeline.build_bytes(deck, pipeline.open_session(template))[0] == first
    assert pipeline.build_bytes(other, pipeline.open_session(template))[0] == english


def test_a_phrase_marked_with_lang_is_written_in_its_language(
    build_slides: SlideBuilder,
) -> None:
    prs = build_slides("""
        - kind: bullets
          title: Termen
          body:
            - "Een [stakeholder **analyse**](lang:en) maken"
        """)
    body = next(s for s in prs.slides[0].shapes if "stakeholder" in s.text_frame.text)
    runs = [(run.text, run._r.rPr.get("lang"))
            for para in body.text_frame.paragraphs for run in para.runs]
    assert runs == [("Een ", "nl-NL"), ("stakeholder ", "en-GB"), ("analyse", "en-GB"),
                    (" maken", "nl-NL")]
