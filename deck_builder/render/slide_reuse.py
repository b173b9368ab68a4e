"""Reuse a rendered slide for the next deck of a batch that has the same slide.

The afdeling decks of a batch share most of their slides: the same plan drawn on the
same template (a batch's session is for one template) gives the same shapes. Drawing
one (writing its paragraphs and runs, boxes and pictures) is most of a deck's
rendering, so a batch keeps what each slide came to: a copy of its shape tree before
the footers (which carry the deck's date and the slide's number), the relationships
it made, in order (links, pictures), and the same for its speaker notes. The next deck
with that slide gets copies of the trees and makes the same relationships in the same
order, so they get the same ids: the slide's bytes are exactly what drawing it would
give (the tests compare whole decks).

A slide whose relationships are anything but external links and pictures is not kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from deck_builder.render.fastslides import known_image_part

if TYPE_CHECKING:
    from lxml import etree
    from pptx.opc.package import Part
    from pptx.slide import Slide

    from deck_builder.planning.model import SlidePlan

_MAX_KEPT = 128  # slides kept per template: a batch's decks share a few dozen
# Relationships a part gets before its content is drawn: not replayed.
_STRUCTURAL = frozenset({RT.SLIDE_LAYOUT, RT.NOTES_MASTER, RT.SLIDE, RT.NOTES_SLIDE})


class Operation(NamedTuple):
    """A relationship a drawn slide made: to a link's address, or to a picture."""

    r_id: str
    link: str | None  # the address of a hyperlink; None for a picture
    image: bytes = b""  # the picture's bytes
    ext: str = ""  # the picture's format (png, jpg, ...)


class Kept(NamedTuple):
    """What a drawn slide came to: its shapes, the relationships they need, its notes."""

    tree: etree._Element
    operations: tuple[Operation, ...]
    notes: etree._Element | None = None
    notes_operations: tuple[Operation, ...] = ()


def key(plan: SlidePlan, lang: str) -> str:
    """What a slide's drawing depends on: its plan (where it is written aside) and the
    language its runs are tagged with; the template is the cache's owner."""
    return f"{lang}\n{plan._replace(source=None)!r}"


def keep(slide: Slide) -> Kept | None:
    """The slide as drawn so far (call before the footers), or None if not reusable."""
    operations = _operations(slide.part)
    if operations is None:
        return None
    return Kept(_copy(slide.element.cSld.spTree), operations)


def keep_notes(kept: Kept, notes_shape: etree._Element, notes_part: Part) -> Kept | None:
    """`kept` with the slide's written notes body and its relationships, or None."""
    operations = _operations(notes_part)
    if operations is None:
        return None
    return kept._replace(notes=_copy(notes_shape), notes_operations=operations)


def replay(slide: Slide, kept: Kept) -> None:
    """Give a new slide (straight from its layout) the kept shapes and relationships."""
    tree = slide.element.cSld.spTree
    tree[:] = [_copy(child) for child in kept.tree]
    _relate(slide.part, kept.operations)


def replay_notes(notes_shape: etree._Element, notes_part: Part, kept: Kept) -> None:
    """Put the kept notes body in place of a new notes slide's empty one."""
    parent = notes_shape.getparent()
    assert kept.notes is not None
    assert parent is not None
    parent.replace(notes_shape, _copy(kept.notes))
    _relate(notes_part, kept.notes_operations)


class Store:
    """Kept slides by key (see `key`), bounded: when full, slides no later deck has
    reused go first (a deck's own slides, such as its title slide), then all."""

    def __init__(self) -> None:
        self._kept: dict[str, Kept] = {}
        self._reused: set[str] = set()

    def get(self, key: str) -> Kept | None:
        """The kept slide for `key`, counted as reused; None if there is none."""
        kept = self._kept.get(key)
        if kept is not None:
            self._reused.add(key)
        return kept

    def put(self, key: str, kept: Kept) -> None:
        """Keep a drawn slide."""
        if len(self._kept) >= _MAX_KEPT:
            self._kept = {k: v for k, v in self._kept.items() if k in self._reused}
            if len(self._kept) >= _MAX_KEPT // 2:
                self._kept.clear()
            self._reused &= self._kept.keys()
        self._kept[key] = kept

    def __len__(self) -> int:
        return len(self._kept)

    def values(self) -> list[Kept]:
        """The kept slides, oldest first."""
        return list(self._kept.values())


def _operations(part: Part) -> tuple[Operation, ...] | None:
    found: list[Operation] = []
    for r_id, rel in part.rels.items():
        if rel.reltype in _STRUCTURAL:
            continue
        if rel.is_external and rel.reltype == RT.HYPERLINK:
            found.append(Operation(r_id, rel.target_ref))
        elif not rel.is_external and rel.reltype == RT.IMAGE:
            image = rel.target_part
            found.append(Operation(r_id, None, image.blob, image.partname.ext))
        else:
            return None
    return tuple(found)


def _relate(part: Part, operations: tuple[Operation, ...]) -> None:
    for operation in operations:
        if operation.link is not None:
            made = part.relate_to(operation.link, RT.HYPERLINK, is_external=True)
        else:
            made = part.relate_to(known_image_part(part, operation.image, operation.ext),
                                  RT.IMAGE)
        if made != operation.r_id:  # cannot happen: a new part numbers them in order
            raise AssertionError(f"replayed relationship {made}, expected {operation.r_id}")


def _copy(element: etree._Element) -> etree._Element:
    """A deep copy of an XML element (lxml's own copy; the copy module adds overhead)."""
    copied: etree._Element = element.__copy__()  # type: ignore[attr-defined]  # not in the stubs
    return copied
