"""The layout design of every slide kind, the master and the footer: pure data."""

from __future__ import annotations

from dataclasses import replace

from deck_builder.brandkit.elements import FooterField, Glyph, LayoutDesign, Logo, Ph, Rect, Style
from deck_builder.brandkit.grid import (
    BODY_BOTTOM,
    BODY_H,
    BODY_Y,
    CONTENT_W,
    FOOTER_H,
    FOOTER_RULE_Y,
    FOOTER_Y,
    HAIRLINE,
    LOGO_H,
    LOGO_W,
    MARGIN,
    RIGHT,
    RULE_H,
    RULE_W,
    RULE_Y,
    SLIDE_H,
    SLIDE_W,
    TITLE_H,
    TITLE_Y,
    TOP,
    Box,
)
from deck_builder.template.load import RoleConfig

LOGO_BOX = Box(RIGHT - LOGO_W, TOP, LOGO_W, LOGO_H)
TITLE_BOX = Box(MARGIN, TITLE_Y, LOGO_BOX.x - 0.4 - MARGIN, TITLE_H)
TITLE_RULE = Rect("Accentlijn titel", Box(MARGIN, RULE_Y, RULE_W, RULE_H), "accent")
BODY_BOX = Box(MARGIN, BODY_Y, CONTENT_W, BODY_H)

TITLE_STYLE = Style(colour="primary", bold=True, anchor="b", line_pct=90, spaced=False)
DARK_TITLE_STYLE = replace(TITLE_STYLE, colour="background")
FIGURE_STYLE = replace(TITLE_STYLE, colour="accent")  # section numbers on the dark blue
# The key figure sits on the light panel, where the accent itself reaches only 2.7:1; the
# accent at 88 % luminance (#CA6817 for the VNG orange) reaches 3.4:1 there, more than
# the 3:1 WCAG asks of large text, and still reads as the one accent colour.
FIGURE_ON_LIGHT = replace(FIGURE_STYLE, shade=88)
BODY_LIST = Style(colour="text", bullets=True)
PROMPT_TITLE = "Klik om de titel te bewerken"
PROMPT_LIST = "Eerste niveau\nTweede niveau\nDerde niveau"


def _title(box: Box = TITLE_BOX) -> Ph:
    """The title placeholder of the white content layouts."""
    return Ph("Titel", box, TITLE_STYLE, PROMPT_TITLE, "title")


def _circle_motif(cx: float, cy: float, r: float) -> tuple[Rect, Rect]:
    """Two large, barely-there white circles in the corner of the dark layouts.

    White at a few percent opacity tints the blue rather than adding a colour, so the
    blue slides get depth without competing with the one accent.
    """
    outer = Rect(
        "Decoratie cirkel",
        Box(cx - r, cy - r, 2 * r, 2 * r),
        "background",
        "ellipse",
        alpha=6,
    )
    inner_r = r * 0.62
    inner = Rect(
        "Decoratie cirkel binnen",
        Box(cx - inner_r, cy - inner_r, 2 * inner_r, 2 * inner_r),
        "background",
        "ellipse",
        alpha=6,
    )
    return outer, inner


# The same circles in the lower right corner of every dark layout.
_DARK_MOTIF = _circle_motif(12.4, 6.6, 3.9)


def _dark_rule(y: float) -> Rect:
    """The accent rule of the dark layouts: longer and heavier than TITLE_RULE."""
    return Rect("Accentlijn titel", Box(MARGIN, y, 1.2, 0.09), "accent")


def layout_designs() -> dict[str, LayoutDesign]:
    """The layout designs by slide kind (keys of layouts.yaml `kinds`)."""
    neg_logo = Logo(LOGO_BOX, negative=True)
    logo = Logo(LOGO_BOX)
    dark_text = 8.9  # text width on the dark slides: clear of the circle motif

    title = LayoutDesign(
        dark=True,
        layout_type="title",
        logo=neg_logo,
        decorations=(
            *_DARK_MOTIF,
            _dark_rule(4.35),
        ),
        placeholders={
            "title": Ph(
                "Titel",
                Box(MARGIN, 1.6, dark_text, 2.55),
                DARK_TITLE_STYLE,
                "Titel van de presentatie",
                "ctrTitle",
            ),
            "subtitle": Ph(
                "Ondertitel",
                Box(MARGIN, 4.65, dark_text, 1.05),
                Style(colour="light"),
                "Ondertitel",
                "subTitle",
            ),
            # Date above presenter: the planner writes them in this order, and the shape
            # order on a slide is its reading order, so what is seen first is read first.
            "date": Ph(
                "Datum",
                Box(MARGIN, 5.8, 6.0, 0.4),
                Style(colour="light", anchor="b"),
                "Datum",
            ),
            "presenter": Ph(
                "Spreker",
                Box(MARGIN, 6.2, 6.0, 0.4),
                Style(colour="background", bold=True),
                "Naam spreker, functie",
            ),
            # Where a variant shows the logo of the afdeling that hosts the meeting.
            "logo": Ph(
                "Logo organisator",
                Box(9.9, 4.95, 2.68, 1.25),
                Style(),
                "Logo van de organisator",
                "pic",
            ),
        },
    )

    agenda_panel_w = 4.9
    agenda = LayoutDesign(
        dark=False,
        logo=logo,
        decorations=(
            Rect("Paneel", Box(0, 0, agenda_panel_w, SLIDE_H), "light"),
            TITLE_RULE,
        ),
        placeholders={
            "title": _title(Box(MARGIN, TITLE_Y, agenda_panel_w - MARGIN - 0.4, TITLE_H)),
            "body": Ph(
                "Agendapunten",
                Box(agenda_panel_w + MARGIN, BODY_Y, RIGHT - agenda_panel_w - MARGIN, BODY_H),
                Style(colour="primary", bullets=True),
                PROMPT_LIST,
            ),
        },
    )

    section = LayoutDesign(
        dark=True,
        layout_type="secHead",
        logo=neg_logo,
        decorations=_DARK_MOTIF,
        placeholders={
            "number": Ph(
                "Sectienummer",
                Box(MARGIN, 1.05, 5.0, 1.6),
                FIGURE_STYLE,
                "01",
            ),
            "title": Ph(
                "Titel",
                Box(MARGIN, 2.85, dark_text, 1.8),
                Style(colour="background", bold=True, line_pct=90, spaced=False),
                "Titel van de sectie",
                "title",
            ),
            "subtitle": Ph(
                "Ondertitel",
                Box(MARGIN, 4.85, dark_text, 1.3),
                Style(colour="light"),
                "Korte toelichting",
            ),
        },
    )

    bullets = LayoutDesign(
        dark=False,
        logo=logo,
        decorations=(TITLE_RULE,),
        placeholders={
            "title": _title(),
            "body": Ph("Tekst", BODY_BOX, BODY_LIST, PROMPT_LIST),
        },
    )

    quote_w = 7.35
    pic_x = RIGHT - 3.75
    quote = LayoutDesign(
        dark=False,
        logo=logo,
        decorations=(
            Glyph("Aanhalingsteken", Box(MARGIN - 0.09, 0.5, 1.3, 1.45), "“", 150, "accent"),
        ),
        placeholders={
            # A quiet label on the logo's top line, not a headline: the quote is the
            # slide's message, the title only names it for navigation and screen readers.
            "title": Ph(
                "Titel",
                Box(MARGIN, TOP, LOGO_BOX.x - 0.4 - MARGIN, 0.5),
                Style(colour="muted", bold=True, spaced=False),
                PROMPT_TITLE,
                "title",
            ),
            "quote": Ph(
                "Citaat",
                Box(MARGIN, 1.95, quote_w, 3.3),
                Style(colour="primary", italic=True),
                "Citaat",
            ),
            "attribution": Ph(
                "Bron",
                Box(MARGIN, 5.75, quote_w, 0.7),
                Style(colour="muted"),
                "Naam, functie",
            ),
            "picture": Ph(
                "Foto",
                Box(pic_x, 1.95, 3.75, 3.65),
                Style(),
                "Klik op het pictogram om een foto toe te voegen",
                "pic",
            ),
            "caption": Ph(
                "Bijschrift",
                Box(pic_x, 5.75, 3.75, 0.7),
                Style(colour="muted"),
                "Bijschrift",
            ),
        },
    )

    # Title and explanation on the left, the figure on a panel to their right: the
    # planner writes title, text, figure, caption, and that is also the order the eye
    # takes here (left column first), so screen readers and sighted readers agree.
    stat_panel_w = 6.25
    stat_panel_x = SLIDE_W - stat_panel_w
    stat_text_w = stat_panel_x - 2 * MARGIN
    stat_figure_x = stat_panel_x + 0.45
    stat_figure_w = RIGHT - stat_figure_x
    statistic = LayoutDesign(
        dark=False,
        logo=logo,
        decorations=(
            Rect("Paneel", Box(stat_panel_x, 0, stat_panel_w, SLIDE_H), "light"),
            Rect("Accentlijn titel", Box(MARGIN, 2.65, RULE_W, RULE_H), "accent"),
        ),
        placeholders={
            "title": _title(Box(MARGIN, 1.35, stat_text_w, TITLE_H)),
            "body": Ph(
                "Tekst",
                Box(MARGIN, 3.0, stat_text_w, BODY_BOTTOM - 3.0),
                Style(colour="text"),
                "Uitleg bij het kengetal",
            ),
            "figure": Ph(
                "Kengetal",
                Box(stat_figure_x, 1.1, stat_figure_w, 2.75),
                FIGURE_ON_LIGHT,
                "99%",
            ),
            "caption": Ph(
                "Toelichting kengetal",
                Box(stat_figure_x, 4.0, stat_figure_w, 2.45),
                Style(colour="primary"),
                "Wat het getal betekent",
            ),
        },
    )

    col_gap = 0.5
    col_w = (CONTENT_W - col_gap) / 2
    right_x = MARGIN + col_w + col_gap
    head_h = 0.6
    col_rule_y = BODY_Y + head_h + 0.12
    col_body_y = col_rule_y + 0.25
    two_column = LayoutDesign(
        dark=False,
        logo=logo,
        decorations=(
            TITLE_RULE,
            Rect("Kolomlijn links", Box(MARGIN, col_rule_y, col_w, 0.035), "accent"),
            Rect("Kolomlijn rechts", Box(right_x, col_rule_y, col_w, 0.035), "accent"),
        ),
        placeholders={
            "title": _title(),
            "left_heading": Ph(
                "Kop links",
                Box(MARGIN, BODY_Y, col_w, head_h),
                Style(colour="primary", bold=True, anchor="b"),
                "Kop linkerkolom",
            ),
            "left_body": Ph(
                "Tekst links",
                Box(MARGIN, col_body_y, col_w, BODY_BOTTOM - col_body_y),
                BODY_LIST,
                PROMPT_LIST,
            ),
            "right_heading": Ph(
                "Kop rechts",
                Box(right_x, BODY_Y, col_w, head_h),
                Style(colour="primary", bold=True, anchor="b"),
                "Kop rechterkolom",
            ),
            "right_body": Ph(
                "Tekst rechts",
                Box(right_x, col_body_y, col_w, BODY_BOTTOM - col_body_y),
                BODY_LIST,
                PROMPT_LIST,
            ),
        },
    )

    partners = LayoutDesign(
        dark=False,
        logo=logo,
        decorations=(TITLE_RULE,),
        placeholders={
            "title": _title(),
            "body": Ph("Partners", BODY_BOX, BODY_LIST, PROMPT_LIST),
        },
    )

    image_w = 7.9  # ≈ 1.9:1, so both 3:2 photos and 16:9 stills crop gently
    caption_x = MARGIN + image_w + 0.45
    image = LayoutDesign(
        dark=False,
        logo=logo,
        decorations=(TITLE_RULE,),
        placeholders={
            "title": _title(),
            "picture": Ph(
                "Afbeelding",
                Box(MARGIN, BODY_Y, image_w, BODY_H),
                Style(),
                "Klik op het pictogram om een afbeelding toe te voegen",
                "pic",
            ),
            "caption": Ph(
                "Bijschrift",
                Box(caption_x, BODY_Y, RIGHT - caption_x, BODY_H),
                Style(colour="muted"),
                "Bijschrift bij de afbeelding",
            ),
        },
    )

    closing = LayoutDesign(
        dark=True,
        logo=neg_logo,
        decorations=(
            *_DARK_MOTIF,
            _dark_rule(3.15),
            Rect("Scheidingslijn contact", Box(7.0, 3.55, 0.02, 2.3), "background", alpha=35),
        ),
        placeholders={
            "title": Ph(
                "Titel",
                Box(MARGIN, 1.1, dark_text, 1.85),
                DARK_TITLE_STYLE,
                "Dank voor uw aandacht",
                "title",
            ),
            "body": Ph(
                "Tekst",
                Box(MARGIN, 3.5, 5.9, 2.95),
                Style(colour="background", bullets=True),
                PROMPT_LIST,
            ),
            "contact": Ph(
                "Contact",
                Box(7.35, 3.5, RIGHT - 7.35, 2.95),
                Style(colour="light"),
                "Contactgegevens",
            ),
        },
    )

    return {
        "title": title,
        "agenda": agenda,
        "section": section,
        "bullets": bullets,
        "quote": quote,
        "statistic": statistic,
        "two-column": two_column,
        "partners": partners,
        "image": image,
        "closing": closing,
    }



def master_placeholders() -> tuple[tuple[Ph, RoleConfig], ...]:
    """The master's own title and body, with the size range their text styles use.

    They mirror the "Tekst" layout: they are what PowerPoint falls back to and what its
    master view shows.
    """
    body = Ph("Tekst", BODY_BOX, BODY_LIST, PROMPT_LIST, "body")
    return (
        (_title(), RoleConfig(idx=0, max_pt=32, min_pt=22)),
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
