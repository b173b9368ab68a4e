"""The complete XML of the slide master and of each slide layout."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from deck_builder.brandkit.designs import footer_rule, master_placeholders
from deck_builder.brandkit.ooxml import LANG, NSDECL, fill, level_ppr
from deck_builder.brandkit.shapes import (
    Ids,
    footer_xml,
    glyph_xml,
    picture_xml,
    placeholder_xml,
    rect_xml,
    sp_tree,
)
from deck_builder.template.design import (
    BODY_LIST,
    LOGO_BOX,
    TITLE_RULE,
    TITLE_STYLE,
    Glyph,
    LayoutDesign,
    Style,
    emu,
)
from deck_builder.template.load import RoleConfig

LOGO_DESCR = "Logo (voorbeeld, geen officieel logo)"


def layout_xml(
    name: str,
    design: LayoutDesign,
    roles: dict[str, RoleConfig],
    logo_rid: str | None,
    footer_text: str,
) -> str:
    """Complete `<p:sldLayout>` XML for one kind.

    `roles` is the kind's roles from layouts.yaml (already checked against the design):
    each gets its design's placeholder at its idx; design roles the brand does not use
    are left out.
    """
    ids = Ids()
    shapes: list[str] = []
    # Drawing order = z-order: background decorations first, then placeholders on top,
    # the logo last so nothing can cover it.
    for deco in design.decorations:
        if isinstance(deco, Glyph):
            shapes.append(glyph_xml(ids.take(), deco))
        else:
            shapes.append(rect_xml(ids.take(), deco))
    if design.footer_rule:  # after the panels, so the band runs across them
        shapes.append(rect_xml(ids.take(), footer_rule(design.dark)))
    # The title goes first: spTree order is the reading order for screen readers, and
    # python-pptx copies placeholders to new slides in this order.
    ordered = sorted(design.placeholders.items(), key=lambda item: item[0] != "title")
    for role, ph in ordered:
        spec = roles.get(role)
        if spec is None:
            continue  # the brand does not use this role; leave it out of the layout
        shapes.append(placeholder_xml(ids.take(), ph, spec))
    shapes.append(footer_xml(ids, design.dark, footer_text))
    if design.logo is not None and logo_rid is not None:
        shapes.append(picture_xml(ids.take(), logo_rid, design.logo.box, "Logo", LOGO_DESCR))
    type_attr = f' type="{design.layout_type}"' if design.layout_type else ""
    return (
        f'<p:sldLayout {NSDECL}{type_attr} preserve="1" showMasterSp="0">'
        f"<p:cSld name={quoteattr(name)}>{_background(design.dark)}"
        f"{sp_tree(''.join(shapes))}</p:cSld>"
        f"<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )


def master_xml(footer_text: str, logo_rid: str) -> str:
    """Complete `<p:sldMaster>` XML: cSld, clrMap, an empty layout list, text styles."""
    ids = Ids()
    # Ids are taken in creation order, but the shapes are drawn rules first; both
    # orders are part of the byte-identical output.
    title, body = (placeholder_xml(ids.take(), ph, role) for ph, role in master_placeholders())
    footers = footer_xml(ids, False, footer_text, master=True)
    rule = rect_xml(ids.take(), TITLE_RULE)
    logo = picture_xml(ids.take(), logo_rid, LOGO_BOX, "Logo", LOGO_DESCR)
    rule_below = rect_xml(ids.take(), footer_rule(False))
    shapes = rule + rule_below + title + body + footers + logo
    bg = '<p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>'
    clr_map = (
        '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" '
        'accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" '
        'accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
    )
    return (
        f"<p:sldMaster {NSDECL}><p:cSld>{bg}{sp_tree(shapes)}</p:cSld>{clr_map}"
        f"<p:sldLayoutIdLst/>{_text_styles()}</p:sldMaster>"
    )


def _background(dark: bool) -> str:
    # Only the dark layouts override the master's white background.
    if not dark:
        return ""
    return f"<p:bg><p:bgPr>{fill('primary')}<a:effectLst/></p:bgPr></p:bg>"


def _text_styles() -> str:
    """Master title/body/other styles: brand colours, theme fonts, Dutch language."""
    title = level_ppr(1, TITLE_STYLE, 32, "+mj-lt")
    body = "".join(level_ppr(level, BODY_LIST, 24) for level in range(1, 10))
    # Other text (text boxes, tables) nests by PowerPoint's usual half inch per level.
    other_style = Style(colour="text")
    other = "".join(level_ppr(level, other_style, 18, nest=emu(0.5)) for level in range(1, 10))
    return (
        f"<p:txStyles><p:titleStyle>{title}</p:titleStyle><p:bodyStyle>{body}</p:bodyStyle>"
        f'<p:otherStyle><a:defPPr><a:defRPr lang="{LANG}"/></a:defPPr>{other}</p:otherStyle>'
        f"</p:txStyles>"
    )
