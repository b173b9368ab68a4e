"""The PDF of `build --pdf` is tagged PDF/UA-1, read back with pikepdf: structure tree,
language, title, bookmarks, alt text, reading order, links; and the same deck gives the
same bytes. The default deck and all 12 afdeling decks."""

from __future__ import annotations

import io
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pikepdf
import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from deck_builder import pipeline
from deck_builder.content.overlays import load_variants
from deck_builder.delivery.pdf import pdf_bytes, to_pdf
from tests.checks.decks import mark_decorative, new_deck, picture, titled_slide, to_bytes
from tests.delivery.pdf_structure import elements, outline_titles
from tests.variants_support import copy_content

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)"),
]

FOOTERS = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """The default deck and every afdeling's deck with their PDFs, by name."""
    root = tmp_path_factory.mktemp("pdfua")
    content = copy_content(root)
    built = {"default": pipeline.build(content, root / "out" / "default.pptx").output}
    for slug in load_variants(content).slugs():
        built[slug] = pipeline.build(content, root / "out" / f"{slug}.pptx", afdeling=slug).output
    with ThreadPoolExecutor(max_workers=2) as pool:
        pdfs = dict(zip(built, pool.map(to_pdf, built.values()), strict=True))
    return {name: (built[name], pdfs[name]) for name in built}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _check_tagged(deck: Path, pdf_path: Path) -> None:
    prs = Presentation(str(deck))
    with pikepdf.open(pdf_path) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "nl-NL"
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title) == prs.core_properties.title
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1"
            assert meta.get("xmp:CreateDate", "").startswith(
                prs.core_properties.created.strftime("%Y-%m-%d"))
        titles = [slide.shapes.title.text_frame.text for slide in prs.slides]
        assert [_squash(t) for t in outline_titles(pdf)] == [_squash(t) for t in titles]
        tagged = elements(pdf)
        figures = [e for e in tagged if e.kind == "Figure"]
        assert all(e.alt and e.alt.strip() for e in figures), figures
        for number, slide in enumerate(prs.slides, start=1):
            _check_reading_order(number, slide, [e for e in tagged if e.page == number])


def _check_reading_order(number: int, slide: object, tagged: list) -> None:
    """The slide's own paragraphs appear in the tag tree in the order of its shape tree,
    the title first."""
    expected = []
    for shape in slide.shapes:  # type: ignore[attr-defined]
        if not shape.has_text_frame:
            continue
        if shape.is_placeholder and shape.placeholder_format.type in FOOTERS:
            continue
        expected += [_squash(p.text) for p in shape.text_frame.paragraphs if p.text.strip()]
    texts = [_squash(e.text) for e in tagged if e.text.strip() and e.kind != "Lbl"]
    position = -1
    for paragraph in expected:
        later = [i for i, text in enumerate(texts) if i > position
                 and (text.startswith(paragraph[:20]) or paragraph.startswith(text[:20]))]
        assert later, f"slide {number}: {paragraph!r} not after position {position} in {texts}"
        position = later[0]
    headings = [e for e in tagged if e.kind.startswith("H")]
    title = _squash(slide.shapes.title.text_frame.text)  # type: ignore[attr-defined]
    assert headings, f"slide {number} has no heading"
    assert _squash("".join(e.text for e in tagged[tagged.index(headings[0]):][:2])) \
        .startswith(title[:20])
    # Nothing of the slide's own text is read before its title.
    before = [_squash(e.text) for e in tagged[:tagged.index(headings[0])] if e.text.strip()]
    assert not any(text and text in expected for text in before), before


def test_the_default_deck_is_tagged_pdf_ua(decks: dict[str, tuple[Path, Path]]) -> None:
    _check_tagged(*decks["default"])


def test_every_afdeling_deck_is_tagged_pdf_ua(decks: dict[str, tuple[Path, Path]]) -> None:
    assert len(decks) == 13
    for name, (deck, pdf) in decks.items():
        if name != "default":
            _check_tagged(deck, pdf)


def test_links_are_link_annotations_in_the_tag_tree_with_their_text(
    decks: dict[str, tuple[Path, Path]],
) -> None:
    with pikepdf.open(decks["default"][1]) as pdf:
        parents = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)
        found = []
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                if annotation.Subtype != "/Link":
                    continue
                assert page.Tabs == "/S"
                element = parents[int(annotation.StructParent)]
                assert element.S == "/Link"
                assert element.K[0].Obj.objgen == annotation.objgen
                found.append((str(annotation.Contents), str(annotation.A.URI)))
    assert ("wieger.zwikstra@vng.nl", "mailto:wieger.zwikstra@vng.nl") in found
    # A link on a whole shape (a partner chip) is named by the chip's text.
    assert ("IPO", "https://www.ipo.nl/") in found
    assert not [text for text, _ in found if not text or text.startswith("Go to document")]


def test_the_same_deck_gives_the_same_pdf(decks: dict[str, tuple[Path, Path]]) -> None:
    deck, pdf = decks["default"]
    assert pdf_bytes(deck.read_bytes(), deck) == pdf.read_bytes()


def test_a_decorative_picture_is_an_artifact_and_a_described_one_a_figure() -> None:
    prs = new_deck("Sfeer")
    prs.core_properties.language = "nl-NL"
    slide = titled_slide(prs, "Sfeer")
    picture(slide, "Kaart van Nederland")
    mark_decorative(picture(slide, ""))
    data = pdf_bytes(to_bytes(prs), Path("sfeer.pptx"))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        figures = [e for e in elements(pdf) if e.kind == "Figure"]
        assert [e.alt for e in figures] == ["Kaart van Nederland"]
        drawn = [str(i.operands[0]) for i in pikepdf.parse_content_stream(pdf.pages[0])
                 if isinstance(i, pikepdf.ContentStreamInstruction)
                 and str(i.operator) in {"BMC", "BDC"}]
        assert drawn.count("/Figure") == 1
        assert "/Artifact" in drawn


def test_a_handout_adds_the_notes_pages(decks: dict[str, tuple[Path, Path]]) -> None:
    deck, _ = decks["default"]
    slides = len(Presentation(str(deck)).slides)
    data = pdf_bytes(deck.read_bytes(), deck, kind="handout")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 2 * slides
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "nl-NL"
