"""The brand template's designs: each kind's layout (declared by the kind), the master
and the footer."""

from __future__ import annotations

from deck_builder.kinds import KINDS
from deck_builder.template.design import (
    BODY_BOX,
    BODY_LIST,
    CONTENT_W,
    FOOTER_H,
    FOOTER_RULE_Y,
    FOOTER_Y,
    HAIRLINE,
    MARGIN,
    PROMPT_LIST,
    RIGHT,
    Box,
    FooterField,
    LayoutDesign,
    Ph,
    Rect,
    Style,
    title_placeholder,
)
from deck_builder.template.load import RoleConfig


def layout_designs() -> dict[str, LayoutDesign]:
    """The layout designs by slide kind (keys of layouts.yaml `kinds`)."""
    return KINDS.designs()


def master_placeholders() -> tuple[tuple[Ph, RoleConfig], ...]:
    """The master's own title and body, with the size range their text styles use.

    They mirror the "Tekst" layout: they are what PowerPoint falls back to and what its
    master view shows.
    """
    body = Ph("Tekst", BODY_BOX, BODY_LIST, PROMPT_LIST, "body")
    return (
        (title_placeholder(), RoleConfig(idx=0, max_pt=32, min_pt=22)),
        (body, RoleConfig(idx=1, max_pt=24, min_pt=14)),
    )


def footer_rule(dark: bool) -> Rect:
    """The hairline above the footer band."""
    # A translucent hairline works on any background colour of the layout.
    colour = "background" if dark else "muted"
    return Rect(
        "Voetlijn",
        Box(MARGIN, FOOTER_RULE_Y, CONTENT_W, HAIRLINE),
        colour,
        alpha=30 if dark else 35,
    )


def footer_fields(dark: bool) -> tuple[FooterField, FooterField, FooterField]:
    """Date, footer text and slide number in the footer band, in that shape order.

    Footer text on the left (the organisation), date and slide number on the right,
    so the eye finds "where am I" in the same corner on every slide.
    """
    colour = "light" if dark else "muted"
    num_colour = "background" if dark else "primary"
    # 12 pt, the least the deck check (and PowerPoint's guidance) accepts: the date and
    # the slide number are information, not decoration.
    size = 12
    date_w, num_w = 2.6, 0.6
    num_x = RIGHT - num_w
    date_x = num_x - 0.2 - date_w
    # The footer text may run up to the date's box: the renderer shrinks a long footer to
    # fit one line, so every inch here keeps it at full size longer.
    footer_w = date_x - 0.3 - MARGIN
    return (
        FooterField(
            "dt",
            "Voettekst datum",
            Box(date_x, FOOTER_Y, date_w, FOOTER_H),
            Style(colour=colour, align="r", anchor="ctr", size=size, spaced=False),
        ),
        FooterField(
            "ftr",
            "Voettekst",
            Box(MARGIN, FOOTER_Y, footer_w, FOOTER_H),
            Style(colour=colour, anchor="ctr", size=size, spaced=False),
        ),
        FooterField(
            "sldNum",
            "Dianummer",
            Box(num_x, FOOTER_Y, num_w, FOOTER_H),
            Style(colour=num_colour, align="r", anchor="ctr", size=size, bold=True, spaced=False),
        ),
    )
