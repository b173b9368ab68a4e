"""Templates deck-builder did not make: python-pptx's default one mapped by hand in a
brand folder, and third-party templates (pandoc's, python-pptx's, LibreOffice's Impress
templates, one as .potx) mapped automatically."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.presentation import Presentation as PresentationType

from deck_builder.checks import check_accessibility, check_package
from deck_builder.errors import DeckError
from deck_builder.kinds import KINDS
from deck_builder.ooxml.geometry import Rect
from deck_builder.pipeline import build
from deck_builder.template.artwork import TOO_LITTLE, FreeSpace, layout_artwork
from deck_builder.template.load import TemplateCheck, check_template, load_template
from deck_builder.template.needs import BODY_FLOOR
from tests.conftest import (
    CONTENT_DIR,
    NS,
    SEED_FILE,
    SHARED_DIR,
    TEMPLATE_DIR,
    BuiltDeck,
    assert_all_runs_tagged,
    assert_inside,
    fold,
    rect_of,
    slide_name,
)
from tests.fixtures.third_party import NAMES, ThirdParty, third_party_templates
from tests.helpers import base_slides
from tests.test_default_deck import logical_text
from tests.test_libreoffice import convert, pdf_pages

NEEDS = KINDS.layout_needs()

MAPPING = Path(__file__).parents[1] / "fixtures" / "plain-layouts.yaml"


@pytest.fixture
def plain_brand(tmp_path: Path) -> Path:
    """A brand folder around python-pptx's stock template (no logo, Liberation fonts)."""
    folder = tmp_path / "plain"
    folder.mkdir()
    Presentation().save(str(folder / "template.pptx"))
    shutil.copytree(TEMPLATE_DIR / "fonts", folder / "fonts")
    brand = (TEMPLATE_DIR / "brand.yaml").read_text(encoding="utf-8")
    brand = "\n".join(line for line in brand.splitlines() if not line.startswith("logo:"))
    (folder / "brand.yaml").write_text(brand + "\n", encoding="utf-8")
    shutil.copy(MAPPING, folder / "layouts.yaml")
    return folder


def test_default_content_builds_on_a_foreign_template(plain_brand: Path, tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    result = build(CONTENT_DIR, out, plain_brand)
    prs = Presentation(str(out))
    assert len(prs.slides) == result.slides >= 14
    mapping = yaml.safe_load(MAPPING.read_text(encoding="utf-8"))["kinds"]
    for slide in prs.slides:
        kind = slide_name(slide).split(":")[0]
        assert slide.slide_layout.name == mapping[kind]["layout"]
    assert assert_all_runs_tagged(out) > 100
    # No placeholder is left empty ("Click to add text") on any slide.
    for slide in prs.slides:
        for shape in slide.placeholders:
            assert shape.has_text_frame is False or shape.text_frame.text.strip(), (
                slide_name(slide), shape.name)


def test_an_automatic_section_number_needs_no_place(plain_brand: Path, tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    build(CONTENT_DIR, out, plain_brand)
    sections = [s for s in Presentation(str(out)).slides if slide_name(s).startswith("section:")]
    assert sections
    for slide in sections:
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert not any(text.strip() in {"01", "02"} for text in texts)


def test_content_without_a_place_in_the_template_is_a_located_error(
    plain_brand: Path, tmp_path: Path
) -> None:
    layouts = plain_brand / "layouts.yaml"
    text = layouts.read_text(encoding="utf-8")
    layouts.write_text(text.replace("      caption: {idx: 3, max_pt: 16, min_pt: 11}\n", "", 1),
                       encoding="utf-8")
    with pytest.raises(DeckError) as caught:
        build(CONTENT_DIR, tmp_path / "deck.pptx", plain_brand)
    message = str(caught.value)
    section = (CONTENT_DIR / "sections" / "01-nota-ruimte.yaml").read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(section.splitlines(), 1) if "kind: quote" in row)
    assert f"01-nota-ruimte.yaml:{line}:" in message
    assert "'caption'" in message
    assert not (tmp_path / "deck.pptx").exists()


def test_a_long_footer_shrinks_to_one_line_in_a_narrow_box(
    plain_brand: Path, tmp_path: Path
) -> None:
    out = tmp_path / "deck.pptx"
    build(CONTENT_DIR, out, plain_brand)
    prs = Presentation(str(out))
    # The master's footer is matched by type: masters number their placeholders freely.
    master_footer = next(
        ph for ph in prs.slide_master.placeholders
        if ph.placeholder_format.type == PP_PLACEHOLDER.FOOTER
    )
    inherited = int(
        master_footer._element.find(".//a:lvl1pPr/a:defRPr", NS).get("sz")
    ) / 100
    footers = [
        shape for slide in prs.slides for shape in slide.placeholders
        if shape.placeholder_format.type == PP_PLACEHOLDER.FOOTER
    ]
    assert footers
    for shape in footers:
        sizes = {run.font.size.pt for p in shape.text_frame.paragraphs for run in p.runs}
        assert len(sizes) == 1
        assert 6 <= sizes.pop() < inherited


# -- templates nobody here made ----------------------------------------------------------

THIRD_PARTY = NAMES  # pandoc, python-pptx, three LibreOffice Impress templates, one .potx
FOOTER_TYPES = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}


@dataclass(frozen=True)
class ForeignDeck:
    """The default content built on a third-party template."""

    source: Path
    source_digest: str
    check: TemplateCheck
    path: Path
    prs: PresentationType
    slides: int


@pytest.fixture(scope="session")
def third_party(tmp_path_factory: pytest.TempPathFactory) -> ThirdParty:
    return third_party_templates(tmp_path_factory)


_BUILT: dict[str, ForeignDeck] = {}


@pytest.fixture(params=THIRD_PARTY)
def foreign_deck(request: pytest.FixtureRequest, third_party: ThirdParty,
                 tmp_path_factory: pytest.TempPathFactory) -> ForeignDeck:
    """content/ built once per session on each third-party template."""
    name = request.param
    source = third_party.get(name)
    if name not in _BUILT:
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        out = tmp_path_factory.mktemp(f"deck-{name}") / "actualiteiten.pptx"
        result = build(CONTENT_DIR, out, source)
        check = check_template(source, NEEDS)
        _BUILT[name] = ForeignDeck(source, digest, check, out, Presentation(str(out)),
                                   result.slides)
    return _BUILT[name]


def test_the_default_deck_builds_with_every_slide(foreign_deck: ForeignDeck) -> None:
    names = [slide_name(s) for s in foreign_deck.prs.slides]
    assert len(names) == foreign_deck.slides
    firsts = [n for n in names if n.count(":") == 1]
    assert firsts == [f"{s['kind']}:{s.get('id', i + 1)}" for i, s in enumerate(base_slides())]
    for index, name in enumerate(names):  # a continuation follows the slide it continues
        if name.count(":") == 2:
            base, part = name.rsplit(":", 1)
            assert names[index - 1] == (base if part == "2" else f"{base}:{int(part) - 1}")


@pytest.mark.skipif(not SEED_FILE.is_file(), reason=f"seed text not found at {SEED_FILE}")
def test_every_seed_line_is_in_the_deck_in_order(foreign_deck: ForeignDeck) -> None:
    text = logical_text(foreign_deck.prs)
    position = 0
    lines = [fold(line) for line in SEED_FILE.read_text(encoding="utf-8").splitlines()]
    for line in filter(None, lines):
        found = text.find(line, position)
        assert found >= 0, f"{line!r} not found after: {text[position:position + 80]!r}"
        position = found + len(line)


def test_the_package_is_sound_and_the_users_file_unchanged(foreign_deck: ForeignDeck) -> None:
    errors = [f for f in check_package(foreign_deck.path) if f.severity == "error"]
    assert errors == []
    assert hashlib.sha256(foreign_deck.source.read_bytes()).hexdigest() == \
        foreign_deck.source_digest
    # Sample slides of the template do not come along (nor their notes or pictures).
    with zipfile.ZipFile(foreign_deck.path) as archive:
        slides = [n for n in archive.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
        notes = [n for n in archive.namelist() if n.startswith("ppt/notesSlides/")]
    assert len(slides) == foreign_deck.slides
    noted = sum(1 for slide in foreign_deck.prs.slides if slide.has_notes_slide)
    assert len([n for n in notes if n.endswith(".xml")]) == noted


def test_text_sits_inside_the_slide_and_nothing_is_left_empty(foreign_deck: ForeignDeck) -> None:
    prs = foreign_deck.prs
    slide_box = (0, 0, int(prs.slide_width), int(prs.slide_height))
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                assert_inside(rect_of(shape), slide_box, slack=2)
        for shape in slide.placeholders:
            assert not shape.has_text_frame or shape.text_frame.text.strip(), (
                slide_name(slide), shape.name)


def test_text_the_deck_adds_reads_against_its_background(foreign_deck: ForeignDeck) -> None:
    # The accessibility check works out each run's colour over what is behind it. The
    # templates' own footers may be pale (their design); the content must read (3:1,
    # WCAG's minimum for large text; most of it reaches 4.5:1).
    report = check_accessibility(foreign_deck.path)
    slides = list(foreign_deck.prs.slides)
    for finding in report:
        if finding.code != "A11Y-CONTRAST" or finding.slide is None:
            continue
        shape = next(s for s in slides[finding.slide - 1].shapes if s.name == finding.shape)
        if shape.is_placeholder and shape.placeholder_format.type in FOOTER_TYPES:
            continue
        ratio = float(re.search(r"contrast ([\d.]+):1", finding.message).group(1))  # type: ignore[union-attr]
        assert ratio >= 3.0, finding


def test_kinds_without_a_layout_of_their_own_are_reported_once(
    foreign_deck: ForeignDeck,
) -> None:
    template, report = foreign_deck.check
    assert len(template.warnings) == len(set(template.warnings))
    for kind, match in report.matches.items():
        mentioned = [w for w in template.warnings if f"no layout made for {kind} slides" in w]
        assert len(mentioned) == (1 if match.free_roles else 0), kind
        for role in match.free_roles:
            assert template.layouts[kind].roles[role].free


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdfinfo") is None,
                    reason="needs LibreOffice (soffice; Debian: libreoffice-impress) and "
                    "pdfinfo (Debian: poppler-utils)")
def test_libreoffice_renders_one_page_per_slide(foreign_deck: ForeignDeck,
                                                tmp_path: Path) -> None:
    pdf = convert(foreign_deck.path, tmp_path)
    assert pdf.is_file(), "LibreOffice wrote no PDF"
    assert pdf_pages(pdf) == foreign_deck.slides


def test_the_potx_is_the_same_template_as_its_pptx(third_party: ThirdParty) -> None:
    potx, report = check_template(third_party.get("midnightblue-potx"), NEEDS)
    pptx_ = load_template(third_party.get("midnightblue"), NEEDS)
    assert "opened as a presentation" in report.changes[0]
    assert {k: v.name for k, v in potx.layouts.items()} == \
        {k: v.name for k, v in pptx_.layouts.items()}


def test_a_libreoffice_template_is_built_on_its_content_master(third_party: ThirdParty) -> None:
    # Vivid has a title master (its band at the bottom) and a content master (the band
    # on top), and LibreOffice writes one master's positions into every layout; the
    # deck uses the content master, with its own title area.
    template, report = check_template(third_party.get("vivid"), NEEDS)
    used = [m for m in report.masters if m.used]
    assert [m.number for m in used] == [2]
    title = template.layouts["bullets"].roles["title"].rect
    assert title.y + title.h < template.slide_height * 0.25


VALIDATOR = SHARED_DIR / "tools" / "validate-ooxml.sh"
_SDK_ERROR = re.compile(r"^\s+\d+\. \[(?P<type>[^\]]*)\] (?P<id>\S+) ")


def sdk_errors(path: Path) -> tuple[set[str], int]:
    """The kinds of Open XML SDK error in a package (type and id, not where), and the
    number of package-lint errors; skips the test when the validator cannot run."""
    result = subprocess.run(["bash", str(VALIDATOR), str(path)], capture_output=True,
                            text=True, timeout=600, check=False,
                            env={**os.environ, "OOXML_SHOW": "10000"})
    if result.returncode == 2:
        pytest.skip(f"the OOXML validator could not run here: {result.stderr.strip()[-300:]}")
    kinds = {f"{m['type']} {m['id']}" for line in result.stdout.splitlines()
             if (m := _SDK_ERROR.match(line))}
    lint = re.search(r"package lint[^:]*: (\d+) error", result.stdout)
    return kinds, int(lint.group(1)) if lint else 0


@pytest.mark.slow
@pytest.mark.skipif(not VALIDATOR.is_file(), reason=f"validator not found at {VALIDATOR}")
def test_the_validator_finds_nothing_the_template_does_not_have(
    foreign_deck: ForeignDeck,
) -> None:
    deck_kinds, deck_lint = sdk_errors(foreign_deck.path)
    template_kinds, template_lint = sdk_errors(foreign_deck.source)
    assert deck_kinds <= template_kinds, deck_kinds - template_kinds
    assert deck_lint <= template_lint


# -- free space: nothing of ours on the template's artwork --------------------------------

TITLE_PLACEHOLDERS = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}


def _layout_space(layout: Any, width: int, height: int) -> FreeSpace:
    """The free space of a written deck's layout, read from the .pptx itself."""
    boxes = [Rect(*rect_of(p)) for p in layout.placeholders
             if p.placeholder_format.type not in FOOTER_TYPES and p.width]
    artwork = layout_artwork(layout.element, layout.slide_master.element, width, height, boxes)
    return FreeSpace(artwork, Rect(0, 0, width, height))


def _on_artwork(prs: PresentationType, placeholders: bool = True) -> list[str]:
    """What the deck put on its template's artwork: every shape it added and, with
    `placeholders`, every placeholder holding text other than the title (the template
    decides where that is)."""
    width, height = int(prs.slide_width or 0), int(prs.slide_height or 0)
    spaces: dict[int, FreeSpace] = {}
    found = []
    for slide in prs.slides:
        layout = slide.slide_layout
        space = spaces.setdefault(id(layout.element), _layout_space(layout, width, height))
        for shape in slide.shapes:
            if shape.is_placeholder:
                if not placeholders:
                    continue
                kind = shape.placeholder_format.type
                if kind in TITLE_PLACEHOLDERS or kind in FOOTER_TYPES:
                    continue
                if shape.has_text_frame and not shape.text_frame.text.strip():
                    continue
            box = Rect(*rect_of(shape))
            if space.free(box) != box:
                hit = [space.artwork[i].name or space.artwork[i].what
                       for i in space.blocking(box)]
                found.append(f"{slide_name(slide)}: {shape.name!r} on {hit}")
    return found


def test_nothing_we_add_lies_on_the_templates_artwork(foreign_deck: ForeignDeck) -> None:
    assert _on_artwork(foreign_deck.prs) == []


def test_nothing_we_add_lies_on_our_own_templates_artwork(default_deck: BuiltDeck) -> None:
    # Its placeholders are where layouts.yaml puts them, which may be on the artwork.
    assert _on_artwork(default_deck.prs, placeholders=False) == []


def test_nothing_lies_outside_the_slide(foreign_deck: ForeignDeck) -> None:
    prs = foreign_deck.prs
    slide = (0, 0, int(prs.slide_width or 0), int(prs.slide_height or 0))
    for each in prs.slides:
        for shape in each.shapes:
            assert_inside(rect_of(shape), slide)


def test_a_layout_with_too_little_free_room_is_a_warning_with_numbers(
        foreign_deck: ForeignDeck) -> None:
    template, report = foreign_deck.check
    room = [w for w in template.warnings if "clear of its artwork" in w]
    assert len(room) == len(report.crowded)
    for name in report.crowded:
        free = report.free_areas[name]
        share = free.w * free.h / (template.slide_width * template.slide_height)
        assert share < TOO_LITTLE
        assert any(repr(name) in w and f"{share:.0%} of the slide" in w for w in room)


def test_template_check_reports_the_free_area_of_every_layout(
        foreign_deck: ForeignDeck) -> None:
    report = foreign_deck.check.report
    slide = Rect(0, 0, foreign_deck.check.template.slide_width,
                 foreign_deck.check.template.slide_height)
    for info in report.layouts:
        free = report.free_areas[info.name]
        assert_inside(tuple(free), tuple(info.region))
        space = FreeSpace(report.artwork[info.name], slide)
        assert space.free(free) == free  # clear of the artwork itself


BODY_ROLES = ("body", "left_body", "right_body", "quote")


def _body_sizes(prs: PresentationType, template: Any) -> list[tuple[str, str, float]]:
    """(slide, role, size) of every run in a body text role's placeholder (not titles,
    subtitles, captions, footers, or our own shapes), found by the role's idx."""
    found = []
    for slide in prs.slides:
        kind = slide_name(slide).split(":")[0]
        roles = template.layouts[kind].roles
        for role in BODY_ROLES:
            if role not in roles:
                continue
            for shape in slide.placeholders:
                if shape.placeholder_format.idx != roles[role].idx:
                    continue
                for paragraph in shape.text_frame.paragraphs:
                    found.extend((slide_name(slide), role, run.font.size.pt)
                                 for run in paragraph.runs
                                 if run.font.size is not None and run.text.strip())
    return found


def test_body_text_is_never_under_the_floor(foreign_deck: ForeignDeck) -> None:
    template = foreign_deck.check.template
    assert min(role.min_pt for layout in template.layouts.values()
               for name, role in layout.roles.items() if name in BODY_ROLES) >= BODY_FLOOR
    sizes = _body_sizes(foreign_deck.prs, template)
    assert sizes
    assert [found for found in sizes if found[2] < BODY_FLOOR] == []


def test_body_text_on_our_template_is_at_least_16_pt(default_deck: BuiltDeck) -> None:
    template = load_template(TEMPLATE_DIR, NEEDS)
    sizes = _body_sizes(default_deck.prs, template)
    assert sizes
    assert [found for found in sizes if found[2] < 16] == []
