"""A slide of another package, copied onto a slide of the deck being drawn.

The slide's background and shape tree are copied, and with them every part they use
(pictures, charts and their embedded workbooks, media, diagrams), each under a part
name of its own in this package, with its own relationships; relationship ids in the
copied XML are rewritten to the new ones. What belongs to the other deck's structure
is left behind: its layout and master (the slide is on a layout of ours), its notes
slide (the plan carries the notes), links to its other slides, comments. Footer
placeholders are left out (the renderer adds the deck's own). A placeholder keeps where
it was (its position, inherited from the other deck's layout or master, is written on
it), and takes the idx of the layout's placeholder of its type, or stops being one.
"""

from __future__ import annotations

import copy
import posixpath
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from lxml import etree
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI

from deck_builder.content.decks import related
from deck_builder.ooxml import parsing
from deck_builder.ooxml.geometry import Rect
from deck_builder.ooxml.inheritance import (
    Placeholders,
    placeholder_of,
    placeholder_type,
    rect_of,
    xfrm_of,
)
from deck_builder.ooxml.namespaces import CT_NS, A, P, R

if TYPE_CHECKING:
    from pptx.slide import Slide

_LEFT_BEHIND = ("/slideLayout", "/slideMaster", "/notesSlide", "/slide", "/comments",
                "/commentAuthors", "/notesMaster", "/handoutMaster", "/presProps",
                "/theme")
_FOOTERS = {"dt", "ftr", "sldNum", "hdr"}
_TITLES = ("title", "ctrTitle")
_SHAPES = {f"{P}sp", f"{P}pic", f"{P}graphicFrame", f"{P}grpSp", f"{P}cxnSp"}
_LINKS = {f"{A}hlinkClick", f"{A}hlinkHover", f"{A}hlinkMouseOver"}
_NUMBERED = re.compile(r"\d*(\.[^./]+)$")


def copy_slide(slide: Slide, members: Mapping[str, bytes], part: str) -> None:
    """Replace `slide`'s background and shapes by those of slide `part` of `members`."""
    _Copier(slide, members).slide(part)


class _Copier:
    def __init__(self, slide: Slide, members: Mapping[str, bytes]) -> None:
        self.slide_ = slide
        self.members = members
        self.package = slide.part.package
        self.copied: dict[str, Part] = {}
        self.types = _content_types(members)

    def slide(self, part: str) -> None:
        source = parsing.parse(self.members[part])
        ids: dict[str, str] = {}
        layout_root: etree._Element | None = None
        for old, (kind, target, external) in related(self.members, part).items():
            if kind.endswith("/slideLayout") and target in self.members:
                layout_root = parsing.parse(self.members[target])
                continue
            new = self._relate(self.slide_.part, kind, target, external)
            if new is not None:
                ids[old] = new
        c_sld = source.find(f"{P}cSld")
        if c_sld is None:
            return
        own = self.slide_.element.find(f"{P}cSld")
        assert own is not None
        tree = copy.deepcopy(c_sld.find(f"{P}spTree"))
        if tree is None:
            return
        _rewrite_ids(tree, ids)
        self._placeholders(tree, layout_root, part)
        old_tree = own.find(f"{P}spTree")
        if old_tree is not None:
            own.replace(old_tree, tree)
        background = c_sld.find(f"{P}bg")
        if background is not None:
            background = copy.deepcopy(background)
            _rewrite_ids(background, ids)
            own.insert(0, background)
        for tag in ("transition", "timing"):
            found = source.find(f"{P}{tag}")
            if found is not None:
                self.slide_.element.append(copy.deepcopy(found))

    def _relate(self, owner: Part, kind: str, target: str, external: bool) -> str | None:
        """The id of a relationship like (kind, target) from `owner`, or None when the
        target is left behind."""
        if external:
            if kind.endswith("/hyperlink"):
                return str(owner.relate_to(target, kind, is_external=True))
            return None  # linked media are never fetched (see ooxml.external)
        if kind.endswith(_LEFT_BEHIND) or target not in self.members:
            return None
        copied = self._part(target)
        return str(owner.relate_to(copied, kind)) if copied is not None else None

    def _part(self, name: str) -> Part | None:
        """The copy of member `name` in this package (made once), its relationships
        made and the ids in its XML rewritten."""
        if name in self.copied:
            return self.copied[name]
        content_type = self.types.get(name.casefold()) or self.types.get(
            posixpath.splitext(name)[1].lstrip(".").casefold())
        if not content_type:
            return None
        template = "/" + _NUMBERED.sub(r"%d\1", name)
        partname = PackURI(self.package.next_partname(template))
        rels = [(old, kind, target, external) for old, (kind, target, external)
                in related(self.members, name).items()]
        blob = self.members[name]
        # The new part's relationships get ids rId1, rId2, … in the order they are
        # made; knowing them first lets its XML be written before the part is made.
        planned: dict[str, str] = {}
        keep: list[tuple[str, str, bool]] = []
        for old, kind, target, external in rels:
            if (not external and (kind.endswith(_LEFT_BEHIND) or target not in self.members)) \
                    or (external and not kind.endswith("/hyperlink")):
                continue
            key = (kind, target, external)
            if key not in keep:
                keep.append(key)
            planned[old] = f"rId{keep.index(key) + 1}"
        if rels and blob.lstrip().startswith(b"<"):
            root = parsing.parse(blob)
            _rewrite_ids(root, planned)
            blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                  standalone=True)
        part = Part(partname, content_type, self.package, blob)
        self.copied[name] = part
        for kind, target, external in keep:
            if external:
                part.relate_to(target, kind, is_external=True)
            else:
                child = self._part(target)
                if child is not None:
                    part.relate_to(child, kind)
        return part

    def _placeholders(self, tree: etree._Element, layout_root: etree._Element | None,
                      part: str) -> None:
        """Footers out; the title onto our layout's title (its place and style); every
        other placeholder onto the placeholder of our layout it overlaps most, of a type
        that can hold it (for its style), or made a plain shape. Everything but the title
        keeps its place, scaled to our slide size when the other deck's differs (centred,
        the aspect kept), and moves below our title, together, where it would run into it.
        """
        theirs = Placeholders.of(layout_root) if layout_root is not None else Placeholders()
        master = self._master(layout_root, part)
        ours = Placeholders.of(self.slide_.slide_layout.element)
        our_master = Placeholders.of(self.slide_.slide_layout.slide_master.element)
        scale = _Scale(self._slide_size(), self._our_size())
        used: set[int] = set()
        content: list[etree._Element] = []
        texts: list[tuple[etree._Element, Rect | None, Rect]] = []
        title_rect: Rect | None = None
        for shape in list(tree):
            ph = placeholder_of(shape)
            if ph is None:
                if shape.tag in _SHAPES:
                    scale.shape(shape)
                    content.append(shape)
                continue
            kind = placeholder_type(ph)
            if kind in _FOOTERS:
                tree.remove(shape)
                continue
            rect = rect_of(shape) or rect_of(theirs.for_slide(ph)) or rect_of(
                master.for_layout(kind))
            placed = scale.rect(rect) if rect is not None else None
            match = _match(kind, placed, ours, used)
            target = placeholder_of(match) if match is not None else None
            if match is not None and target is not None:
                used.add(id(match))
                ph.set("type", placeholder_type(target))
                if ph.get("type") == "obj":
                    del ph.attrib["type"]
                if target.get("idx") is not None:
                    ph.set("idx", target.get("idx", "0"))
                elif "idx" in ph.attrib:
                    del ph.attrib["idx"]
                own = rect_of(match) or rect_of(our_master.for_layout(
                    placeholder_type(target)))
                if shape.tag == f"{P}sp" and own is not None:
                    if placeholder_type(target) in _TITLES:
                        title_rect = own
                    # Text takes our layout's place and style, as on every slide of
                    # the deck (unless that place is where a picture or chart of the
                    # slide is: see below).
                    texts.append((shape, placed, own))
                    continue
            else:
                _unplaceholder(shape, ph)
            _set_rect(shape, placed)
            scale.text(shape)
            content.append(shape)
        others = [rect for rect in map(rect_of, content) if rect is not None]
        for shape, placed, own in texts:
            ph = placeholder_of(shape)
            is_title = ph is not None and placeholder_type(ph) in _TITLES
            if not is_title and any(_overlap(own, rect) > 0.0 for rect in others):
                _set_rect(shape, placed)
                scale.text(shape)
                content.append(shape)
                continue
            xfrm = xfrm_of(shape)
            if xfrm is not None:
                parent = xfrm.getparent()
                if parent is not None:
                    parent.remove(xfrm)
        if title_rect is not None:
            _below(content, title_rect, self._our_size()[1])

    def _slide_size(self) -> tuple[int, int]:
        """The other deck's slide size (EMU), PowerPoint's 4:3 default when unsaid."""
        main = next((target for kind, target, external in related(self.members, "").values()
                     if kind.endswith("/officeDocument") and not external), None)
        if main is not None and main in self.members:
            size = parsing.parse(self.members[main]).find(f"{P}sldSz")
            if size is not None:
                try:
                    return int(size.get("cx", "0")), int(size.get("cy", "0"))
                except ValueError:
                    pass
        return 9144000, 6858000

    def _our_size(self) -> tuple[int, int]:
        presentation = self.package.presentation_part.presentation
        return int(presentation.slide_width or 12192000), int(presentation.slide_height
                                                                or 6858000)

    def _master(self, layout_root: etree._Element | None, slide: str) -> Placeholders:
        if layout_root is None:
            return Placeholders()
        layout = next((target for kind, target, external
                       in related(self.members, slide).values()
                       if kind.endswith("/slideLayout") and not external), None)
        if layout is None:
            return Placeholders()
        for kind, target, external in related(self.members, layout).values():
            if kind.endswith("/slideMaster") and not external and target in self.members:
                return Placeholders.of(parsing.parse(self.members[target]))
        return Placeholders()


class _Scale:
    """From the other deck's slide to ours: one factor, centred, the aspect kept."""

    def __init__(self, theirs: tuple[int, int], ours: tuple[int, int]) -> None:
        width, height = theirs
        self.factor = min(ours[0] / width, ours[1] / height) if width and height else 1.0
        self.dx = (ours[0] - width * self.factor) / 2
        self.dy = (ours[1] - height * self.factor) / 2

    @property
    def identity(self) -> bool:
        return abs(self.factor - 1) < 1e-6 and abs(self.dx) < 1 and abs(self.dy) < 1

    def rect(self, rect: Rect) -> Rect:
        """Where a rectangle of theirs goes on our slide."""
        f = self.factor
        return Rect(round(rect.x * f + self.dx), round(rect.y * f + self.dy),
                    round(rect.w * f), round(rect.h * f))

    def shape(self, shape: etree._Element) -> None:
        """A free shape moved and sized onto our slide (a group's children follow it)."""
        if self.identity:
            return
        rect = rect_of(shape)
        if rect is not None:
            _set_rect(shape, self.rect(rect))
        self.text(shape)

    def text(self, shape: etree._Element) -> None:
        """Type sizes scaled with the shape, when the slides differ in scale."""
        if abs(self.factor - 1) >= 0.05:
            _scale_type(shape, self.factor)


def _unplaceholder(shape: etree._Element, ph: etree._Element) -> None:
    """Make a placeholder a plain shape: without its `p:ph`, and with the rectangle
    geometry it inherited (a shape states its own)."""
    parent = ph.getparent()
    if parent is not None:
        parent.remove(ph)
    props = shape.find(f"{P}spPr")
    if props is None or shape.tag != f"{P}sp":
        return
    if props.find(f"{A}prstGeom") is None and props.find(f"{A}custGeom") is None:
        geometry = etree.Element(f"{A}prstGeom", prst="rect")
        etree.SubElement(geometry, f"{A}avLst")
        xfrm = props.find(f"{A}xfrm")
        props.insert(1 if xfrm is not None else 0, geometry)


def _below(shapes: list[etree._Element], title: Rect, height: int) -> None:
    """Move `shapes` together below our title when any runs into it: their bounding box
    fitted (never enlarged) between the title and the footer band, centred where it
    was, every shape and its type scaled alike."""
    rects = [(shape, rect_of(shape)) for shape in shapes]
    placed = [(shape, rect) for shape, rect in rects if rect is not None]
    if not any(_overlap(rect, title) > 0.0 for _shape, rect in placed):
        return
    left = min(rect.x for _s, rect in placed)
    top = min(rect.y for _s, rect in placed)
    right = max(rect.x + rect.w for _s, rect in placed)
    bottom = max(rect.y + rect.h for _s, rect in placed)
    start = title.y + title.h + title.h // 8
    room = height - height // 10 - start  # above the footer band
    if room <= 0 or bottom <= top:
        return
    factor = min(1.0, room / (bottom - top))
    centre = (left + right) / 2
    for shape, rect in placed:
        x = centre + (rect.x - centre) * factor
        y = start + (rect.y - top) * factor
        _set_rect(shape, Rect(round(x), round(y), round(rect.w * factor),
                              round(rect.h * factor)))
        if factor < 0.95:
            _scale_type(shape, factor)


def _scale_type(shape: etree._Element, factor: float) -> None:
    for props in shape.iter(f"{A}rPr", f"{A}defRPr", f"{A}endParaRPr"):
        size = props.get("sz")
        if size is not None and size.isdigit():
            props.set("sz", str(max(100, round(int(size) * factor))))


def _match(kind: str, rect: Rect | None, ours: Placeholders, used: set[int]
           ) -> etree._Element | None:
    """Our layout's placeholder that a placeholder of theirs goes onto, if any."""
    if kind in _TITLES:
        return next((ours.by_type[t] for t in _TITLES if t in ours.by_type), None)
    accepts = {"pic": {"pic"}, "subTitle": {"subTitle", "body", "obj"}}.get(
        kind, {"body", "obj"})
    best: tuple[float, etree._Element] | None = None
    for candidate in ours.by_idx.values():
        ph = placeholder_of(candidate)
        if ph is None or id(candidate) in used or placeholder_type(ph) not in accepts:
            continue
        area = _overlap(rect, rect_of(candidate)) if rect is not None else 0.0
        if area > 0.2 and (best is None or area > best[0]):
            best = (area, candidate)
    return best[1] if best is not None else None


def _overlap(a: Rect, b: Rect | None) -> float:
    """Intersection over union of two rectangles."""
    if b is None:
        return 0.0
    w = min(a.x + a.w, b.x + b.w) - max(a.x, b.x)
    h = min(a.y + a.h, b.y + b.h) - max(a.y, b.y)
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    return inter / (a.w * a.h + b.w * b.h - inter)


def _set_rect(shape: etree._Element, rect: Rect | None) -> None:
    """Write `rect` as the shape's own position (a graphic frame's or group's too)."""
    if rect is None:
        return
    xfrm = xfrm_of(shape)
    if xfrm is None:
        props = shape.find(f"{P}spPr")
        if props is None:
            return
        xfrm = etree.Element(f"{A}xfrm")
        props.insert(0, xfrm)
    for tag, values in (("off", {"x": rect.x, "y": rect.y}),
                        ("ext", {"cx": rect.w, "cy": rect.h})):
        element = xfrm.find(f"{A}{tag}")
        if element is None:
            element = etree.SubElement(xfrm, f"{A}{tag}")
        for key, value in values.items():
            element.set(key, str(value))


def _rewrite_ids(root: etree._Element, ids: Mapping[str, str]) -> None:
    """Relationship ids in `root` changed to the new ones; a link whose target was left
    behind goes, and any other reference to it loses its attribute."""
    for element in list(root.iter()):
        for key, raw in list(element.attrib.items()):
            name, value = str(key), str(raw)
            if not name.startswith(R):
                continue
            if value in ids:
                element.set(name, ids[value])
            elif element.tag in _LINKS:
                parent = element.getparent()
                if parent is not None:
                    parent.remove(element)
                break
            else:
                del element.attrib[name]


def _content_types(members: Mapping[str, bytes]) -> dict[str, str]:
    """Part name (no leading /, case-folded) → content type; extension → its default."""
    data = next((value for name, value in members.items()
                 if name.casefold() == "[content_types].xml"), None)
    table: dict[str, str] = {}
    if data is None:
        return table
    root = parsing.parse(data)
    for element in root.iter(f"{{{CT_NS}}}Default"):
        table[(element.get("Extension") or "").casefold()] = element.get("ContentType") or ""
    for element in root.iter(f"{{{CT_NS}}}Override"):
        table[(element.get("PartName") or "").lstrip("/").casefold()] = (
            element.get("ContentType") or "")
    return table
