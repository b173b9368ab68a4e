"""The shapes of a deck's slides with their text, as the extra accessibility checks read them.

`slide_shapes` walks each slide's shape tree in reading order (the order a screen reader
follows), groups included, and gives every shape with its slide number, name and the
runs of its paragraphs. It reads only what these checks need; the inheritance of text
properties lives in `accessibility.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from deck_builder.checks.package import Package
from deck_builder.ooxml.namespaces import DC_NS, A, P, R

_SHAPES = frozenset(P + name for name in ("sp", "pic", "graphicFrame", "cxnSp"))
_LINK = A + "hlinkClick"


@dataclass(frozen=True)
class TextRun:
    """One run: its text, its `lang` attribute (None when it inherits) and the target of
    its hyperlink (None without; "" when its relationship is missing)."""

    text: str
    lang: str | None
    link: str | None
    link_id: str | None


@dataclass(frozen=True)
class SlideShape:
    """A shape of a slide: the `p:sp`, `p:pic`, … element and what the checks ask of it."""

    slide: int
    part: str
    name: str
    element: etree._Element
    paragraphs: tuple[tuple[TextRun, ...], ...]

    @property
    def text(self) -> str:
        """The shape's text, paragraphs on lines of their own."""
        return "\n".join("".join(run.text for run in para) for para in self.paragraphs)

    @property
    def properties(self) -> etree._Element | None:
        """The shape's `cNvPr` (name, id, alt text, click action, extensions)."""
        for child in self.element:
            if child.tag.startswith(P) and child.tag.endswith("Pr") and len(child):
                first = child[0]
                if first.tag == P + "cNvPr":
                    return first
        return None


def slide_shapes(package: Package) -> Iterator[SlideShape]:
    """Every shape of every slide, slide by slide, each slide's in reading order."""
    for number, part in enumerate(package.slides(), start=1):
        root = package.xml(part)
        if root is None:
            continue
        tree = root.find(f"{P}cSld/{P}spTree")
        if tree is None:
            continue
        links = {rel.id: rel.target for rel in package.rels(part)
                 if rel.kind == "hyperlink"}
        yield from _walk(tree, number, part, links)


def _walk(tree: etree._Element, number: int, part: str,
          links: dict[str, str]) -> Iterator[SlideShape]:
    for child in tree:
        if child.tag == P + "grpSp":
            yield from _walk(child, number, part, links)
        elif child.tag in _SHAPES:
            props = child.find(f"./*/{P}cNvPr")
            name = props.get("name", "") if props is not None else ""
            yield SlideShape(number, part, name, child, _paragraphs(child, links))


def _paragraphs(shape: etree._Element, links: dict[str, str]) -> tuple[tuple[TextRun, ...], ...]:
    body = shape.find(f"{P}txBody")
    if body is None:
        return ()
    found = []
    for paragraph in body.iterfind(f"{A}p"):
        runs = []
        for item in paragraph:
            if item.tag not in (A + "r", A + "fld"):
                continue
            props = item.find(f"{A}rPr")
            click = props.find(_LINK) if props is not None else None
            rid = click.get(f"{R}id") if click is not None else None
            target = None if click is None else links.get(rid or "", "")
            runs.append(TextRun(item.findtext(f"{A}t", ""),
                                props.get("lang") if props is not None else None,
                                target, rid))
        found.append(tuple(runs))
    return tuple(found)


def deck_language(package: Package) -> str | None:
    """The deck's language: `dc:language` of the core properties, else the language most
    of its runs carry, else that of the presentation's default text style; None when
    none says."""
    core = package.xml("docProps/core.xml")
    if core is not None:
        found = (core.findtext(f"{{{DC_NS}}}language") or "").strip()
        if found:
            return found
    counts: dict[str, int] = {}
    for shape in slide_shapes(package):
        for para in shape.paragraphs:
            for run in para:
                if run.lang:
                    counts[run.lang] = counts.get(run.lang, 0) + len(run.text)
    if counts:
        return max(counts, key=lambda tag: counts[tag])
    # Text without a language of its own takes the presentation's default text style's.
    main = package.main_part()
    root = package.xml(main) if main is not None else None
    if root is not None:
        for props in root.iterfind(f"{P}defaultTextStyle//{A}defRPr"):
            if props.get("lang"):
                return props.get("lang")
    return None


def primary(tag: str) -> str:
    """The language of a tag without its region: `nl-NL` → `nl`."""
    return tag.split("-", 1)[0].casefold()
