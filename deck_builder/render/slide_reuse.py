"""Reuse a rendered slide for the next deck of a batch that has the same slide.

The afdeling decks of a batch share most of their slides: the same plan drawn on the
same template gives the same shapes. Drawing one (writing its paragraphs and runs,
boxes and pictures) is most of a deck's rendering, so a batch keeps what each slide
came to: a copy of its shape tree before the footers (which carry the deck's date and
the slide's number), the relationships it made, in order (links, pictures), and the
same for its speaker notes. The next deck with that slide gets copies of the trees and
makes the same relationships in the same order, so they get the same ids: the slide's
bytes are exactly what drawing it would give (the tests compare whole decks).

A slide whose relationships are anything but external links and pictures is not kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from pptx.opc.constants import RELATIONSHIP_TYPE as RT

if TYPE_CHECKING:
    from lxml import etree
    from pptx.opc.package import Part
    from pptx.slide import Slide

    from deck_builder.planning.model import SlidePlan

_MAX_KEPT = 128  # slides kept per template: a batch's decks share a few dozen
# Relationships a part gets before its content is drawn: not replayed.
_STRUCTURAL = frozenset({RT.SLIDE_LAYOUT, RT.NOTES_MASTER, RT.SLIDE, RT.NOTES_SLIDE})

Operation = tuple[str, str, object, str]  # (rId, kind "link" | "image", target, ext)


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
    return Kept(slide.shapes._spTree.__copy__(), operations)


def keep_notes(kept: Kept, notes_shape: etree._Element, notes_part: Part) -> Kept | None:
    """`kept` with the slide's written notes body and its relationships, or None."""
    operations = _operations(notes_part)
    if operations is None:
        return None
    return kept._replace(notes=notes_shape.__copy__(), notes_operations=operations)


def replay(slide: Slide, kept: Kept) -> None:
    """Give a new slide (straight from its layout) the kept shapes and relationships."""
    tree = slide.shapes._spTree
    tree[:] = [child.__copy__() for child in kept.tree]
    _relate(slide.part, kept.operations)


def replay_notes(notes_shape: etree._Element, notes_part: Part, kept: Kept) -> None:
    """Put the kept notes body in place of a new notes slide's empty one."""
    assert kept.notes is not None
    notes_shape.getparent().replace(notes_shape, kept.notes.__copy__())
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
            found.append((r_id, "link", rel.target_ref, ""))
        elif not rel.is_external and rel.reltype == RT.IMAGE:
            image = rel.target_part
            found.append((r_id, "image", image.blob, image.partname.ext))
        else:
            return None
    return tuple(found)


def _relate(part: Part, operations: tuple[Operation, ...]) -> None:
    from deck_builder.render.fastslides import known_image_part

    for r_id, kind, target, ext in operations:
        if kind == "link":
            made = part.relate_to(str(target), RT.HYPERLINK, is_external=True)
        else:
            made = part.relate_to(known_image_part(part, bytes(target), ext), RT.IMAGE)  # type: ignore[arg-type]
        if made != r_id:  # cannot happen: a new part numbers its relationships in order
            raise AssertionError(f"replayed relationship {made}, expected {r_id}")
