"""`kind: quote`: quotation, attribution, optional picture with caption and alt text."""

from __future__ import annotations

import shutil
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu, Pt

from deck_builder.checks import check_deck
from deck_builder.errors import DeckError
from deck_builder.kinds import KINDS
from deck_builder.pipeline import build
from deck_builder.template.load import RoleSpec, load_template
from tests.conftest import (
    BUILT_DECK,
    TEMPLATE_DIR,
    ContentMaker,
    SlideBuilder,
    assert_inside,
    descr,
    kind_slides,
    pictures,
    png_bytes,
    rect_of,
    slide_texts,
    text_runs,
)


@pytest.fixture
def plain_quote_brand(tmp_path: Path) -> Path:
    """The VNG brand with a layouts.yaml that maps no title for quotes (as a foreign
    template may)."""
    folder = tmp_path / "brand"
    shutil.copytree(TEMPLATE_DIR, folder)
    layouts = folder / "layouts.yaml"
    text = layouts.read_text(encoding="utf-8")
    quote = text.index("layout: Citaat")
    title = text.index("      title:", quote)
    end = text.index("\n", title) + 1
    layouts.write_text(text[:title] + text[end:], encoding="utf-8")
    return folder


def _union(a: tuple[int, int, int, int], b: tuple[int, int, int, int]
           ) -> tuple[int, int, int, int]:
    left, top = min(a[0], b[0]), min(a[1], b[1])
    return left, top, max(a[0] + a[2], b[0] + b[2]) - left, max(a[1] + a[3], b[1] + b[3]) - top


QUOTE = (
    '"De Nota Ruimte is een Rijkskader om te sturen op de ontwikkeling van ons land. '
    'VRO samen met IenW, LVVN, EZ, KGG, DEF, OCW en VWS."'
)


def test_quote_with_picture(build_slides: SlideBuilder) -> None:
    slides = f"""\
    - kind: quote
      quote: '{QUOTE}'
      attribution: Ministerie van VRO
      picture:
        file: images/omslag.png
        alt: Omslag van de Ontwerp-Nota Ruimte
        caption: De Ontwerp-Nota Ruimte
    """
    prs = build_slides(slides, files={"images/omslag.png": png_bytes((300, 420))})
    (slide,) = kind_slides(prs, "quote")
    roles = {
        "quote": QUOTE,
        "attribution": "Ministerie van VRO",
        "caption": "De Ontwerp-Nota Ruimte",
    }
    slide.check(roles, sized=roles)
    (picture,) = pictures(slide.slide)
    assert descr(picture) == "Omslag van de Ontwerp-Nota Ruimte"
    # Scaled into the picture's room (its area and its caption's), aspect ratio kept
    # (300 × 420), the caption centred directly under it.
    room = _union(rect_of(slide.area("picture")), rect_of(slide.area("caption")))
    assert_inside(rect_of(picture), room)
    assert abs(picture.width / picture.height - 300 / 420) < 0.01
    caption = rect_of(slide.shape("caption"))
    assert abs(caption[0] + caption[2] / 2 - (picture.left + picture.width / 2)) <= 2
    assert 0 <= caption[1] - (picture.top + picture.height) <= Emu(Pt(24))
    # The quote in italics, its attribution directly under it, in the quote's width.
    quote, attribution = rect_of(slide.shape("quote")), rect_of(slide.shape("attribution"))
    assert all(run.font.italic for run in text_runs(slide.shape("quote")))
    assert 0 <= attribution[1] - (quote[1] + quote[3]) <= Emu(Pt(24))
    assert (attribution[0], attribution[2]) == (quote[0], quote[2])
    # Reading order: quote, attribution, caption.
    texts = slide_texts(slide.slide)
    assert texts.index(QUOTE) < texts.index(roles["attribution"]) < texts.index(roles["caption"])


def test_quote_without_picture_widens(build_slides: SlideBuilder) -> None:
    (slide,) = kind_slides(build_slides(f"- kind: quote\n  quote: '{QUOTE}'\n"), "quote")
    assert pictures(slide.slide) == []
    assert slide.text("quote") == QUOTE
    # Takes the picture's place as well.
    assert slide.shape("quote").width > slide.area("quote").width
    assert slide.shape("attribution") is None
    slide.sizes("quote")


# -- the slide title ---------------------------------------------------------------------


def test_a_quote_without_a_title_is_titled_with_the_word_for_quote(
    build_slides: SlideBuilder,
) -> None:
    slides = f"- kind: quote\n  quote: '{QUOTE}'\n  attribution: Ministerie van VRO\n"
    (slide,) = kind_slides(build_slides(slides), "quote")
    title = slide.shape("title")
    assert title.is_placeholder
    assert title.placeholder_format.type == PP_PLACEHOLDER.TITLE
    # The attribution stays in its own place and is not repeated in the title.
    slide.check({"title": "Citaat", "attribution": "Ministerie van VRO"}, sized=["title"])
    # The title is read first: it is how a screen reader announces the slide.
    assert slide_texts(slide.slide)[:2] == ["Citaat", QUOTE]


def test_a_quote_title_follows_the_deck_language(build_slides: SlideBuilder) -> None:
    prs = build_slides("- kind: quote\n  quote: To be or not to be.\n", meta={"language": "en"})
    (slide,) = kind_slides(prs, "quote")
    assert slide.text("title") == "Quote"


def test_a_quote_with_its_own_title_shows_it(build_slides: SlideBuilder) -> None:
    slides = f"""\
    - kind: quote
      title: Het Rijk over de **Nota Ruimte**
      quote: '{QUOTE}'
    """
    (slide,) = kind_slides(build_slides(slides), "quote")
    slide.check({"title": "Het Rijk over de Nota Ruimte", "quote": QUOTE}, sized=["title"])
    assert [run.font.bold for run in text_runs(slide.shape("title"))][-1] is True


def test_quote_slides_pass_the_accessibility_check(build_slides: SlideBuilder,
                                                   tmp_path: Path) -> None:
    slides = f"""\
    - kind: quote
      quote: '{QUOTE}'
      attribution: Ministerie van VRO
      picture: {{file: images/omslag.png, alt: Omslag, caption: De Ontwerp-Nota Ruimte}}
    - kind: quote
      title: Nog een citaat
      quote: Kort.
    """
    build_slides(slides, files={"images/omslag.png": png_bytes((300, 420))})
    report = check_deck(tmp_path / BUILT_DECK)
    assert report.findings == (), report.to_text()


def test_a_template_without_a_quote_title_leaves_the_default_out(
    plain_quote_brand: Path, make_content: ContentMaker, tmp_path: Path
) -> None:
    content = make_content(f"- kind: quote\n  quote: '{QUOTE}'\n")
    out = tmp_path / "plain.pptx"
    build(content.dir, out, plain_quote_brand)
    (slide,) = Presentation(str(out)).slides
    assert "Citaat" not in slide_texts(slide)
    assert QUOTE in slide_texts(slide)


def test_a_quote_title_needs_a_place_in_the_template(
    plain_quote_brand: Path, make_content: ContentMaker, tmp_path: Path
) -> None:
    content = make_content(f"- kind: quote\n  title: Eigen titel\n  quote: '{QUOTE}'\n")
    with pytest.raises(DeckError) as caught:
        build(content.dir, tmp_path / "plain.pptx", plain_quote_brand)
    line, _ = content.where("kind: quote")
    assert f"deck.yaml:{line}:" in str(caught.value)
    assert "'title'" in str(caught.value)


def test_a_cover_picture_fills_its_place_and_a_decorative_one_needs_no_alt(
    build_slides: SlideBuilder, tmp_path: Path
) -> None:
    """`fit: cover` crops the picture to its area (around the focal point), keeping its
    proportions; `decorative: true` marks it for screen readers instead of alt text."""
    prs = build_slides(
        "- kind: quote\n  quote: Q\n  picture:\n    file: breed.png\n    decorative: true\n"
        "    fit: cover\n    focal: [0, 0.5]\n",
        files={"breed.png": png_bytes((1200, 300))},
    )
    (slide,) = kind_slides(prs, "quote")
    (picture,) = pictures(slide.slide)
    spec = quote_roles()["picture"]
    assert (picture.left, picture.top, picture.width, picture.height) == (
        spec.rect.x, spec.rect.y, spec.rect.w, spec.rect.h)
    with Image.open(BytesIO(picture.image.blob)) as image:
        shown = picture.width / picture.height
        assert image.width / image.height == pytest.approx(shown, rel=0.01)
    c_nv_pr = picture._element.nvPicPr.cNvPr
    assert c_nv_pr.get("descr") == ""
    assert b"decorative" in etree.tostring(c_nv_pr)
    report = check_deck(tmp_path / BUILT_DECK)
    assert "A11Y-ALT-MISSING" not in report.codes()


def quote_roles() -> dict[str, RoleSpec]:
    template = load_template(TEMPLATE_DIR, KINDS.layout_needs())
    return template.layouts["quote"].roles
