"""`kind: bullets`: title, nested bullets and paragraphs, callout, continuation."""

from __future__ import annotations

from pptx import Presentation

from tests.conftest import (
    BUILD,
    NS,
    BuildFails,
    Cli,
    ContentMaker,
    KindSlide,
    Problem,
    SlideBuilder,
    bullet_marks,
    free_text_shapes,
    kind_slides,
    linked_runs,
    run_sizes,
    slide_name,
    text_runs,
)


def margins(shape: object) -> list[int]:
    return [
        int(p.find("a:pPr", NS).get("marL"))
        for p in shape._element.findall(".//a:p", NS)  # type: ignore[attr-defined]
    ]


def test_bullets_paragraphs_and_nesting(build_slides: SlideBuilder) -> None:
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
    (slide,) = kind_slides(build_slides(slides), "bullets")
    assert slide_name(slide.slide) == "bullets:resultaat"
    slide.check({"title": "Resultaat"}, sized=("title", "body"))
    assert slide.paragraphs("body") == [
        "Doel: gedragen zienswijze.",
        "Eerste punt",
        "Tweede punt",
        "Onderpunt",
        "Dieper",
        "Diepst",
    ]
    body = slide.shape("body")
    assert [r.text for r in text_runs(body) if r.font.bold] == ["Doel:"]
    marks = bullet_marks(body)
    assert marks[0] is None  # a paragraph has no bullet
    assert all(marks[1:])
    # Each level indents further than its parent; siblings line up.
    left = margins(body)
    assert left[1] == left[2] < left[3] == left[4] < left[5]
    assert marks[3] != marks[2]  # sub-bullets use a different mark


def test_running_text_body_becomes_paragraphs(build_slides: SlideBuilder) -> None:
    slides = """\
    - kind: bullets
      title: Tekst
      body: |
        Eerste alinea loopt
        over twee regels.

        Tweede alinea.
    """
    (slide,) = kind_slides(build_slides(slides), "bullets")
    assert slide.paragraphs("body") == [
        "Eerste alinea loopt over twee regels.",
        "Tweede alinea.",
    ]
    assert bullet_marks(slide.shape("body")) == [None, None]


def test_callout_box_is_drawn_below_the_body(build_slides: SlideBuilder) -> None:
    slides = """\
    - kind: bullets
      title: Elementen
      body: [Een, Twee]
      callout: "**Narratief ontbreekt:** de wethouder moet het verhaal kunnen vertellen."
    """
    (slide,) = kind_slides(build_slides(slides), "bullets")
    boxes = [s for s in free_text_shapes(slide.slide) if "Narratief" in s.text_frame.text]
    assert len(boxes) == 1
    box = boxes[0]
    assert (
        box.text_frame.text
        == "Narratief ontbreekt: de wethouder moet het verhaal kunnen vertellen."
    )
    assert box.fill.fore_color.rgb is not None  # a filled, highlighted box
    body = slide.shape("body")
    layout_body = slide.area("body")
    # The callout sits inside the layout's body area, below the body text box.
    assert box.top >= body.top + body.height
    assert box.top + box.height <= layout_body.top + layout_body.height + 1
    assert box.left >= layout_body.left
    sizes = run_sizes(box)
    assert len(set(sizes)) == 1
    assert sizes[0] >= slide.spec("body")["min_pt"]


def test_callout_is_no_larger_than_a_long_body(build_slides: SlideBuilder) -> None:
    # A body long enough to be set below its maximum size: the callout follows it down.
    bullets = [f"Punt {n} over de uitvoerbaarheid van de nationale omgevingsvisie" for n in
               range(7)]
    slides = (
        "- kind: bullets\n  title: Elementen\n  callout: Het narratief ontbreekt nog.\n"
        "  body:\n" + "".join(f"    - {b}\n" for b in bullets)
    )
    (slide,) = kind_slides(build_slides(slides), "bullets")
    (box,) = [s for s in free_text_shapes(slide.slide) if "narratief" in s.text_frame.text]
    body_sizes = set(run_sizes(slide.shape("body")))
    assert len(body_sizes) == 1
    (body_size,) = body_sizes
    assert body_size < slide.spec("body")["max_pt"]
    assert max(run_sizes(box)) <= body_size


def test_long_bullets_continue_on_a_vervolg_slide(build_slides: SlideBuilder) -> None:
    bullets = [
        f"Punt {n}, een lange zin over de rol van gemeenten in de ruimtelijke opgaven "
        "en de uitvoering daarvan in de regio"
        for n in range(30)
    ]
    slides = (
        "- kind: bullets\n  id: lang\n  title: Constateringen\n"
        "  callout: Tot slot\n  body:\n" + "".join(f"    - {b}\n" for b in bullets)
    )
    parts = kind_slides(build_slides(slides), "bullets")
    assert len(parts) >= 2
    names = [slide_name(part.slide) for part in parts]
    assert names == ["bullets:lang"] + [f"bullets:lang:{n}" for n in range(2, len(names) + 1)]
    titles = [part.text("title") for part in parts]
    # Numbered from the third on, so that no two slides share a title.
    assert titles == ["Constateringen", "Constateringen (vervolg)"] + [
        f"Constateringen (vervolg {n})" for n in range(2, len(titles))]
    shown = [text for part in parts for text in part.paragraphs("body")]
    assert shown == bullets  # every bullet once, in order
    sizes = {size for part in parts for size in part.sizes("body")}
    assert len(sizes) == 1  # one size over all parts
    # The callout ends the text: only on the last slide.
    with_callout = [
        slide_name(part.slide)
        for part in parts
        if any(sh.has_text_frame and sh.text_frame.text == "Tot slot" for sh in part.slide.shapes)
    ]
    assert with_callout == [names[-1]]


def test_links_in_bullets_are_hyperlinks(build_slides: SlideBuilder) -> None:
    slides = """\
    - kind: bullets
      title: Links
      body:
        - Zie [de website](https://vng.nl/nota) voor meer.
        - Mail naar info@vng.nl of kijk op https://vng.nl.
    """
    body = KindSlide(build_slides(slides).slides[0], "bullets").shape("body")
    assert linked_runs(body) == [
        ("de website", "https://vng.nl/nota"),
        ("info@vng.nl", "mailto:info@vng.nl"),
        ("https://vng.nl", "https://vng.nl"),
    ]
    # The sentence's full stop is not part of the link.
    assert body.text_frame.paragraphs[1].text.endswith("https://vng.nl.")


def test_a_callout_too_long_for_its_share_of_the_area_is_an_error(
    build_fails: BuildFails,
) -> None:
    callout = "Een kader dat veel te veel zegt. " * 60
    build_fails(
        Problem(
            f"- kind: bullets\n  title: Kader\n  body: [Een]\n  callout: '{callout.strip()}'\n",
            "callout:",  # the field's line, not the slide's
            ("callout", "60%", "shorten it"),
        )
    )


def test_a_long_callout_shrinks_with_a_warning(make_content: ContentMaker, cli: Cli) -> None:
    callout = "Een kader met een langere boodschap voor de wethouder. " * 9
    content = make_content(
        f"- kind: bullets\n  title: Kader\n  body: [Een]\n  callout: '{callout.strip()}'\n"
    )
    run = cli(*BUILD)
    assert run.exit_code == 0, run.stderr
    (slide,) = Presentation("out.pptx").slides
    (box,) = [s for s in free_text_shapes(slide) if "wethouder" in s.text_frame.text]
    (size,) = set(run_sizes(box))
    assert 14 <= size < 20  # the callout's largest size, 20 pt, would take too much room
    warnings = [line for line in run.stderr.splitlines() if line.startswith("warning: ")]
    assert warnings == [
        f"warning: {content.ref('callout:')}: text of 'callout' set at {size:g} pt "
        "instead of 20 pt to fit its box"
    ]
