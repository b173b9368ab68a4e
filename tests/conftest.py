"""Shared fixtures and helpers: tiny content folders, builds read back, the CLI runner."""

from __future__ import annotations

import json
import os
import re
import textwrap
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, settings
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.group import GroupShape
from pptx.slide import Slide

from deck_builder import pipeline
from deck_builder.cli.commands import main as cli_main

REPO_ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_DIR = REPO_ROOT / "templates" / "vng"
CONTENT_DIR = REPO_ROOT / "content"
# CI copies shared/ beside the repository; locally it lives beside it too.
SHARED_DIR = REPO_ROOT.parent / "shared"
SEED_FILE = SHARED_DIR / "seed" / "actualiteiten-deck.txt"

LAYOUTS: dict[str, Any] = yaml.safe_load(
    (TEMPLATE_DIR / "layouts.yaml").read_text(encoding="utf-8")
)["kinds"]

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
LANG = "nl-NL"

# A small, fast hypothesis profile: reproducible (derandomized) and without a database
# folder, so a run never depends on an earlier one.
settings.register_profile(
    "deck",
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile("deck")

DEFAULT_PARTNERS = """\
IPO:
  name: Interprovinciaal Overleg
  url: https://www.ipo.nl
VNG:
  name: Vereniging van Nederlandse Gemeenten
  url: https://vng.nl
UvW:
  name: Unie van Waterschappen
"""


def header(**fields: str) -> str:
    """Deck metadata lines: a title, a date and the repo's template by absolute path."""
    values = {
        "title": "Testdeck",
        "date": "2025-12-04",
        "organisation": "VNG",
        "template": json.dumps(str(TEMPLATE_DIR)),
    }
    values.update(fields)
    return "".join(f"{key}: {value}\n" for key, value in values.items())


@dataclass
class Content:
    """A content folder written into tmp_path, with the deck file's text for locating."""

    dir: Path
    deck_file: Path
    text: str

    def where(self, needle: str, occurrence: int = 1) -> tuple[int, int]:
        """1-based line and column of the `occurrence`-th `needle` in deck.yaml."""
        return locate_in(self.text, needle, occurrence)

    def ref(self, needle: str, occurrence: int = 1, file: str = "deck.yaml") -> str:
        """`content/<file>:L:C` of `needle`, as the CLI prints it from tmp_path.

        `file` is a path inside the content folder; other files than deck.yaml are read back.
        """
        text = self.text if file == "deck.yaml" else (self.dir / file).read_text(encoding="utf-8")
        line, column = locate_in(text, needle, occurrence)
        return f"content/{file}:{line}:{column}"


def locate_in(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the `occurrence`-th `needle` in `text`."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


ContentMaker = Callable[..., Content]


@pytest.fixture
def make_content(tmp_path: Path) -> ContentMaker:
    """Write `tmp_path/content/` with deck.yaml (header + the given slides) and partners.

    `slides` is a YAML list written at column 0; it is indented under `slides:`.
    `deck` replaces the whole deck.yaml text; `files` adds more files (text or bytes).
    """

    def write(
        slides: str = "",
        *,
        deck: str | None = None,
        meta: dict[str, str] | None = None,
        partners: str | None = DEFAULT_PARTNERS,
        files: dict[str, str | bytes] | None = None,
    ) -> Content:
        folder = tmp_path / "content"
        folder.mkdir(exist_ok=True)
        if deck is None:
            body = textwrap.indent(textwrap.dedent(slides).strip("\n"), "  ")
            deck = header(**(meta or {})) + "slides:\n" + body + "\n"
        deck_file = folder / "deck.yaml"
        deck_file.write_text(deck, encoding="utf-8")
        if partners is not None:
            (folder / "partners.yaml").write_text(partners, encoding="utf-8")
        for name, data in (files or {}).items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        return Content(folder, deck_file, deck)

    return write


def build(content: Content | Path, out: Path) -> PresentationType:
    """Build a content folder into `out` with the pipeline and open the result."""
    folder = content.dir if isinstance(content, Content) else content
    result = pipeline.build(folder, out)
    assert result.output == out
    assert out.is_file()
    return Presentation(str(out))


SlideBuilder = Callable[..., PresentationType]
BUILT_DECK = Path("out") / "deck.pptx"


@pytest.fixture
def build_slides(make_content: ContentMaker, tmp_path: Path) -> SlideBuilder:
    """Write content with make_content's arguments, build it into tmp_path/BUILT_DECK, open it."""

    def run(slides: str = "", **options: Any) -> PresentationType:
        return build(make_content(slides, **options), tmp_path / BUILT_DECK)

    return run


def make_png(path: Path, size: tuple[int, int] = (60, 30), colour: str = "#14365d") -> Path:
    """A small solid PNG picture."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, "PNG")
    return path


def png_bytes(size: tuple[int, int] = (60, 30), colour: str = "#e5761a") -> bytes:
    """A small solid PNG picture as bytes."""
    import io

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


# -- reading decks back ------------------------------------------------------------------


def iter_shapes(shapes: Any) -> Iterator[Any]:
    """Shapes in tree order, descending into groups."""
    for shape in shapes:
        yield shape
        if isinstance(shape, GroupShape):
            yield from iter_shapes(shape.shapes)


def slide_name(slide: Slide) -> str:
    """The `<kind>:<id>[:<part>]` name the builder gives each slide."""
    return str(slide._element.cSld.get("name"))


def slide_texts(slide: Slide) -> list[str]:
    """Text of every shape with a text frame, in tree (reading) order."""
    return [s.text_frame.text for s in iter_shapes(slide.shapes) if s.has_text_frame]


def deck_texts(prs: PresentationType) -> list[str]:
    """Text of every shape of every slide, in slide then shape order."""
    return [text for slide in prs.slides for text in slide_texts(slide)]


def fold(text: str) -> str:
    """Whitespace folded to single spaces, bullet characters removed."""
    return re.sub(r"\s+", " ", text.replace("•", " ")).strip()


def placeholder(slide: Slide, idx: int) -> Any:
    """The slide's placeholder with this idx, or None."""
    for shape in slide.placeholders:
        if shape.placeholder_format.idx == idx:
            return shape
    return None


def role_shape(slide: Slide, kind: str, role: str) -> Any:
    """The placeholder of a kind's role, per templates/vng/layouts.yaml."""
    return placeholder(slide, LAYOUTS[kind]["roles"][role]["idx"])


def text_runs(shape: Any) -> list[Any]:
    """The runs of a shape's text, paragraph after paragraph."""
    return [run for para in shape.text_frame.paragraphs for run in para.runs]


def linked_runs(shape: Any) -> list[tuple[str, str]]:
    """(run text, hyperlink address) of every linked run of a shape."""
    return [(run.text, run.hyperlink.address) for run in text_runs(shape) if run.hyperlink.address]


def run_sizes(shape: Any) -> list[float]:
    """Font sizes (pt) of the runs of a shape, as written in each run."""
    sizes = []
    for run in text_runs(shape):
        assert run.font.size is not None, f"run {run.text!r} of {shape.name} has no size"
        sizes.append(run.font.size.pt)
    return sizes


def bullet_marks(shape: Any) -> list[str | None]:
    """Per paragraph: its bullet character, 'auto' for a number, None for no bullet."""
    marks: list[str | None] = []
    for p in shape._element.findall(".//a:p", NS):
        char = p.find("a:pPr/a:buChar", NS)
        if char is not None:
            marks.append(char.get("char"))
        elif p.find("a:pPr/a:buAutoNum", NS) is not None:
            marks.append("auto")
        else:
            marks.append(None)
    return marks


def free_text_shapes(slide: Slide) -> list[Any]:
    """The slide's own top-level shapes with a text frame (not placeholders): boxes, chips."""
    return [s for s in slide.shapes if not s.is_placeholder and s.has_text_frame]


def assert_role_sizes(slide: Slide, kind: str, role: str) -> list[float]:
    """Every run of the role has a size within the role's [min_pt, max_pt]."""
    spec = LAYOUTS[kind]["roles"][role]
    shape = role_shape(slide, kind, role)
    assert shape is not None, f"{kind}: no placeholder for role {role}"
    sizes = run_sizes(shape)
    assert sizes, f"{kind}.{role} has no runs"
    for size in sizes:
        assert spec["min_pt"] <= size <= spec["max_pt"], (kind, role, size, spec)
    return sizes


@dataclass(frozen=True)
class KindSlide:
    """A built slide read through the roles of its kind, per templates/vng/layouts.yaml."""

    slide: Slide
    kind: str

    def spec(self, role: str) -> dict[str, Any]:
        """The role's entry in layouts.yaml (idx, min_pt, max_pt)."""
        return dict(LAYOUTS[self.kind]["roles"][role])

    def shape(self, role: str) -> Any:
        """The slide's placeholder for the role, or None."""
        return role_shape(self.slide, self.kind, role)

    def text(self, role: str) -> str:
        """The role's text."""
        return str(self.shape(role).text_frame.text)

    def paragraphs(self, role: str) -> list[str]:
        """The role's text, paragraph by paragraph."""
        return [p.text for p in self.shape(role).text_frame.paragraphs]

    def sizes(self, role: str) -> list[float]:
        """The role's run sizes, each checked to lie in the role's range."""
        return assert_role_sizes(self.slide, self.kind, role)

    def area(self, role: str) -> Any:
        """The slide layout's placeholder for the role: the area the role may fill."""
        idx = self.spec(role)["idx"]
        layout = self.slide.slide_layout.placeholders
        (area,) = [p for p in layout if p.placeholder_format.idx == idx]
        return area

    def check(self, texts: dict[str, str], sized: Iterable[str] = ()) -> dict[str, list[float]]:
        """The kind's layout is used, each role shows its text, the `sized` roles are in range."""
        assert self.slide.slide_layout.name == LAYOUTS[self.kind]["layout"], slide_name(self.slide)
        for role, text in texts.items():
            assert self.text(role) == text, (self.kind, role)
        return {role: self.sizes(role) for role in sized}


def kind_slides(prs: PresentationType, kind: str) -> list[KindSlide]:
    """Every slide of a deck that has only slides of one kind, read through that kind."""
    for slide in prs.slides:
        assert slide_name(slide).split(":")[0] == kind, slide_name(slide)
    return [KindSlide(slide, kind) for slide in prs.slides]


def pictures(slide: Slide) -> list[Any]:
    """Picture shapes of a slide (tree order)."""
    return [s for s in iter_shapes(slide.shapes) if s._element.tag == f"{{{NS['p']}}}pic"]


def descr(shape: Any) -> str | None:
    """The alternative text (cNvPr/@descr) of a shape."""
    return shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr")


def run_links(prs: PresentationType) -> list[tuple[str, str]]:
    """(run text, hyperlink address) of every linked run in the deck."""
    return [
        link
        for slide in prs.slides
        for shape in iter_shapes(slide.shapes)
        if shape.has_text_frame
        for link in linked_runs(shape)
    ]


def zip_xml(path: Path, prefix: str) -> dict[str, etree._Element]:
    """Parsed XML parts of a .pptx whose name starts with `prefix`."""
    with zipfile.ZipFile(path) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.startswith(prefix) and name.endswith(".xml")
        }


def text_properties(root: etree._Element) -> list[etree._Element]:
    """Every a:rPr and a:endParaRPr element of a part."""
    return root.findall(".//a:rPr", NS) + root.findall(".//a:endParaRPr", NS)


def assert_all_runs_tagged(path: Path, lang: str = LANG) -> int:
    """Every run, field and paragraph end on slides and notes carries `lang`."""
    count = 0
    for prefix in ("ppt/slides/slide", "ppt/notesSlides/notesSlide"):
        for name, root in zip_xml(path, prefix).items():
            for element in text_properties(root):
                assert element.get("lang") == lang, (name, etree.tostring(element)[:200])
                count += 1
            for run in root.findall(".//a:r", NS) + root.findall(".//a:fld", NS):
                assert run.find("a:rPr", NS) is not None, (name, etree.tostring(run)[:200])
    return count


# -- the command line --------------------------------------------------------------------


@dataclass
class CliRun:
    """Outcome of one CLI invocation."""

    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None


Cli = Callable[..., CliRun]
# Build the content folder make_content writes, from tmp_path (the cli fixture's folder).
BUILD = ("build", "content", "-o", "out.pptx")


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Run the CLI in-process with tmp_path as working folder."""
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str) -> CliRun:
        result: Result = CliRunner().invoke(cli_main, list(args))
        return CliRun(result.exit_code, result.stdout, result.stderr, result.exception)

    return invoke


def error_lines(run: CliRun) -> list[str]:
    """The `error: ...` lines of a failed run, after checking it failed cleanly."""
    assert run.exit_code == 1, (run.exit_code, run.stdout, run.stderr)
    assert run.exception is None or isinstance(run.exception, SystemExit), repr(run.exception)
    assert "Traceback" not in run.stderr + run.stdout
    assert not (Path.cwd() / "out.pptx").exists()
    return [line for line in run.stderr.splitlines() if line.startswith("error: ")]


def expect_error(run: CliRun, ref: str, *fragments: str) -> str:
    """Exactly one error line starts at `ref` and contains every fragment; returns it."""
    lines = [line for line in error_lines(run) if line.startswith(f"error: {ref}: ")]
    assert len(lines) == 1, (ref, run.stderr)
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


@dataclass(frozen=True)
class Problem:
    """Content that fails to build with an error at `needle` in `file` naming every fragment.

    `meta`, `partners` and `files` are passed on to make_content.
    """

    slides: str
    needle: str
    fragments: tuple[str, ...]
    file: str = "deck.yaml"
    meta: dict[str, str] | None = None
    partners: str | None = DEFAULT_PARTNERS
    files: dict[str, str | bytes] | None = None


BuildFails = Callable[[Problem], str]


@pytest.fixture
def build_fails(make_content: ContentMaker, cli: Cli) -> BuildFails:
    """Write a Problem's content, build it with the CLI and check its error line; returns it."""

    def check(problem: Problem) -> str:
        content = make_content(
            problem.slides, meta=problem.meta, partners=problem.partners, files=problem.files
        )
        where = content.ref(problem.needle, file=problem.file)
        return expect_error(cli(*BUILD), where, *problem.fragments)

    return check


def subprocess_env() -> dict[str, str]:
    """Environment for running `python -m deck_builder` from a checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return env


# -- the default deck, built once --------------------------------------------------------


@dataclass(frozen=True)
class BuiltDeck:
    """The default content built into a .pptx."""

    path: Path
    prs: PresentationType


@pytest.fixture(scope="session")
def default_deck(tmp_path_factory: pytest.TempPathFactory) -> BuiltDeck:
    """content/ of the repository built once per test session."""
    out = tmp_path_factory.mktemp("default") / "actualiteiten.pptx"
    return BuiltDeck(out, build(CONTENT_DIR, out))


KITCHEN_SLIDES = """\
- kind: title
  notes: Welkom, *kort* voorstellen.
- kind: agenda
- kind: section
  title: Eerste deel
  subtitle: Met een ondertitel
- kind: bullets
  id: punten
  title: Punten met [een link](https://vng.nl)
  body:
    - "**Vet** begin en info@vng.nl"
    - text: Hoofdpunt
      items:
        - Onderpunt < & > "aanhalingstekens" ’25
        - text: Dieper
          items: [Diepst]
  callout: Kader met *nadruk*
  notes:
    - Eerste notitie
    - Tweede notitie
- kind: quote
  quote: Een citaat.
  attribution: Iemand
  picture: {file: images/foto.png, alt: Een foto, caption: Bijschrift}
- kind: statistic
  title: Cijfer
  figure: 99%
  caption: steun
  body: Uitleg bij het cijfer.
- kind: section
  title: Tweede deel
- kind: two-column
  title: Twee kolommen
  left: {heading: Links, partners: [IPO, VNG], body: [Een, Twee]}
  right: {heading: Rechts, partners: [UvW], body: [Drie]}
- kind: partners
  title: Partners
  intro: Samen met
  partners: [IPO, VNG, UvW]
- kind: image
  title: Beeld
  picture: {file: images/foto.png, alt: Nog een foto}
- kind: closing
  title: Vragen?
  body: Neem contact op.
  contact: [wieger.zwikstra@vng.nl, https://vng.nl]
"""

KITCHEN_PARTNERS = (
    DEFAULT_PARTNERS.replace(
        "  url: https://vng.nl\n", "  url: https://vng.nl\n  logo: logos/vng.png\n"
    )
    + "  logo: logos/uvw.png\n"
)


@pytest.fixture(scope="session")
def kitchen_deck(tmp_path_factory: pytest.TempPathFactory) -> BuiltDeck:
    """A deck with every slide kind, pictures, logos, links and notes, built once."""
    root = tmp_path_factory.mktemp("kitchen")
    folder = root / "content"
    folder.mkdir()
    body = textwrap.indent(KITCHEN_SLIDES, "  ")
    (folder / "deck.yaml").write_text(
        header(presenter="Team LG") + "slides:\n" + body, encoding="utf-8"
    )
    (folder / "partners.yaml").write_text(KITCHEN_PARTNERS, encoding="utf-8")
    make_png(folder / "images" / "foto.png", (320, 200))
    make_png(folder / "logos" / "uvw.png", (160, 60), "#0a7")
    make_png(folder / "logos" / "vng.png", (90, 90), "#e5761a")
    out = root / "kitchen.pptx"
    return BuiltDeck(out, build(folder, out))


def rect_of(shape: Any) -> tuple[int, int, int, int]:
    """(left, top, width, height) of a shape in EMU."""
    return int(shape.left), int(shape.top), int(shape.width), int(shape.height)


def assert_inside(
    inner: tuple[int, int, int, int], outer: tuple[int, int, int, int], slack: int = 1
) -> None:
    """`inner` lies within `outer` (EMU rectangles), give or take rounding."""
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    assert ox <= x + slack, (inner, outer)
    assert oy <= y + slack, (inner, outer)
    assert x + w <= ox + ow + slack, (inner, outer)
    assert y + h <= oy + oh + slack, (inner, outer)


def unwritable_folder(tmp_path: Path) -> Path:
    """A folder this process cannot create files in (root ignores mode bits: use /sys)."""
    if os.geteuid() != 0:
        folder = tmp_path / "alleen-lezen"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    folder = Path("/sys")
    try:
        (folder / ".deck-builder-probe").touch()
    except OSError:
        return folder
    pytest.skip("no unwritable folder available to root here")


@pytest.fixture(scope="session", autouse=True)
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Prepared templates go to a cache folder of the test run, not the user's."""
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = previous


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fail a test (instead of waiting for ever) that is still running after 20 s: for
    inputs such as a pipe, which a careless reader waits on without end."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError("still running after 20 s: the input was waited on")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
