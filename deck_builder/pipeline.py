"""Build a deck: load → validate → plan → render → write. The one entry point for callers.

The pipeline is the caller of every stage: it reads the files a build needs (the
template package, the font files, a remembered template check, the pictures the
plans place) and hands their contents down, and it writes what is to be remembered (a
template check) and the deck itself. What a build or a batch keeps while it runs is
in a `BuildSession` made here. Rendering reads and writes no file.
"""

from __future__ import annotations

import gc
import io
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from deck_builder import files
from deck_builder.content import loader, overlays, pictures, validate
from deck_builder.content.records import Deck
from deck_builder.errors import DeckError, Problem, ProblemCollector
from deck_builder.kinds import KINDS, PLANNERS
from deck_builder.ooxml import package
from deck_builder.planning import planner
from deck_builder.planning.model import PictureShape, SlidePlan
from deck_builder.planning.text_fit import FontFaces, TextMeasurer
from deck_builder.render import slide_reuse, slides
from deck_builder.render.session import BuildSession
from deck_builder.template import model

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationType

    from deck_builder.checks.accessibility import TemplateStyles
    from deck_builder.checks.findings import Finding
    from deck_builder.checks.package import Package

__all__ = ["DEFAULT_MAX_BYTES", "BuildResult", "BuildSession", "build", "build_bytes",
           "default_output", "fit_pictures", "largest_parts", "load_deck", "open_session",
           "open_template", "plan", "plan_slides", "render", "verify"]

DEFAULT_MAX_BYTES = 10_000_000  # what most mail servers accept as attachments
# From this many slides a deck's XML trees are collected before it is checked.
_LARGE_DECK = 100


class BuildResult(NamedTuple):
    """What a build produced: where, how many slides, how large, how long, warnings, and
    the accessibility findings of the deck it wrote (as `deck-builder check` reports them)."""

    output: Path
    slides: int
    size: int
    seconds: float
    warnings: list[str]
    accessibility: tuple[Finding, ...] = ()


def load_deck(content_path: Path, afdeling: str | None = None) -> Deck:
    """Load and validate the content at `content_path` (a folder or a deck file); with
    `afdeling` (a slug of afdelingen.yaml), that afdeling's deck: the base deck with
    its overlay applied.

    Raises DeckError with every problem; an afdeling's are located in afdelingen.yaml
    where its overlay says what is wrong.
    """
    problems = ProblemCollector()
    raw = loader.load_content(content_path, problems)
    if afdeling is not None:
        variant_set = overlays.load_variants(content_path)
        if afdeling not in variant_set.slugs():
            raise DeckError(f"unknown afdeling {afdeling!r}; valid slugs: "
                            f"{', '.join(variant_set.slugs())}")
        if afdeling in variant_set.located:
            raise DeckError(variant_set.located[afdeling])
        raw = overlays.apply_variant(raw, variant_set.variants[afdeling], KINDS, problems)
    return validate.parse_deck(raw, KINDS, problems)


def open_template(deck: Deck, template_path: Path | None = None) -> model.Template:
    """The deck's template (or `template_path`), checked against the kinds.

    A brand folder's check is remembered in the user cache folder while its files are
    unchanged: recalled here instead of checked, and remembered here after a check.
    """
    folder = (
        model.resolve_template(str(template_path), Path.cwd(), is_path=True)
        if template_path is not None
        else model.resolve_template(deck.meta.template, deck.source.parent)
    )
    from deck_builder.cache import templates as remembered

    needs = KINDS.layout_needs()
    template = remembered.recall(folder, needs)
    if template is not None:
        return template
    from deck_builder.template.load import check_template  # the checking code, on a miss only

    checked = check_template(folder, needs)
    remembered.remember(folder, needs, checked)
    return checked.template


def open_session(template: model.Template, batch: bool = False) -> BuildSession:
    """A session for building decks on `template`: its package and font files read.

    With `batch` (many decks that share most of their slides), slides one deck has
    drawn are copied into the next (see render.slide_reuse). Raises DeckError when a
    file cannot be read.
    """
    fonts = template.brand.fonts
    try:
        data = template.prepared if template.prepared is not None else template.pptx.read_bytes()
        faces = FontFaces(*(path.read_bytes() for path in fonts))
    except OSError as exc:
        raise DeckError(f"cannot read {exc.filename}: {exc.strerror}") from None
    kept = slide_reuse.Store() if batch else None
    return BuildSession(template, TextMeasurer(faces), data, kept=kept)


def default_output(deck: Deck, afdeling: str | None = None) -> Path:
    """`output/<deck-slug>.pptx` in the working folder; an afdeling's deck (whose date
    is its meeting's) as a batch names it, `output/<date>-<deck-slug>-<afdeling>.pptx`."""
    if afdeling is not None:
        name = f"{deck.meta.date.isoformat()}-{deck.meta.deck_slug}-{afdeling}.pptx"
        return Path("output") / name
    return Path("output") / f"{deck.meta.deck_slug}.pptx"


def plan(deck: Deck, session: BuildSession, strict: bool = False
         ) -> tuple[list[SlidePlan], list[Problem]]:
    """The slide plans of a validated deck on the session's template, and the warnings,
    located (see `planner.plan_deck`)."""
    return planner.plan_deck(deck, session.template, PLANNERS, session.measurer,
                             strict=strict, fields=KINDS.field_names(), splits=session.splits)


def plan_slides(deck: Deck, session: BuildSession) -> list[SlidePlan]:
    """The slide plans of a validated deck, as `build_bytes` makes them."""
    return plan(deck, session)[0]


def fit_pictures(plans: list[SlidePlan]) -> dict[PictureShape, pictures.FittedImage]:
    """Every picture the plans place, read and sized for its box (at about 220 dpi:
    sharp when projected, small enough to mail). Raises pictures.ImageProblem for a
    picture that can no longer be used (planning has read each one already)."""
    return {
        shape: pictures.fit(shape.image, shape.rect.w, shape.rect.h,
                            "cover" if shape.fit == "cover" else "contain", shape.focal,
                            size=shape.pixels)
        for slide in plans for shape in slide.shapes if isinstance(shape, PictureShape)
    }


def render(deck: Deck, session: BuildSession, plans: list[SlidePlan]) -> PresentationType:
    """The plans drawn on the session's template, in memory (see `slides.render`)."""
    return slides.render(deck, session, plans, fit_pictures(plans))


def build_bytes(
    deck: Deck, session: BuildSession, strict: bool = False,
    max_bytes: int | None = DEFAULT_MAX_BYTES, plans_out: list[SlidePlan] | None = None,
    warnings_out: list[Problem] | None = None, accessibility_out: list[Finding] | None = None,
    styles: TemplateStyles | None = None,
) -> tuple[bytes, int, list[str]]:
    """Plan and render a validated deck; returns the .pptx bytes, slide count, warnings
    (the template's, then `file:line:col: message` lines of the deck's text).

    With `strict`, text set below its template size or continued on more slides is an
    error (DeckError) instead of a warning. The result is verified (see `verify`).
    `plans_out`, when given, receives the slide plans (where each slide comes from);
    `warnings_out` the deck's warnings as located problems; `accessibility_out` the
    accessibility findings of the deck (checked on the package its verification has
    open; `styles`, the caller's, shares what the template's parts give between the
    decks it builds, see `checks.accessibility.TemplateStyles`). The same deck built
    twice with one session gives the same bytes.
    """
    plans, located = plan(deck, session, strict)
    if plans_out is not None:
        plans_out.extend(plans)
    if warnings_out is not None:
        warnings_out.extend(located)
    # What the template check noticed (a substituted font, a kind without its own layout).
    warnings = [*session.template.warnings, *(str(warning) for warning in located)]
    members: dict[str, bytes] = {}
    data = package.to_bytes(render(deck, session, plans), members)
    if len(plans) >= _LARGE_DECK:
        # The rendered presentation is garbage now, but python-pptx's parts and package
        # refer to each other, so only the collector frees it; the check about to run
        # holds the deck's parts as trees again: free a large deck's first, so that the
        # two never take memory at once (a small deck's are a few MB, not worth a pass).
        gc.collect()
    verify(data, max_bytes, members, plans, deck.source.parent, accessibility_out, styles)
    return data, len(plans), warnings


def verify(data: bytes, max_bytes: int | None = DEFAULT_MAX_BYTES,
           members: dict[str, bytes] | None = None, plans: list[SlidePlan] | None = None,
           content_root: Path | None = None,
           accessibility_out: list[Finding] | None = None,
           styles: TemplateStyles | None = None) -> None:
    """Refuse a built deck that PowerPoint would offer to repair, or that is larger than
    `max_bytes` (None: no limit). Raises DeckError naming what is wrong or what is large:
    pictures as the content names them (relative to `content_root`) with the slides
    they are on, when the `plans` the deck was built from are given.

    `members`: the deck's parts as written (uncompressed), so they are not inflated again.
    `accessibility_out`, when given, receives the deck's accessibility findings: the
    parts are parsed once for both checks (`styles`: see `build_bytes`).
    """
    from deck_builder.checks.package import check_loaded_package, check_package, open_package

    opened: Package | None
    try:
        opened = open_package(data, members)
    except zipfile.BadZipFile:
        opened = None
    # A zip that cannot be opened: check_package says what is wrong with it.
    findings = check_package(data) if opened is None else check_loaded_package(opened)
    if findings:
        raise DeckError([
            Problem(f"the built deck failed its package check ({item.code}): {item.message}"
                    + (f" [{item.part}]" if item.part else ""))
            for item in findings
        ])
    if max_bytes is not None and len(data) > max_bytes:
        raise DeckError(
            f"the deck is {files.human_size(len(data))}, more than the "
            f"{files.human_size(max_bytes)} allowed (--max-size); largest: "
            f"{largest_parts(data, plans or [], content_root or Path.cwd())}"
        )
    if accessibility_out is not None and opened is not None:
        from deck_builder.checks.accessibility import check_loaded_accessibility

        accessibility_out.extend(check_loaded_accessibility(opened, styles))


def largest_parts(data: bytes, plans: list[SlidePlan], content_root: Path,
                  count: int = 5) -> str:
    """The `count` largest parts of a deck as a user reads them: a picture as the
    content names it, with its slides (`images/kaart.jpg, used on slides 3 and 9: 4.2
    MB`), any other part by its name in the package; separated by semicolons."""
    from deck_builder.render.sources import picture_sources

    pictures = picture_sources(data, plans, content_root) if plans else {}
    return "; ".join(f"{pictures.get(name, name)}: {files.human_size(size)}"
                     for name, size in files.largest_members(io.BytesIO(data), count))


def build(
    content_path: Path,
    output: Path | None = None,
    template_path: Path | None = None,
    strict: bool = False,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    afdeling: str | None = None,
) -> BuildResult:
    """Build the deck at `content_path` (with `afdeling`, that afdeling's deck; see
    `load_deck`) and write it atomically to `output`: the file is read back before it
    replaces an earlier one, so what is kept is the deck the package check judged.

    Raises DeckError (with every content problem) before anything is written; with
    `strict` also for text that had to shrink or continue (see `plan.plan_deck`). The
    result carries the written deck's accessibility findings.
    """
    started = time.perf_counter()
    deck = load_deck(content_path, afdeling)
    session = open_session(open_template(deck, template_path))
    accessibility: list[Finding] = []
    # The deck and the template live for the whole build: out of the collector's way,
    # its full passes look only at what planning, drawing and the checks make (as a
    # batch does, see variants.batch).
    gc.freeze()
    try:
        data, slides, warnings = build_bytes(deck, session, strict, max_bytes,
                                             accessibility_out=accessibility)
    finally:
        gc.unfreeze()
    target = output if output is not None else default_output(deck, afdeling)
    files.write_atomically(data, target)
    return BuildResult(target, slides, len(data), time.perf_counter() - started, warnings,
                       tuple(accessibility))
