"""`kind: quote`: quotation, attribution, optional picture with caption and alt text."""

from __future__ import annotations

from tests.conftest import (
    SlideBuilder,
    assert_inside,
    descr,
    kind_slides,
    pictures,
    png_bytes,
    rect_of,
    slide_texts,
)

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
    # Scaled into the picture area, aspect ratio kept (300 × 420).
    assert_inside(rect_of(picture), rect_of(slide.area("picture")))
    assert abs(picture.width / picture.height - 300 / 420) < 0.01
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
