"""Relationships that point outside the package, and taking them out.

A relationship with `TargetMode="External"` names a URL instead of a part. Two kinds
differ in what they do: a hyperlink is followed only when someone clicks it, but linked
media (a picture, video or sound stored as a URL, `a:blip r:link`) and linked objects
are fetched by the program that shows the slide, PowerPoint or LibreOffice, as soon as
it opens or converts the deck: a template or a deck from elsewhere can make any reader
contact any address, or read a local file.

`external_targets` lists them; `without_external` takes out the relationships a test
chooses, and with them what refers to them (a hyperlink element goes, a linked
picture keeps its embedded copy if it has one, a shape whose linked object goes goes
with it), so the package stays valid.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import NamedTuple

from lxml import etree

from deck_builder.ooxml import parsing, reading
from deck_builder.ooxml.namespaces import PR_NS, R_NS

__all__ = ["WEB_SCHEMES", "ExternalTarget", "external_targets", "without_external"]

WEB_SCHEMES = ("http://", "https://", "mailto:")
"""Hyperlink targets that are ordinary links to send around (what content may write)."""

_HYPERLINK = "hyperlink"
# Elements that only carry a link or a linked medium: removed with their relationship.
_LINK_ONLY = frozenset({"hlinkClick", "hlinkMouseOver", "hlinkHover", "videoFile",
                        "audioFile", "quickTimeFile", "wavAudioFile", "media", "snd"})
_SHAPES = frozenset({"sp", "pic", "graphicFrame", "grpSp", "cxnSp", "contentPart"})
_RELS_SUFFIX = ".rels"


class ExternalTarget(NamedTuple):
    """An external relationship: the part it belongs to (zip member name), its Id, its
    type (the last segment: `hyperlink`, `image`, `video`, …) and its target."""

    part: str
    id: str
    kind: str
    target: str

    @property
    def fetched(self) -> bool:
        """Whether a reader fetches the target to show the part (all but hyperlinks)."""
        return self.kind != _HYPERLINK

    @property
    def web_link(self) -> bool:
        """Whether it is a hyperlink to a web or mail address (not a local file, not a
        program): what any deck may carry."""
        return not self.fetched and self.target.strip().lower().startswith(WEB_SCHEMES)

    def describe(self) -> str:
        """The relationship in words, for a message."""
        what = (f"links to {self.target!r}" if not self.fetched
                else f"shows {self.kind} {self.target!r}, fetched when the slide is shown")
        return f"{self.part} {what}"


def external_targets(members: dict[str, bytes]) -> list[ExternalTarget]:
    """Every external relationship in the package, in member order (relationship parts
    that are not well-formed are skipped: their damage is reported elsewhere)."""
    found: list[ExternalTarget] = []
    for name, data in members.items():
        source = reading.rels_source(name)
        if source is None or b"External" not in data:
            continue
        try:
            root = parsing.parse(data)
        except etree.XMLSyntaxError:
            continue
        for element in root.iter(f"{{{PR_NS}}}Relationship"):
            if element.get("TargetMode") == "External":
                kind = (element.get("Type") or "").rsplit("/", 1)[-1]
                found.append(ExternalTarget(source, element.get("Id") or "", kind,
                                            element.get("Target") or ""))
    return found


def without_external(members: dict[str, bytes], drop: Callable[[ExternalTarget], bool]
                     ) -> tuple[dict[str, bytes], list[ExternalTarget]]:
    """The members with every external relationship `drop` chooses taken out, and what
    refers to it in its part; and the relationships taken out. Members that do not
    change are the same bytes objects."""
    chosen = [target for target in external_targets(members) if drop(target)]
    if not chosen:
        return members, []
    by_part: dict[str, set[str]] = {}
    for target in chosen:
        by_part.setdefault(target.part, set()).add(target.id)
    result = dict(members)
    for part, ids in by_part.items():
        rels = _rels_of(part)
        result[rels] = _drop_relationships(members[rels], ids)
        if part in members:
            result[part] = _drop_references(members[part], ids)
    return result, chosen


def _rels_of(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{base}{_RELS_SUFFIX}")


def _drop_relationships(data: bytes, ids: set[str]) -> bytes:
    root = parsing.parse(data)
    for element in list(root.iter(f"{{{PR_NS}}}Relationship")):
        if element.get("TargetMode") == "External" and element.get("Id") in ids:
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
    return _serialise(root)


def _drop_references(data: bytes, ids: set[str]) -> bytes:
    try:
        root = parsing.parse(data)
    except etree.XMLSyntaxError:
        return data  # not XML (or broken): nothing in it can refer to the relationship
    changed = False
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        for key, value in list(element.attrib.items()):
            if value not in ids or not str(key).startswith(f"{{{R_NS}}}"):
                continue
            changed = True
            local = etree.QName(element).localname
            if local == "blip" and str(key) == f"{{{R_NS}}}link":
                del element.attrib[key]  # the embedded copy, if any, stays
            elif local in _LINK_ONLY:
                _remove(element)
            else:
                _remove(_enclosing_shape(element))
            break
    return _serialise(root) if changed else data


def _enclosing_shape(element: etree._Element) -> etree._Element:
    for ancestor in element.iterancestors():
        if isinstance(ancestor.tag, str) and etree.QName(ancestor).localname in _SHAPES:
            return ancestor
    return element


def _remove(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
