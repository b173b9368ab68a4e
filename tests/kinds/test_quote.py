"""`kind: quote`: quotation, attribution, optional picture with caption and alt text."""

from __future__ import annotations

from collections.abc import Callable

from pptx.presentation import Presentation as PresentationType

from tests.conftest import (
    LAYOUTS,
    Content,
    ContentMaker,
    assert_inside,
    assert_role_sizes,
    descr,
    pictures,
    png_bytes,
    rect_of,
    role_shape,
    slide_texts,
)

Builder = Callable[[Content], PresentationType]
QUOTE = (
    '"De Nota Ruimte is een Rijkskader om te sturen op de ontwikkeling van ons land. '
    'VRO samen met IenW, LVVN, EZ, KGG, DEF, OCW en VWS."'
)


def layout_rect(slide: object, kind: str, role: str) -> tuple[int, int, int, int]:
    idx = LAYOUTS[kind]["roles"][role]["idx"]
    for ph in slide.slide_layout.placeholders:  # type: ignore[attr-defined]
        if ph.placeholder_format.idx == idx:
            return ph.left, ph.top, ph.width, ph.height
    raise AssertionError(f"layout has no idx {idx}")


def test_quote_with_picture(make_content: ContentMaker, build_deck: Builder) -> None:
    slides = f"""\
    - kind: quote
      quote: '{QUOTE}'
      attribution: Ministerie van VRO
      picture:
        file: images/omslag.png
        alt: Omslag van de Ontwerp-Nota Ruimte
        caption: De Ontwerp-Nota Ruimte
    """
    content = make_content(slides, files={"images/omslag.png": png_bytes((300, 420))})
    prs = build_deck(content)
    (slide,) = prs.slides
    assert slide.slide_layout.name == LAYOUTS["quote"]["layout"]
    assert role_shape(slide, "quote", "quote").text_frame.text == QUOTE
    assert role_shape(slide, "quote", "attribution").text_frame.text == "Ministerie van VRO"
    assert role_shape(slide, "quote", "caption").text_frame.text == "De Ontwerp-Nota Ruimte"
    for role in ("quote", "attribution", "caption"):
        assert_role_sizes(slide, "quote", role)
    (picture,) = pictures(slide)
    assert descr(picture) == "Omslag van de Ontwerp-Nota Ruimte"
    # Scaled into the picture area, aspect ratio kept (300 × 420).
    assert_inside(rect_of(picture), layout_rect(slide, "quote", "picture"))
    assert abs(picture.width / picture.height - 300 / 420) < 0.01
    # Reading order: quote, attribution, caption.
    texts = slide_texts(slide)
    assert (
        texts.index(QUOTE)
        < texts.index("Ministerie van VRO")
        < texts.index("De Ontwerp-Nota Ruimte")
    )


def test_quote_without_picture_widens(make_content: ContentMaker, build_deck: Builder) -> None:
    prs = build_deck(make_content(f"- kind: quote\n  quote: '{QUOTE}'\n"))
    slide = prs.slides[0]
    assert pictures(slide) == []
    quote = role_shape(slide, "quote", "quote")
    assert quote.text_frame.text == QUOTE
    _, _, layout_width, _ = layout_rect(slide, "quote", "quote")
    assert quote.width > layout_width  # takes the picture's place as well
    assert role_shape(slide, "quote", "attribution") is None
    assert_role_sizes(slide, "quote", "quote")
