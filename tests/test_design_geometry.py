"""The design rules, measured on written decks: our template and third-party ones.

Every deck is built through the pipeline and read back with python-pptx; nothing here
asks the planner where it meant to put things. For the default deck and the stress deck
(tests/stress/), on our template and on every template tests/fixtures/third_party.py
generates:

- no shape deck-builder added or filled crosses the artwork of the slide's layout and
  master (by the artwork's outline: a corner triangle blocks the triangle, not its box);
- nothing lies outside the slide;
- every slide of a layout has its title at the same place and size, and on our template
  every content slide has;
- a caption is centred under its picture (within 1 % of the slide's width), its text
  centred too, and close under it;
- every section slide shows its number.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from pptx import Presentation
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide

from deck_builder import pipeline
from deck_builder.ooxml.geometry import Rect
from deck_builder.ooxml.inheritance import rect_of
from deck_builder.template.artwork import PANEL_SLACK, Artwork, contains, layout_artwork
from tests.conftest import CONTENT_DIR, TEMPLATE_DIR, iter_shapes
from tests.fixtures.third_party import NAMES, third_party_templates
from tests.stress.pictures import copy_stress_set

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
FOOTERS = frozenset({"dt", "ftr", "sldNum"})
TOUCH = 0.002  # shapes may touch artwork by this share of the slide's width
CENTRED = 0.01  # a caption's centre may be off its picture's by this share of the width
CAPTION_GAP = 0.06  # and its top at most this share of the slide's height below it
CONTENT_KINDS = frozenset({"bullets", "two-column", "agenda", "partners", "image",
                           "statistic"})
Point = tuple[float, float]


# -- measuring ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Placed:
    """A shape on a slide as written: its name, box, text and what it is."""

    name: str
    rect: Rect
    text: str
    picture: bool
    placeholder: str | None  # its placeholder type, None for a free shape
    element: Any


def placed_shapes(slide: Slide) -> list[Placed]:
    """Every shape the build added or filled: all but the footers, with their boxes
    (a placeholder's inherited from its layout when it has none of its own)."""
    found = []
    for shape in iter_shapes(slide.shapes):
        kind = None
        if shape.is_placeholder:
            ph = shape.element.find(f".//{P}ph")
            kind = ph.get("type", "body") if ph is not None else "body"
            if kind in FOOTERS:
                continue
        if shape.width is None or shape.left is None:
            continue
        text = shape.text_frame.text if shape.has_text_frame else ""
        found.append(Placed(shape.name, Rect(int(shape.left), int(shape.top), int(shape.width),
                                             int(shape.height)), text.strip(),
                            shape.shape_type == 13, kind, shape.element))
    return found


def slide_artwork(slide: Slide, width: int, height: int) -> tuple[Artwork, ...]:
    """The artwork of the slide's layout and master, as template.artwork reads it."""
    layout = slide.slide_layout
    boxes = [rect for rect in (rect_of(shape.element) for shape in layout.placeholders
                               if _ph_type(shape.element) not in FOOTERS)
             if rect is not None]
    return layout_artwork(layout.element, layout.slide_master.element, width, height, boxes)


def _ph_type(element: Any) -> str:
    ph = element.find(f".//{P}ph")
    return ph.get("type", "body") if ph is not None else ""


def collisions(prs: PresentationType) -> list[str]:
    """Every shape crossing its slide's artwork, as `slide N name × artwork name`."""
    width, height = int(prs.slide_width or 0), int(prs.slide_height or 0)
    touch = TOUCH * width
    slack = int(min(width, height) * PANEL_SLACK)
    found = []
    for number, slide in enumerate(prs.slides, start=1):
        artwork = slide_artwork(slide, width, height)
        for shape in placed_shapes(slide):
            box = shape.rect
            inner = (box.x + touch, box.y + touch, box.x + box.w - touch, box.y + box.h - touch)
            if inner[2] <= inner[0] or inner[3] <= inner[1]:
                continue
            for art in artwork:
                if contains(art.rect, box, slack):
                    continue  # a panel the text sits on
                if any(_crosses(inner, polygon) for polygon in art.outlines):
                    found.append(f"slide {number} {slide_name(slide)} {shape.name!r} × "
                                 f"{art.what} {art.name!r}")
    return found


def slide_name(slide: Slide) -> str:
    return str(slide.element.cSld.get("name", ""))


def _crosses(box: tuple[float, float, float, float], polygon: Sequence[Point]) -> bool:
    """Whether an axis-aligned box (x1, y1, x2, y2) and a polygon (or a line) share area."""
    x1, y1, x2, y2 = box
    if any(x1 < x < x2 and y1 < y < y2 for x, y in polygon):
        return True
    corners = [(x1, y1), (x2, y1), (x2, y2), (x1, y2)]
    if len(polygon) >= 3 and any(_inside(point, polygon) for point in corners):
        return True
    edges = list(zip(corners, [*corners[1:], corners[0]], strict=True))
    sides = list(zip(polygon, [*polygon[1:], polygon[0]], strict=True)) if len(polygon) >= 3 \
        else [(polygon[0], polygon[-1])]
    return any(_segments_cross(a, b, c, d) for a, b in sides for c, d in edges)


def _inside(point: Point, polygon: Sequence[Point]) -> bool:
    x, y = point
    inside = False
    for (xa, ya), (xb, yb) in zip(polygon, [*polygon[1:], polygon[0]], strict=True):
        if (ya > y) != (yb > y) and x < xa + (y - ya) * (xb - xa) / (yb - ya):
            inside = not inside
    return inside


def _segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return (side(a, b, c) * side(a, b, d) < 0) and (side(c, d, a) * side(c, d, b) < 0)


def off_slide(prs: PresentationType) -> list[str]:
    """Every shape reaching past the slide's edge."""
    width, height = int(prs.slide_width or 0), int(prs.slide_height or 0)
    return [f"slide {n} {slide_name(slide)} {shape.name!r}"
            for n, slide in enumerate(prs.slides, start=1) for shape in placed_shapes(slide)
            if shape.rect.x < 0 or shape.rect.y < 0 or shape.rect.x + shape.rect.w > width
            or shape.rect.y + shape.rect.h > height]


def title_places(prs: PresentationType) -> dict[str, set[Rect]]:
    """Per layout, the title boxes its slides have (a section slide's title box is
    as high as its text, on the subtitle: only its bottom left corner counts)."""
    places: dict[str, set[Rect]] = defaultdict(set)
    for slide in prs.slides:
        section = slide_name(slide).startswith("section:")
        for shape in placed_shapes(slide):
            if shape.placeholder in ("title", "ctrTitle"):
                box = shape.rect
                places[slide.slide_layout.name].add(Rect(box.x, box.y + box.h, 0, 0) if section
                                                    else box)
    return places


def content_title_places(prs: PresentationType) -> set[tuple[int, int, int]]:
    """Where the titles of all content slides (bullets, agenda, image, …) start, and
    how high their boxes are (how wide is the layout's: beside a panel, narrower)."""
    return {(shape.rect.x, shape.rect.y, shape.rect.h) for slide in prs.slides
            if slide_name(slide).split(":")[0] in CONTENT_KINDS
            for shape in placed_shapes(slide) if shape.placeholder in ("title", "ctrTitle")}


def captions(prs: PresentationType, texts: set[str]) -> Iterator[tuple[str, Placed, Placed]]:
    """(slide, caption, picture) for every shape showing one of the caption `texts`,
    with the picture above it on its slide."""
    for slide in prs.slides:
        shapes = placed_shapes(slide)
        pictures = [s for s in shapes if s.picture]
        for shape in shapes:
            if shape.text in texts and pictures:
                above = [p for p in pictures if p.rect.y < shape.rect.y] or pictures
                yield slide_name(slide), shape, max(above, key=lambda p: p.rect.w * p.rect.h)


def caption_problems(prs: PresentationType, texts: set[str]) -> list[str]:
    """Captions not centred close under their picture, or with text not centred."""
    width, height = int(prs.slide_width or 0), int(prs.slide_height or 0)
    found = []
    for name, caption, picture in captions(prs, texts):
        centre = caption.rect.x + caption.rect.w / 2
        wanted = picture.rect.x + picture.rect.w / 2
        gap = caption.rect.y - (picture.rect.y + picture.rect.h)
        aligns = {p.get("algn") for p in caption.element.iter(f"{A}pPr")}
        if abs(centre - wanted) > CENTRED * width:
            found.append(f"{name}: caption centre {centre:.0f} ≠ picture centre {wanted:.0f}")
        if not 0 <= gap <= CAPTION_GAP * height:
            found.append(f"{name}: caption {gap / 12700:.0f} pt under its picture")
        if aligns != {"ctr"}:
            found.append(f"{name}: caption text aligned {aligns}")
    return found


def missing_section_numbers(prs: PresentationType) -> list[str]:
    """Section slides without a label of at most a few characters besides the title."""
    found = []
    for slide in prs.slides:
        name = slide_name(slide)
        if not name.startswith("section:"):
            continue
        labels = [s.text for s in placed_shapes(slide)
                  if s.placeholder not in ("title", "ctrTitle") and 0 < len(s.text) <= 4]
        if not labels:
            found.append(name)
    return found


def caption_texts(folder: Path) -> set[str]:
    """Every picture caption the content folder's YAML files write."""
    texts: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            picture = node.get("picture")
            if isinstance(picture, dict) and isinstance(picture.get("caption"), str):
                texts.add(picture["caption"].strip())
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted(folder.rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return texts


# -- the decks ---------------------------------------------------------------------------

TEMPLATES = ("vng", *NAMES)
DECKS = ("default", "stress")


@dataclass(frozen=True)
class Measured:
    """A deck as written, and the captions its content has."""

    prs: PresentationType
    captions: set[str]
    vng: bool


_BUILT: dict[tuple[str, str], Measured] = {}


@pytest.fixture(scope="module")
def stress_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_stress_set(tmp_path_factory.mktemp("design-stress") / "stress")


@pytest.fixture(params=[(t, d) for t in TEMPLATES for d in DECKS],
                ids=[f"{t}-{d}" for t in TEMPLATES for d in DECKS])
def measured(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
             stress_content: Path) -> Measured:
    name, deck = request.param
    if (name, deck) not in _BUILT:
        template = TEMPLATE_DIR if name == "vng" else \
            third_party_templates(tmp_path_factory).get(name)
        content = CONTENT_DIR if deck == "default" else stress_content
        out = tmp_path_factory.mktemp("design") / f"{name}-{deck}.pptx"
        pipeline.build(content, out, template)
        _BUILT[name, deck] = Measured(Presentation(str(out)), caption_texts(content),
                                      name == "vng")
    return _BUILT[name, deck]


def test_nothing_crosses_the_artwork(measured: Measured) -> None:
    assert collisions(measured.prs) == []


def test_nothing_lies_outside_the_slide(measured: Measured) -> None:
    assert off_slide(measured.prs) == []


def test_a_layout_has_one_title_place(measured: Measured) -> None:
    assert {layout: places for layout, places in title_places(measured.prs).items()
            if len(places) > 1} == {}
    if measured.vng:
        assert len(content_title_places(measured.prs)) == 1


def test_captions_are_centred_under_their_picture(measured: Measured) -> None:
    assert any(True for _ in captions(measured.prs, measured.captions))
    assert caption_problems(measured.prs, measured.captions) == []


def test_every_section_slide_shows_its_number(measured: Measured) -> None:
    assert missing_section_numbers(measured.prs) == []


def covered_titles(prs: PresentationType) -> list[str]:
    """Slides where a picture we placed lies over the slide's title."""
    found = []
    for slide in prs.slides:
        placed = placed_shapes(slide)
        titles = [p for p in placed if p.placeholder in {"title", "ctrTitle"} and p.text]
        for picture in (p for p in placed if p.picture and p.placeholder is None):
            for title in titles:
                w = min(picture.rect.x + picture.rect.w, title.rect.x + title.rect.w) - max(
                    picture.rect.x, title.rect.x)
                h = min(picture.rect.y + picture.rect.h, title.rect.y + title.rect.h) - max(
                    picture.rect.y, title.rect.y)
                if w > 0 and h > 0:
                    found.append(f"{slide_name(slide)}: {picture.name} over the title")
    return found


def test_no_picture_covers_a_title(measured: Measured) -> None:
    assert covered_titles(measured.prs) == []


def test_the_collision_measure_sees_a_shape_on_a_triangle() -> None:
    triangle = [(100.0, 0.0), (100.0, 100.0), (0.0, 100.0)]
    assert _crosses((60, 60, 90, 90), triangle)  # inside the triangle
    assert not _crosses((0, 0, 40, 40), triangle)  # in the box, beside the slant
    assert _crosses((10, 10, 200, 20), triangle)  # across its right edge
    assert _crosses((40, 0, 60, 200), [(50.0, 0.0), (50.0, 300.0)])  # across a line
    assert not _crosses((0, 0, 40, 200), [(50.0, 0.0), (50.0, 300.0)])
