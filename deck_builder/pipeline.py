"""Build a deck: load → validate → plan → render → write. The one entry point for callers."""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import NamedTuple

from deck_builder import files
from deck_builder.content import loader, overlays, validate
from deck_builder.content.records import Deck
from deck_builder.errors import DeckError, Problem, ProblemCollector
from deck_builder.kinds import KINDS, PLANNERS
from deck_builder.ooxml import package
from deck_builder.planning import planner
from deck_builder.planning.model import SlidePlan
from deck_builder.render import slides as render
from deck_builder.template import model

DEFAULT_MAX_BYTES = 10_000_000  # what most mail servers accept as attachments


class BuildResult(NamedTuple):
    """What a build produced: where, how many slides, how large, how long, warnings."""

    output: Path
    slides: int
    size: int
    seconds: float
    warnings: list[str]


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
    """The deck's template (or `template_path`), loaded and checked against the kinds."""
    folder = (
        model.resolve_template(str(template_path), Path.cwd(), is_path=True)
        if template_path is not None
        else model.resolve_template(deck.meta.template, deck.source.parent)
    )
    # A brand folder's check is remembered between runs while its files are unchanged.
    from deck_builder.cache.templates import load_template_cached

    return load_template_cached(folder, KINDS.layout_needs())


def default_output(deck: Deck, afdeling: str | None = None) -> Path:
    """`output/<deck-slug>.pptx` in the working folder; an afdeling's deck (whose date
    is its meeting's) as a batch names it, `output/<date>-<deck-slug>-<afdeling>.pptx`."""
    if afdeling is not None:
        name = f"{deck.meta.date.isoformat()}-{deck.meta.deck_slug}-{afdeling}.pptx"
        return Path("output") / name
    return Path("output") / f"{deck.meta.deck_slug}.pptx"


def plan_slides(deck: Deck, brand: model.Template) -> list[SlidePlan]:
    """The slide plans of a validated deck, as `build_bytes` makes them."""
    return planner.plan_deck(deck, brand, PLANNERS, fields=KINDS.field_names())[0]


def build_bytes(
    deck: Deck, brand: model.Template, strict: bool = False,
    max_bytes: int | None = DEFAULT_MAX_BYTES, plans_out: list[SlidePlan] | None = None,
    warnings_out: list[Problem] | None = None,
) -> tuple[bytes, int, list[str]]:
    """Plan and render a validated deck; returns the .pptx bytes, slide count, warnings
    (the template's, then `file:line:col: message` lines of the deck's text).

    With `strict`, text set below its template size or continued on more slides is an
    error (DeckError) instead of a warning. The result is verified (see `verify`).
    `plans_out`, when given, receives the slide plans (where each slide comes from);
    `warnings_out` the deck's warnings as located problems.
    """
    plans, located = planner.plan_deck(deck, brand, PLANNERS, strict=strict,
                                       fields=KINDS.field_names())
    brand.measurer.remember_measured()  # for the next run; nothing to do when none are new
    if plans_out is not None:
        plans_out.extend(plans)
    if warnings_out is not None:
        warnings_out.extend(located)
    # What the template check noticed (a substituted font, a kind without its own layout).
    warnings = [*brand.warnings, *(str(warning) for warning in located)]
    presentation = render.render(deck, brand, plans)
    members: dict[str, bytes] = {}
    data = package.to_bytes(presentation, members,
                         brand.render_cache.setdefault("unchanged_parts", {}))
    verify(data, max_bytes, members, plans, deck.source.parent)
    from deck_builder.cache.templates import remember_parts

    remember_parts(brand)  # the template's written parts, for the next run
    return data, len(plans), warnings


def verify(data: bytes, max_bytes: int | None = DEFAULT_MAX_BYTES,
           members: dict[str, bytes] | None = None, plans: list[SlidePlan] | None = None,
           content_root: Path | None = None) -> None:
    """Refuse a built deck that PowerPoint would offer to repair, or that is larger than
    `max_bytes` (None: no limit). Raises DeckError naming what is wrong or what is large:
    pictures as the content names them (relative to `content_root`) with the slides
    they are on, when the `plans` the deck was built from are given.

    `members`: the deck's parts as written (uncompressed), so they are not inflated again.
    """
    from deck_builder.checks.package import check_package

    findings = check_package(data, members)
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
    `load_deck`) and write it atomically to `output`.

    Raises DeckError (with every content problem) before anything is written; with
    `strict` also for text that had to shrink or continue (see `plan.plan_deck`).
    """
    started = time.perf_counter()
    deck = load_deck(content_path, afdeling)
    brand = open_template(deck, template_path)
    data, slides, warnings = build_bytes(deck, brand, strict, max_bytes)
    target = output if output is not None else default_output(deck, afdeling)
    files.write_atomically(data, target)
    return BuildResult(target, slides, len(data), time.perf_counter() - started, warnings)
