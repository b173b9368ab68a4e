"""Read any .pptx or .potx into source records (importing.model), safely.

The file is untrusted: it is read only when it is a regular file under the size limit;
an encrypted (password-protected) file or an old binary .ppt is said to be one; every
zip member is inflated with a counter that stops at the package limit whatever the zip
headers claim; an XML part that declares a DOCTYPE is refused (OOXML has none, and
entities are how XML bombs work). Only then does python-pptx open the bytes.

Text is read from the XML of each shape (runs, fields, line breaks), so nothing a shape
shows is missed; shapes are read in visual order (see `reading_order`), grouped shapes
and table cells included.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.exc import PackageNotFoundError

from deck_builder.errors import DeckError
from deck_builder.files import FileTooLarge, NotRegularFile, read_regular
from deck_builder.importing.charts import Heading, read_chart, workbook_heading
from deck_builder.importing.model import (
    Approximation,
    ChartFigure,
    Paragraph,
    Picture,
    SourceDeck,
    SourceSlide,
    Span,
    TableCell,
    TableFigure,
    TextBlock,
)
from deck_builder.importing.order import reading_order
from deck_builder.ooxml import parsing
from deck_builder.ooxml.geometry import Rect
from deck_builder.ooxml.inheritance import (
    Placeholders,
    placeholder_of,
    placeholder_type,
    rect_of,
)
from deck_builder.ooxml.namespaces import (
    ADEC_NS,
    CHART_URI,
    DIAGRAM_URI,
    MC_NS,
    OLE_URI,
    P14_NS,
    TABLE_URI,
    A,
    P,
    R,
)
from deck_builder.ooxml.reading import (
    PackageError,
    as_presentation,
    package_problems,
    read_package,
    write_members,
)

MAX_FILE_BYTES = 500_000_000
"""The largest deck file read: decks with video run to a few hundred megabytes."""

_C = f"{{{CHART_URI}}}"  # charts' own namespace is their graphic frame's uri
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FOOTERS = {"dt", "ftr", "sldNum", "hdr"}
_ROLES = {"title": "title", "ctrTitle": "title", "subTitle": "subtitle"}
_XML_TYPES = (".xml", ".rels", ".vml")
_FILL_TAGS = {f"{A}solidFill", f"{A}gradFill", f"{A}pattFill", f"{A}blipFill"}
_SPACE = re.compile(r"\s+")


def read_deck(path: Path) -> SourceDeck:
    """The deck at `path`, read; raises DeckError (naming the file) when it is not a
    presentation this can read safely: not a zip, encrypted, a decompression bomb, XML
    with a DOCTYPE, missing parts."""
    return read_bytes(read_file(path), path)


def read_bytes(data: bytes, path: Path) -> SourceDeck:
    """A deck from its bytes (`path` names it in messages); as `read_deck`.

    The package is unpacked the one safe way (ooxml.reading), and python-pptx is handed
    only the verified members, never the untrusted zip."""
    if data.startswith(_OLE_MAGIC):
        raise DeckError(
            f"{path}: a password-protected presentation or an old binary .ppt file; "
            "open it in PowerPoint, remove the password or save it as .pptx, and import that"
        )
    try:
        members = read_package(data)
    except PackageError as exc:
        raise DeckError(f"{path}: not a PowerPoint file that can be read: {exc}") from None
    problems = package_problems(members)
    if problems:
        raise DeckError(f"{path}: not a presentation that can be read: {problems[0]}")
    try:
        presentation = Presentation(io.BytesIO(write_members(as_presentation(members)[0])))
    except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError,
            zipfile.BadZipFile, AttributeError, TypeError) as exc:
        raise DeckError(f"{path}: not a presentation python-pptx can open ({exc})") from None
    try:
        return _read_presentation(presentation, path)
    except (KeyError, ValueError, IndexError, AttributeError, TypeError,
            etree.XMLSyntaxError) as exc:
        # python-pptx reads parts as they are asked for: a relationship or part that a
        # damaged package lacks only shows here, in one of these forms.
        raise DeckError(f"{path}: a part of the presentation is damaged or missing "
                        f"({exc})") from None


def read_file(path: Path) -> bytes:
    """The bytes of the deck file at `path`: a regular file under MAX_FILE_BYTES."""
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise DeckError(f"{path}: no such file") from None
    except (NotRegularFile, FileTooLarge) as exc:
        raise DeckError(f"{path}: {exc.strerror}") from None
    except OSError as exc:
        raise DeckError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    return data


def _read_presentation(presentation: Any, path: Path) -> SourceDeck:
    width = int(presentation.slide_width or 12192000)
    height = int(presentation.slide_height or 6858000)
    slides: list[SourceSlide] = []
    texts: list[str] = []
    languages: Counter[str] = Counter()
    layouts = _Layouts()
    for number, slide in enumerate(presentation.slides, start=1):
        read = _SlideReader(slide, number, width, height, layouts)
        slides.append(read.slide())
        slides[-1].texts = list(read.texts)
        texts.extend(read.texts)
        languages.update(read.languages)
    core = presentation.core_properties
    created = core.created.date().isoformat() if core.created else None
    language = (core.language or "").strip() or (
        languages.most_common(1)[0][0] if languages else None)
    return SourceDeck(
        sections=_sections(presentation.element),
        title=(core.title or "").strip(),
        subject=(core.subject or "").strip(),
        author=(core.author or "").strip(),
        created=created,
        category=(core.category or "").strip(),
        language=language,
        slides=slides,
        texts=texts,
    )


class _SlideReader:
    """Reads one slide: its shapes (groups and tables opened), pictures and notes."""

    def __init__(self, slide: Any, number: int, width: int, height: int,
                 layouts: _Layouts) -> None:
        self._slide = slide
        self._part = slide.part
        self.result = SourceSlide(
            number=number,
            name=slide.name or "",
            layout=slide.slide_layout.name or "",
            width=width,
            height=height,
            hidden=slide.element.get("show") in {"0", "false"},
        )
        self.texts: list[str] = []
        self.languages: Counter[str] = Counter()
        self._placeholders = layouts.of(slide.slide_layout)

    def slide(self) -> SourceSlide:
        """The slide, read (once)."""
        items: list[tuple[Rect | None, TextBlock | Picture]] = []
        tree = self._slide.element.find(f"{P}cSld/{P}spTree")
        for shape, rect in _shapes(tree, None, self._placeholders):
            items.extend((rect, item) for item in self._items(shape, rect))
        ordered = reading_order([(rect, item) for rect, item in items])
        for item in ordered:
            if isinstance(item, Picture):
                self.result.pictures.append(item)
            else:
                self.result.blocks.append(item)
        self.texts.extend(_slide_texts(self._slide.element))
        if self._slide.has_notes_slide:
            notes = self._slide.notes_slide.notes_placeholder
            if notes is not None:
                body = notes.element.find(f"{P}txBody")
                if body is not None:
                    self.texts.extend(_slide_texts(body))
                    paragraphs = self._paragraphs(body, notes.part, bullets=False)
                    self.result.notes = [p for p in paragraphs if p.text.strip()]
        return self.result

    def _approximate(self, what: str) -> None:
        self.result.approximations.append(Approximation(self.result.number, what))

    def _items(self, element: etree._Element, rect: Rect | None
               ) -> Iterator[TextBlock | Picture]:
        name = _name(element)
        if element.tag == f"{P}pic":
            picture = self._picture(element, rect)
            if picture is not None:
                yield picture
            return
        if element.tag == f"{P}graphicFrame":
            yield from self._graphic_frame(element, rect)
            return
        if element.tag == f"{P}cxnSp":
            return
        body = element.find(f"{P}txBody")
        if body is None:
            return
        placeholder = _placeholder_type(element)
        if placeholder in _FOOTERS:
            text = " ".join("".join(t.text or "" for t in body.iter(f"{A}t")).split())
            if text and placeholder:
                self.result.footers[placeholder] = text
            return
        role = _ROLES.get(placeholder or "", "body" if placeholder is not None else "other")
        bullets = role == "body" and placeholder in {"body", "obj", None} and \
            _placeholder_element(element) is not None
        paragraphs = self._paragraphs(body, self._part, bullets=bullets)
        if not any(p.text.strip() for p in paragraphs):
            return
        yield TextBlock(
            role=role,
            name=name,
            rect=rect,
            paragraphs=tuple(paragraphs),
            filled=_filled(element),
            size=_largest_size(body),
            placeholder=placeholder,
            link=_shape_link(element, self._part),
        )

    def _picture(self, element: etree._Element, rect: Rect | None) -> Picture | None:
        name = _name(element)
        blip = element.find(f"{P}blipFill/{A}blip")
        rel_id = blip.get(f"{R}embed") if blip is not None else None
        try:
            part = self._part.related_part(rel_id) if rel_id else None
        except KeyError:
            part = None
        if part is None:
            self._approximate(f"a linked or unreadable picture ({name}) was not kept")
            return None
        extension = str(part.partname).rsplit(".", 1)[-1].lower()
        if extension not in {"png", "jpg", "jpeg", "gif", "webp", "tif", "tiff", "bmp"}:
            self._approximate(
                f"picture {name!r} is {extension.upper()}, which decks built here "
                "cannot hold; save it as PNG and add it"
            )
            return None
        if element.find(f".//{A}videoFile") is not None or \
                element.find(f".//{A}audioFile") is not None:
            self._approximate(f"media {name!r}: its poster picture was kept, "
                              "not the video or sound")
        return Picture(
            data=part.blob,
            extension="jpg" if extension == "jpeg" else extension,
            name=name,
            rect=rect,
            alt=_descr(element),
            decorative=_decorative(element),
            link=_shape_link(element, self._part),
        )

    def _graphic_frame(self, element: etree._Element, rect: Rect | None
                       ) -> Iterator[TextBlock]:
        name = _name(element)
        data = element.find(f"{A}graphic/{A}graphicData")
        uri = data.get("uri") if data is not None else None
        if uri == TABLE_URI and data is not None:
            table = data.find(f"{A}tbl")
            cells = self._table_cells(table) if table is not None else ()
            rows = [Paragraph((Span(" | ".join(cell.text for cell in row)),))
                    for row in cells if any(cell.text for cell in row)]
            block = TextBlock("body", name, rect, tuple(rows)) if rows else None
            if block is not None:
                self._approximate(f"table {name!r} kept as text, one line a row")
                yield block
            props = table.find(f"{A}tblPr") if table is not None else None
            self.result.figures.append(TableFigure(
                name, rect, cells, _flag(props, "firstRow"), _flag(props, "firstCol"),
                _flag(props, "lastRow"), block))
        elif uri == CHART_URI and data is not None:
            found = self._chart_part(data)
            lines = self._related_texts(data, "id") + self._chart_data(found)
            block = TextBlock("other", name, rect, tuple(
                Paragraph((Span(line),)) for line in lines)) if lines else None
            figure = read_chart(found[0], name, rect, _descr(element), block,
                                _workbook(*found)) if found is not None else \
                ChartFigure(name, rect, None, "its part cannot be read", block=block)
            what = f" ({figure.unsupported})" if figure.unsupported else ""
            self._approximate(f"chart {name!r}{what} kept as text: its title, series and "
                              "categories")
            if block is not None:
                yield block
            self.result.figures.append(figure)
        elif uri == DIAGRAM_URI and data is not None:
            lines = self._related_texts(data, "dm")
            self._approximate(f"SmartArt diagram {name!r} kept as text, one line a "
                              "shape")
            if lines:
                yield TextBlock("other", name, rect,
                                tuple(Paragraph((Span(line),), bullet=True) for line in lines))
        elif uri == OLE_URI:
            self._approximate(f"embedded object {name!r} was not kept")

    def _related_texts(self, data: etree._Element, attribute: str) -> list[str]:
        """The paragraphs of the part a chart (r:id) or diagram (r:dm) frame points at."""
        lines: list[str] = []
        for element in data.iter():
            rel_id = element.get(f"{R}{attribute}")
            if not rel_id:
                continue
            try:
                related = self._part.related_part(rel_id)
                root = parsing.parse(related.blob)
            except (KeyError, etree.XMLSyntaxError):
                continue
            for paragraph in root.iter(f"{A}p"):
                text = "".join(t.text or "" for t in paragraph.iter(f"{A}t")).strip()
                if text:
                    lines.append(text)
                    self.texts.append(text)
        return lines

    def _table_cells(self, table: etree._Element) -> tuple[tuple[TableCell, ...], ...]:
        """The table's rows of cells, each with its paragraphs, alignment and merges."""
        rows = []
        for row in table.iterfind(f"{A}tr"):
            cells = []
            for cell in row.iterfind(f"{A}tc"):
                body = cell.find(f"{A}txBody")
                paragraphs = tuple(self._paragraphs(body, self._part, bullets=False)) \
                    if body is not None else ()
                first = body.find(f"{A}p/{A}pPr") if body is not None else None
                cells.append(TableCell(
                    paragraphs, first.get("algn") if first is not None else None,
                    merged=_flag(cell, "hMerge") or _flag(cell, "vMerge"),
                    spans=_span(cell, "gridSpan") or _span(cell, "rowSpan")))
            rows.append(tuple(cells))
        return tuple(rows)

    def _chart_part(self, data: etree._Element) -> tuple[etree._Element, Any] | None:
        """The chart part a chart frame shows, parsed safely, and the part itself."""
        chart = data.find(f"{_C}chart")
        rel_id = chart.get(f"{R}id") if chart is not None else None
        try:
            part = self._part.related_part(rel_id) if rel_id else None
            return (parsing.parse(part.blob), part) if part is not None else None
        except (KeyError, etree.XMLSyntaxError):
            return None

    def _chart_data(self, found: tuple[etree._Element, Any] | None) -> list[str]:
        """A line per series (`name: 1, 2, 3`) and one of the categories."""
        if found is None:
            return []
        root = found[0]
        lines: list[str] = []
        categories: list[str] = []
        for series in root.iter(f"{_C}ser"):
            title = " ".join(v.text or "" for v in series.iterfind(f"{_C}tx//{_C}v"))
            values = [v.text or "" for v in series.iterfind(f"{_C}val//{_C}pt/"
                                                            f"{_C}v")]
            if not categories:
                categories = [v.text or "" for v in series.iterfind(
                    f"{_C}cat//{_C}pt/{_C}v")]
            joined = ", ".join(_number(v) for v in values)
            lines.append(f"{title}: {joined}" if title else joined)
        if categories:
            lines.append(", ".join(categories))
        return lines

    def _paragraphs(self, body: etree._Element, part: Any, bullets: bool) -> list[Paragraph]:
        paragraphs: list[Paragraph] = []
        for p in body.iterfind(f"{A}p"):
            spans: list[Span] = []
            for child in p:
                if child.tag in {f"{A}r", f"{A}fld"}:
                    text = child.findtext(f"{A}t") or ""
                    if not text:
                        continue
                    props = child.find(f"{A}rPr")
                    spans.append(Span(text, *_format(props, part)))
                    if props is not None and props.get("lang"):
                        self.languages[props.get("lang", "")] += len(text)
                elif child.tag == f"{A}br":
                    spans.append(Span(" "))
            paragraph = Paragraph(tuple(_merged(spans)), _level(p), _bullet(p, bullets))
            paragraphs.append(paragraph)
        return paragraphs


def _flag(element: etree._Element | None, name: str) -> bool:
    return element is not None and element.get(name) in {"1", "true"}


def _span(element: etree._Element, name: str) -> bool:
    try:
        return int(element.get(name, "1")) > 1
    except ValueError:
        return False


def _workbook(root: etree._Element, part: Any) -> Heading | None:
    """The cells of the workbook a chart part embeds (`c:externalData`), if any."""
    external = root.find(f"{_C}externalData")
    rel_id = external.get(f"{R}id") if external is not None else None
    try:
        related = part.related_part(rel_id) if rel_id else None
    except KeyError:
        return None
    return workbook_heading(related.blob) if related is not None else None


_P14 = f"{{{P14_NS}}}"


def _sections(presentation: etree._Element) -> dict[int, str]:
    """PowerPoint's sections (`p14:sectionLst` in presentation.xml's extensions): the
    number of each one's first slide, with its name; sections without slides left out."""
    numbers = {entry.get("id"): number for number, entry in
               enumerate(presentation.iterfind(f"{P}sldIdLst/{P}sldId"), start=1)}
    found: dict[int, str] = {}
    for section in presentation.iter(f"{_P14}section"):
        firsts = [numbers[entry.get("id")] for entry in section.iter(f"{_P14}sldId")
                  if entry.get("id") in numbers]
        name = " ".join((section.get("name") or "").split())
        if firsts and name:
            found.setdefault(min(firsts), name)
    return found


def _slide_texts(root: etree._Element) -> Iterator[str]:
    """Each paragraph's text under `root`, footers, dates and slide numbers left out.

    Read straight from the XML, independently of how shapes are understood, so that it
    measures what an import keeps."""
    for paragraph in root.iter(f"{A}p"):
        if any(_placeholder_type(owner) in _FOOTERS for owner in paragraph.iterancestors(f"{P}sp")):
            continue
        # A line break (a:br) separates words as a space would.
        text = "".join("\n" if t.tag == f"{A}br" else t.text or ""
                       for t in paragraph.iter(f"{A}t", f"{A}br")).strip()
        if text:
            yield text


class _Layouts:
    """The placeholders of each layout and its master, read once per layout."""

    def __init__(self) -> None:
        self._seen: dict[int, tuple[Placeholders, Placeholders]] = {}

    def of(self, layout: Any) -> tuple[Placeholders, Placeholders]:
        """(layout placeholders, master placeholders) of a python-pptx slide layout."""
        key = id(layout.part)
        if key not in self._seen:
            self._seen[key] = (Placeholders.of(layout.element),
                               Placeholders.of(layout.slide_master.element))
        return self._seen[key]


_SHAPE_TAGS = {f"{P}sp", f"{P}pic", f"{P}graphicFrame", f"{P}cxnSp"}


def _shapes(tree: etree._Element | None, transform: tuple[float, float, float, float] | None,
            placeholders: tuple[Placeholders, Placeholders]
            ) -> Iterator[tuple[etree._Element, Rect | None]]:
    """Every leaf shape of a shape tree with its rectangle on the slide (groups opened,
    a placeholder's position inherited from its layout or master)."""
    if tree is None:
        return
    for element in tree:
        if element.tag == f"{{{MC_NS}}}AlternateContent":
            chosen = element.find(f"{{{MC_NS}}}Fallback")
            if chosen is None:
                chosen = element.find(f"{{{MC_NS}}}Choice")
            if chosen is not None:
                yield from _shapes(chosen, transform, placeholders)
        elif element.tag == f"{P}grpSp":
            yield from _shapes(element, _group_transform(element, transform), placeholders)
        elif element.tag in _SHAPE_TAGS:
            yield element, _rect(element, transform, placeholders)


def _group_transform(group: etree._Element, outer: tuple[float, float, float, float] | None
                     ) -> tuple[float, float, float, float] | None:
    """Scale and offset from the group's child coordinates to the slide's."""
    xfrm = group.find(f"{P}grpSpPr/{A}xfrm")
    if xfrm is None:
        return outer
    values = {}
    for tag, keys in (("off", ("x", "y")), ("ext", ("cx", "cy")),
                      ("chOff", ("x", "y")), ("chExt", ("cx", "cy"))):
        element = xfrm.find(f"{A}{tag}")
        for key in keys:
            try:
                values[f"{tag}.{key}"] = float(element.get(key, 0)) if element is not None \
                    else 0.0
            except ValueError:
                values[f"{tag}.{key}"] = 0.0
    sx = values["ext.cx"] / values["chExt.cx"] if values["chExt.cx"] else 1.0
    sy = values["ext.cy"] / values["chExt.cy"] if values["chExt.cy"] else 1.0
    dx = values["off.x"] - values["chOff.x"] * sx
    dy = values["off.y"] - values["chOff.y"] * sy
    if outer is None:
        return sx, sy, dx, dy
    osx, osy, odx, ody = outer
    return sx * osx, sy * osy, dx * osx + odx, dy * osy + ody


def _rect(element: etree._Element, transform: tuple[float, float, float, float] | None,
          placeholders: tuple[Placeholders, Placeholders]) -> Rect | None:
    rect = rect_of(element)
    ph = placeholder_of(element)
    if rect is None and ph is not None:
        layout, master = placeholders
        inherited = layout.for_slide(ph)
        rect = rect_of(inherited)
        if rect is None:
            base = placeholder_of(inherited) if inherited is not None else ph
            rect = rect_of(master.for_layout(placeholder_type(base if base is not None
                                                                else ph)))
    if rect is None or transform is None:
        return rect
    sx, sy, dx, dy = transform
    return Rect(int(rect.x * sx + dx), int(rect.y * sy + dy), int(rect.w * sx),
                int(rect.h * sy))


def _name(element: etree._Element) -> str:
    for c_nv_pr in element.iter(f"{P}cNvPr"):
        return c_nv_pr.get("name") or ""
    return ""


def _placeholder_element(element: etree._Element) -> etree._Element | None:
    return element.find(f"{P}nvSpPr/{P}nvPr/{P}ph")


def _placeholder_type(element: etree._Element) -> str | None:
    """The placeholder type ('obj' when a placeholder names none), None for no placeholder."""
    ph = _placeholder_element(element)
    if ph is None:
        return None
    return ph.get("type", "obj")


def _descr(element: etree._Element) -> str:
    for c_nv_pr in element.iter(f"{P}cNvPr"):
        return (c_nv_pr.get("descr") or "").strip()
    return ""


def _decorative(element: etree._Element) -> bool:
    for found in element.iter(f"{{{ADEC_NS}}}decorative"):
        return found.get("val") in {"1", "true"}
    return False


def _filled(element: etree._Element) -> bool:
    props = element.find(f"{P}spPr")
    if props is not None:
        if any(child.tag in _FILL_TAGS for child in props):
            return True
        line = props.find(f"{A}ln")
        if line is not None and line.find(f"{A}noFill") is None and len(line):
            return True
        if props.find(f"{A}noFill") is not None:
            return False
    style = element.find(f"{P}style/{A}fillRef")
    return style is not None and style.get("idx", "0") not in {"0", "1000"}


def _largest_size(body: etree._Element) -> float | None:
    sizes = [int(props.get("sz", "0")) for props in body.iter(f"{A}rPr", f"{A}defRPr")
             if props.get("sz", "").isdigit()]
    return max(sizes) / 100 if sizes else None


def _format(props: etree._Element | None, part: Any) -> tuple[bool, bool, str | None]:
    if props is None:
        return False, False, None
    bold = props.get("b") in {"1", "true"}
    italic = props.get("i") in {"1", "true"}
    return bold, italic, _link(props.find(f"{A}hlinkClick"), part)


def _shape_link(element: etree._Element, part: Any) -> str | None:
    """Where a click on the shape leads (an external link), if anywhere."""
    for c_nv_pr in element.iter(f"{P}cNvPr"):
        return _link(c_nv_pr.find(f"{A}hlinkClick"), part)
    return None


def _link(click: etree._Element | None, part: Any) -> str | None:
    if click is None:
        return None
    rel_id = click.get(f"{R}id")
    if not rel_id:
        return None
    try:
        rel = part.rels[rel_id]
    except KeyError:
        return None
    return str(rel.target_ref) if rel.is_external else None


def _level(p: etree._Element) -> int:
    props = p.find(f"{A}pPr")
    if props is None:
        return 0
    try:
        return max(0, min(8, int(props.get("lvl", "0"))))
    except ValueError:
        return 0


def _bullet(p: etree._Element, default: bool) -> bool:
    """Whether the paragraph shows a bullet: its own setting, else the shape's kind."""
    props = p.find(f"{A}pPr")
    if props is not None:
        if props.find(f"{A}buNone") is not None:
            return False
        if any(props.find(f"{A}{tag}") is not None for tag in ("buChar", "buAutoNum", "buBlip")):
            return True
    return default


def _merged(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].link) == \
                (span.bold, span.italic, span.link):
            merged[-1] = Span(merged[-1].text + span.text, span.bold, span.italic, span.link)
        else:
            merged.append(span)
    return merged


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def all_texts(texts: Iterable[str]) -> str:
    """Texts joined and with white space collapsed, for measuring what was kept."""
    return _SPACE.sub(" ", " ".join(texts)).strip()
