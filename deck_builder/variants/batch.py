"""Build many decks (one per afdeling) in parallel; one failure never stops the others.

The base content, the template and a build session (the template package and font
files read, what measuring and drawing remember) are made once in the parent process.
Workers are forked from it where the platform can fork, and inherit all of that; where
it cannot, each worker is started afresh and loads them itself. Each deck then costs
only its own overlay, validation, planning, rendering and writing.

A deck that fails leaves no deck of an earlier run that could pass for it: the
afdeling's decks (and PDFs) in the output folder are renamed to `<name>.stale`. A
batch stopped by Ctrl-C, SIGTERM or SIGHUP ends its workers at once (see
`variants.workers`) and raises Interrupted, which says which decks were written.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import glob
import multiprocessing
import os
import re
import signal
import time
import zipfile
from collections.abc import Callable, Generator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import NamedTuple

from deck_builder import files
from deck_builder.checks.accessibility import TemplateStyles
from deck_builder.checks.findings import Finding
from deck_builder.content import loader, validate
from deck_builder.content import overlays as variants
from deck_builder.errors import DeckError, Problem, ProblemCollector
from deck_builder.kinds import KINDS
from deck_builder.pipeline import (
    DEFAULT_MAX_BYTES,
    BuildSession,
    build_bytes,
    open_session,
    open_template,
)
from deck_builder.variants import workers

# What a deck of an earlier run that is not current is renamed to: `<name>.stale`. No
# program opens it as a presentation and `invite` never attaches it.
STALE_SUFFIX = ".stale"


@dataclass(frozen=True)
class DeckOutcome:
    """The result of building one afdeling's deck: written, or the problems that stopped it."""

    slug: str
    output: Path | None = None
    slides: int = 0
    size: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    # The template's remarks (unlocated), then the deck's fitting warnings at their places.
    warnings: list[Problem] = field(default_factory=list)
    # The written deck's accessibility findings, as `deck-builder check` counts them.
    accessibility_errors: int = 0
    accessibility_warnings: int = 0
    # A failed deck's files from an earlier run, each with the name it was renamed to.
    set_aside: list[tuple[Path, Path]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the deck was written."""
        return self.output is not None


class Interrupted(KeyboardInterrupt):
    """The batch was stopped by a signal (Ctrl-C, SIGTERM, SIGHUP) before every deck was
    built; its workers have ended and left no temporary files.

    `outcomes`: the decks that were done, written or failed, in the order asked;
    `pending`: the afdelingen whose decks were not built; `signum`: the signal.
    """

    def __init__(self, signum: int, outcomes: list[DeckOutcome], pending: list[str]) -> None:
        super().__init__(signum)
        self.signum = signum
        self.outcomes = outcomes
        self.pending = pending


class _Settings(NamedTuple):
    """What a batch is asked to do: all a worker started afresh needs to load."""

    content_path: Path
    template_path: Path | None
    output_dir: Path
    strict: bool
    max_bytes: int | None


@dataclass(frozen=True)
class _Job:
    """What every deck of a batch shares: loaded once per process."""

    raw: loader.RawDeck
    variants: variants.VariantSet
    session: BuildSession
    settings: _Settings
    deck_slug: str  # the base deck's, in every afdeling's deck name
    # What the accessibility check reads from the template's parts, for every deck.
    styles: TemplateStyles = field(default_factory=TemplateStyles)

    def target(self, slug: str) -> Path | None:
        """Where the deck of afdeling `slug` is written; None if its entry is invalid."""
        variant = self.variants.variants.get(slug)
        if variant is None:
            return None
        return self.settings.output_dir / variants.output_name(self.deck_slug, variant)


# The batch of this process: set in the parent before workers are forked (they inherit
# it), or by a worker started afresh when it starts.
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
    settings = _Settings(content_path, template_path, output_dir, strict, max_bytes)
    problems = ProblemCollector()
    raw = loader.load_content(content_path, problems)
    variant_set = variants.load_variants(content_path)
    chosen = select(variant_set, slugs)
    job = _job(raw, variant_set, settings, problems)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(chosen)))
    outcomes: dict[str, DeckOutcome] = {}
    earlier = {slug: _identity(job.target(slug)) for slug in chosen}
    _shared = job
    # What is loaded now lives for the whole batch: out of the collector's way, each
    # deck's collection (see `_build_one`) looks only at what the decks made.
    gc.freeze()
    try:
        with workers.stop_on_signals() as stop:
            try:
                with contextlib.closing(_run(chosen, jobs, settings)) as results:
                    for outcome in results:
                        if not outcome.ok:
                            outcome = _set_aside_earlier(outcome, job)
                        outcomes[outcome.slug] = outcome
                        if on_done is not None:
                            on_done(outcome, len(outcomes), len(chosen))
            except KeyboardInterrupt:
                raise _interrupted(stop.signum or signal.SIGINT, chosen, outcomes, job,
                                   earlier) from None
    finally:
        _shared = None
        gc.unfreeze()
    return [outcomes[slug] for slug in chosen]


def _job(raw: loader.RawDeck, variant_set: variants.VariantSet, settings: _Settings,
         problems: ProblemCollector) -> _Job:
    """The batch of the base content `raw`: its template read into a build session.

    The base deck must be valid on its own: its errors would fail every variant.
    """
    base = validate.parse_deck(raw, KINDS, problems)
    session = open_session(open_template(base, settings.template_path), batch=True)
    return _Job(raw, variant_set, session, settings, base.meta.deck_slug)


def _run(slugs: list[str], jobs: int, settings: _Settings
         ) -> Generator[DeckOutcome, None, None]:
    """Each deck's outcome as it is done: here, or in `jobs` worker processes."""
    if jobs == 1:
        for slug in slugs:
            try:
                yield _build_one(slug)
            except Exception as exc:  # as in parallel: one deck never stops the others
                yield DeckOutcome(slug, problems=[f"internal error: {exc!r}"])
        return
    started = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(jobs, _context(), initializer=_start_worker,
                               initargs=(settings, os.getpid()))
    try:
        # The workers start here, with the stop signals waiting until they can take them.
        with workers.signals_deferred():
            futures: dict[Future[DeckOutcome], str] = {
                pool.submit(_build_in_worker, slug): slug for slug in slugs
            }
        for future in as_completed(futures):
            yield _result(futures[future], future)
    except BaseException:
        # Stopped (or no longer listened to): end the workers now, not after their
        # decks. The pool's own processes are the children started since.
        workers.end([p for p in multiprocessing.active_children() if p not in started])
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _context() -> BaseContext:
    """How workers start: forked where the platform can (they inherit the batch),
    else afresh (each loads it)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _start_worker(settings: _Settings, parent: int) -> None:
    """A worker's start: it stops with the batch (see `workers.prepare_worker`); a forked
    one has the parent's batch, one started afresh loads it."""
    global _shared
    workers.prepare_worker(parent)
    if _shared is None:
        problems = ProblemCollector()
        raw = loader.load_content(settings.content_path, problems)
        _shared = _job(raw, variants.load_variants(settings.content_path), settings, problems)
        gc.freeze()  # as in the parent: see `build_variants`


def _result(slug: str, future: Future[DeckOutcome]) -> DeckOutcome:
    """The outcome a worker sent, or the failure of the worker itself."""
    error = future.exception()
    if error is None:
        return future.result()
    return DeckOutcome(slug, problems=[f"internal error: {error!r}"])


def _build_in_worker(slug: str) -> DeckOutcome:
    """`_build_one` in a worker: told to stop, it abandons the deck (its temporary file
    is removed) and the worker ends."""
    return workers.stoppable(_build_one, slug)


def _build_one(slug: str) -> DeckOutcome:
    """Build and write the deck of afdeling `slug`; its problems are in the outcome."""
    started = time.perf_counter()
    job = _shared
    assert job is not None, "the batch is loaded before any deck is built"
    if slug in job.variants.problems:
        return DeckOutcome(slug, problems=job.variants.problems[slug])
    variant = job.variants.variants[slug]
    settings = job.settings
    problems = ProblemCollector()
    try:
        raw = variants.apply_variant(job.raw, variant, KINDS, problems)
        deck = validate.parse_deck(raw, KINDS, problems)
        # Overlays cannot change the template: the batch's session serves every deck.
        located: list[Problem] = []
        accessibility: list[Finding] = []
        data, slides, _ = build_bytes(deck, job.session, settings.strict, settings.max_bytes,
                                      warnings_out=located, accessibility_out=accessibility,
                                      styles=job.styles)
        warnings = [*(Problem(text) for text in job.session.template.warnings), *located]
        target = settings.output_dir / variants.output_name(deck.meta.deck_slug, variant)
        files.write_atomically(data, target)
    except DeckError as error:
        return DeckOutcome(slug, problems=[str(p) for p in error.problems])
    finally:
        # python-pptx's parts and packages refer to each other: without a collection
        # each deck's XML trees would pile up until the collector's next full pass,
        # and memory would grow with the number of decks. What survives it is what the
        # session remembers for the next decks: frozen, later collections skip it.
        gc.collect()
        gc.freeze()
    errors = sum(1 for item in accessibility if item.severity == "error")
    return DeckOutcome(slug, target, slides, len(data), time.perf_counter() - started,
                       warnings=warnings, accessibility_errors=errors,
                       accessibility_warnings=len(accessibility) - errors)


def _set_aside_earlier(outcome: DeckOutcome, job: _Job) -> DeckOutcome:
    """The failed `outcome`, after renaming the afdeling's decks and PDFs of earlier runs
    in the output folder to `<name>.stale`: none of them is this content's deck.

    Every date's deck of the afdeling is renamed, not only the one this build would have
    replaced: the failed content may have moved the meeting, or its date may be what is
    wrong. A file that cannot be renamed adds a problem that says so.
    """
    pattern = re.compile(r"\d{4}-\d{2}-\d{2}-" + re.escape(f"{job.deck_slug}-{outcome.slug}")
                         + r"\.(pptx|pdf)")
    try:
        earlier = sorted((path for path in job.settings.output_dir.iterdir()
                          if pattern.fullmatch(path.name) and path.is_file()),
                         key=lambda path: (path.stem, path.suffix != ".pptx"))  # deck, PDF
    except OSError:  # no output folder yet: nothing to set aside
        return outcome
    set_aside: list[tuple[Path, Path]] = []
    problems = list(outcome.problems)
    for path in earlier:
        aside = path.with_name(path.name + STALE_SUFFIX)
        try:
            os.replace(path, aside)
        except OSError as exc:
            problems.append(f"{path} is from an earlier run, not from this content, and "
                            f"cannot be renamed ({exc.strerror or exc}): delete it")
        else:
            set_aside.append((path, aside))
    return dataclasses.replace(outcome, problems=problems, set_aside=set_aside)


_FileIdentity = tuple[int, int, int]


def _identity(path: Path | None) -> _FileIdentity | None:
    """What tells this file from one written in its place (which gets a new inode)."""
    if path is None:
        return None
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino, info.st_mtime_ns


def _interrupted(signum: int, chosen: list[str], outcomes: dict[str, DeckOutcome],
                 job: _Job, earlier: dict[str, _FileIdentity | None]) -> Interrupted:
    """What a stopped batch did, once its workers have ended.

    A worker may be stopped after writing its deck and before the parent heard of it;
    such a deck is found by its file, which is not the one that was there before the
    batch. Temporary files of unfinished decks are removed: a worker that had to be
    killed, or was stopped just as it created one, may have left one behind.
    """
    done = dict(outcomes)
    pending = []
    for slug in chosen:
        if slug in done:
            continue
        target = job.target(slug)
        now = _identity(target)
        if target is not None and now is not None and now != earlier[slug]:
            done[slug] = DeckOutcome(slug, target, _slide_count(target), target.stat().st_size)
            continue
        pending.append(slug)
        if target is not None:
            for temporary in target.parent.glob(f".{glob.escape(target.name)}.*.part"):
                temporary.unlink(missing_ok=True)
    return Interrupted(signum, [done[slug] for slug in chosen if slug in done], pending)


def _slide_count(deck: Path) -> int:
    """The number of slides in the .pptx `deck` (0 if it cannot be read)."""
    try:
        with zipfile.ZipFile(deck) as archive:
            names = archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return 0
    return sum(1 for name in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", name))
