"""External relationships: found, and taken out with what refers to them."""

from __future__ import annotations

import io

import pytest
from lxml import etree
from pptx import Presentation

from deck_builder.checks import check_package
from deck_builder.ooxml import external, reading
from tests.conftest import BuiltDeck
from tests.ooxml import damage

SLIDE = "ppt/slides/slide1.xml"
LINKS = {
    "http://127.0.0.1:9/logo.png": "image",
    "file:///srv/video.mp4": "video",
    "https://vng.nl": "hyperlink",
    "file:///home/auteur/notities.docx": "hyperlink",
}


@pytest.fixture(scope="module")
def linked(default_deck: BuiltDeck) -> dict[str, bytes]:
    data = damage.with_external_links(default_deck.path.read_bytes(), SLIDE, LINKS)
    return reading.read_package(data)


def test_every_external_relationship_is_found(linked: dict[str, bytes]) -> None:
    found = [link for link in external.external_targets(linked) if link.part == SLIDE]
    assert [(link.kind, link.target) for link in found] == [
        (kind, target) for target, kind in LINKS.items()]
    assert [link.fetched for link in found] == [True, True, False, False]
    assert [link.web_link for link in found] == [False, False, True, False]
    assert found[0].describe() == (
        f"{SLIDE} shows image 'http://127.0.0.1:9/logo.png', fetched when the slide is shown")
    assert found[3].describe() == f"{SLIDE} links to 'file:///home/auteur/notities.docx'"


def test_what_is_taken_out_takes_its_references_along(linked: dict[str, bytes]) -> None:
    kept, dropped = external.without_external(linked, lambda link: not link.web_link)
    assert {link.target for link in dropped} == set(LINKS) - {"https://vng.nl"}
    assert [link.target for link in external.external_targets(kept)
            if link.part == SLIDE] == ["https://vng.nl"]
    root = etree.fromstring(kept[SLIDE])
    names = [e.get("name") for e in root.iter("{*}cNvPr")]
    # The linked picture keeps its shape (its blip without the link), the video goes with
    # its element, the local link with its hlinkClick; the web link stays.
    assert {"Linked 1", "Linked 2"} <= set(names)
    assert not root.xpath("//*[local-name()='videoFile']")
    assert [e.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            for e in root.iter("{*}hlinkClick")] == ["rIdX3"]
    assert all(kept[name] is linked[name] for name in linked
               if name not in {SLIDE, "ppt/slides/_rels/slide1.xml.rels"})
    # What is left is a sound package that python-pptx opens.
    data = reading.write_members(kept)
    assert check_package(data) == []
    assert len(Presentation(io.BytesIO(data)).slides) > 1


def test_nothing_chosen_changes_nothing(linked: dict[str, bytes]) -> None:
    same, dropped = external.without_external(linked, lambda link: False)
    assert same is linked
    assert dropped == []


def test_a_linked_object_takes_its_shape_along() -> None:
    part = (b'<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
            b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            b'<p:cSld><p:spTree><p:graphicFrame><p:oleObj r:id="rId7"/></p:graphicFrame>'
            b'<p:sp/></p:spTree></p:cSld></p:sld>')
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'relationships"><Relationship Id="rId7" TargetMode="External" Target="x.xlsx" '
            b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'oleObject"/></Relationships>')
    members = {"ppt/slides/slide1.xml": part, "ppt/slides/_rels/slide1.xml.rels": rels}
    kept, dropped = external.without_external(members, lambda link: link.fetched)
    assert [link.kind for link in dropped] == ["oleObject"]
    tree = etree.fromstring(kept["ppt/slides/slide1.xml"]).find(".//{*}spTree")
    assert tree is not None
    assert [etree.QName(child).localname for child in tree] == ["sp"]
