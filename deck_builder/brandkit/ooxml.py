"""DrawingML fragments: namespaces, colours, fills, run, paragraph and body properties."""

from __future__ import annotations

from deck_builder.ooxml.namespaces import A_NS, P_NS, R_NS
from deck_builder.planning.model import BULLET_HANG, SPACE_BEFORE
from deck_builder.template.design import Box, Style, emu

# Small string builders. Attribute order and element order follow the OOXML schema
# (CT_TextParagraphProperties, CT_TextCharacterProperties, CT_TextBodyProperties).

NSDECL = f'xmlns:a="{A_NS}" xmlns:p="{P_NS}" xmlns:r="{R_NS}"'
LANG = "nl-NL"

# Semantic brand colour → theme slot as seen from slides (through the master clrMap).
# Layouts refer to theme colours rather than RGB values so a theme edit in PowerPoint
# recolours the whole template consistently.
SCHEME = {
    "text": "tx1",
    "background": "bg1",
    "primary": "tx2",
    "light": "bg2",
    "accent": "accent1",
    "muted": "accent3",
}


def xfrm(box: Box) -> str:
    """`<a:xfrm>` placing a shape at `box`."""
    return (
        f'<a:xfrm><a:off x="{emu(box.x)}" y="{emu(box.y)}"/>'
        f'<a:ext cx="{emu(box.w)}" cy="{emu(box.h)}"/></a:xfrm>'
    )


def scheme_clr(brand_key: str, alpha: int | None = None, shade: int | None = None) -> str:
    """`<a:schemeClr>` for a semantic brand colour, optionally translucent (`alpha`, in
    percent) or darkened (`shade`: luminance in percent)."""
    mods = "" if shade is None else f'<a:lumMod val="{shade * 1000}"/>'
    mods += "" if alpha is None else f'<a:alpha val="{alpha * 1000}"/>'
    return f'<a:schemeClr val="{SCHEME[brand_key]}">{mods}</a:schemeClr>'


def fill(brand_key: str, alpha: int | None = None, shade: int | None = None) -> str:
    """`<a:solidFill>` in a semantic brand colour (see `scheme_clr`)."""
    return f"<a:solidFill>{scheme_clr(brand_key, alpha, shade)}</a:solidFill>"


def rpr(tag: str, style: Style, size: float | None, font: str = "+mn-lt") -> str:
    """Run properties (`a:defRPr` or `a:rPr`): Dutch, size, weight, colour, theme font."""
    attrs = f' lang="{LANG}"'
    if size is not None:
        attrs += f' sz="{round(size * 100)}"'
    attrs += f' b="{int(style.bold)}" i="{int(style.italic)}"'
    return (
        f"<a:{tag}{attrs}>{fill(style.colour, shade=style.shade)}"
        f'<a:latin typeface="{font}"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>'
        f"</a:{tag}>"
    )


def level_ppr(
    level: int,
    style: Style,
    size: float | None,
    font: str = "+mn-lt",
    nest: int = BULLET_HANG,
) -> str:
    """`<a:lvlNpPr>` for level 1..9 of a placeholder or master text style.

    `nest` is the left margin (EMU) added per level below the first when the style has
    no bullets; lists always hang by BULLET_HANG, as the planner assumes.
    """
    lvl_size = size
    if size is not None and style.bullets:
        lvl_size = level_size(size, level)
    # Space before follows the planner's rule (× font size per level, rounded to half
    # points) so an unfitted paragraph looks like a fitted one.
    factor = SPACE_BEFORE[min(level, 3) - 1] if style.bullets else SPACE_BEFORE[0]
    spc_bef = 0.0 if lvl_size is None or not style.spaced else round(lvl_size * factor * 2) / 2
    if style.bullets:
        mar_l = BULLET_HANG * level
        # Bullet in the accent colour at full text size: "•" on odd levels, "–" on even
        # ones, the same characters the renderer writes, so template and decks agree.
        char = "–" if level % 2 == 0 else "•"
        bullet_xml = (
            f"<a:buClr>{scheme_clr(style.bullet_colour)}</a:buClr>"
            f'<a:buSzPct val="100000"/>'
            f'<a:buFont typeface="Arial" panose="020B0604020202020204"/>'
            f'<a:buChar char="{char}"/>'
        )
        indent = -BULLET_HANG
    else:
        # Nested levels of non-list roles still indent, so a stray level 2 reads as such.
        mar_l = nest * (level - 1)
        bullet_xml = "<a:buNone/>"
        indent = 0
    return (
        f'<a:lvl{level}pPr marL="{mar_l}" indent="{indent}" algn="{style.align}" '
        f'defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">'
        f'<a:lnSpc><a:spcPct val="{style.line_pct * 1000}"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{round(spc_bef * 100)}"/></a:spcBef>'
        f'<a:spcAft><a:spcPts val="0"/></a:spcAft>'
        f"{bullet_xml}{rpr('defRPr', style, lvl_size, font)}</a:lvl{level}pPr>"
    )


def level_size(size: float, level: int) -> float:
    """Deeper list levels are a step smaller, but never below 12 pt."""
    return max(12.0, size - 2 * (min(level, 3) - 1))


def body_pr(anchor: str) -> str:
    """Text body properties shared by every text shape of the template.

    Zero insets, written out explicitly, put text exactly on the grid lines (and the
    rules) of the layout; the planner reads them when it measures. noAutofit: the
    planner fits text itself, so PowerPoint must not shrink it a second time.
    """
    return (
        '<a:bodyPr vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" '
        f'rtlCol="0" anchor="{anchor}"><a:noAutofit/></a:bodyPr>'
    )
