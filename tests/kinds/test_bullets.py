"""`kind: bullets`: title, nested bullets and paragraphs, callout, continuation."""

from __future__ import annotations

from collections.abc import Callable

from pptx.presentation import Presentation as PresentationType

from tests.conftest import (
    LAYOUTS,
    NS,
    Content,
    ContentMaker,
    assert_role_sizes,
    role_shape,
    run_sizes,
    slide_name,
)

Builder = Callable[[Content], PresentationType]


def bullet_marks(shape: object) -> list[str | None]:
    """Per paragraph: its bullet character, 'auto' for a number, None for no bullet."""
    marks: list[str | None] = []
    for p in shape._element.findall(".//a:p", NS):  # type: ignore[attr-defined]
        char = p.find("a:pPr/a:buChar", NS)
        if char is not None:
            marks.append(char.get("char"))
        elif p.find("a:pPr/a:buAutoNum", NS) is not None:
            marks.append("auto")
        else:
            marks.append(None)
    return marks


def margins(shape: object) -> list[int]:
    return [
        int(p.find("a:pPr", NS).get("marL"))
        for p in shape._element.findall(".//a:p", NS)  # type: ignore[attr-defined]
    ]


def test_bullets_paragraphs_and_nesting(make_content: ContentMaker, build_deck: Builder) -> None:
    slides = """\
    - kind: bullets
      id: resultaat
      title: Resultaat
      body:
        - paragraph: "**Doel:** gedragen zienswijze."
        - Eerste punt
        - text: Tweede punt
          items:
            - Onderpunt
            - text: Dieper
              items: [Diepst]
    """
    prs = build_deck(make_content(slides))
    (slide,) = prs.slides
    assert slide.slide_layout.name == LAYOUTS["bullets"]["layout"]
    assert slide_name(slide) == "bullets:resultaat"
    assert role_shape(slide, "bullets", "title").text_frame.text == "Resultaat"
    body = role_shape(slide, "bullets", "body")
    texts = [p.text for p in body.text_frame.paragraphs]
    assert texts == [
        "Doel: gedragen zienswijze.",
        "Eerste punt",
        "Tweede punt",
        "Onderpunt",
        "Dieper",
        "Diepst",
    ]
    bold = [r.text for p in body.text_frame.paragraphs for r in p.runs if r.font.bold]
    assert bold == ["Doel:"]
    marks = bullet_marks(body)
    assert marks[0] is None  # a paragraph has no bullet
    assert all(marks[1:])
    # Each level indents further than its parent; siblings line up.
    left = margins(body)
    assert left[1] == left[2] < left[3] == left[4] < left[5]
    assert marks[3] != marks[2]  # sub-bullets use a different mark
    assert_role_sizes(slide, "bullets", "title")
    assert_role_sizes(slide, "bullets", "body")


def test_running_text_body_becomes_paragraphs(
    make_content: ContentMaker, build_deck: Builder
) -> None:
    slides = """\
    - kind: bullets
      title: Tekst
      body: |
        Eerste alinea loopt
        over twee regels.

        Tweede alinea.
    """
    prs = build_deck(make_content(slides))
    body = role_shape(prs.slides[0], "bullets", "body")
    assert [p.text for p in body.text_frame.paragraphs] == [
        "Eerste alinea loopt over twee regels.",
        "Tweede alinea.",
    ]
    assert bullet_marks(body) == [None, None]


def test_callout_box_is_drawn_below_the_body(
    make_content: ContentMaker, build_deck: Builder
) -> None:
    slides = """\
    - kind: bullets
      title: Elementen
      body: [Een, Twee]
      callout: "**Narratief ontbreekt:** de wethouder moet het verhaal kunnen vertellen."
    """
    prs = build_deck(make_content(slides))
    slide = prs.slides[0]
    boxes = [
        s
        for s in slide.shapes
        if not s.is_placeholder and s.has_text_frame and "Narratief" in s.text_frame.text
    ]
    assert len(boxes) == 1
    box = boxes[0]
    assert (
        box.text_frame.text
        == "Narratief ontbreekt: de wethouder moet het verhaal kunnen vertellen."
    )
    assert box.fill.fore_color.rgb is not None  # a filled, highlighted box
    body = role_shape(slide, "bullets", "body")
    layout_body = next(
        p
        for p in slide.slide_layout.placeholders
        if p.placeholder_format.idx == LAYOUTS["bullets"]["roles"]["body"]["idx"]
    )
    # The callout sits inside the layout's body area, below the body text box.
    assert box.top >= body.top + body.height
    assert box.top + box.height <= layout_body.top + layout_body.height + 1
    assert box.left >= layout_body.left
    sizes = run_sizes(box)
    assert len(set(sizes)) == 1
    assert sizes[0] >= LAYOUTS["bullets"]["roles"]["body"]["min_pt"]


def test_long_bullets_continue_on_a_vervolg_slide(
    make_content: ContentMaker, build_deck: Builder
) -> None:
    bullets = [
        f"Punt {n}, een lange zin over de rol van gemeenten in de ruimtelijke opgaven "
        "en de uitvoering daarvan in de regio"
        for n in range(30)
    ]
    slides = (
        "- kind: bullets\n  id: lang\n  title: Constateringen\n"
        "  callout: Tot slot\n  body:\n" + "".join(f"    - {b}\n" for b in bullets)
    )
    prs = build_deck(make_content(slides))
    assert len(prs.slides) >= 2
    names = [slide_name(s) for s in prs.slides]
    assert names == ["bullets:lang"] + [f"bullets:lang:{n}" for n in range(2, len(names) + 1)]
    titles = [role_shape(s, "bullets", "title").text_frame.text for s in prs.slides]
    assert titles == ["Constateringen"] + ["Constateringen (vervolg)"] * (len(titles) - 1)
    shown = [
        p.text for s in prs.slides for p in role_shape(s, "bullets", "body").text_frame.paragraphs
    ]
    assert shown == bullets  # every bullet once, in order
    sizes = {size for s in prs.slides for size in assert_role_sizes(s, "bullets", "body")}
    assert len(sizes) == 1  # one size over all parts
    # The callout ends the text: only on the last slide.
    with_callout = [
        slide_name(s)
        for s in prs.slides
        if any(sh.has_text_frame and sh.text_frame.text == "Tot slot" for sh in s.shapes)
    ]
    assert with_callout == [names[-1]]


def test_links_in_bullets_are_hyperlinks(make_content: ContentMaker, build_deck: Builder) -> None:
    slides = """\
    - kind: bullets
      title: Links
      body:
        - Zie [de website](https://vng.nl/nota) voor meer.
        - Mail naar info@vng.nl of kijk op https://vng.nl.
    """
    prs = build_deck(make_content(slides))
    body = role_shape(prs.slides[0], "bullets", "body")
    links = [
        (r.text, r.hyperlink.address)
        for p in body.text_frame.paragraphs
        for r in p.runs
        if r.hyperlink.address
    ]
    assert links == [
        ("de website", "https://vng.nl/nota"),
        ("info@vng.nl", "mailto:info@vng.nl"),
        ("https://vng.nl", "https://vng.nl"),
    ]
    # The sentence's full stop is not part of the link.
    assert body.text_frame.paragraphs[1].text.endswith("https://vng.nl.")
