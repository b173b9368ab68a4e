"""Text contrast against what is really behind it, measured on the rendered slides.

`accessibility.py` works out text and background colours from the XML and leaves text
alone when a picture or a gradient lies behind it: no single colour is "the background"
there. This module measures that text on the slides as LibreOffice draws them:

1. `text_over_pictures` finds the text shapes (without a solid fill of their own) whose
   box overlaps a picture, a picture- or gradient-filled shape, or a picture or
   gradient background, on the slide, its layout or its master. Decks without such text
   are never rendered.
2. The deck is drawn twice by the caller's `SlideImages` function: as it is, and with
   the text of those shapes emptied. Where the two differ are the letters; the colour
   of the letters is the colour of their cores (the pixels that differ most), and the
   background is the second picture under and around the letters.
3. The contrast of the letter colour with each background pixel is computed (WCAG 2.1
   relative luminance); the ratio that 90 % of the background reaches is the shape's
   contrast, so a few light pixels of a dark photo do not decide, but a light tenth of
   it does. Below 4.5:1 (3:1 for text of 18 pt, or 14 pt bold) is
   `A11Y-CONTRAST-RENDERED`.

What is approximated: shapes are compared by bounding box; text shapes grouped with
others are measured like any other shape; letters thinner than a pixel at the rendered
resolution are not seen.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lxml import etree
from PIL import Image, ImageChops, ImageFilter

from deck_builder.checks.findings import Finding, finding
from deck_builder.checks.package import Package, open_package
from deck_builder.checks.slide_text import SlideShape, slide_shapes
from deck_builder.ooxml.colours import contrast_ratio
from deck_builder.ooxml.geometry import Rect
from deck_builder.ooxml.inheritance import Placeholders, placeholder_of, rect_of
from deck_builder.ooxml.namespaces import A, P
from deck_builder.ooxml.parsing import parse

SlideImages = Callable[[bytes], Sequence[Image.Image]]
"""Draws a deck (its bytes): one RGB picture per slide, in slide order."""

NORMAL_RATIO, LARGE_RATIO = 4.5, 3.0
WORST_SHARE = 0.10  # the share of the background allowed to be worse than the verdict
_FAINTEST = 6  # the least change (0…255, per channel) that can be a letter, not noise
_MIN_LETTER_PIXELS = 24


@dataclass(frozen=True)
class Candidate:
    """A text shape over a picture or gradient, and its box in EMU."""

    shape: SlideShape
    rect: Rect
    large: bool


def text_over_pictures(package: Package) -> list[Candidate]:
    """The text shapes whose contrast only a rendered slide can tell."""
    found: list[Candidate] = []
    busy_by_slide: dict[str, list[Rect]] = {}
    size = _slide_size(package)
    for shape in slide_shapes(package):
        if not shape.text.strip() or _own_solid_fill(shape.element):
            continue
        if shape.part not in busy_by_slide:
            busy_by_slide[shape.part] = _busy_areas(package, shape.part, size)
        rect = _rect(package, shape)
        if rect is None:
            continue
        if any(_overlap(rect, area) for area in busy_by_slide[shape.part]):
            found.append(Candidate(shape, rect, _large(shape.element)))
    return found


def check_rendered_contrast(deck: bytes, render: SlideImages) -> list[Finding]:
    """`A11Y-CONTRAST-RENDERED` findings of the text over pictures and gradients.

    Nothing is rendered when the deck has no such text. Raises what `render` raises.
    """
    package = open_package(deck)
    candidates = text_over_pictures(package)
    if not candidates:
        return []
    width, _ = _slide_size(package)
    drawn = render(deck)
    bare = render(_without_text(deck, package, candidates))
    found = []
    for candidate in candidates:
        index = candidate.shape.slide - 1
        if index >= len(drawn) or index >= len(bare):
            continue
        ratio = measured_contrast(drawn[index], bare[index], candidate.rect, width)
        if ratio is None:
            continue
        needed = LARGE_RATIO if candidate.large else NORMAL_RATIO
        if ratio < needed:
            shape = candidate.shape
            found.append(finding(
                "A11Y-CONTRAST-RENDERED",
                f"text contrast {ratio:.1f}:1 against the picture or gradient behind it "
                f"(measured on the rendered slide), below {needed:g}:1: "
                f'"{_sample(shape.text)}"',
                slide=shape.slide, shape=shape.name, part=shape.part))
    return found


def measured_contrast(drawn: Image.Image, bare: Image.Image, rect: Rect,
                      slide_width: int) -> float | None:
    """The contrast of the letters in `rect` (EMU) of `drawn` against `bare` (the same
    slide without them); None when no letters are seen there."""
    scale = drawn.width / slide_width
    box = (max(0, int(rect.x * scale)), max(0, int(rect.y * scale)),
           min(drawn.width, int((rect.x + rect.w) * scale) + 1),
           min(drawn.height, int((rect.y + rect.h) * scale) + 1))
    if box[2] - box[0] < 2 or box[3] - box[1] < 2:
        return None
    with_text = drawn.convert("RGB").crop(box)
    without = bare.convert("RGB").resize(drawn.size).crop(box)
    red, green, blue = ImageChops.difference(with_text, without).split()
    change = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    strongest = change.getextrema()[1]
    if not isinstance(strongest, int) or strongest < _FAINTEST:
        return None
    # Letters close in colour to their background change the picture only a little:
    # what counts as a letter is relative to the strongest change.
    threshold = max(_FAINTEST, strongest // 2)
    letters = change.point(lambda v: 255 if v >= threshold else 0)
    cores = change.point(lambda v: 255 if v >= strongest * 0.85 else 0)
    core_pixels = [pixel for pixel, keep in zip(_rgb(with_text), cores.tobytes(), strict=True)
                   if keep]
    if len(core_pixels) < _MIN_LETTER_PIXELS // 4:
        return None
    text = tuple(sorted(channel)[len(channel) // 2] / 255 for channel in zip(*core_pixels,
                                                                            strict=True))
    around = letters.filter(ImageFilter.MaxFilter(7))
    behind = [pixel for pixel, keep in zip(_rgb(without), around.tobytes(), strict=True)
              if keep]
    if len(behind) < _MIN_LETTER_PIXELS:
        return None
    colour = (text[0], text[1], text[2])
    counts: dict[tuple[int, int, int], int] = {}
    for pixel in behind:
        counts[pixel] = counts.get(pixel, 0) + 1
    # The ratio that all but the worst WORST_SHARE of the background pixels reach.
    graded = sorted((contrast_ratio(colour, (r / 255, g / 255, b / 255)), count)
                    for (r, g, b), count in counts.items())
    seen = 0
    for ratio, count in graded:
        seen += count
        if seen >= len(behind) * WORST_SHARE:
            return ratio
    return graded[-1][0]


def _rgb(image: Image.Image) -> list[tuple[int, int, int]]:
    """The pixels of an RGB picture, row by row."""
    data = image.tobytes()
    return [(data[i], data[i + 1], data[i + 2]) for i in range(0, len(data), 3)]


def _without_text(deck: bytes, package: Package, candidates: list[Candidate]) -> bytes:
    """The deck with the text of the candidate shapes emptied (letters gone, boxes kept)."""
    by_part: dict[str, set[str]] = {}
    for candidate in candidates:
        by_part.setdefault(candidate.shape.part, set()).add(_key(candidate.shape.element))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(deck)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in by_part:
                root = parse(data)
                for shape in root.iter(P + "sp"):
                    if _key(shape) in by_part[info.filename]:
                        for text in shape.iter(A + "t"):
                            text.text = ""
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
            target.writestr(info, data)
    del package  # the caller's parse of `deck` names the parts; nothing else is needed
    return out.getvalue()


def _key(shape: etree._Element) -> str:
    props = shape.find(f"./*/{P}cNvPr")
    return "" if props is None else f'{props.get("id", "")}/{props.get("name", "")}'


def _slide_size(package: Package) -> tuple[int, int]:
    main = package.main_part()
    root = package.xml(main) if main is not None else None
    size = root.find(f"{P}sldSz") if root is not None else None
    try:
        if size is not None:
            return int(size.get("cx", "")), int(size.get("cy", ""))
    except ValueError:
        pass
    return 12_192_000, 6_858_000


def _chain(package: Package, part: str) -> list[str]:
    """The slide, its layout and the layout's master, as part names."""
    chain = [part]
    layouts = package.related(part, "slideLayout")
    if layouts:
        chain.append(layouts[0])
        masters = package.related(layouts[0], "slideMaster")
        if masters:
            chain.append(masters[0])
    return chain


def _busy_areas(package: Package, part: str, size: tuple[int, int]) -> list[Rect]:
    """Where the slide shows a picture or a gradient: shapes on the slide, its layout and
    master (those shown on the slide), and the whole slide for such a background."""
    areas: list[Rect] = []
    whole = Rect(0, 0, size[0], size[1])
    background_set = False
    for index, name in enumerate(_chain(package, part)):
        root = package.xml(name)
        if root is None:
            continue
        if index > 0 and root.get("showMasterSp") == "0":
            break
        background = root.find(f"{P}cSld/{P}bg")
        if background is not None and not background_set:
            background_set = True
            if background.find(f"{P}bgPr/{A}blipFill") is not None or \
                    background.find(f"{P}bgPr/{A}gradFill") is not None:
                areas.append(whole)
        tree = root.find(f"{P}cSld/{P}spTree")
        for shape in tree.iter(P + "pic", P + "sp") if tree is not None else ():
            if index > 0 and placeholder_of(shape) is not None:
                continue  # a layout's or master's placeholder is not drawn on the slide
            fill = shape.find(f"{P}spPr")
            busy = shape.tag == P + "pic" or (fill is not None and (
                fill.find(f"{A}blipFill") is not None or fill.find(f"{A}gradFill") is not None))
            rect = rect_of(shape)
            if busy and rect is not None:
                areas.append(rect)
    return areas


def _rect(package: Package, shape: SlideShape) -> Rect | None:
    own = rect_of(shape.element)
    if own is not None:
        return own
    ph = placeholder_of(shape.element)
    if ph is None:
        return None
    for name in _chain(package, shape.part)[1:]:
        root = package.xml(name)
        if root is None:
            continue
        table = Placeholders.of(root)
        inherited = table.for_slide(ph)
        rect = rect_of(inherited)
        if rect is not None:
            return rect
    return None


def _own_solid_fill(shape: etree._Element) -> bool:
    fill = shape.find(f"{P}spPr/{A}solidFill")
    if fill is None:
        return False
    alpha = fill.find(f".//{A}alpha")
    return alpha is None or int(alpha.get("val", "100000") or 0) >= 100000


def _large(shape: etree._Element) -> bool:
    """Whether every sized run is large text (18 pt, or 14 pt bold); False when no run
    states its size (the smaller threshold is then the safe one)."""
    sizes = []
    for props in shape.iter(A + "rPr"):
        try:
            size = int(props.get("sz", "")) / 100
        except ValueError:
            return False
        bold = props.get("b") in {"1", "true"}
        sizes.append(size >= 18 or (bold and size >= 14))
    return bool(sizes) and all(sizes)


def _overlap(first: Rect, second: Rect) -> bool:
    return (first.x < second.x + second.w and second.x < first.x + first.w
            and first.y < second.y + second.h and second.y < first.y + first.h)


def _sample(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
