"""`kind: two-column`: two headed columns at one size, with partner chips."""

from __future__ import annotations

from tests.conftest import (
    BUILD,
    Cli,
    ContentMaker,
    KindSlide,
    SlideBuilder,
    free_text_shapes,
    kind_slides,
    role_shape,
    slide_name,
)


def test_two_columns_share_one_size(build_slides: SlideBuilder) -> None:
    left = "".join(
        f"        - Bouwsteen emissiereductie punt {n} met wat meer uitleg over de aanpak\n"
        for n in range(5)
    )
    slides = (
        "- kind: two-column\n  title: Bouwstenen tbv stikstof\n"
        "  left:\n    heading: Emissiereductie\n    body:\n"
        + left.replace("        ", "      ")
        + "  right:\n    heading: Natuur\n    body:\n      - Kort punt\n"
    )
    (slide,) = kind_slides(build_slides(slides), "two-column")
    sizes = slide.check(
        {"left_heading": "Emissiereductie", "right_heading": "Natuur", "right_body": "Kort punt"},
        sized=("title", "left_heading", "right_heading", "left_body", "right_body"),
    )
    # The short right column is not blown up: both columns use the same size.
    assert len(set(sizes["left_body"] + sizes["right_body"])) == 1
    # The long left column needed a smaller size than the role's largest.
    assert sizes["left_body"][0] < slide.spec("left_body")["max_pt"]


def test_partner_chips_link_to_the_partner_site(build_slides: SlideBuilder) -> None:
    slides = """\
    - kind: two-column
      title: Partners
      left:
        heading: Emissiereductie
        partners: [IPO, VNG]
        body: [Een]
      right:
        heading: Natuur
        partners: [UvW]
        body: [Twee]
    """
    (slide,) = kind_slides(build_slides(slides), "two-column")
    chips = {s.text_frame.text: s for s in free_text_shapes(slide.slide)}
    assert set(chips) == {"IPO", "VNG", "UvW"}
    assert chips["IPO"].click_action.hyperlink.address == "https://www.ipo.nl"
    assert chips["VNG"].click_action.hyperlink.address == "https://vng.nl"
    assert chips["UvW"].click_action.hyperlink.address is None  # no url in partners.yaml
    left_body, right_body = slide.shape("left_body"), slide.shape("right_body")
    # Chips sit in their column, above its text.
    assert chips["IPO"].left < right_body.left <= chips["UvW"].left
    assert chips["IPO"].top + chips["IPO"].height <= left_body.top
    assert chips["UvW"].top + chips["UvW"].height <= right_body.top


def test_a_column_that_outlasts_the_other_continues_alone_under_its_heading(
    build_slides: SlideBuilder,
) -> None:
    items = [
        f"Punt {n} over uitvoering, vergunningverlening en gebiedsgerichte aanpak"
        for n in range(40)
    ]
    body = "".join(f"      - {item}\n" for item in items)
    slides = (
        "- kind: two-column\n  id: stikstof\n  title: Stikstof\n"
        f"  left:\n    heading: Links\n    body:\n{body}"
        "  right:\n    heading: Rechts\n    body:\n      - Alleen dit\n"
    )
    prs = build_slides(slides)
    names = [slide_name(slide) for slide in prs.slides]
    assert names[:2] == ["two-column:stikstof", "two-column:stikstof:2"]
    first = KindSlide(prs.slides[0], "two-column")
    # The right column is finished on the first slide: the left one goes on alone, in
    # the full-width body, under its heading marked as continued; no empty column with
    # a heading is left.
    rest = [KindSlide(slide, "bullets") for slide in list(prs.slides)[1:]]
    assert rest[0].text("title") == "Stikstof (vervolg)"
    assert rest[0].paragraphs("body")[0] == "Links (vervolg)"
    for part in rest:
        assert role_shape(part.slide, "two-column", "right_heading") is None
        assert "Rechts" not in [s.text_frame.text for s in part.slide.shapes if s.has_text_frame]
    shown = first.paragraphs("left_body") + [
        text for part in rest for text in part.paragraphs("body") if text != "Links (vervolg)"
    ]
    assert shown == items
    sizes = set(first.sizes("left_body")) | set(first.sizes("right_body"))
    for part in rest:
        sizes.update(part.sizes("body"))
    assert len(sizes) == 1


def test_warnings_name_the_fields_as_written_at_their_lines(
    make_content: ContentMaker, cli: Cli
) -> None:
    # The roles are left_body, left_heading, ...: the content says left.body, and a
    # warning points at that field, not at `- kind: two-column`.
    left = "".join(f"      - Punt {n} over de samenwerking tussen rijk en regio bij de "
                   "uitvoering van de plannen\n" for n in range(30))
    content = make_content(
        "- kind: two-column\n  title: Bouwstenen\n"
        "  left:\n    heading: Een kop die net iets te lang is voor de kolom\n    body:\n"
        + left + "  right:\n    heading: Natuur\n    body:\n      - Kort punt\n"
    )
    run = cli(*BUILD)
    assert run.exit_code == 0, run.stderr
    warnings = [line for line in run.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 2, warnings
    assert warnings[0].startswith(f"warning: {content.ref('heading: Een kop')}: text of "
                                  "'left.heading' set at ")
    assert warnings[1].startswith(f"warning: {content.ref('body:')}: text of 'left.body' and "
                                  "'right.body' continues on ")
    assert "left_" not in run.stderr
    assert "right_" not in run.stderr
