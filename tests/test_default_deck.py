"""The repository's own content/ builds into the full Actualiteiten deck."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.presentation import Presentation as PresentationType

from tests.conftest import (
    CONTENT_DIR,
    LAYOUTS,
    NS,
    SEED_FILE,
    TEMPLATE_DIR,
    BuiltDeck,
    assert_all_runs_tagged,
    build,
    fold,
    iter_shapes,
    run_links,
    slide_name,
    text_runs,
)
from tests.helpers import base_slides, deck_meta, load_yaml, long_date


def content_names() -> list[str]:
    """The name each slide of content/ gets: `<kind>:<id or position>`."""
    return [f"{s['kind']}:{s.get('id', i + 1)}" for i, s in enumerate(base_slides())]


def test_slide_count_is_one_per_content_slide_plus_continuations(
    default_deck: BuiltDeck,
) -> None:
    names = [slide_name(s) for s in default_deck.prs.slides]
    firsts = [n for n in names if n.count(":") == 1]
    continued = [n for n in names if n.count(":") == 2]
    assert firsts == content_names()
    assert len(names) == len(base_slides()) + len(continued)
    # A continuation follows its first slide (or the previous continuation) directly.
    for index, name in enumerate(names):
        if name.count(":") == 2:
            base, part = name.rsplit(":", 1)
            before = base if part == "2" else f"{base}:{int(part) - 1}"
            assert names[index - 1] == before


def test_each_kind_uses_its_layout_from_layouts_yaml(default_deck: BuiltDeck) -> None:
    used = set()
    for slide in default_deck.prs.slides:
        kind = slide_name(slide).split(":")[0]
        assert slide.slide_layout.name == LAYOUTS[kind]["layout"], slide_name(slide)
        used.add(kind)
    assert used == {s["kind"] for s in base_slides()}


def logical_text(prs: PresentationType) -> str:
    """All deck text, continuation slides merged back into their first slide.

    A continued slide splits each text box over several slides (both columns of a
    two-column slide go on). Reading it as written means reading each box in full
    before the next, so text is gathered per placeholder over the parts of one slide.
    A column that outlasts the other goes on alone in another layout, under its
    heading marked "(vervolg)": that text joins the box after the heading's.
    """
    groups: OrderedDict[str, list[Any]] = OrderedDict()
    for slide in prs.slides:
        base = ":".join(slide_name(slide).split(":")[:2])
        groups.setdefault(base, []).append(slide)
    pieces: list[str] = []
    for slides in groups.values():
        boxes: OrderedDict[tuple[str, object], list[str]] = OrderedDict()
        layout = slides[0].slide_layout.name
        for slide in slides:
            for shape in iter_shapes(slide.shapes):
                if not shape.has_text_frame:
                    continue
                text = shape.text_frame.text
                key: tuple[str, object] = (
                    ("placeholder", shape.placeholder_format.idx)
                    if shape.is_placeholder
                    else ("shape", shape.name)
                )
                if slide.slide_layout.name != layout and key != ("placeholder", 0):
                    key = _continued_box(boxes, text) or ("alone", key)
                boxes.setdefault(key, []).append(text)
        pieces.extend(text for texts in boxes.values() for text in texts)
    return fold(" ".join(pieces))


def _continued_box(boxes: OrderedDict[tuple[str, object], list[str]],
                   text: str) -> tuple[str, object] | None:
    """The box a column going on alone continues: the placeholder after its heading's."""
    heading = text.split("\n", 1)[0].removesuffix(" (vervolg)")
    keys = list(boxes)
    for index, key in enumerate(keys):
        if key[0] == "placeholder" and boxes[key] and boxes[key][0] == heading:
            return next((k for k in keys[index + 1:] if k[0] == "placeholder"), None)
    return None


@pytest.mark.skipif(not SEED_FILE.is_file(), reason=f"seed text not found at {SEED_FILE}")
def test_every_seed_line_appears_in_seed_order(default_deck: BuiltDeck) -> None:
    text = logical_text(default_deck.prs)
    position = 0
    lines = [fold(line) for line in SEED_FILE.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    assert len(lines) > 100
    for line in lines:
        found = text.find(line, position)
        assert found >= 0, f"seed line {line!r} not found after: {text[position : position + 80]!r}"
        position = found + len(line)


def test_nested_bullets_are_indented_deeper(default_deck: BuiltDeck) -> None:
    # Nested items (e.g. under "VNG houdt focus op:") get a larger left margin.
    margins = set()
    for slide in default_deck.prs.slides:
        for ppr in slide._element.findall(".//a:pPr", NS):
            if ppr.get("marL") is not None:
                margins.add(int(ppr.get("marL")))
    assert len(margins) >= 3


def test_nested_bullets_have_paragraph_level_one(default_deck: BuiltDeck) -> None:
    # Continuation slides (":2") count for the content slide they continue.
    nested = [
        ":".join(slide_name(slide).split(":")[:2])
        for slide in default_deck.prs.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for para in shape.text_frame.paragraphs
        if para.level == 1
    ]
    assert "two-column:bouwstenen-stikstof" in nested
    assert "bullets:overige-actualiteiten" in nested


def test_every_run_and_field_has_dutch_language(default_deck: BuiltDeck) -> None:
    assert assert_all_runs_tagged(default_deck.path, "nl-NL") > 100


def test_speaker_notes_where_content_has_notes(default_deck: BuiltDeck) -> None:
    notes = {
        name: s["notes"]
        for name, s in zip(content_names(), base_slides(), strict=True)
        if s.get("notes")
    }
    assert notes, "content/ has no notes to check"
    for slide in default_deck.prs.slides:
        name = slide_name(slide)
        if name in notes:
            assert slide.has_notes_slide, name
            written = notes[name]
            expected = [written] if isinstance(written, str) else written
            shown = fold(slide.notes_slide.notes_text_frame.text)
            for text in expected:
                assert fold(text) in shown
        else:
            assert not slide.has_notes_slide, name


def test_contact_mail_address_is_a_mailto_link(default_deck: BuiltDeck) -> None:
    links = run_links(default_deck.prs)
    assert ("wieger.zwikstra@vng.nl", "mailto:wieger.zwikstra@vng.nl") in links
    closing = next(s for s in default_deck.prs.slides if slide_name(s).startswith("closing:"))
    addresses = {
        run.hyperlink.address
        for shape in closing.shapes
        if shape.has_text_frame
        for run in text_runs(shape)
    }
    assert "mailto:wieger.zwikstra@vng.nl" in addresses


def test_core_properties_come_from_the_deck_metadata(default_deck: BuiltDeck) -> None:
    meta = deck_meta()
    props = default_deck.prs.core_properties
    assert props.title == meta["title"]
    assert props.author == meta["presenter"]
    assert props.language == "nl-NL"
    assert props.created == props.modified
    assert props.created.date() == meta["date"]
    assert props.modified.date() != dt.date.today() or meta["date"] == dt.date.today()


def test_footer_shows_the_deck_date_on_content_slides(default_deck: BuiltDeck) -> None:
    when = long_date(deck_meta()["date"])
    footer = load_yaml(TEMPLATE_DIR / "brand.yaml")["footer"]
    dated = 0
    for number, slide in enumerate(default_deck.prs.slides, start=1):
        kinds = {ph.placeholder_format.type: ph for ph in slide.placeholders}
        if slide_name(slide).split(":")[0] in {"bullets", "two-column", "statistic", "agenda"}:
            assert PP_PLACEHOLDER.DATE in kinds, slide_name(slide)
        if PP_PLACEHOLDER.DATE in kinds:
            assert kinds[PP_PLACEHOLDER.DATE].text_frame.text == when
            dated += 1
        if PP_PLACEHOLDER.FOOTER in kinds:
            assert kinds[PP_PLACEHOLDER.FOOTER].text_frame.text == footer
        if PP_PLACEHOLDER.SLIDE_NUMBER in kinds:
            fields = kinds[PP_PLACEHOLDER.SLIDE_NUMBER]._element.findall(".//a:fld", NS)
            assert [f.get("type") for f in fields] == ["slidenum"]
            assert fields[0].findtext("a:t", namespaces=NS) == str(number)
    assert dated >= 8


def test_two_builds_are_byte_identical(default_deck: BuiltDeck, tmp_path: Path) -> None:
    again = tmp_path / "again.pptx"
    build(CONTENT_DIR, again)
    assert again.read_bytes() == default_deck.path.read_bytes()


def test_zip_member_timestamps_are_fixed(default_deck: BuiltDeck) -> None:
    with zipfile.ZipFile(default_deck.path) as archive:
        stamps = {info.date_time for info in archive.infolist()}
        names = archive.namelist()
    assert len(stamps) == 1
    (stamp,) = stamps
    assert dt.date(*stamp[:3]) != dt.date.today()
    assert names[0] == "[Content_Types].xml"
