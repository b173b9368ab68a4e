"""Package integrity checks: real decks with one problem each, and the sound decks."""

from __future__ import annotations

import io
import tracemalloc
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from deck_builder.checks import CODES, check_package
from deck_builder.checks.findings import Finding
from deck_builder.ooxml import parsing
from tests.checks.decks import edit, edit_xml, new_deck, parts, rebuild, to_bytes
from tests.conftest import BuiltDeck, png_bytes
from tests.ooxml import damage

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SLIDE_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml"
LAYOUT_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HYPERLINK_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


@pytest.fixture(scope="module")
def clean(default_deck: BuiltDeck) -> bytes:
    """The default content's deck as bytes: sound, and the starting point of each break."""
    return default_deck.path.read_bytes()


@dataclass(frozen=True)
class Facts:
    """What the breaks edit in the default deck, read back with python-pptx.

    Read rather than written down, so the tests follow the content and the renderer.
    """

    picture_slide: int
    picture_part: str  # the slide part holding the first picture
    picture_rels: str
    picture_name: str
    picture_rid: str
    picture_target: str  # the Target of its relationship, as written
    image_part: str
    text_slide: int  # a slide whose first two shapes have ids 2 and 3
    text_part: str
    text_names: tuple[str, str]
    slide_ids: tuple[str, str]  # ids of the first two slides
    slide_rids: tuple[str, str]
    layout_ids: tuple[str, str]  # ids of the first two layouts of the master


@pytest.fixture(scope="module")
def facts(clean: bytes) -> Facts:
    prs = Presentation(io.BytesIO(clean))
    picture = next(
        (number, slide, shape)
        for number, slide in enumerate(prs.slides, start=1)
        for shape in slide.shapes
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE
    )
    number, slide, shape = picture
    rid = shape.element.blipFill.blip.rEmbed
    text = next(
        (number, slide)
        for number, slide in enumerate(prs.slides, start=1)
        if [s.shape_id for s in slide.shapes][:2] == [2, 3]
    )
    root = etree.fromstring(parts(clean)["ppt/presentation.xml"])
    slide_ids = root.findall(f"{{{P}}}sldIdLst/{{{P}}}sldId")[:2]
    master = etree.fromstring(parts(clean)["ppt/slideMasters/slideMaster1.xml"])
    layout_ids = master.findall(f"{{{P}}}sldLayoutIdLst/{{{P}}}sldLayoutId")[:2]
    picture_part = slide.part.partname.lstrip("/")
    return Facts(
        picture_slide=number,
        picture_part=picture_part,
        picture_rels=str(slide.part.partname.rels_uri).lstrip("/"),
        picture_name=shape.name,
        picture_rid=rid,
        picture_target=slide.part.rels[rid].target_ref,
        image_part=slide.part.related_part(rid).partname.lstrip("/"),
        text_slide=text[0],
        text_part=text[1].part.partname.lstrip("/"),
        text_names=(text[1].shapes[0].name, text[1].shapes[1].name),
        slide_ids=(slide_ids[0].get("id"), slide_ids[1].get("id")),
        slide_rids=(slide_ids[0].get(f"{{{R}}}id"), slide_ids[1].get(f"{{{R}}}id")),
        layout_ids=(layout_ids[0].get("id"), layout_ids[1].get("id")),
    )


def codes(found: list[Finding]) -> set[str]:
    return {f.code for f in found}


# -- one problem each ----------------------------------------------------------------------


def duplicate_zip_entry(deck: bytes, facts: Facts) -> bytes:
    with warnings.catch_warnings():
        # zipfile warns about the duplicate it is asked to write: that is the point here.
        warnings.filterwarnings("ignore", "Duplicate name", UserWarning)
        return rebuild(deck, add={facts.text_part: parts(deck)[facts.text_part]})


def folder_entry(deck: bytes, facts: Facts) -> bytes:
    return rebuild(deck, add={"ppt/media/": b""})


def no_content_types(deck: bytes, facts: Facts) -> bytes:
    return rebuild(deck, remove=frozenset({"[Content_Types].xml"}))


def part_without_content_type(deck: bytes, facts: Facts) -> bytes:
    return edit(
        deck, "[Content_Types].xml", b'<Default Extension="png" ContentType="image/png"/>', b""
    )


def linked_picture(deck: bytes, facts: Facts) -> bytes:
    linked = (f'<Relationship Id="rId99" Type="{RELATIONSHIPS}/image" '
              'Target="http://127.0.0.1:9/logo.png" TargetMode="External"/>')
    return edit(deck, facts.picture_rels, b"</Relationships>",
                linked.encode() + b"</Relationships>")


def dangling_override(deck: bytes, facts: Facts) -> bytes:
    override = f'<Override PartName="/ppt/slides/slide99.xml" ContentType="{SLIDE_TYPE}"/>'
    return edit(deck, "[Content_Types].xml", b"</Types>", override.encode() + b"</Types>")


def content_type_declared_twice(deck: bytes, facts: Facts) -> bytes:
    default = b'<Default Extension="png" ContentType="image/png"/>'
    return edit(deck, "[Content_Types].xml", default, default + default)


def slide_with_layout_content_type(deck: bytes, facts: Facts) -> bytes:
    right = f'PartName="/{facts.picture_part}" ContentType="{SLIDE_TYPE}"'
    wrong = right.replace("slide+xml", "slideLayout+xml")
    return edit(deck, "[Content_Types].xml", right.encode(), wrong.encode())


def illegal_character(deck: bytes, facts: Facts) -> bytes:
    return edit(deck, facts.text_part, b"<a:t>", b"<a:t>\x01")


def dangling_relationship(deck: bytes, facts: Facts) -> bytes:
    return rebuild(deck, remove=frozenset({facts.image_part}))


def repeated_relationship_id(deck: bytes, facts: Facts) -> bytes:
    again = (
        f'<Relationship Id="{facts.picture_rid}" Type="{LAYOUT_RELATION}" '
        'Target="../slideLayouts/slideLayout1.xml"/>'
    )
    return edit(deck, facts.picture_rels, b"</Relationships>", again.encode() + b"</Relationships>")


def unresolved_rid(deck: bytes, facts: Facts) -> bytes:
    old = f'r:embed="{facts.picture_rid}"'.encode()
    return edit(deck, facts.picture_part, old, b'r:embed="rId999"')


def orphan_part(deck: bytes, facts: Facts) -> bytes:
    return rebuild(deck, add={"ppt/media/stale.png": png_bytes()})


def duplicate_shape_id(deck: bytes, facts: Facts) -> bytes:
    return edit(deck, facts.text_part, b'<p:cNvPr id="3" ', b'<p:cNvPr id="2" ')


def duplicate_slide_id(deck: bytes, facts: Facts) -> bytes:
    first, second = facts.slide_ids
    return edit(deck, "ppt/presentation.xml", f'id="{second}"'.encode(), f'id="{first}"'.encode())


def slide_id_too_small(deck: bytes, facts: Facts) -> bytes:
    return edit(deck, "ppt/presentation.xml", f'id="{facts.slide_ids[0]}"'.encode(), b'id="255"')


def duplicate_layout_id(deck: bytes, facts: Facts) -> bytes:
    first, second = facts.layout_ids
    return edit(
        deck,
        "ppt/slideMasters/slideMaster1.xml",
        f'id="{second}"'.encode(),
        f'id="{first}"'.encode(),
    )


PACKAGE_CASES: dict[str, Callable[[bytes, Facts], bytes]] = {
    "PKG-DUP-ZIP-ENTRY": duplicate_zip_entry,
    "PKG-BAD-PART-NAME": folder_entry,
    "PKG-MISSING-PART": no_content_types,
    "PKG-NO-CONTENT-TYPE": part_without_content_type,
    "PKG-DANGLING-OVERRIDE": dangling_override,
    "PKG-DUP-CONTENT-TYPE": content_type_declared_twice,
    "PKG-WRONG-CONTENT-TYPE": slide_with_layout_content_type,
    "PKG-BAD-XML": illegal_character,
    "PKG-DANGLING-REL": dangling_relationship,
    "PKG-DUP-REL-ID": repeated_relationship_id,
    "PKG-UNRESOLVED-RID": unresolved_rid,
    "PKG-ORPHAN-PART": orphan_part,
    "PKG-EXTERNAL-TARGET": linked_picture,
    "PKG-DUP-SHAPE-ID": duplicate_shape_id,
    "PKG-DUP-SLIDE-ID": duplicate_slide_id,
    "PKG-BAD-SLIDE-ID": slide_id_too_small,
    "PKG-DUP-LAYOUT-ID": duplicate_layout_id,
}


@pytest.mark.parametrize("code", sorted(PACKAGE_CASES))
def test_each_broken_package_gives_exactly_its_code(clean: bytes, facts: Facts, code: str) -> None:
    found = check_package(PACKAGE_CASES[code](clean, facts))
    assert codes(found) == {code}, [f.to_text() for f in found]
    assert {f.severity for f in found} == {CODES[code].severity}


def test_a_file_that_is_no_zip() -> None:
    (found,) = check_package(b"PK but not really a zip archive")
    assert found.code == "PKG-BAD-ZIP"
    assert found.severity == "error"


# -- the sound decks -----------------------------------------------------------------------


def test_default_deck_package_is_sound(default_deck: BuiltDeck, clean: bytes) -> None:
    assert check_package(default_deck.path) == []
    assert check_package(clean) == []


def test_kitchen_sink_deck_package_is_sound(kitchen_deck: BuiltDeck) -> None:
    assert check_package(kitchen_deck.path) == []


def test_a_stock_python_pptx_deck_is_sound() -> None:
    prs = new_deck()
    for layout in prs.slide_layouts:
        prs.slides.add_slide(layout)
    assert check_package(to_bytes(prs)) == []


# -- where findings point --------------------------------------------------------------------


def test_duplicate_shape_id_names_the_slide_and_shape(clean: bytes, facts: Facts) -> None:
    (found,) = check_package(duplicate_shape_id(clean, facts))
    first, second = facts.text_names
    assert (found.slide, found.shape, found.part) == (facts.text_slide, second, facts.text_part)
    assert f'"{first}" and "{second}"' in found.message


def test_unresolved_rid_names_the_picture(clean: bytes, facts: Facts) -> None:
    (found,) = check_package(unresolved_rid(clean, facts))
    assert (found.slide, found.shape) == (facts.picture_slide, facts.picture_name)
    assert "rId999" in found.message


def test_dangling_relationship_names_the_rels_part_and_target(clean: bytes, facts: Facts) -> None:
    (found,) = check_package(dangling_relationship(clean, facts))
    assert (found.slide, found.part) == (facts.picture_slide, facts.picture_rels)
    assert facts.picture_target in found.message


def test_every_part_without_content_type_is_listed(clean: bytes, facts: Facts) -> None:
    found = check_package(part_without_content_type(clean, facts))
    pngs = sorted(name for name in parts(clean) if name.endswith(".png"))
    assert sorted(f.part for f in found) == pngs
    assert facts.image_part in pngs


def test_unparseable_xml_is_reported(clean: bytes, facts: Facts) -> None:
    broken = edit(clean, facts.text_part, b"</p:sld>", b"")
    (found,) = check_package(broken)
    assert (found.code, found.slide) == ("PKG-BAD-XML", facts.text_slide)


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        (b"<a:t>", b"<a:t>&#1;", "invalid xmlChar value 1"),
        (b"<a:t>", b"<a:t>\x0b", "invalid Char value 11"),
        (b"<p:sld ", b'<!DOCTYPE p:sld SYSTEM "x.dtd"><p:sld ', "DOCTYPE"),
    ],
)
def test_illegal_characters_and_doctypes_are_bad_xml(
    clean: bytes, facts: Facts, old: bytes, new: bytes, why: str
) -> None:
    (found,) = check_package(edit(clean, facts.text_part, old, new))
    assert (found.code, found.slide) == ("PKG-BAD-XML", facts.text_slide)
    assert why in found.message


def test_a_package_past_what_it_may_unpack_to_is_not_read(
    clean: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    total = sum(len(data) for data in parts(clean).values())
    monkeypatch.setattr(parsing, "MAX_UNPACKED_BYTES", total)
    assert check_package(clean) == []
    monkeypatch.setattr(parsing, "MAX_UNPACKED_BYTES", total - 1)
    (found,) = check_package(clean)
    assert found.code == "PKG-BAD-ZIP"
    assert "unpacks to" in found.message


def test_a_member_whose_header_lies_is_inflated_in_bounded_memory(clean: bytes) -> None:
    # 512 MiB of zeros in half a megabyte, its headers claiming a kilobyte: zipfile stops
    # at the claimed size, but only after inflating what one read asks for.
    size = 512 << 20
    bomb = damage.Member("ppt/slides/slide99.xml", damage.bomb(size), damage.DEFLATED,
                         damage.zero_crc(size), 1000)
    data = damage.zip_bytes([*damage.members_of(clean), bomb])
    tracemalloc.start()
    try:
        (found,) = check_package(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found.code == "PKG-BAD-ZIP"
    assert "ppt/slides/slide99.xml is damaged" in found.message
    assert peak < 32 << 20


@pytest.mark.parametrize("part", ["[Content_Types].xml", "ppt/theme/theme1.xml",
                                  "ppt/slides/slide1.xml"])
@pytest.mark.parametrize("damaged", ["deflate", "crc"])
def test_a_damaged_member_makes_the_file_unreadable(clean: bytes, part: str,
                                                    damaged: str) -> None:
    members = damage.members_of(clean)
    (item,) = [m for m in members if m.name == part]
    if damaged == "crc":
        item.crc ^= 1
    else:
        item.raw = item.raw[:10] + b"\xff" * 10 + item.raw[20:]
    (found,) = check_package(damage.zip_bytes(members))
    assert found.code == "PKG-BAD-ZIP"
    assert f"{part} is damaged" in found.message


def test_a_presentation_without_slide_master(clean: bytes) -> None:
    data = edit_xml(clean, "ppt/_rels/presentation.xml.rels", _drop_master_relationships)
    found = [f for f in check_package(data) if f.code == "PKG-MISSING-PART"]
    assert [f.message for f in found] == ["ppt/presentation.xml has no slide master"]


def _drop_master_relationships(root: etree._Element) -> None:
    for rel in list(root):
        if rel.get("Type", "").endswith("/slideMaster"):
            root.remove(rel)


def test_web_and_mail_links_are_no_finding_other_external_targets_are(clean: bytes) -> None:
    def relationship(kind: str, target: str, rid: str) -> bytes:
        return (f'<Relationship Id="{rid}" Type="{RELATIONSHIPS}/{kind}" Target="{target}" '
                'TargetMode="External"/>').encode()

    links = b"".join(relationship("hyperlink", target, f"rId9{n}") for n, target in
                     enumerate(["https://vng.nl", "http://vng.nl/x", "mailto:a@vng.nl"]))
    assert check_package(edit(clean, "ppt/slides/_rels/slide1.xml.rels", b"</Relationships>",
                              links + b"</Relationships>")) == []
    risky = relationship("hyperlink", "file:///etc/passwd", "rId97") + relationship(
        "video", "https://example.org/v.mp4", "rId98")
    found = check_package(edit(clean, "ppt/slides/_rels/slide1.xml.rels", b"</Relationships>",
                               risky + b"</Relationships>"))
    assert [(f.code, f.part, f.slide, f.severity) for f in found] == [
        ("PKG-EXTERNAL-TARGET", "ppt/slides/slide1.xml", 1, "warning")] * 2
    assert "file:///etc/passwd" in found[0].message
    assert "video 'https://example.org/v.mp4', fetched" in found[1].message


@pytest.mark.parametrize(
    ("part", "end"),
    [
        ("[Content_Types].xml", b"</Types>"),
        ("_rels/.rels", b"</Relationships>"),
        ("picture rels", b"</Relationships>"),
        ("ppt/presentation.xml", b"</p:presentation>"),
    ],
)
def test_a_broken_core_part_gives_one_finding_not_a_cascade(
    clean: bytes, facts: Facts, part: str, end: bytes
) -> None:
    name = facts.picture_rels if part == "picture rels" else part
    (found,) = check_package(edit(clean, name, end, b""))
    assert (found.code, found.part) == ("PKG-BAD-XML", name)


def test_a_duplicate_slide_relationship_is_reported(clean: bytes, facts: Facts) -> None:
    first, second = facts.slide_rids
    broken = edit(
        clean, "ppt/presentation.xml", f'r:id="{second}"'.encode(), f'r:id="{first}"'.encode()
    )
    (found,) = check_package(broken)
    assert found.code == "PKG-DUP-SLIDE-ID"
    assert f"relationship {first} " in found.message


def test_an_orphan_is_a_warning_only(clean: bytes, facts: Facts) -> None:
    (found,) = check_package(orphan_part(clean, facts))
    assert (found.severity, found.part) == ("warning", "ppt/media/stale.png")


def test_relationships_of_a_missing_part_are_an_orphan(clean: bytes, facts: Facts) -> None:
    rels = parts(clean)[facts.picture_rels]
    (found,) = check_package(rebuild(clean, add={"ppt/slides/_rels/slide77.xml.rels": rels}))
    assert (found.code, found.part) == ("PKG-ORPHAN-PART", "ppt/slides/_rels/slide77.xml.rels")


# -- what is not a problem -------------------------------------------------------------------


def test_path_and_bytes_give_the_same_findings(clean: bytes, facts: Facts, tmp_path: Path) -> None:
    broken = duplicate_shape_id(clean, facts)
    path = tmp_path / "broken.pptx"
    path.write_bytes(broken)
    assert check_package(path) == check_package(broken) != []


def test_external_targets_are_not_looked_up(clean: bytes, facts: Facts) -> None:
    external = (
        f'<Relationship Id="rId40" Type="{HYPERLINK_RELATION}" '
        'Target="https://example.invalid/nowhere" TargetMode="External"/>'
    )
    deck = edit(
        clean, facts.picture_rels, b"</Relationships>", external.encode() + b"</Relationships>"
    )
    assert check_package(deck) == []


@pytest.mark.parametrize("spelling", ["absolute", "upper case"])
def test_absolute_and_differently_cased_targets_resolve(
    clean: bytes, facts: Facts, spelling: str
) -> None:
    target = "/" + facts.image_part if spelling == "absolute" else facts.picture_target.upper()
    deck = edit(clean, facts.picture_rels, facts.picture_target.encode(), target.encode())
    assert deck != clean
    assert check_package(deck) == []


def test_action_links_with_an_empty_rid_are_allowed(clean: bytes, facts: Facts) -> None:
    jump = (
        b'<a:r><a:rPr lang="nl-NL"><a:hlinkClick r:id="" '
        b'action="ppaction://hlinkshowjump?jump=nextslide"/></a:rPr><a:t>Verder</a:t></a:r>'
    )
    deck = edit(clean, facts.text_part, b"</a:p>", jump + b"</a:p>")
    assert check_package(deck) == []
    broken = edit(
        clean, facts.text_part, b"</a:p>", jump.replace(b'r:id=""', b'r:id="rId77"') + b"</a:p>"
    )
    assert codes(check_package(broken)) == {"PKG-UNRESOLVED-RID"}


def test_shape_ids_inside_groups_are_compared() -> None:
    prs = new_deck()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    outer = slide.shapes.add_textbox(Emu(0), Emu(0), Emu(914400), Emu(914400))
    group = slide.shapes.add_group_shape()
    inner = group.shapes.add_textbox(Emu(0), Emu(0), Emu(914400), Emu(914400))
    assert check_package(to_bytes(prs)) == []
    inner.element.nvSpPr.cNvPr.set("id", str(outer.shape_id))
    (found,) = check_package(to_bytes(prs))
    assert (found.code, found.slide) == ("PKG-DUP-SHAPE-ID", 1)


def test_a_fallback_twin_does_not_count_as_a_duplicate(clean: bytes, facts: Facts) -> None:
    def wrap_title_in_alternate_content(root: etree._Element) -> None:
        # PowerPoint writes newer content in mc:Choice with a look-alike in mc:Fallback.
        title = root.find(f"{{{P}}}cSld/{{{P}}}spTree/{{{P}}}sp")
        alternate = etree.Element(f"{{{MC}}}AlternateContent", nsmap={"mc": MC})
        title.addprevious(alternate)
        choice = etree.SubElement(alternate, f"{{{MC}}}Choice", Requires="p")
        fallback = etree.SubElement(alternate, f"{{{MC}}}Fallback")
        fallback.append(etree.fromstring(etree.tostring(title)))
        choice.append(title)

    deck = edit_xml(clean, facts.text_part, wrap_title_in_alternate_content)
    assert b"mc:Fallback" in parts(deck)[facts.text_part]
    assert check_package(deck) == []


# -- property: any duplicated shape id is found --------------------------------------------------


@given(data=st.data())
def test_shuffled_shape_ids_are_caught_exactly_when_they_repeat(
    clean: bytes, facts: Facts, data: st.DataObject
) -> None:
    slide = facts.text_part
    count = len(etree.fromstring(parts(clean)[slide]).findall(f".//{{{P}}}cNvPr"))
    ids = data.draw(st.lists(st.integers(1, count + 2), min_size=count, max_size=count))

    def renumber(root: etree._Element) -> None:
        for props, value in zip(root.iter(f"{{{P}}}cNvPr"), ids, strict=True):
            props.set("id", str(value))

    found = check_package(edit_xml(clean, slide, renumber))
    repeated = {value for value in ids if ids.count(value) > 1}
    assert {f.code for f in found} <= {"PKG-DUP-SHAPE-ID"}
    assert {f.message.split()[2] for f in found} == {str(v) for v in repeated}
    assert all((f.slide, f.part, f.severity) == (facts.text_slide, slide, "error") for f in found)
