"""The stress deck (tests/stress/): long text, 25 partners and awkward pictures.

It must build, and the result is checked by measurements of its own, independent of the
planner's: every text box's text fits its box, every picture keeps its shape, the
24-megapixel photo goes in small. Bad pictures fail with a located error and no file.

The text check wraps each paragraph greedily with Pillow's `getlength` of the bundled
Liberation Sans at each run's written size, takes 1.2 × the size (× the paragraph's
line spacing) per line, the written space before each paragraph, and the box from the
shape or the layout placeholder it inherits, less its insets. It reads the XML only.
"""

from __future__ import annotations

import functools
import io
import re
import statistics
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from PIL import Image, ImageFont
from pptx import Presentation
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide

from deck_builder import pipeline
from deck_builder.errors import DeckError
from tests.conftest import (
    NS,
    TEMPLATE_DIR,
    Cli,
    expect_error,
    locate_in,
    slide_name,
)
from tests.content.test_pictures import bomb_png
from tests.stress.pictures import PHONE_SIZE, copy_stress_set

FONTS = TEMPLATE_DIR / "fonts"
FACES = {
    (False, False): "LiberationSans-Regular.ttf",
    (True, False): "LiberationSans-Bold.ttf",
    (False, True): "LiberationSans-Italic.ttf",
    (True, True): "LiberationSans-BoldItalic.ttf",
}
EMU_PER_PT = 12700
LINE = 1.2  # line pitch at single spacing, × the font size
SLACK_PT = 0.5  # rounding of EMU and half points
A = f"{{{NS['a']}}}"
P = f"{{{NS['p']}}}"
_TITLE_TYPES = {"title", "ctrTitle"}
_FOOTER_TYPES = {"dt", "ftr", "sldNum"}


@dataclass(frozen=True)
class Built:
    """The stress deck built once: its content copy, output, result and presentation."""

    content: Path
    path: Path
    result: pipeline.BuildResult
    prs: PresentationType


@pytest.fixture(scope="module")
def stress(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("stress")
    content = copy_stress_set(root / "stress")
    out = root / "stress.pptx"
    result = pipeline.build(content, out, TEMPLATE_DIR)
    return Built(content, out, result, Presentation(str(out)))


# -- building ----------------------------------------------------------------------------


def test_the_stress_deck_builds_with_located_warnings(stress: Built) -> None:
    names = [slide_name(slide) for slide in stress.prs.slides]
    assert len(names) == stress.result.slides
    # Long text and many partners continue on "(vervolg)" slides.
    for continued in ("bullets:dertig-bullets:2", "two-column:twee-lange-kolommen:2",
                      "partners:partners:2"):
        assert continued in names
    titles = {slide_name(s): s.shapes.title.text_frame.text for s in stress.prs.slides
              if s.shapes.title is not None}
    assert titles["bullets:dertig-bullets:2"] == "Dertig bullets op één dia (vervolg)"
    assert titles["partners:partners:2"] == "Onze partners (vervolg)"
    # Every shrink and split is a warning at the file:line:col of the field it is about
    # (named as the content names it) in the sections.
    warnings = stress.result.warnings
    assert len(warnings) >= 4
    sections = stress.content / "sections"
    for warning in warnings:
        where, _, message = warning.partition(": ")
        file, line, column = where.rsplit(":", 2)
        assert Path(file).resolve().parent == sections.resolve(), warning
        text = Path(file).read_text(encoding="utf-8").splitlines()
        named = re.search(r"text of '([a-z_.]+)'", message)
        key = named.group(1).split(".")[-1] if named else "partners"
        assert text[int(line) - 1][int(column) - 1:].startswith(f"{key}:"), warning
        assert "pt" in message or "continue" in message
    assert any("'Dertig bullets op één dia (vervolg)'" in w for w in warnings)
    assert any("25 partners continue" in w for w in warnings)


def test_strict_turns_the_warnings_into_errors_and_writes_nothing(
    stress: Built, tmp_path: Path
) -> None:
    out = tmp_path / "strikt.pptx"
    with pytest.raises(DeckError) as caught:
        pipeline.build(stress.content, out, TEMPLATE_DIR, strict=True)
    assert len(caught.value.problems) == len(stress.result.warnings)
    assert not out.exists()
    assert not list(tmp_path.iterdir())  # no temporary file left behind either


# -- text fits -------------------------------------------------------------------------


@functools.cache
def _font(bold: bool, italic: bool, size: float) -> ImageFont.FreeTypeFont:
    # One pixel per point: getlength then answers in points.
    return ImageFont.truetype(str(FONTS / FACES[(bold, italic)]), size)


def _length(text: str, bold: bool, italic: bool, size: float) -> float:
    return float(_font(bold, italic, size).getlength(text))


class Inherited:
    """Where a shape's text properties come from, nearest first: the shape itself, the
    layout placeholder with its idx (or type), the master placeholder of its kind, the
    master's text style; a shape that is no placeholder: the presentation's defaults."""

    def __init__(self, slide: Slide, sp: etree._Element, defaults: etree._Element) -> None:
        self.sp = sp
        ph = sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
        self.type = None if ph is None else ph.get("type", "body")
        shapes = [sp]
        lists = [sp.find(f"{P}txBody/{A}lstStyle")]
        if ph is None:
            lists.append(defaults)
        else:
            layout = _placeholder(slide.slide_layout._element, ph.get("idx"), self.type)
            base = {"ctrTitle": "title", "title": "title"}.get(
                self.type, self.type if self.type in _FOOTER_TYPES else "body")
            master = slide.slide_layout.slide_master._element
            master_sp = _placeholder(master, None, base)
            style = ("titleStyle" if base == "title" else
                     "otherStyle" if base in _FOOTER_TYPES else "bodyStyle")
            for found in (layout, master_sp):
                if found is not None:
                    shapes.append(found)
                    lists.append(found.find(f"{P}txBody/{A}lstStyle"))
            lists.append(master.find(f"{P}txStyles/{P}{style}"))
        self.shapes = shapes
        self.lists = [element for element in lists if element is not None]

    def box(self) -> tuple[float, float, bool]:
        """Width and height (pt) for text, insets taken off; whether lines wrap."""
        ext = next(found for s in self.shapes
                   if (found := s.find(f"{P}spPr/{A}xfrm/{A}ext")) is not None)
        insets = {"lIns": 91440, "tIns": 45720, "rIns": 91440, "bIns": 45720}
        wrap = "square"
        for name in [*insets, "wrap"]:
            for shape in self.shapes:
                body_pr = shape.find(f"{P}txBody/{A}bodyPr")
                if body_pr is not None and body_pr.get(name) is not None:
                    if name == "wrap":
                        wrap = body_pr.get(name)
                    else:
                        insets[name] = int(body_pr.get(name))
                    break
        width = (int(ext.get("cx")) - insets["lIns"] - insets["rIns"]) / EMU_PER_PT
        height = (int(ext.get("cy")) - insets["tIns"] - insets["bIns"]) / EMU_PER_PT
        return width, height, wrap != "none"

    def level(self, p: etree._Element) -> list[etree._Element]:
        """The paragraph's own properties, then the inherited ones of its level."""
        ppr = p.find(f"{A}pPr")
        level = int(ppr.get("lvl", "0")) if ppr is not None else 0
        found = [ppr] if ppr is not None else []
        for style in self.lists:
            lvl = style.find(f"{A}lvl{level + 1}pPr")
            if lvl is not None:
                found.append(lvl)
        return found

    def first(self, props: list[etree._Element], path: str, attribute: str) -> str | None:
        for element in props:
            found = element.find(path) if path else element
            if found is not None and found.get(attribute) is not None:
                return str(found.get(attribute))
        return None


def _placeholder(root: etree._Element, idx: str | None, kind: str | None) -> Any:
    for sp in root.iter(f"{P}sp"):
        ph = sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
        if ph is None:
            continue
        if idx not in (None, "0") and ph.get("idx") == idx:
            return sp
        if (idx in (None, "0")) and ph.get("type", "body") == kind:
            return sp
    return None


@dataclass(frozen=True)
class Token:
    """A piece of text between spaces, in one formatting; `space` is a space before it."""

    text: str
    bold: bool
    italic: bool
    size: float
    space: bool
    brk: bool = False  # a line break (a:br) instead of text


def _tokens(p: etree._Element, shape: Inherited, props: list[etree._Element],
            explicit: bool) -> list[Token]:
    tokens: list[Token] = []
    pending = False
    for child in p:
        if child.tag == f"{A}br":
            tokens.append(Token("", False, False, 0, False, brk=True))
            pending = False
            continue
        if child.tag not in (f"{A}r", f"{A}fld"):
            continue
        rpr = child.find(f"{A}rPr")
        size_value = rpr.get("sz") if rpr is not None else None
        if explicit:
            assert size_value is not None, etree.tostring(child)
        if size_value is None:
            size_value = shape.first(props, f"{A}defRPr", "sz") or "1800"
        bold = (rpr.get("b") if rpr is not None and rpr.get("b") is not None
                else shape.first(props, f"{A}defRPr", "b")) in {"1", "true"}
        italic = (rpr.get("i") if rpr is not None and rpr.get("i") is not None
                  else shape.first(props, f"{A}defRPr", "i")) in {"1", "true"}
        text = child.findtext(f"{A}t") or ""
        for index, piece in enumerate(text.split(" ")):
            if index:
                pending = True
            if piece:
                tokens.append(Token(piece, bold, italic, int(size_value) / 100, pending))
                pending = False
    return tokens


def _marker(p: etree._Element, props: list[etree._Element], number: int) -> str | None:
    """The bullet character or number shown before the paragraph, if any."""
    for element in props:
        if element.find(f"{A}buNone") is not None:
            return None
        char = element.find(f"{A}buChar")
        if char is not None:
            return str(char.get("char"))
        auto = element.find(f"{A}buAutoNum")
        if auto is not None:
            return f"{int(auto.get('startAt', '1')) + number}."
    return None


def _spacing(props: list[etree._Element], tag: str, shape: Inherited, size: float) -> float:
    """Space (pt) before or after a paragraph."""
    value = _first_spacing(props, tag, size)
    return 0.0 if value is None else value


def _line_pitch(props: list[etree._Element], size: float) -> float:
    value = _first_spacing(props, "lnSpc", size)
    return LINE * size if value is None else value


def _first_spacing(props: list[etree._Element], tag: str, size: float) -> float | None:
    """The first `tag` (spcBef, spcAft, lnSpc) any of `props` sets, in points."""
    for element in props:
        spacing = element.find(f"{A}{tag}")
        if spacing is None:
            continue
        points = spacing.find(f"{A}spcPts")
        if points is not None:
            return int(points.get("val")) / 100
        percent = spacing.find(f"{A}spcPct")
        if percent is not None:
            return int(percent.get("val")) / 100_000 * LINE * size
    return None


def _wrap(tokens: list[Token], first: float, rest: float, wraps: bool) -> list[float]:
    """Greedy word wrap; returns the largest font size on each line (pt)."""
    lines: list[float] = []
    used, tallest, available = 0.0, 0.0, first
    words: list[list[Token]] = []
    for token in tokens:  # pieces without a space between them are one word
        if token.brk or token.space or not words or words[-1][-1].brk:
            words.append([token])
        else:
            words[-1].append(token)
    for word in words:
        if word[0].brk:
            lines.append(tallest)
            used, tallest, available = 0.0, 0.0, rest
            continue
        width = sum(_length(t.text, t.bold, t.italic, t.size) for t in word)
        space = _length(" ", word[0].bold, word[0].italic, word[0].size) if word[0].space else 0
        size = max(t.size for t in word)
        if wraps and used > 0 and used + space + width > available:
            lines.append(tallest)
            used, tallest, available, space = 0.0, 0.0, rest, 0
        if wraps and width > available:  # broken inside the word
            while width > available:
                lines.append(max(tallest, size))
                width -= available
                used, tallest, available = 0.0, 0.0, rest
        used += space + width
        tallest = max(tallest, size)
    lines.append(tallest)
    return lines


@dataclass(frozen=True)
class Overflow:
    """A text box whose text needs more room than it has."""

    slide: str
    shape: str
    needed: float
    height: float
    text: str


def overflows(prs: PresentationType) -> list[Overflow]:
    """Every text box of every slide whose text does not fit, by this module's measure."""
    defaults = prs.part._element.find(f"{P}defaultTextStyle")
    found: list[Overflow] = []
    for slide in prs.slides:
        for sp in slide.shapes._spTree.iter(f"{P}sp"):
            paragraphs = sp.findall(f"{P}txBody/{A}p")
            text = "\n".join("".join(t.text or "" for t in p.iter(f"{A}t")) for p in paragraphs)
            if not text.strip():
                continue
            shape = Inherited(slide, sp, defaults)
            width, height, _ = shape.box()
            needed = _needed(shape, paragraphs, width, explicit=shape.type not in _FOOTER_TYPES)
            if needed > height + SLACK_PT:
                name = sp.find(f"{P}nvSpPr/{P}cNvPr").get("name")
                found.append(Overflow(slide_name(slide), name, needed, height, text[:60]))
    return found


def _needed(shape: Inherited, paragraphs: list[etree._Element], width: float,
            explicit: bool) -> float:
    """Height (pt) the paragraphs take in a box `width` pt wide."""
    total = 0.0
    numbered = 0
    _, _, wraps = shape.box()
    for index, p in enumerate(paragraphs):
        props = shape.level(p)
        tokens = _tokens(p, shape, props, explicit)
        if not tokens:
            continue
        size = max((t.size for t in tokens if not t.brk), default=0.0)
        margin = int(shape.first(props, "", "marL") or 0) / EMU_PER_PT
        indent = int(shape.first(props, "", "indent") or 0) / EMU_PER_PT
        marker = _marker(p, props, numbered)
        numbered = numbered + 1 if marker and marker.endswith(".") else 0
        start = margin + indent
        if marker:  # the text follows the marker, at the margin or after it
            first = tokens[0]
            start = max(margin, start + _length(marker, first.bold, False, first.size))
        lines = _wrap(tokens, width - start, width - margin, wraps)
        if not wraps:
            widest = sum(_length(t.text, t.bold, t.italic, t.size) for t in tokens)
            assert widest <= width - start + SLACK_PT, (widest, width, "".join(
                t.text for t in tokens))
        if index:  # the first paragraph's space before is written as 0 (checked below)
            total += _spacing(props, "spcBef", shape, size)
        total += sum(_line_pitch(props, line or size) for line in lines)
        total += _spacing(props, "spcAft", shape, size)
    return total


def test_every_text_fits_its_box_by_an_independent_measurement(stress: Built) -> None:
    assert overflows(stress.prs) == []


def test_the_measurement_sees_text_that_does_not_fit(stress: Built) -> None:
    # The check above must be able to fail: text set larger than planned overflows.
    prs = Presentation(str(stress.path))
    target = next(s for s in prs.slides if slide_name(s) == "bullets:dertig-bullets")
    body = next(sp for sp in target.shapes if sp.name != "Titel" and sp.is_placeholder)
    for rpr in body._element.iter(f"{A}rPr"):
        rpr.set("sz", str(int(rpr.get("sz")) + 400))  # 4 pt larger
    (found,) = overflows(prs)
    assert (found.slide, found.shape) == ("bullets:dertig-bullets", body.name)
    assert found.needed > found.height


def test_every_run_has_its_size_written_and_autofit_is_off(stress: Built) -> None:
    for slide in stress.prs.slides:
        for sp in slide.shapes._spTree.iter(f"{P}sp"):
            ph = sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
            if ph is not None and ph.get("type") in _FOOTER_TYPES:
                continue  # footers keep the layout's size
            runs = sp.findall(f".//{A}r")
            if not runs:
                continue
            assert all(r.find(f"{A}rPr").get("sz") for r in runs), slide_name(slide)
            body_pr = sp.find(f"{P}txBody/{A}bodyPr")
            assert body_pr.find(f"{A}normAutofit") is None
            if ph is not None:
                assert body_pr.find(f"{A}noAutofit") is not None, slide_name(slide)
            # The space before the first paragraph is written, as none.
            first = sp.find(f"{P}txBody/{A}p/{A}pPr/{A}spcBef/{A}spcPts")
            assert first is not None, slide_name(slide)
            assert first.get("val") == "0", slide_name(slide)


def test_no_text_is_smaller_than_twelve_points(stress: Built) -> None:
    sizes = [int(rpr.get("sz")) / 100 for slide in stress.prs.slides
             for sp in slide.shapes._spTree.iter(f"{P}sp")
             if (ph := sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph")) is None
             or ph.get("type") not in _FOOTER_TYPES
             for rpr in sp.iter(f"{A}rPr") if rpr.get("sz")]
    assert min(sizes) >= 12


# -- pictures ------------------------------------------------------------------------


def _pictures(slide: Slide) -> list[tuple[etree._Element, Any]]:
    """(p:pic element, image part) of every picture on the slide."""
    found = []
    for pic in slide.shapes._spTree.iter(f"{P}pic"):
        rid = pic.find(f"{P}blipFill/{A}blip").get(f"{{{NS['r']}}}embed")
        found.append((pic, slide.part.related_part(rid)))
    return found


def _aspects(slide: Slide) -> list[tuple[float, float]]:
    """(shown, pixels) width/height ratio of each picture; pixels within `a:srcRect`."""
    found = []
    for pic, part in _pictures(slide):
        ext = pic.find(f"{P}spPr/{A}xfrm/{A}ext")
        shown = int(ext.get("cx")) / int(ext.get("cy"))
        with Image.open(io.BytesIO(part.blob)) as image:
            width, height = image.size
        crop = pic.find(f"{P}blipFill/{A}srcRect")
        left, top, right, bottom = (
            (int(crop.get(side, "0")) / 100_000 for side in "ltrb") if crop is not None
            else (0.0, 0.0, 0.0, 0.0))
        found.append((shown, width * (1 - left - right) / (height * (1 - top - bottom))))
    return found


def test_every_picture_keeps_its_aspect_ratio(stress: Built) -> None:
    checked = 0
    for slide in stress.prs.slides:
        if slide_name(slide) == "image:strook":
            continue  # see the next test
        for shown, pixels in _aspects(slide):
            assert abs(shown / pixels - 1) <= 0.01, (slide_name(slide), shown, pixels)
            checked += 1
    assert checked >= 5 + 9  # the other pictures of image and quote slides, the logos


def test_a_one_pixel_strip_keeps_its_aspect_ratio(stress: Built) -> None:
    by_name = {slide_name(slide): slide for slide in stress.prs.slides}
    ((shown, pixels),) = _aspects(by_name["image:strook"])
    assert abs(shown / 0.0005 - 1) <= 0.01  # placed at 1:2000 by the planner
    assert abs(shown / pixels - 1) <= 0.01


def test_pictures_go_in_as_png_or_jpeg_upright_and_small(stress: Built) -> None:
    by_name = {slide_name(slide): slide for slide in stress.prs.slides}
    for slide in stress.prs.slides:
        for _, part in _pictures(slide):
            assert part.content_type in {"image/png", "image/jpeg"}, slide_name(slide)
    ((_, photo),) = _pictures(by_name["image:foto-24mp"])
    assert len(photo.blob) < 1_000_000
    ((_, phone),) = _pictures(by_name["image:telefoonfoto"])
    with Image.open(io.BytesIO(phone.blob)) as image:
        assert image.height > image.width  # turned upright from its EXIF orientation
        assert image.getexif().get(0x0112) in (None, 1)
        # The orange arrow is at the top, as drawn on the upright picture.
        top = image.convert("RGB").getpixel((image.width // 2, image.height * 200 // 1600))
        assert top[0] > 200, top
        assert top[2] < 80, top
    assert PHONE_SIZE[1] > PHONE_SIZE[0]
    ((_, cmyk),) = _pictures(by_name["image:cmyk"])
    with Image.open(io.BytesIO(cmyk.blob)) as image:
        assert image.mode == "RGB"


def test_partner_logos_have_the_full_name_as_alt_text(stress: Built) -> None:
    registry = (stress.content / "partners.yaml").read_text(encoding="utf-8")
    alts = [pic.find(f"{P}nvPicPr/{P}cNvPr").get("descr")
            for slide in stress.prs.slides if slide_name(slide).startswith("partners:")
            for pic, _ in _pictures(slide)]
    assert len(alts) == 9
    for alt in alts:
        assert f"  name: {alt}\n" in registry


def test_the_package_is_not_bloated(stress: Built) -> None:
    with zipfile.ZipFile(stress.path) as archive:
        media = [info.file_size for info in archive.infolist()
                 if info.filename.startswith("ppt/media/")]
    assert sum(media) < 2_000_000
    assert statistics.median(media) < 200_000


# -- bad pictures -------------------------------------------------------------------------

# A text file named .png is refused in tests/test_content.py (and a truncated PNG there);
# here the stress set's own pictures are broken, so the error is found among many files.
BROKEN = {
    "decompression_bomb": ("images/strook.png", "strook.png", ("has too many pixels",)),
    "truncated_jpeg": ("images/foto-24mp.jpg", "foto-24mp.jpg", ("damaged or truncated",)),
}


@pytest.mark.parametrize("case", BROKEN.values(), ids=BROKEN)
def test_a_broken_picture_is_a_located_error_and_nothing_is_written(
    tmp_path: Path, cli: Cli, case: tuple[str, str, tuple[str, ...]]
) -> None:
    picture, needle, fragments = case
    content = copy_stress_set(tmp_path / "content")
    path = content / picture
    if path.suffix == ".png":
        bomb_png(path, 30_000, 30_000)
    else:
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
    run = cli("build", "content", "-o", "out.pptx", "--template", str(TEMPLATE_DIR))
    section = (content / "sections" / "02-beeld.yaml").read_text(encoding="utf-8")
    line, column = locate_in(section, f"../images/{needle}")
    expect_error(run, f"content/sections/02-beeld.yaml:{line}:{column}", *fragments)
    assert not (tmp_path / "out.pptx").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["content"]  # no temporary file left
