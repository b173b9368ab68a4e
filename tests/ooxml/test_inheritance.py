"""What a placeholder inherits: slide → layout → master placeholder → master text style."""

from __future__ import annotations

from lxml import etree

from deck_builder.ooxml.geometry import Rect
from deck_builder.ooxml.inheritance import (
    DEFAULT_INSETS,
    DEFAULT_SIZE,
    Placeholders,
    inherited_bold,
    inherited_insets,
    inherited_size,
    line_spacing,
    placeholder_idx,
    placeholder_of,
    rect_of,
    text_style_name,
)
from deck_builder.ooxml.namespaces import A_NS, NSMAP, P_NS, qn
from deck_builder.ooxml.placeholders import layout_placeholders

DECLARE = f'xmlns:a="{A_NS}" xmlns:p="{P_NS}"'


def sp(name: str, ph: str, xfrm: str = "", body: str = "", styles: str = "") -> str:
    """A placeholder `p:sp`; `ph` holds the attributes of its `p:ph`."""
    sp_pr = f"<p:spPr>{xfrm}</p:spPr>"
    text = f"<p:txBody><a:bodyPr {body}/><a:lstStyle>{styles}</a:lstStyle><a:p/></p:txBody>"
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="2" name="{name}"/><p:cNvSpPr/>'
            f"<p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr>{sp_pr}{text}</p:sp>")


def at(x: int, y: int, w: int, h: int) -> str:
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'


def tree(root: str, shapes: str, extra: str = "") -> etree._Element:
    return etree.fromstring(
        f"<p:{root} {DECLARE}><p:cSld><p:spTree>{shapes}</p:spTree></p:cSld>{extra}</p:{root}>")


TEXT_STYLES = """<p:txStyles>
  <p:titleStyle><a:lvl1pPr><a:defRPr sz="4000" b="1"/></a:lvl1pPr></p:titleStyle>
  <p:bodyStyle>
    <a:lvl1pPr><a:defRPr sz="2800"/></a:lvl1pPr>
    <a:lvl2pPr><a:lnSpc><a:spcPct val="150000"/></a:lnSpc><a:defRPr/></a:lvl2pPr>
  </p:bodyStyle>
  <p:otherStyle><a:lvl1pPr><a:defRPr sz="1200"/></a:lvl1pPr></p:otherStyle>
</p:txStyles>"""
MASTER = tree("sldMaster", "".join([
    sp("Title", 'type="title"', at(10, 10, 800, 100), 'lIns="0"'),
    sp("Body", 'type="body" idx="1"', at(10, 200, 800, 400), 'tIns="1"',
       '<a:lvl1pPr><a:defRPr sz="2000"/></a:lvl1pPr>'),
    sp("Date", 'type="dt" idx="2"', at(10, 700, 200, 30), "",
       '<a:lvl1pPr><a:defRPr b="1"/></a:lvl1pPr>'),
]), TEXT_STYLES)
LAYOUT = tree("sldLayout", "".join([
    sp("Layout title", 'type="title"'),
    sp("Content", 'idx="1"', at(20, 220, 700, 300), 'rIns="5"'),
    sp("Subtitle", 'type="subTitle" idx="3"'),
    sp("Date", 'type="dt" idx="10"'),
]))


def test_layout_placeholders_inherit_from_the_master_placeholder_of_their_type() -> None:
    title, content, subtitle, date = layout_placeholders(LAYOUT, MASTER)
    assert (title.type, content.type, subtitle.type, date.type) == ("title", "obj", "subTitle",
                                                                     "dt")
    assert title.rect == Rect(10, 10, 800, 100)  # from the master's title
    assert title.size == 40.0  # the master's title style
    assert inherited_bold(title.styles)
    assert content.rect == Rect(20, 220, 700, 300)  # its own
    assert content.size == 20.0  # the master body's list style before the body style
    assert not inherited_bold(content.styles)
    assert subtitle.rect == Rect(10, 200, 800, 400)  # every other type: the master's body
    # Date, footer and slide number have master placeholders and a text style of their own.
    assert date.rect == Rect(10, 700, 200, 30)
    assert date.size == 12.0
    assert inherited_bold(date.styles)


def test_insets_are_inherited_side_by_side() -> None:
    title, content, _, date = layout_placeholders(LAYOUT, MASTER)
    left, top, right, bottom = DEFAULT_INSETS
    assert title.insets == (0, top, right, bottom)
    assert content.insets == (left, 1, 5, bottom)
    assert date.insets == DEFAULT_INSETS
    master = Placeholders.of(MASTER).by_type
    # Each side from the first shape of the chain that sets it.
    assert inherited_insets([master["body"], master["title"]]) == (0, 1, right, bottom)


def test_an_obj_placeholder_stands_in_for_a_missing_master_body() -> None:
    master = tree("sldMaster", sp("Content", 'idx="1"', at(1, 2, 3, 4)))
    layout = tree("sldLayout", sp("Text", 'type="body" idx="1"'))
    (body,) = layout_placeholders(layout, master)
    assert body.rect == Rect(1, 2, 3, 4)
    assert body.size == DEFAULT_SIZE  # nothing sizes it: PowerPoint's default


def test_slide_placeholders_match_the_layout_by_idx_then_type() -> None:
    table = Placeholders.of(LAYOUT)
    by_idx = etree.fromstring(f'<p:ph {DECLARE} type="body" idx="3"/>')
    by_type = etree.fromstring(f'<p:ph {DECLARE} type="dt" idx="99"/>')
    unknown = etree.fromstring(f'<p:ph {DECLARE} type="pic" idx="99"/>')
    assert _name(table.for_slide(by_idx)) == "Subtitle"
    assert _name(table.for_slide(by_type)) == "Date"
    assert table.for_slide(unknown) is None
    master = Placeholders.of(MASTER)
    assert _name(master.for_layout("ctrTitle")) == "Title"
    assert _name(master.for_layout("pic")) == "Body"
    assert _name(master.for_layout("dt")) == "Date"
    assert master.for_layout("sldNum") is None


def test_text_styles_by_placeholder_type() -> None:
    assert text_style_name("ctrTitle") == "titleStyle"
    assert text_style_name("subTitle") == text_style_name("obj") == "bodyStyle"
    assert text_style_name("sldNum") == text_style_name(None) == "otherStyle"


def test_a_level_takes_its_own_properties_then_the_list_default() -> None:
    style = _list_style('<a:defPPr><a:defRPr sz="1000" b="1"/></a:defPPr>'
                        '<a:lvl1pPr><a:defRPr sz="3000"/></a:lvl1pPr>')
    assert inherited_size([style], 0) == 30.0  # its own level
    assert inherited_size([style], 1) == 10.0  # no lvl2pPr: the list's default
    assert inherited_bold([style], 0)  # lvl1pPr does not say: the default does
    assert inherited_size([], 0) == DEFAULT_SIZE


def test_the_most_specific_line_spacing_decides() -> None:
    (_, content, *_) = layout_placeholders(LAYOUT, MASTER)
    assert line_spacing(content.styles, 0) is None
    assert line_spacing(content.styles, 1) == 1.5  # from the master's body style
    in_points = _list_style('<a:lvl2pPr><a:lnSpc><a:spcPts val="2400"/></a:lnSpc></a:lvl2pPr>')
    assert line_spacing([in_points, *content.styles], 1) is None
    percent = _list_style('<a:lvl1pPr><a:lnSpc><a:spcPct val="90%"/></a:lnSpc></a:lvl1pPr>')
    assert line_spacing([percent], 0) == 0.9


def test_positions_are_read_where_each_kind_of_shape_keeps_them() -> None:
    frame = etree.fromstring(
        f'<p:graphicFrame {DECLARE}><p:nvGraphicFramePr><p:cNvPr id="4" name="T"/>'
        f'<p:cNvGraphicFramePr/><p:nvPr><p:ph idx="7"/></p:nvPr></p:nvGraphicFramePr>'
        f'<p:xfrm><a:off x="1" y="2"/><a:ext cx="3" cy="4"/></p:xfrm></p:graphicFrame>')
    assert rect_of(frame) == Rect(1, 2, 3, 4)
    ph = placeholder_of(frame)
    assert ph is not None
    assert placeholder_idx(ph) == 7
    layout = tree("sldLayout", sp("X", 'idx="x"', at(0, 0, 1, 1).replace('x="0"', 'x="left"')))
    broken = layout.find("p:cSld/p:spTree/p:sp", NSMAP)
    assert broken is not None
    assert rect_of(broken) is None  # not a number: no position rather than an error
    ph = placeholder_of(broken)
    assert ph is not None
    assert placeholder_idx(ph) == 0


def _list_style(levels: str) -> etree._Element:
    return etree.fromstring(f"<a:lstStyle {DECLARE}>{levels}</a:lstStyle>")


def _name(shape: etree._Element | None) -> str | None:
    if shape is None:
        return None
    found = shape.find("p:nvSpPr/p:cNvPr", NSMAP)
    return None if found is None else found.get("name")


def test_qualified_names() -> None:
    assert qn("a:t") == f"{{{A_NS}}}t"
    assert qn("p14:sldId") == "{http://schemas.microsoft.com/office/powerpoint/2010/main}sldId"
