"""Build many decks (one per afdeling) in parallel; one failure never stops the others.

The base content and the template are loaded once in the parent process; worker
processes are forked from it and inherit both, so each deck costs only its own
overlay, validation, planning, rendering and writing.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from deck_builder import files
from deck_builder.content import loader, validate
from deck_builder.content import overlays as variants
from deck_builder.errors import DeckError, ProblemCollector
from deck_builder.kinds import KINDS
from deck_builder.pipeline import DEFAULT_MAX_BYTES, build_bytes, open_template
from deck_builder.render import slides as render
from deck_builder.template import model
from deck_builder.variants import forks


@dataclass(frozen=True)
class DeckOutcome:
    """The result of building one afdeling's deck: written, or the problems that stopped it."""

    slug: str
    output: Path | None = None
    slides: int = 0
    size: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the deck was written."""
        return self.output is not None


@dataclass(frozen=True)
class _Job:
    """What every worker shares: loaded once in the parent, inherited by fork."""

    raw: loader.RawDeck
    variants: variants.VariantSet
    brand: model.Template
    output_dir: Path
    strict: bool = False
    max_bytes: int | None = DEFAULT_MAX_BYTES


_shared: _Job | None = None


def select(variant_set: variants.VariantSet, slugs: list[str] | None) -> list[str]:
    """The slugs to build: all, or the given ones. Raises DeckError for an unknown slug."""
    known = variant_set.slugs()
    if slugs is None:
        return known
    unknown = [slug for slug in slugs if slug not in known]
    if unknown:
        raise DeckError(
            f"unknown afdeling {', '.join(repr(s) for s in unknown)}; "
            f"valid slugs: {', '.join(known)}"
        )
    return list(dict.fromkeys(slugs))


def build_variants(
    content_path: Path,
    slugs: list[str] | None = None,
    jobs: int | None = None,
    output_dir: Path = Path("output"),
    template_path: Path | None = None,
    on_done: Callable[[DeckOutcome, int, int], None] | None = None,
    strict: bool = False,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> list[DeckOutcome]:
    """Build the decks of the given afdelingen (all when `slugs` is None).

    Returns one outcome per afdeling in the order asked. Raises DeckError only for
    problems shared by every deck (base content, template, the afdelingen file, an
    unknown slug); a problem in one afdeling's overlay fails that deck alone.
    `on_done(outcome, done, total)` is called as each deck finishes.
    """
    global _shared
    problems = ProblemCollector()
    raw = loader.load_content(content_path, problems)
    variant_set = variants.load_variants(content_path)
    chosen = select(variant_set, slugs)
    # The base deck must be valid on its own: its errors would fail every variant.
    base = validate.parse_deck(raw, KINDS, problems)
    brand = open_template(base, template_path)
    _shared = _Job(raw, variant_set, brand, output_dir, strict, max_bytes)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(chosen)))
    outcomes: dict[str, DeckOutcome] = {}
    if len(chosen) > 1:
        render.prepare_batch(brand)
    # What is loaded now lives for the whole batch: keep it out of the collector's
    # way (and, in forked workers, untouched, so its pages stay shared).
    gc.freeze()
    try:
        for outcome in _run(chosen, jobs):
            outcomes[outcome.slug] = outcome
            if on_done is not None:
                on_done(outcome, len(outcomes), len(chosen))
    finally:
        _shared = None
        gc.unfreeze()
    return [outcomes[slug] for slug in chosen]


def _run(slugs: list[str], jobs: int) -> Iterator[DeckOutcome]:
    if jobs == 1 or not forks.can_fork():
        for slug in slugs:
            try:
                yield _build_one(slug)
            except Exception as exc:  # as in parallel: one deck never stops the others
                yield DeckOutcome(slug, problems=[f"internal error: {exc!r}"])
        return
    for index, result, error in forks.run_forked(len(slugs), jobs,
                                                 lambda index: _plain(_build_one(slugs[index]))):
        yield _outcome(result) if error is None else DeckOutcome(slugs[index], problems=[error])


def _plain(outcome: DeckOutcome) -> tuple[object, ...]:
    """The outcome as plain values, to send from a worker (see `forks`)."""
    return (outcome.slug, None if outcome.output is None else str(outcome.output),
            outcome.slides, outcome.size, outcome.seconds, outcome.problems, outcome.warnings)


def _outcome(values: tuple[object, ...]) -> DeckOutcome:
    slug, output, slides, size, seconds, problems, warnings = values
    return DeckOutcome(slug, None if output is None else Path(output), slides, size,  # type: ignore[arg-type]
                       seconds, problems, warnings)  # type: ignore[arg-type]


def _build_one(slug: str) -> DeckOutcome:
    started = time.perf_counter()
    job = _shared
    assert job is not None, "build_variants sets the shared job before starting workers"
    if slug in job.variants.problems:
        return DeckOutcome(slug, problems=job.variants.problems[slug])
    variant = job.variants.variants[slug]
    problems = ProblemCollector()
    try:
        raw = variants.apply_variant(job.raw, variant, KINDS, problems)
        deck = validate.parse_deck(raw, KINDS, problems)
        # Overlays cannot change the template: the parent's copy serves every deck.
        data, slides, warnings = build_bytes(deck, job.brand, job.strict, job.max_bytes)
        target = job.output_dir / variants.output_name(deck.meta.deck_slug, variant)
        files.write_atomically(data, target)
    except DeckError as error:
        return DeckOutcome(slug, problems=[str(p) for p in error.problems])
    finally:
        # python-pptx's parts and packages refer to each other: without a collection
        # each deck's XML trees would pile up until the collector's next full pass,
        # and memory would grow with the number of decks. What survives it is the
        # caches shared by the next decks: frozen, the next collection skips them and
        # costs a fraction of a millisecond instead of ~20 ms.
        gc.collect()
        gc.freeze()
    return DeckOutcome(slug, target, slides, len(data), time.perf_counter() - started,
                       warnings=warnings)
