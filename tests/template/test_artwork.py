"""A template's artwork and the free space it leaves (template.artwork)."""

from __future__ import annotations

from lxml import etree

from deck_builder.ooxml.geometry import Rect
from deck_builder.template.artwork import FreeSpace, layout_artwork

W, H = 12_000_000, 6_000_000
SLIDE = Rect(0, 0, W, H)
NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')


def _shape(rect: Rect, geometry: str = '<a:prstGeom prst="rect"/>',
           fill: str = '<a:solidFill><a:srgbClr val="FF0000"/></a:solidFill>',
           name: str = "Art", placeholder: bool = False, extra: str = "") -> str:
    ph = '<p:ph type="body" idx="1"/>' if placeholder else ""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="9" name="{name}"/><p:cNvSpPr/><p:nvPr>{ph}</p:nvPr>'
            f'</p:nvSpPr><p:spPr><a:xfrm{extra}><a:off x="{rect.x}" y="{rect.y}"/>'
            f'<a:ext cx="{rect.w}" cy="{rect.h}"/></a:xfrm>{geometry}{fill}</p:spPr></p:sp>')


def _root(tag: str, *shapes: str, attributes: str = "") -> etree._Element:
    return etree.fromstring(f'<p:{tag} {NS}{attributes}><p:cSld><p:spTree>{"".join(shapes)}'
                            f'</p:spTree></p:cSld></p:{tag}>')


def _space(*shapes: str, master: tuple[str, ...] = (), text_boxes: tuple[Rect, ...] = (),
           attributes: str = "") -> FreeSpace:
    layout = _root("sldLayout", *shapes, attributes=attributes)
    artwork = layout_artwork(layout, _root("sldMaster", *master), W, H, text_boxes)
    return FreeSpace(artwork, SLIDE)


BOX = Rect(1_000_000, 1_000_000, 10_000_000, 4_000_000)
TRIANGLE = ('<a:custGeom><a:pathLst><a:path w="100" h="100"><a:moveTo><a:pt x="100" y="0"/>'
            '</a:moveTo><a:lnTo><a:pt x="100" y="100"/></a:lnTo><a:lnTo><a:pt x="0" y="100"/>'
            '</a:lnTo><a:close/></a:path></a:pathLst></a:custGeom>')


def test_a_box_clear_of_artwork_is_used_whole() -> None:
    space = _space(_shape(Rect(0, 0, 500_000, 500_000)))
    assert space.free(BOX) == BOX
    assert space.usable(BOX) == BOX


def test_a_box_is_cut_back_to_where_a_corner_triangle_starts() -> None:
    # A triangle in the bottom right corner, its slanted side facing the box.
    corner = Rect(8_000_000, 2_000_000, 4_000_000, 4_000_000)
    space = _space(_shape(corner, TRIANGLE))
    free = space.free(BOX)
    assert free != BOX
    assert space.free(free) == free  # clear of the triangle itself
    # The triangle's real outline, not its box: more is free than left of its box.
    assert free.w * free.h > (corner.x - BOX.x) * BOX.h
    assert free.x == BOX.x  # the text keeps its left edge


def test_placeholders_hidden_shapes_and_unfilled_shapes_are_no_artwork() -> None:
    space = _space(_shape(BOX, placeholder=True), _shape(BOX, fill="<a:noFill/>"),
                   _shape(BOX).replace('name="Art"', 'name="Art" hidden="1"'))
    assert space.artwork == ()


def test_a_line_is_artwork_and_a_full_slide_shape_is_the_background() -> None:
    line = _shape(Rect(0, 3_000_000, W, 0), '<a:prstGeom prst="line"/>', "",
                  ).replace("</p:spPr>", '<a:ln w="12700"><a:solidFill><a:srgbClr val="000000"/>'
                            '</a:solidFill></a:ln></p:spPr>')
    space = _space(line, _shape(SLIDE, name="Background"))
    assert [art.what for art in space.artwork] == ["line"]
    free = space.free(BOX)
    assert free.y + free.h <= 3_000_000 or free.y >= 3_000_000


def test_the_masters_artwork_counts_unless_the_layout_hides_it() -> None:
    art = _shape(Rect(0, 0, 6_000_000, 2_000_000))
    assert len(_space(master=(art,)).artwork) == 1
    assert _space(master=(art,), attributes=' showMasterSp="0"').artwork == ()


def test_a_panel_holding_the_box_and_a_band_under_the_text_are_no_obstacles() -> None:
    panel = _shape(Rect(500_000, 500_000, 11_000_000, 5_000_000), name="Panel")
    space = _space(panel)
    assert space.free(BOX) == BOX  # text is meant to be on it
    band = _shape(Rect(0, 3_000_000, W, 3_000_000), name="Lower half")
    assert _space(band, text_boxes=(BOX,)).artwork == ()  # a slide in two colours
    assert len(_space(band).artwork) == 1


def test_a_box_that_would_keep_too_little_stays_and_a_title_keeps_its_place() -> None:
    space = _space(_shape(Rect(0, 0, 9_000_000, H)))
    assert space.usable(BOX) == BOX  # not cut to a sliver
    assert not space.clear(BOX)
    title = Rect(1_000_000, 300_000, 10_000_000, 600_000)
    logo = _space(_shape(Rect(10_000_000, 200_000, 1_500_000, 800_000), name="Logo"))
    kept = logo.usable(title, title=True)
    assert (kept.x, kept.y, kept.h) == (title.x, title.y, title.h)
    assert kept.x + kept.w <= 10_000_000


def _faint(alpha: int) -> str:
    return (f'<a:solidFill><a:srgbClr val="FFFFFF"><a:alpha val="{alpha}"/></a:srgbClr>'
            '</a:solidFill>')


def test_a_barely_there_tint_is_background_and_a_translucent_shape_is_artwork() -> None:
    corner = Rect(6_000_000, 1_000_000, 6_000_000, 5_000_000)
    assert _space(_shape(corner, fill=_faint(6_000))).free(BOX) == BOX
    assert _space(_shape(corner, fill=_faint(40_000))).free(BOX) != BOX


def test_a_title_with_a_corner_triangle_at_its_left_edge_moves_right_of_it() -> None:
    # A triangle in the top left corner reaching over the title's first centimetres.
    triangle = ('<a:custGeom><a:pathLst><a:path w="100" h="100"><a:moveTo><a:pt x="0" y="0"/>'
                '</a:moveTo><a:lnTo><a:pt x="100" y="0"/></a:lnTo><a:lnTo><a:pt x="0" y="100"/>'
                '</a:lnTo><a:close/></a:path></a:pathLst></a:custGeom>')
    space = _space(_shape(Rect(0, 0, 1_500_000, 3_000_000), triangle))
    title = Rect(500_000, 300_000, 10_000_000, 800_000)
    usable = space.usable(title, title=True)
    assert usable != title
    assert space.clear(usable)
    assert usable.x > title.x
    assert usable.h == title.h
    assert usable.x + usable.w == title.x + title.w


def test_artwork_far_off_the_slide_costs_no_more_than_artwork_on_it() -> None:
    """A damaged template may place a shape at 10^20 EMU: the free space is worked out
    at once (edges are walked only near the slide), not over gigabytes of steps."""
    import time

    from deck_builder.template.artwork import Artwork

    far = 10**20
    huge = Artwork(Rect(-far, -far, 2 * far, 2 * far), "shape", "huge",
                   (((-far, -far), (far, -far), (far, far), (-far, far)),))
    started = time.monotonic()
    space = FreeSpace([huge], SLIDE)
    box = Rect(SLIDE.w // 4, SLIDE.h // 4, SLIDE.w // 2, SLIDE.h // 2)
    assert space.usable(box).w > 0
    assert time.monotonic() - started < 5
