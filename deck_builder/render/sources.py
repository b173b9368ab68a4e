"""Which content picture each picture part of a built deck holds, and on which slides.

A deck over its size limit is nearly always large because of its pictures; the parts
are named `ppt/media/image3.jpeg`, which says nothing to whoever wrote the content.
Each slide's pictures are drawn in the order of its plan's picture shapes, so a slide's
`p:pic` elements, in tree order, are those shapes, and their relationships name the
parts they show.
"""

from __future__ import annotations

import io
import os
import posixpath
import zipfile
from collections.abc import Sequence
from pathlib import Path

from deck_builder.ooxml.namespaces import PR_NS, A, P, R
from deck_builder.ooxml.parsing import parse
from deck_builder.planning.model import PictureShape, SlidePlan


def picture_sources(data: bytes, plans: Sequence[SlidePlan], root: Path) -> dict[str, str]:
    """Each picture part of the deck `data` (built from `plans`) by its zip name
    (`ppt/media/image3.jpeg`) → the picture as the content names it, relative to the
    content folder `root`, with the slides it is on: `images/kaart.jpg, used on slides
    3 and 9`. Parts the plans did not put there (a template's pictures) are left out;
    a package that cannot be read gives {}."""
    used: dict[str, tuple[Path, list[int]]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for number, (part, plan) in enumerate(zip(_slide_parts(archive), plans,
                                                      strict=False), start=1):
                shapes = [s for s in plan.shapes if isinstance(s, PictureShape)]
                if not shapes:
                    continue
                targets = _relationships(archive, part)
                tree = parse(archive.read(part))
                for shape, pic in zip(shapes, tree.iter(f"{P}pic"), strict=False):
                    blip = pic.find(f".//{A}blip")
                    target = None if blip is None else targets.get(
                        blip.get(f"{R}embed", ""))
                    if target is None:
                        continue
                    slides = used.setdefault(target, (shape.image, []))[1]
                    if number not in slides:
                        slides.append(number)
    except (KeyError, OSError, ValueError, zipfile.BadZipFile):
        return {}
    return {part: f"{_shown(image, root)}, used on {_slides(slides)}"
            for part, (image, slides) in used.items()}


def _slide_parts(archive: zipfile.ZipFile) -> list[str]:
    """The slide parts in the order the presentation shows them."""
    presentation = parse(archive.read("ppt/presentation.xml"))
    targets = _relationships(archive, "ppt/presentation.xml")
    listed = presentation.find(f"{P}sldIdLst")
    if listed is None:
        return []
    return [targets[slide.get(f"{R}id", "")] for slide in listed]


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    """A part's internal relationships: id → the zip name of the part it points at."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels not in archive.namelist():
        return {}
    found: dict[str, str] = {}
    for rel in parse(archive.read(rels)).iter(f"{{{PR_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        resolved = (target.lstrip("/") if target.startswith("/")
                    else posixpath.normpath(posixpath.join(folder, target)))
        found[rel.get("Id", "")] = resolved
    return found


def _shown(image: Path, root: Path) -> str:
    """The picture's path as the content names it: relative to the content folder."""
    try:
        relative = os.path.relpath(image, root)
    except ValueError:  # another drive on Windows
        return str(image)
    return Path(relative).as_posix() if not relative.startswith("..") else str(image)


def _slides(numbers: list[int]) -> str:
    """`slide 3`, `slides 3 and 9`, `slides 3, 5 and 9`."""
    if len(numbers) == 1:
        return f"slide {numbers[0]}"
    listed = [str(number) for number in sorted(numbers)]
    return f"slides {', '.join(listed[:-1])} and {listed[-1]}"
