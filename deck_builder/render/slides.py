"""Render slide plans into a python-pptx Presentation, in memory (ooxml.package serialises).

The renderer knows placeholders, shapes and runs, never slide kinds: everything it
draws comes from the plans and the template's role → placeholder mapping. It reads no
file: each deck is drawn on a fresh presentation of the session's template package.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from typing import TYPE_CHECKING

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn as _pptx_qn

from deck_builder.content.i18n import LANGUAGES
from deck_builder.errors import DeckError
from deck_builder.ooxml.geometry import Rect
from deck_builder.ooxml.namespaces import ADEC_NS as _ADEC
from deck_builder.ooxml.namespaces import AHYP_NS as _AHYP
from deck_builder.ooxml.namespaces import DECORATIVE_EXT_URI as _DECORATIVE_URI
from deck_builder.ooxml.namespaces import NSMAP as _NS
from deck_builder.ooxml.placeholders import Placeholder, layout_placeholders, slide_shape
from deck_builder.planning.model import BoxShape, Para, PictureShape, SlidePlan, TextBlock
from deck_builder.planning.text_fit import space_before
from deck_builder.render import slide_reuse
from deck_builder.render.copying import copy_slide
from deck_builder.render.fastslides import SlideFactory, add_picture
from deck_builder.render.session import BuildSession, FooterPrototype

if TYPE_CHECKING:
    from collections.abc import Mapping

    from pptx.opc.package import XmlPart
    from pptx.presentation import Presentation as PresentationType
    from pptx.slide import Slide, SlideLayout

    from deck_builder.content.pictures import FittedImage
    from deck_builder.content.records import Deck

BULLET_CHAR = "•"
SUB_BULLET_CHAR = "–"
_FOOTER_ROLES = {"dt": "date", "ftr": "footer", "sldNum": "number"}
# Clark names of the tags written here, worked out once: python-pptx's qn parses the
# prefix on every call, and a deck makes hundreds of thousands of them.
qn = functools.cache(_pptx_qn)
_PH_PATH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
_CNVPR_PATH = f"{qn('p:nvPicPr')}/{qn('p:cNvPr')}"
_CNVPR_SP_PATH = f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}"
_ACCENT_BAR_W = int(0.09 * 914400)
# A fixed namespace makes the ids of slide-number fields the same in every build.
_FIELD_NAMESPACE = uuid.UUID("6f1c1d2e-3b7a-4d55-9a4e-2f0b8c9d1e01")


class Renderer:
    """Draws plans onto slides of one presentation opened from the template."""

    def __init__(self, deck: Deck, session: BuildSession,
                 pictures: Mapping[PictureShape, FittedImage], notes: bool = False) -> None:
        """`pictures`: each picture shape's picture as it goes into the deck (read and
        fitted by the caller); `notes`: whether any slide will have speaker notes (the
        deck then gets a notes master before its first slide)."""
        self.deck = deck
        self.session = session
        self.pictures = pictures
        self.template = template = session.template
        self.lang = LANGUAGES[deck.meta.language].tag
        self.brand = template.brand
        # With notes, the notes master is made before any slide, so that every deck
        # lists its parts in the same order.
        self.presentation: PresentationType = session.spares.presentation(notes)
        self.layouts = {layout.name: layout for layout in self.presentation.slide_layouts}
        # python-pptx's own add_slide/notes_slide cost O(deck size) each; see fastslides.
        self.slides = SlideFactory(self.presentation, session.blank_slides)
        self._footer_prototypes = session.footers
        self.date_text = LANGUAGES[deck.meta.language].long_date(deck.meta.date)
        self.footer_text = deck.meta.footer if deck.meta.footer is not None else self.brand.footer
        self.link_colour = self.brand.colours["primary"]  # set per slide: dark or light layout
        # Most paragraphs and runs share their properties: build each kind once, copy it.
        self._pprs: dict[tuple[object, ...], etree._Element] = {}
        self._rprs: dict[tuple[object, ...], etree._Element] = {}
        self._end_rprs: dict[float | None, etree._Element] = {}
        self.schemes: dict[str, dict[str, str]] = {}  # theme colours by master part

    def render(self, plans: list[SlidePlan]) -> PresentationType:
        """Add one slide per plan, set the core properties, return the presentation."""
        for number, plan in enumerate(plans, start=1):
            self._slide(plan, number)
        if any(plan.notes for plan in plans):
            self._tag_notes_master()
        self._core_properties()
        return self.presentation

    # -- slides ------------------------------------------------------------------

    def _slide(self, plan: SlidePlan, number: int) -> None:
        layout = self.layouts.get(plan.layout)
        if layout is None:
            raise DeckError(f"layout {plan.layout!r} is not in the template {self.template.pptx}")
        slide = self.slides.add_slide(layout)
        # In a batch, a slide another deck has drawn is copied (see slide_reuse).
        store = self.session.kept
        key = slide_reuse.key(plan, self.lang) if store is not None else ""
        kept = store.get(key) if store is not None else None
        fresh: slide_reuse.Kept | None = None  # this slide as drawn, for the next decks
        if kept is not None:
            slide.element.cSld.set("name", plan.name)
            slide_reuse.replay(slide, kept)
        else:
            self._draw(slide, plan)
            fresh = slide_reuse.keep(slide) if store is not None else None
        self._footers(slide, layout, number)
        if plan.notes:
            notes_slide = self.slides.notes_slide(slide)
            placeholder = notes_slide.notes_placeholder
            assert placeholder is not None
            shape = placeholder.element
            if kept is not None:
                slide_reuse.replay_notes(shape, notes_slide.part, kept)
            else:
                # Links in the notes belong to the notes slide's part, not the slide's.
                self._write_text(notes_slide.part, shape, TextBlock(plan.notes, 12),
                                 notes=True)
                if fresh is not None:
                    fresh = slide_reuse.keep_notes(fresh, shape, notes_slide.part)
        if fresh is not None and store is not None:
            store.put(key, fresh)

    def _draw(self, slide: Slide, plan: SlidePlan) -> None:
        """The slide's own content: its name, placeholder texts and shapes."""
        slide.element.cSld.set("name", plan.name)
        spec = self.template.layouts[plan.kind]
        roles = spec.roles
        colours = self.brand.colours
        self.link_colour = (
            colours.get("link_on_dark", colours["background"]) if spec.dark
            else colours.get("link", colours["primary"])
        )
        tree = slide.element.cSld.spTree
        by_idx = _placeholders(tree)
        texts: list[tuple[etree._Element, Rect]] = []  # in reading order, after the title
        for role, fill in plan.texts.items():
            element = by_idx.pop(roles[role].idx)
            if fill.rect is not None:
                _set_xfrm(_find(element, qn("p:spPr")), fill.rect)
            self._write_text(slide.part, element, fill.block)
            # Shapes are read (and exported) in tree order: keep the plan's reading order.
            tree.append(element)
            if role != "title":
                texts.append((element, fill.rect or roles[role].rect))
        for element in by_idx.values():  # unfilled: no "Click to add text" left behind
            tree.remove(element)
        canvas = SlideCanvas(self, slide)
        for shape in plan.shapes:
            count = len(tree)
            shape.draw(canvas)
            _read_before_text_below(tree, list(tree)[count:], shape.rect, texts)

    def _footers(self, slide: Slide, layout: SlideLayout, number: int) -> None:
        # python-pptx does not copy footer placeholders to new slides; PowerPoint's
        # "Header & Footer" dialog would, so do the same with the deck's values. The
        # shapes are built once per layout and language (shared by a batch of decks);
        # the texts are set on each copy.
        key = (layout.name, self.lang)
        prototypes = self._footer_prototypes.get(key)
        if prototypes is None:
            prototypes = self._footer_prototypes[key] = self._footer_shapes(layout)
        tree = slide.element.cSld.spTree
        next_id = _next_shape_id(tree)
        for role, prototype, width, size in prototypes:
            if role == "footer" and not self.footer_text:
                continue
            element = _clone(prototype)
            _find(element, _CNVPR_SP_PATH).set("id", str(next_id))
            next_id += 1
            if role == "number":
                field = _find(element, f".//{qn('a:fld')}")
                field_id = uuid.uuid5(_FIELD_NAMESPACE, str(number))
                field.set("id", f"{{{str(field_id).upper()}}}")
                _find(field, qn("a:t")).text = str(number)
            else:
                text = self.date_text if role == "date" else self.footer_text
                _find(element, f".//{qn('a:t')}").text = text
                # A long footer in a narrow box would wrap onto a second line below the
                # slide: shrink it to one line (never below 6 pt).
                fitted = self.session.measurer.single_line_size(text, width, size, False)
                if fitted < size:
                    for rpr in element.iter(qn("a:rPr"), qn("a:endParaRPr")):
                        rpr.set("sz", str(round(max(fitted, 6.0) * 100)))
            tree.append(element)

    def _footer_shapes(self, layout: SlideLayout) -> list[FooterPrototype]:
        """Footer placeholder shapes of `layout` with empty texts, detached from any part,
        with the width available to their text (EMU) and their inherited size (pt)."""
        shapes: list[FooterPrototype] = []
        for placeholder in layout_placeholders(layout.element, layout.slide_master.element):
            role = _FOOTER_ROLES.get(placeholder.type)
            if role is None:
                continue
            element = self._footer_element(placeholder, role)
            left, _, right, _ = placeholder.insets
            width = (placeholder.rect.w if placeholder.rect else 0) - left - right
            shapes.append((role, element, width, placeholder.size))
        return shapes

    def _footer_element(self, placeholder: Placeholder, role: str) -> etree._Element:
        """An empty slide shape for a footer placeholder with one run (or slide-number
        field) to fill: what PowerPoint's "Header & Footer" adds."""
        sp = slide_shape(placeholder, 0)
        p = _find(sp, f"{qn('p:txBody')}/{qn('a:p')}")
        if role == "number":
            field = etree.SubElement(p, qn("a:fld"))
            field.set("id", "")
            field.set("type", "slidenum")
            self._rpr(field, None, None, None, None)
            etree.SubElement(field, qn("a:t"))
        else:
            run = etree.SubElement(p, qn("a:r"))
            self._rpr(run, None, None, None, None)
            etree.SubElement(run, qn("a:t"))
        self._end_rpr(p, None)
        return sp

    # -- text --------------------------------------------------------------------

    def _write_text(self, part: XmlPart, shape: etree._Element, block: TextBlock,
                    notes: bool = False) -> None:
        """Replace the text of `shape`; `part` owns the shape (links are related to it)."""
        body = shape.find(qn("p:txBody"))
        assert body is not None
        for p in body.findall(qn("a:p")):
            body.remove(p)
        if not notes:
            body_pr = body.find(qn("a:bodyPr"))
            assert body_pr is not None
            for child in list(body_pr):
                body_pr.remove(child)
            # The planner has fitted the text; PowerPoint must not shrink it again.
            etree.SubElement(body_pr, qn("a:noAutofit"))
        for index, para in enumerate(block.paragraphs):
            self._paragraph(part, body, para, block, first=index == 0, notes=notes)

    def _paragraph(self, part: XmlPart, body: etree._Element, para: Para, block: TextBlock,
                   first: bool, notes: bool) -> None:
        p = etree.SubElement(body, qn("a:p"))
        size = None if notes else block.size
        if not notes:
            p.append(self._ppr(para, block.size, first))
        for run in para.runs:
            pieces = run.text.split("\n")
            for index, piece in enumerate(pieces):
                if index:
                    br = etree.SubElement(p, qn("a:br"))
                    self._rpr(br, size, None, None, None)
                if not piece:
                    continue
                r = etree.SubElement(p, qn("a:r"))
                if run.link:
                    rid = part.relate_to(run.link, RT.HYPERLINK, is_external=True)
                    colour = block.color or self.link_colour
                    self._rpr(r, size, run.bold or block.bold, run.italic, colour, rid)
                else:
                    r.append(self._plain_rpr(size, bool(run.bold or block.bold), run.italic,
                                             block.color))
                if run.lang:  # a phrase marked [...](lang:xx) in content
                    r[0].set("lang", run.lang)
                etree.SubElement(r, qn("a:t")).text = piece
        self._end_rpr(p, size)

    def _ppr(self, para: Para, size: float, first: bool) -> etree._Element:
        """Paragraph properties: indents, spacing and bullet (copies of a cached one)."""
        key = (para.level, para.bullet, para.numbered, para.align, size, first)
        prototype = self._pprs.get(key)
        if prototype is None:
            prototype = self._pprs[key] = self._new_ppr(para, size, first)
        return _clone(prototype)

    def _new_ppr(self, para: Para, size: float, first: bool) -> etree._Element:
        ppr = etree.Element(qn("a:pPr"))
        marked = para.bullet or para.numbered
        if para.level:
            ppr.set("lvl", str(para.level))  # the outline level, not just an indent
        ppr.set("marL", str(para.margin_left(size)))
        ppr.set("indent", str(-para.hang(size) if marked else 0))
        if para.align:
            ppr.set("algn", para.align)
        spacing = etree.SubElement(etree.SubElement(ppr, qn("a:spcBef")), qn("a:spcPts"))
        spacing.set("val", str(0 if first else int(space_before(para, size) * 100)))
        # The fitter spaces paragraphs only before them; a template's space after would
        # push the text out of the box it was fitted to.
        etree.SubElement(etree.SubElement(ppr, qn("a:spcAft")), qn("a:spcPts")).set("val", "0")
        if marked:
            # Bullets are decoration in the accent colour; numbers are read, so they get
            # the text's contrast (the accent on white is too light for small text).
            role = "primary" if para.numbered else "accent"
            colour = etree.SubElement(ppr, qn("a:buClr"))
            etree.SubElement(colour, qn("a:srgbClr")).set("val", self.brand.colours[role])
        if para.numbered:
            etree.SubElement(ppr, qn("a:buFont")).set("typeface", "+mj-lt")
            number = etree.SubElement(ppr, qn("a:buAutoNum"))
            number.set("type", "arabicPeriod")
            if para.numbered > 1:  # continues a list from a previous slide
                number.set("startAt", str(para.numbered))
        elif para.bullet:
            etree.SubElement(ppr, qn("a:buFont")).set("typeface", "Arial")
            char = BULLET_CHAR if para.level % 2 == 0 else SUB_BULLET_CHAR
            etree.SubElement(ppr, qn("a:buChar")).set("char", char)
        else:
            etree.SubElement(ppr, qn("a:buNone"))
        return ppr

    def _plain_rpr(self, size: float | None, bold: bool, italic: bool,
                   colour: str | None) -> etree._Element:
        """Run properties of a run without a link (copies of a cached one)."""
        key = (size, bold, italic, colour)
        prototype = self._rprs.get(key)
        if prototype is None:
            holder = etree.Element(qn("a:r"))
            self._rpr(holder, size, bold, italic, colour)
            prototype = self._rprs[key] = holder[0]
        return _clone(prototype)

    def _rpr(self, parent: etree._Element, size: float | None, bold: bool | None,
             italic: bool | None, colour: str | None, link_rid: str | None = None) -> None:
        rpr = etree.SubElement(parent, qn("a:rPr"))
        rpr.set("lang", self.lang)
        if size is not None:
            rpr.set("sz", str(round(size * 100)))
        if bold:
            rpr.set("b", "1")
        if italic:
            rpr.set("i", "1")
        rpr.set("dirty", "0")
        if colour:
            fill = etree.SubElement(rpr, qn("a:solidFill"))
            etree.SubElement(fill, qn("a:srgbClr")).set("val", colour)
        if link_rid:
            click = etree.SubElement(rpr, qn("a:hlinkClick"))
            click.set(qn("r:id"), link_rid)
            if colour:
                # Office 2019+ otherwise paints links in the theme's hyperlink colour,
                # which can vanish on a dark slide; this asks it to use the run colour.
                ext = etree.SubElement(etree.SubElement(click, qn("a:extLst")), qn("a:ext"))
                ext.set("uri", "{A12FA001-AC4F-418D-AE19-62706E023703}")
                etree.SubElement(ext, f"{{{_AHYP}}}hlinkClr", nsmap={"ahyp": _AHYP}).set(
                    "val", "tx"
                )

    def _end_rpr(self, p: etree._Element, size: float | None) -> None:
        prototype = self._end_rprs.get(size)
        if prototype is None:
            prototype = etree.Element(qn("a:endParaRPr"))
            prototype.set("lang", self.lang)
            if size is not None:
                prototype.set("sz", str(round(size * 100)))
            prototype.set("dirty", "0")
            self._end_rprs[size] = prototype
        p.append(_clone(prototype))

    # -- free shapes -------------------------------------------------------------

    def _box(self, slide: Slide, box: BoxShape) -> None:
        # Written as XML directly: python-pptx's add_shape adds a theme style (shadow,
        # white text) that would have to be undone, at many times the cost.
        tree = slide.element.cSld.spTree
        text = box.text
        if text is not None and text.color is None:
            text = TextBlock(text.paragraphs, text.size, self.brand.colours["text"], text.bold)
        link = (
            slide.part.relate_to(box.link, RT.HYPERLINK, is_external=True) if box.link else None
        )
        sp = _shape_element(_next_shape_id(tree), box.name, box.rect, box.fill, box.line,
                            0.12 if box.rounded else None, link)
        tree.append(sp)
        body = _find(sp, qn("p:txBody"))
        body_pr = _find(body, qn("a:bodyPr"))
        left, top, right, bottom = box.insets
        for name, value in (("lIns", left), ("tIns", top), ("rIns", right), ("bIns", bottom)):
            body_pr.set(name, str(value))
        body_pr.set("wrap", "square" if box.wrap else "none")
        body_pr.set("anchor", box.anchor)
        if text is not None and text.paragraphs:
            self._write_text(slide.part, sp, text)
        else:
            self._end_rpr(etree.SubElement(body, qn("a:p")), None)
        if box.accent_bar:
            bar_rect = Rect(box.rect.x, box.rect.y, _ACCENT_BAR_W, box.rect.h)
            bar = _shape_element(_next_shape_id(tree), f"{box.name} accent", bar_rect,
                                 box.accent_bar, None, None, None)
            tree.append(bar)
            self._end_rpr(etree.SubElement(_find(bar, qn("p:txBody")), qn("a:p")), None)

    def _picture(self, slide: Slide, shape: PictureShape) -> None:
        prepared = self.pictures[shape]
        picture = add_picture(slide, prepared.data, prepared.extension, *shape.rect)
        picture.name = shape.name
        c_nv_pr = _find(picture.element, _CNVPR_PATH)
        c_nv_pr.set("descr", shape.alt or "")
        if shape.link:
            picture.click_action.hyperlink.address = shape.link
        if shape.decorative:
            # PowerPoint's "Mark as decorative": screen readers skip the picture.
            ext_lst = etree.SubElement(c_nv_pr, qn("a:extLst"))
            ext = etree.SubElement(ext_lst, qn("a:ext"), uri=_DECORATIVE_URI)
            etree.SubElement(ext, f"{{{_ADEC}}}decorative", nsmap={"adec": _ADEC}, val="1")

    # -- document ------------------------------------------------------------------

    def _tag_notes_master(self) -> None:
        # python-pptx's stock notes master is tagged en-US; notes are spell-checked in
        # the deck's language like everything else.
        master = self.presentation.notes_master.element
        for element in master.iter(qn("a:rPr"), qn("a:defRPr"), qn("a:endParaRPr")):
            element.set("lang", self.lang)

    def _core_properties(self) -> None:
        meta = self.deck.meta
        props = self.presentation.core_properties
        moment = dt.datetime.combine(meta.date, dt.time(9, 0))
        props.title = meta.title
        props.subject = meta.subtitle or ""
        props.author = meta.presenter or meta.organisation
        props.last_modified_by = meta.organisation or meta.presenter or ""
        props.category = meta.organisation
        props.keywords = ""
        props.comments = ""
        props.language = self.lang
        props.created = moment
        props.modified = moment
        props.last_printed = moment
        props.revision = 1
        props.content_status = ""


class SlideCanvas:
    """The slide being drawn, as a shape's `draw` sees it (planning.model.Canvas)."""

    def __init__(self, renderer: Renderer, slide: Slide) -> None:
        self._renderer = renderer
        self._slide = slide

    def box(self, shape: BoxShape) -> None:
        """Draw a BoxShape."""
        self._renderer._box(self._slide, shape)

    def picture(self, shape: PictureShape) -> None:
        """Draw a PictureShape."""
        self._renderer._picture(self._slide, shape)

    def next_shape_id(self) -> int:
        """An id no shape on the slide has yet."""
        return _next_shape_id(self._slide.shapes._spTree)

    def append(self, element: etree._Element) -> None:
        """Add a shape element to the slide's shape tree."""
        self._slide.shapes._spTree.append(element)

    def write_text(self, element: etree._Element, block: TextBlock) -> None:
        """Replace the text of a shape element (with a `p:txBody`) by `block`."""
        self._renderer._write_text(self._slide.part, element, block)

    def link(self, url: str) -> str:
        """The relationship id of an external link from the slide to `url`."""
        return self._slide.part.relate_to(url, RT.HYPERLINK, is_external=True)

    def colour(self, name: str) -> str:
        """A brand colour as hex."""
        return self._renderer.brand.colours[name]

    def scheme_colours(self) -> dict[str, str]:
        """The slide's theme colours as hex, by scheme name (see planning.model.Canvas)."""
        from deck_builder.ooxml.colours import Theme, colour_map, to_hex
        from deck_builder.ooxml.parsing import parse

        master = self._slide.slide_layout.slide_master
        known = self._renderer.schemes.get(str(master.part.partname))
        if known is not None:
            return dict(known)
        theme = master.part.part_related_by(RT.THEME)
        read = Theme.read(parse(theme.blob))
        colours = {name: to_hex(rgb)[1:] for name, rgb in read.colours.items()}
        mapping = colour_map(master.element.find(qn("p:clrMap")))
        for name, target in mapping.items():
            if target in colours:
                colours[name] = colours[target]
        self._renderer.schemes[str(master.part.partname)] = colours
        return dict(colours)

    def chart(self, chart_xml: bytes, workbook: bytes) -> str:
        """Add a chart part with its embedded workbook; the slide's relationship id."""
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.parts.chart import ChartPart
        from pptx.parts.embeddedpackage import EmbeddedXlsxPart

        package = self._slide.part.package
        name = package.next_partname(ChartPart.partname_template)
        part = ChartPart.load(name, CT.DML_CHART, package, chart_xml)
        part.relate_to(EmbeddedXlsxPart.new(workbook, package), RT.PACKAGE)
        return self._slide.part.relate_to(part, RT.CHART)

    def copy_slide(self, members: Mapping[str, bytes], part: str) -> None:
        """Replace the slide's background and shapes by slide `part` of another package."""
        copy_slide(self._slide, members, part)


def _read_before_text_below(
    tree: etree._Element, added: list[etree._Element], rect: Rect,
    texts: list[tuple[etree._Element, Rect]],
) -> None:
    """Move the `added` elements of a free shape before the first text (in reading order)
    that starts below the shape in the same column.

    Screen readers read shapes in tree order: partner chips above a column's bullets
    must come before them, a callout below the bullets after them. The title always
    stays first.
    """
    for element, text_rect in texts:
        overlaps = text_rect.x < rect.x + rect.w and rect.x < text_rect.x + text_rect.w
        if overlaps and text_rect.y >= rect.y:
            for shape in added:
                element.addprevious(shape)
            return


def _clone(element: etree._Element) -> etree._Element:
    """A deep copy of an XML element (lxml's own copy; the copy module adds overhead)."""
    copied: etree._Element = element.__copy__()  # type: ignore[attr-defined]  # not in the stubs
    return copied


def _find(element: etree._Element, path: str) -> etree._Element:
    """The first element at `path` below `element`, which the XML written here has."""
    found = element.find(path)
    if found is None:
        raise AssertionError(f"{element.tag} has no {path}")
    return found


def _placeholders(tree: etree._Element) -> dict[int, etree._Element]:
    """The placeholder shapes of a slide's shape tree by idx (read from the XML once)."""
    found: dict[int, etree._Element] = {}
    for element in tree:
        ph = element.find(_PH_PATH)
        if ph is not None:
            found[int(ph.get("idx", "0"))] = element
    return found


def _set_xfrm(sp_pr: etree._Element, rect: Rect) -> None:
    """Give a shape an explicit position and size (replacing any it has)."""
    xfrm = sp_pr.find(qn("a:xfrm"))
    if xfrm is None:
        xfrm = etree.Element(qn("a:xfrm"))
        sp_pr.insert(0, xfrm)  # a:xfrm is the first child of spPr in the schema
    for child in list(xfrm):
        xfrm.remove(child)
    etree.SubElement(xfrm, qn("a:off"), x=str(rect.x), y=str(rect.y))
    etree.SubElement(xfrm, qn("a:ext"), cx=str(rect.w), cy=str(rect.h))


def _next_shape_id(tree: etree._Element) -> int:
    return max((int(e.get("id", "0")) for e in tree.iter(qn("p:cNvPr"))), default=1) + 1


def _shape_element(
    shape_id: int,
    name: str,
    rect: Rect,
    fill: str | None,
    line: str | None,
    rounding: float | None,
    link_rid: str | None,
) -> etree._Element:
    """A `p:sp` rectangle (rounded when `rounding` is given) with an empty text body."""
    sp = etree.Element(qn("p:sp"), nsmap={"a": _NS["a"], "p": _NS["p"], "r": _NS["r"]})
    nv = etree.SubElement(sp, qn("p:nvSpPr"))
    c_nv_pr = etree.SubElement(nv, qn("p:cNvPr"), id=str(shape_id), name=name)
    if link_rid:
        etree.SubElement(c_nv_pr, qn("a:hlinkClick")).set(qn("r:id"), link_rid)
    etree.SubElement(nv, qn("p:cNvSpPr"))
    etree.SubElement(nv, qn("p:nvPr"))
    sp_pr = etree.SubElement(sp, qn("p:spPr"))
    _set_xfrm(sp_pr, rect)
    geometry = etree.SubElement(sp_pr, qn("a:prstGeom"),
                                prst="roundRect" if rounding is not None else "rect")
    adjustments = etree.SubElement(geometry, qn("a:avLst"))
    if rounding is not None:
        etree.SubElement(adjustments, qn("a:gd"), name="adj", fmla=f"val {round(rounding * 1e5)}")
    _solid_or_none(sp_pr, fill)
    ln = etree.SubElement(sp_pr, qn("a:ln"))
    if line:
        ln.set("w", "12700")
    _solid_or_none(ln, line)
    body = etree.SubElement(sp, qn("p:txBody"))
    etree.SubElement(body, qn("a:bodyPr"), rtlCol="0")
    etree.SubElement(body, qn("a:lstStyle"))
    return sp


def _solid_or_none(parent: etree._Element, colour: str | None) -> None:
    if colour:
        fill = etree.SubElement(parent, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr"), val=colour)
    else:
        etree.SubElement(parent, qn("a:noFill"))


def render(deck: Deck, session: BuildSession, plans: list[SlidePlan],
           pictures: Mapping[PictureShape, FittedImage]) -> PresentationType:
    """Render the plans onto the session's template; returns the in-memory presentation.

    `pictures` holds the picture of every picture shape of the plans, as it goes into
    the deck. Each call draws on a fresh presentation of the template package:
    rendering the same plans twice with one session gives the same presentation.
    """
    notes = any(plan.notes for plan in plans)
    return Renderer(deck, session, pictures, notes).render(plans)
