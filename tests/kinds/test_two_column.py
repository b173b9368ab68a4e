"""`kind: two-column`: two headed columns at one size, with partner chips."""

from __future__ import annotations

from collections.abc import Callable

from pptx.presentation import Presentation as PresentationType

from tests.conftest import (
    LAYOUTS,
    Content,
    ContentMaker,
    assert_role_sizes,
    role_shape,
    slide_name,
)

Builder = Callable[[Content], PresentationType]


def test_two_columns_share_one_size(make_content: ContentMaker, build_deck: Builder) -> None:
    left = "".join(
        f"        - Bouwsteen emissiereductie punt {n} met wat meer uitleg over de aanpak\n"
        for n in range(9)
    )
    slides = (
        "- kind: two-column\n  title: Bouwstenen tbv stikstof\n"
        "  left:\n    heading: Emissiereductie\n    body:\n"
        + left.replace("        ", "      ")
        + "  right:\n    heading: Natuur\n    body:\n      - Kort punt\n"
    )
    prs = build_deck(make_content(slides))
    (slide,) = prs.slides
    assert slide.slide_layout.name == LAYOUTS["two-column"]["layout"]
    assert role_shape(slide, "two-column", "left_heading").text_frame.text == "Emissiereductie"
    assert role_shape(slide, "two-column", "right_heading").text_frame.text == "Natuur"
    assert role_shape(slide, "two-column", "right_body").text_frame.text == "Kort punt"
    left_sizes = assert_role_sizes(slide, "two-column", "left_body")
    right_sizes = assert_role_sizes(slide, "two-column", "right_body")
    # The short right column is not blown up: both columns use the same size.
    assert len(set(left_sizes + right_sizes)) == 1
    # The long left column needed a smaller size than the role's largest.
    assert left_sizes[0] < LAYOUTS["two-column"]["roles"]["left_body"]["max_pt"]
    for role in ("title", "left_heading", "right_heading"):
        assert_role_sizes(slide, "two-column", role)


def test_partner_chips_link_to_the_partner_site(
    make_content: ContentMaker, build_deck: Builder
) -> None:
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
    prs = build_deck(make_content(slides))
    slide = prs.slides[0]
    chips = {
        s.text_frame.text: s for s in slide.shapes if not s.is_placeholder and s.has_text_frame
    }
    assert set(chips) == {"IPO", "VNG", "UvW"}
    assert chips["IPO"].click_action.hyperlink.address == "https://www.ipo.nl"
    assert chips["VNG"].click_action.hyperlink.address == "https://vng.nl"
    assert chips["UvW"].click_action.hyperlink.address is None  # no url in partners.yaml
    left_body = role_shape(slide, "two-column", "left_body")
    right_body = role_shape(slide, "two-column", "right_body")
    # Chips sit in their column, above its text.
    assert chips["IPO"].left < right_body.left <= chips["UvW"].left
    assert chips["IPO"].top + chips["IPO"].height <= left_body.top
    assert chips["UvW"].top + chips["UvW"].height <= right_body.top


def test_long_columns_continue_together(make_content: ContentMaker, build_deck: Builder) -> None:
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
    prs = build_deck(make_content(slides))
    assert len(prs.slides) >= 2
    assert [slide_name(s) for s in prs.slides][:2] == [
        "two-column:stikstof",
        "two-column:stikstof:2",
    ]
    assert role_shape(prs.slides[1], "two-column", "title").text_frame.text == "Stikstof (vervolg)"
    shown = [
        p.text
        for s in prs.slides
        for p in role_shape(s, "two-column", "left_body").text_frame.paragraphs
    ]
    assert shown == items
    sizes = set()
    for s in prs.slides:
        sizes.update(assert_role_sizes(s, "two-column", "left_body"))
        right = role_shape(s, "two-column", "right_body")
        if right is not None:
            sizes.update(assert_role_sizes(s, "two-column", "right_body"))
    assert len(sizes) == 1
