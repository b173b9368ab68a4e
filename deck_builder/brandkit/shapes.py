"""XML of the shapes on a master or layout: placeholders, footers, rules, glyphs, pictures."""

from __future__ import annotations

import uuid
from xml.sax.saxutils import escape, quoteattr

from deck_builder.brandkit.designs import footer_fields
from deck_builder.brandkit.ooxml import LANG, body_pr, fill, level_ppr, rpr, xfrm
from deck_builder.template.design import Box, Glyph, Ph, Rect, Style
from deck_builder.template.load import RoleConfig

# Field ids derived from a fixed namespace, not random, so rebuilds are byte-identical.
_GUID_NS = uuid.UUID("6f1f4f3e-2b7a-4c1e-9a55-0d0c5e1b7a10")
_RECT_GEOM = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'


def _guid(name: str) -> str:
    """A stable `{GUID}` for field ids: derived from `name`, not random."""
    return "{" + str(uuid.uuid5(_GUID_NS, name)).upper() + "}"


class Ids:
    """Sequential shape ids; id 1 is the spTree group itself."""

    def __init__(self) -> None:
        self._next = 2

    def take(self) -> int:
        """The next unused shape id."""
        value = self._next
        self._next += 1
        return value


def _ph_attrs(ph_type: str, idx: int) -> str:
    """Attributes of `<p:ph>`. Title placeholders carry no idx: 0 is the schema default
    and PowerPoint itself omits it. `sz` only hints PowerPoint's placeholder menus."""
    size = {"dt": ' sz="half"', "title": "", "ctrTitle": "", "subTitle": ""}.get(
        ph_type, ' sz="quarter"'
    )
    idx_attr = "" if idx == 0 else f' idx="{idx}"'
    return f' type="{ph_type}"{size}{idx_attr}'


def _default_size(style: Style, role: RoleConfig) -> float:
    """The placeholder's default size: the design's wish clamped to the role's range,
    else the role's max_pt (what the planner tries first), else 18 pt."""
    size = style.size if style.size is not None else role.max_pt
    if size is None:
        return 18.0
    if role.min_pt is not None:
        size = max(size, float(role.min_pt))
    if role.max_pt is not None:
        size = min(size, float(role.max_pt))
    return float(size)


def _prompt_paragraphs(prompt: str, bullets: bool) -> str:
    """One paragraph per prompt line; list prompts show one line per level."""
    lines = prompt.split("\n")
    out = []
    for level, line in enumerate(lines):
        ppr = f'<a:pPr lvl="{level}"/>' if bullets else ""
        out.append(f'<a:p>{ppr}<a:r><a:rPr lang="{LANG}"/><a:t>{escape(line)}</a:t></a:r></a:p>')
    return "".join(out)


def placeholder_xml(shape_id: int, ph: Ph, role: RoleConfig) -> str:
    """A placeholder `<p:sp>` with position, text defaults and a Dutch custom prompt."""
    size = _default_size(ph.style, role)
    assert role.idx is not None, "load_inputs requires every role's idx"
    # hasCustomPrompt: PowerPoint shows the layout's own text ("Klik om de titel te
    # bewerken") in empty placeholders instead of its English default.
    prompt_attr = ' hasCustomPrompt="1"'
    nv = (
        f'<p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(ph.name)}/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr><p:ph{_ph_attrs(ph.ph_type, role.idx)}{prompt_attr}/></p:nvPr></p:nvSpPr>"
    )
    sp_pr = f"<p:spPr>{xfrm(ph.box)}{_RECT_GEOM}</p:spPr>"
    if ph.ph_type == "pic":
        # Centred prompt so the empty frame reads as "drop a picture here" when editing.
        style = Style(colour="muted", align="ctr", anchor="ctr", spaced=False)
        lst = level_ppr(1, style, 14)
        return (
            f"<p:sp>{nv}{sp_pr}<p:txBody>{body_pr('ctr')}<a:lstStyle>{lst}</a:lstStyle>"
            f"{_prompt_paragraphs(ph.prompt, False)}</p:txBody></p:sp>"
        )
    font = "+mj-lt" if ph.ph_type in ("title", "ctrTitle") else "+mn-lt"
    levels = range(1, 4) if ph.style.bullets else range(1, 2)
    lst = "".join(level_ppr(level, ph.style, size, font) for level in levels)
    return (
        f"<p:sp>{nv}{sp_pr}<p:txBody>{body_pr(ph.style.anchor)}<a:lstStyle>{lst}</a:lstStyle>"
        f"{_prompt_paragraphs(ph.prompt, ph.style.bullets)}</p:txBody></p:sp>"
    )


def footer_xml(ids: Ids, dark: bool, footer_text: str, master: bool = False) -> str:
    """The date, footer text and slide number placeholders of a layout or the master."""
    # The idx values PowerPoint itself gives footers on a master and on its layouts.
    idx = (2, 3, 4) if master else (10, 11, 12)
    paragraphs = {
        "dt": f'<a:p><a:fld id="{_guid("date")}" type="datetimeFigureOut">'
        f'<a:rPr lang="{LANG}"/><a:t>1-1-2025</a:t></a:fld>'
        f'<a:endParaRPr lang="{LANG}"/></a:p>',
        "ftr": f'<a:p><a:r><a:rPr lang="{LANG}"/><a:t>{escape(footer_text)}</a:t></a:r></a:p>',
        "sldNum": f'<a:p><a:fld id="{_guid("slidenum")}" type="slidenum">'
        f'<a:rPr lang="{LANG}"/><a:t>‹#›</a:t></a:fld><a:endParaRPr lang="{LANG}"/></a:p>',
    }
    out = []
    for field, ph_idx in zip(footer_fields(dark), idx, strict=True):
        out.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{ids.take()}" name="{field.name}"/>'
            f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f"<p:nvPr><p:ph{_ph_attrs(field.ph_type, ph_idx)}/></p:nvPr></p:nvSpPr>"
            f"<p:spPr>{xfrm(field.box)}{_RECT_GEOM}</p:spPr>"
            f"<p:txBody>{body_pr('ctr')}<a:lstStyle>"
            f"{level_ppr(1, field.style, field.style.size)}"
            f"</a:lstStyle>{paragraphs[field.ph_type]}</p:txBody></p:sp>"
        )
    return "".join(out)


def rect_xml(shape_id: int, rect: Rect) -> str:
    """A decorative filled shape without outline, marked as drawn by the designer."""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(rect.name)}/>'
        f'<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{xfrm(rect.box)}<a:prstGeom prst="{rect.geometry}"><a:avLst/></a:prstGeom>'
        f"{fill(rect.colour, rect.alpha)}"
        f"<a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
    )


def glyph_xml(shape_id: int, glyph: Glyph) -> str:
    """A decorative text box holding one bold character in the heading font."""
    style = Style(colour=glyph.colour, bold=True)
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(glyph.name)}/>'
        f'<p:cNvSpPr txBox="1"/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f"<p:spPr>{xfrm(glyph.box)}{_RECT_GEOM}"
        f"<a:noFill/><a:ln><a:noFill/></a:ln></p:spPr>"
        f"<p:txBody>{body_pr('t')}<a:lstStyle/>"
        f'<a:p><a:pPr><a:lnSpc><a:spcPct val="100000"/></a:lnSpc><a:buNone/></a:pPr>'
        f"<a:r>{rpr('rPr', style, glyph.size, '+mj-lt')}<a:t>{escape(glyph.text)}</a:t></a:r>"
        f"</a:p></p:txBody></p:sp>"
    )


def picture_xml(shape_id: int, rid: str, box: Box, name: str, descr: str) -> str:
    """A `<p:pic>` showing the image related as `rid`, with alt text `descr`."""
    return (
        f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name={quoteattr(name)} '
        f"descr={quoteattr(descr)}/>"
        f'<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr userDrawn="1"/>'
        f'</p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
        f"</p:blipFill><p:spPr>{xfrm(box)}{_RECT_GEOM}</p:spPr></p:pic>"
    )


def sp_tree(shapes: str) -> str:
    """The `<p:spTree>` holding `shapes` (already in z-order)."""
    return (
        '<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
        '<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
        f"{shapes}</p:spTree>"
    )
