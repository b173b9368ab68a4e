"""A template's artwork and the free space it leaves: where our text and shapes may go.

Artwork is what a slide shows from its layout and master that is not a placeholder:
pictures, shapes with a fill or an outline, lines, charts and tables, text boxes with
text. A shape covering (nearly) the whole slide is the background, not artwork, and so
is a fill under FAINT_ALPHA percent opaque (a tint of the background); a
shape that holds a placeholder entirely is a panel the template puts text on, so it is
no obstacle to that placeholder.

`free_rect` answers the question every box asks: the largest part of a box that no
artwork overlaps. A layout's free content area is its content region (below the title,
above the footers) so reduced; the template loader keeps every role's box inside it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from lxml import etree

from deck_builder.ooxml.geometry import Rect
from deck_builder.ooxml.inheritance import placeholder_of, rect_of
from deck_builder.ooxml.namespaces import A, P

Point = tuple[float, float]
BACKGROUND_SHARE = 0.85  # a shape covering this much of the slide is its background
BAND_SHARE = 0.95  # a shape this wide (or high) ...
BAND_AREA = 0.15  # ... and covering this much of the slide is a band
PANEL_SLACK = 0.02  # a panel may fall short of its placeholder by this share of the slide
TOO_LITTLE = 0.35  # a free content area under this share of the slide is a warning

_FILLS = frozenset({f"{A}solidFill", f"{A}gradFill", f"{A}blipFill", f"{A}pattFill"})
_DRAWN = frozenset({f"{P}sp", f"{P}pic", f"{P}cxnSp", f"{P}grpSp", f"{P}graphicFrame"})


class Artwork(NamedTuple):
    """One piece of a template's artwork: its bounding box on the slide, what it is
    ("picture", "shape", "line", "group", "frame", "text"), its name, and its outline
    as polygons (see `outlines`)."""

    rect: Rect
    what: str
    name: str
    outlines: tuple[tuple[Point, ...], ...] = ()


def layout_artwork(layout: etree._Element, master: etree._Element, width: int, height: int,
                   text_boxes: Sequence[Rect] = ()) -> tuple[Artwork, ...]:
    """The artwork a slide of `layout` (a `p:sldLayout`) shows: the layout's own and,
    unless the layout hides them (`showMasterSp="0"`), the master's (`p:sldMaster`).

    A band across the whole slide (or its whole height) that the layout's own text
    placeholders (`text_boxes`) lie on is part of the background the template designed
    its text for (a slide in two colours), not artwork.
    """
    found: list[Artwork] = []
    if layout.get("showMasterSp", "1") not in ("0", "false"):
        found.extend(_artwork(master, width, height))
    found.extend(_artwork(layout, width, height))
    return tuple(art for art in found if not _background_band(art, width, height, text_boxes))


def _background_band(art: Artwork, width: int, height: int, text_boxes: Sequence[Rect]) -> bool:
    rect = art.rect
    band = rect.w >= BAND_SHARE * width or rect.h >= BAND_SHARE * height
    if not band or rect.w * rect.h < BAND_AREA * width * height:
        return False
    return any(_overlap_share(box, rect) >= 0.25 for box in text_boxes)


def _overlap_share(box: Rect, other: Rect) -> float:
    """How much of `box` lies on `other`, as a share of `box`'s area."""
    w = min(box.x + box.w, other.x + other.w) - max(box.x, other.x)
    h = min(box.y + box.h, other.y + other.h) - max(box.y, other.y)
    return max(w, 0) * max(h, 0) / max(box.w * box.h, 1)


def _artwork(root: etree._Element, width: int, height: int) -> list[Artwork]:
    tree = root.find(f"{P}cSld/{P}spTree")
    if tree is None:
        return []
    slide_area = width * height
    found = []
    for shape in tree:
        if shape.tag not in _DRAWN or placeholder_of(shape) is not None or _hidden(shape):
            continue
        what = _what(shape)
        rect = rect_of(shape)
        if what is None or rect is None:
            continue
        rect = _on_slide(rect, width, height)
        if rect is None or rect.w * rect.h >= BACKGROUND_SHARE * slide_area:
            continue
        name = shape.find(f"*/{P}cNvPr")
        drawn = outlines(shape, rect_of(shape) or rect) if shape.tag in _OUTLINED else [
            list(_corners(rect))]
        found.append(Artwork(rect, what, name.get("name", "") if name is not None else "",
                             tuple(tuple(polygon) for polygon in drawn)))
    return found


_OUTLINED = frozenset({f"{P}sp", f"{P}cxnSp"})


def _corners(rect: Rect) -> tuple[Point, ...]:
    return ((rect.x, rect.y), (rect.x + rect.w, rect.y), (rect.x + rect.w, rect.y + rect.h),
            (rect.x, rect.y + rect.h))


def _hidden(shape: etree._Element) -> bool:
    properties = shape.find(f"*/{P}cNvPr")
    return properties is not None and properties.get("hidden", "0") in ("1", "true")


def _what(shape: etree._Element) -> str | None:
    """What kind of artwork a shape is; None when it shows nothing."""
    tag = shape.tag
    if tag == f"{P}pic":
        return "picture"
    if tag == f"{P}graphicFrame":
        return "frame"
    if tag == f"{P}grpSp":
        shown = any(child.tag in _DRAWN and _what(child) is not None for child in shape)
        return "group" if shown else None
    properties = shape.find(f"{P}spPr")
    style = shape.find(f"{P}style")
    if tag == f"{P}cxnSp":
        return "line" if _outlined(properties, style) else None
    if _filled(properties, style):
        return "shape"
    if _outlined(properties, style):
        geometry = properties.find(f"{A}prstGeom") if properties is not None else None
        return "line" if geometry is not None and geometry.get("prst") == "line" else "shape"
    text = "".join(run.text or "" for run in shape.iter(f"{A}t")).strip()
    return "text" if text else None


FAINT_ALPHA = 15  # a fill this transparent (percent) or more is a tint of the background


def _filled(properties: etree._Element | None, style: etree._Element | None) -> bool:
    if properties is not None:
        if properties.find(f"{A}noFill") is not None:
            return False
        fills = [child for child in properties if child.tag in _FILLS]
        if fills:
            return not all(_faint(fill) for fill in fills)
    reference = style.find(f"{A}fillRef") if style is not None else None
    return reference is not None and reference.get("idx", "0") != "0"


def _faint(fill: etree._Element) -> bool:
    """Whether a solid fill is so transparent that it only tints what is under it (a
    barely-there motif): text may run over it like over the background."""
    if fill.tag != f"{A}solidFill":
        return False
    alphas = [element.get("val", "100000") for element in fill.iter(f"{A}alpha")]
    try:
        return bool(alphas) and all(int(value) < FAINT_ALPHA * 1000 for value in alphas)
    except ValueError:
        return False


def _outlined(properties: etree._Element | None, style: etree._Element | None) -> bool:
    line = properties.find(f"{A}ln") if properties is not None else None
    if line is not None:
        if line.find(f"{A}noFill") is not None:
            return False
        if any(child.tag in _FILLS for child in line):
            return True
    reference = style.find(f"{A}lnRef") if style is not None else None
    return reference is not None and reference.get("idx", "0") != "0"


def _on_slide(rect: Rect, width: int, height: int) -> Rect | None:
    """The part of `rect` on the slide (lines get a height or width of one EMU)."""
    x, y = max(rect.x, 0), max(rect.y, 0)
    right, bottom = min(rect.x + max(rect.w, 1), width), min(rect.y + max(rect.h, 1), height)
    if right <= x or bottom <= y:
        return None
    return Rect(x, y, right - x, bottom - y)


# -- outlines -----------------------------------------------------------------------------

_ELLIPSE_STEPS = 32


def outlines(shape: etree._Element, rect: Rect) -> list[list[Point]]:
    """The shape's outline as polygons on the slide (EMU): a custom geometry's paths,
    an ellipse or triangle as drawn, anything else as its box; flips and rotation
    applied. A line is a polygon of two points."""
    properties = shape.find(f"{P}spPr")
    geometry = properties.find(f"{A}prstGeom") if properties is not None else None
    custom = properties.find(f"{A}custGeom") if properties is not None else None
    preset = geometry.get("prst", "rect") if geometry is not None else "rect"
    unit: list[list[Point]]  # in the shape's own box, 0..1 both ways
    if shape.tag == f"{P}cxnSp" or preset in ("line", "straightConnector1"):
        unit = [[(0.0, 0.0), (1.0, 1.0)]]
    elif custom is not None:
        unit = _custom_paths(custom) or [_BOX]
    elif preset == "ellipse":
        unit = [[(0.5 + 0.5 * math.cos(2 * math.pi * i / _ELLIPSE_STEPS),
                  0.5 + 0.5 * math.sin(2 * math.pi * i / _ELLIPSE_STEPS))
                 for i in range(_ELLIPSE_STEPS)]]
    elif preset == "triangle":
        unit = [[(0.5, 0.0), (1.0, 1.0), (0.0, 1.0)]]
    elif preset == "rtTriangle":
        unit = [[(0.0, 0.0), (1.0, 1.0), (0.0, 1.0)]]
    else:
        unit = [_BOX]
    xfrm = properties.find(f"{A}xfrm") if properties is not None else None
    flip_h = xfrm is not None and xfrm.get("flipH") in ("1", "true")
    flip_v = xfrm is not None and xfrm.get("flipV") in ("1", "true")
    angle = math.radians(int(xfrm.get("rot", "0")) / 60000) if xfrm is not None else 0.0
    centre = (rect.x + rect.w / 2, rect.y + rect.h / 2)
    cos, sin = math.cos(angle), math.sin(angle)
    polygons = []
    for polygon in unit:
        points = []
        for u, v in polygon:
            u, v = (1 - u if flip_h else u), (1 - v if flip_v else v)
            dx, dy = (u - 0.5) * rect.w, (v - 0.5) * rect.h
            points.append((centre[0] + dx * cos - dy * sin, centre[1] + dx * sin + dy * cos))
        polygons.append(points)
    return polygons


_BOX: list[Point] = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]


def _custom_paths(geometry: etree._Element) -> list[list[Point]]:
    """A custom geometry's paths as polygons of their points (curves by their control
    points, which hold the curve), scaled to the unit box."""
    polygons = []
    for path in geometry.iterfind(f"{A}pathLst/{A}path"):
        try:
            width, height = float(path.get("w", "0")), float(path.get("h", "0"))
            points = [(float(pt.get("x", "0")), float(pt.get("y", "0")))
                      for pt in path.iter(f"{A}pt")]
        except ValueError:  # guide names instead of numbers: the box stands in
            return []
        if not points:
            continue
        width = width or max(x for x, _ in points) or 1.0
        height = height or max(y for _, y in points) or 1.0
        polygons.append([(x / width, y / height) for x, y in points])
    return polygons


# -- free space --------------------------------------------------------------------------


def overlaps(a: Rect, b: Rect) -> bool:
    """Whether two boxes share an area (touching edges do not)."""
    return (a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h)


def contains(outer: Rect, inner: Rect, slack: int = 0) -> bool:
    """Whether `outer` holds `inner` (allowing it to fall `slack` EMU short on each side)."""
    return (outer.x <= inner.x + slack and outer.y <= inner.y + slack
            and outer.x + outer.w >= inner.x + inner.w - slack
            and outer.y + outer.h >= inner.y + inner.h - slack)


ANCHORED_SHARE = 0.75  # a free box on the left edge this large beats the largest
GRID = 160  # cells across the slide: what the free space is measured in


class FreeSpace:
    """Where a layout's artwork is, cell by cell on a grid over the slide, to answer
    which part of a box is clear of it (`free`)."""

    def __init__(self, artwork: Sequence[Artwork], slide: Rect) -> None:
        self.artwork = tuple(artwork)
        self.slide = slide
        self.cell = max(slide.w // GRID, 1)
        self.columns = -(-slide.w // self.cell)
        self.rows = -(-slide.h // self.cell)
        self._cells = [self._cover(art) for art in self.artwork]
        self._usable: dict[tuple[Rect, bool], Rect] = {}

    def _cover(self, art: Artwork) -> frozenset[tuple[int, int]]:
        """The cells the artwork's outlines touch, and their neighbours (a margin)."""
        cells: set[tuple[int, int]] = set()
        for polygon in art.outlines:
            cells |= self._polygon_cells(polygon)
        grown = set(cells)
        for row, column in cells:
            for d_row in (-1, 0, 1):
                for d_column in (-1, 0, 1):
                    grown.add((row + d_row, column + d_column))
        return frozenset((r, c) for r, c in grown
                         if 0 <= r < self.rows and 0 <= c < self.columns)

    def _polygon_cells(self, polygon: Sequence[Point]) -> set[tuple[int, int]]:
        size = self.cell
        cells: set[tuple[int, int]] = set()
        # Points far off the slide (a damaged template can say anything) are pulled in
        # to a few slide sizes around it: what lies there covers no cell either way, and
        # an edge of astronomical length would be walked step by step.
        reach_w, reach_h = 3 * self.slide.w, 3 * self.slide.h
        polygon = [(min(max(x, self.slide.x - reach_w), self.slide.x + reach_w),
                    min(max(y, self.slide.y - reach_h), self.slide.y + reach_h))
                   for x, y in polygon]
        # Every edge marks the cells it passes through (a line has no inside).
        for (x1, y1), (x2, y2) in zip(polygon, [*polygon[1:], polygon[0]], strict=True):
            steps = int(max(abs(x2 - x1), abs(y2 - y1)) / (size / 2)) + 1
            for i in range(steps + 1):
                t = i / steps
                cells.add((int((y1 + (y2 - y1) * t) // size),
                           int((x1 + (x2 - x1) * t) // size)))
        if len(polygon) < 3:
            return cells
        xs, ys = [x for x, _ in polygon], [y for _, y in polygon]
        for row in range(max(int(min(ys) // size), 0), min(int(max(ys) // size) + 1, self.rows)):
            for column in range(max(int(min(xs) // size), 0),
                                min(int(max(xs) // size) + 1, self.columns)):
                if _inside(((column + 0.5) * size, (row + 0.5) * size), polygon):
                    cells.add((row, column))
        return cells

    def blocking(self, box: Rect) -> list[int]:
        """The artwork (by position) in the way of `box`: overlapping it, and not a
        panel holding it."""
        slack = int(min(self.slide.w, self.slide.h) * PANEL_SLACK)
        return [i for i, art in enumerate(self.artwork)
                if overlaps(art.rect, box) and not contains(art.rect, box, slack)]

    def usable(self, box: Rect, title: bool = False) -> Rect:
        """The part of `box` our text or shapes use: the largest part clear of artwork,
        where that is a fair part of it. A title keeps its left edge (where the deck's
        other titles start) and its height; a line of text (a heading, a date) keeps
        its height and most of its width; a box that would keep less than MIN_KEPT of
        itself stays as it is (the template's designer put it there)."""
        key = (box, title)
        if key not in self._usable:
            self._usable[key] = _usable(self, box, title)
        return self._usable[key]

    def clear(self, box: Rect) -> bool:
        """Whether no artwork is in the way of `box`."""
        return self.free(box) == box

    def free(self, box: Rect, keep_left: bool = False, min_w: int = 0, min_h: int = 0) -> Rect:
        """The largest rectangle inside `box` clear of the artwork in its way (`box`
        itself when nothing is), at least `min_w` × `min_h` EMU; with `keep_left`, the
        largest that keeps the box's left edge. An empty box when none qualifies."""
        size = self.cell
        first_row, last_row = box.y // size, (box.y + box.h - 1) // size
        first_column, last_column = box.x // size, (box.x + box.w - 1) // size
        blocked = set()
        for i in self.blocking(box):
            blocked |= {(r, c) for r, c in self._cells[i]
                        if first_row <= r <= last_row and first_column <= c <= last_column}
        if not blocked:
            return box
        # The largest all-free block of cells (row by row, a histogram of free heights);
        # one keeping the box's left edge wins when nearly as large (text keeps its
        # alignment with the rest of the slide).
        width = last_column - first_column + 1
        heights = [0] * width
        best = (0, 0, 0, 0, 0)  # area, top row, first column, rows, columns
        anchored = best
        for row in range(first_row, last_row + 1):
            for i in range(width):
                heights[i] = 0 if (row, first_column + i) in blocked else heights[i] + 1
            stack: list[int] = []
            for i in range(width + 1):
                height = heights[i] if i < width else 0
                while stack and heights[stack[-1]] >= height:
                    tall = heights[stack.pop()]
                    left = stack[-1] + 1 if stack else 0
                    found = (tall * (i - left), row - tall + 1, first_column + left, tall, i - left)
                    if tall * size < min_h - size or (i - left) * size < min_w - size:
                        continue  # (a cell's slack: edges on the box's own edge are exact)
                    best = max(best, found, key=lambda b: b[0])
                    if left == 0:
                        anchored = max(anchored, found, key=lambda b: b[0])
                stack.append(i)
        if keep_left or anchored[0] >= ANCHORED_SHARE * best[0]:
            best = anchored
        _, top, left, rows, columns = best
        if not rows:
            return Rect(box.x, box.y, 0, 0)
        # Cells on the box's edge stand for the box's own edge.
        x = box.x if left == first_column else left * size
        y = box.y if top == first_row else top * size
        right = box.x + box.w if left + columns - 1 == last_column else (left + columns) * size
        bottom = box.y + box.h if top + rows - 1 == last_row else (top + rows) * size
        return Rect(x, y, right - x, bottom - y)


SHORT_BOX = 0.15  # a box lower than this share of the slide holds a line or two ...
MIN_LINE_WIDTH = 0.6  # ... and is cut to no less than this share of its width
MIN_LINE_HEIGHT = 0.85  # a line's (and a title's) height is kept to this share
MIN_KEPT = 0.3  # a box cut to less than this share of itself by artwork stays as it is


def _usable(space: FreeSpace, box: Rect, title: bool) -> Rect:
    line = box.h < SHORT_BOX * space.slide.h
    min_h = int(box.h * MIN_LINE_HEIGHT) if line or title else 0
    free = space.free(box, keep_left=title,
                      min_w=int(box.w * MIN_LINE_WIDTH) if line else 0, min_h=min_h)
    if title and free.w * free.h < MIN_KEPT * box.w * box.h:
        # Artwork at the title's left edge (a corner triangle): the title moves right
        # of it rather than run over it, keeping its height and most of its width.
        free = space.free(box, min_w=int(box.w * MIN_LINE_WIDTH), min_h=min_h)
    return free if free.w * free.h >= MIN_KEPT * box.w * box.h else box


def _inside(point: Point, polygon: Sequence[Point]) -> bool:
    """Whether `point` lies inside `polygon` (even-odd rule)."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(polygon, [*polygon[1:], polygon[0]], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside
