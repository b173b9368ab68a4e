"""Check a content folder without writing a deck: everything `build` and `build
--all-afdelingen` would fail on or warn about, plus what `check_deck` finds in the decks
they would write, located in the content files.

It runs what a build runs, deck by deck, in memory: the base deck, then every
afdeling's deck (the base deck with the afdeling's overlay). A finding an afdeling's
deck shares with the base deck is said once, as the base deck's; what only an
afdeling's deck has is said with its slug (`drenthe: …`), at the line that causes it
(an override's in afdelingen.yaml where that is what is wrong).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from deck_builder import pipeline
from deck_builder.checks.findings import Finding, Report, finding
from deck_builder.content import loader, overlays, validate
from deck_builder.content.records import Deck
from deck_builder.errors import DeckError, Problem, ProblemCollector
from deck_builder.kinds import KINDS
from deck_builder.planning.model import SlidePlan

if TYPE_CHECKING:
    from deck_builder.checks.contrast import SlideImages


def check_content(content_path: Path, template_path: Path | None = None,
                  max_bytes: int | None = pipeline.DEFAULT_MAX_BYTES,
                  draw: SlideImages | None = None) -> Report:
    """Validate the content at `content_path` and check the decks it builds, in memory.

    The base deck: every content problem, and what stops the build (text that cannot
    fit, a deck over `max_bytes`), is a CONTENT-ERROR at its file and line; text that
    had to shrink or continue a FIT-WARNING (a template's own remark a
    TEMPLATE-WARNING); then the built deck's package and accessibility findings, on a
    slide located at the slide's place in the content. Each afdeling's deck the same
    way, its errors as AFDELING-ERRORs (see the module doc for what is said once).
    With `draw`, text over pictures is measured on the drawn slides (`check_deck`).
    """
    found: list[Finding] = []
    problems = ProblemCollector()
    raw: loader.RawDeck | None = None
    deck: Deck | None = None
    try:
        raw = loader.load_content(content_path, problems)
        deck = validate.parse_deck(raw, KINDS, problems)
    except DeckError as error:
        found += _errors("CONTENT-ERROR", error)
    session: pipeline.BuildSession | None = None
    if deck is not None:
        try:
            session = pipeline.open_session(pipeline.open_template(deck, template_path))
        except DeckError as error:
            found += _errors("CONTENT-ERROR", error)
        else:
            found += [finding("TEMPLATE-WARNING", text) for text in session.template.warnings]
            found += _built(deck, session, max_bytes, "CONTENT-ERROR", draw=draw)
    if raw is not None:
        found += _afdelingen(content_path, raw, session, max_bytes, found, draw)
    return Report(found)


def _errors(code: str, error: DeckError, slug: str | None = None) -> list[Finding]:
    return [_finding(code, problem, slug) for problem in error.problems]


def _finding(code: str, problem: Problem, slug: str | None = None) -> Finding:
    message = problem.message if slug is None else f"{slug}: {problem.message}"
    return finding(code, message, where=problem.where)


def _built(deck: Deck, session: pipeline.BuildSession, max_bytes: int | None, code: str,
           slug: str | None = None, draw: SlideImages | None = None) -> list[Finding]:
    """What building `deck` reports (errors as `code`, warnings) and, when it builds,
    the deck checks' findings on what it wrote; with `slug`, each message says whose."""
    plans: list[SlidePlan] = []
    warnings: list[Problem] = []
    try:
        data, _, _ = pipeline.build_bytes(deck, session, max_bytes=max_bytes,
                                          plans_out=plans, warnings_out=warnings)
    except DeckError as error:
        return _errors(code, error, slug)
    from deck_builder.checks import check_deck

    # Findings on a slide point at where the slide is written (continuations too).
    sources = {number: plan.source for number, plan in enumerate(plans, start=1)
               if plan.source is not None}
    checked = check_deck(data, slide_sources=sources, draw=draw).findings
    if slug is not None:
        checked = tuple(replace(item, message=f"{slug}: {item.message}") for item in checked)
    return [*(_finding("FIT-WARNING", warning, slug) for warning in warnings), *checked]


def _afdelingen(content_path: Path, raw: loader.RawDeck,
                session: pipeline.BuildSession | None, max_bytes: int | None,
                base: list[Finding], draw: SlideImages | None = None) -> list[Finding]:
    """The findings of every afdeling's deck that the base deck's (`base`) do not
    include (none without an afdelingen file). With a `session`, each deck is built
    and checked as `build --afdeling` would; without one (the base deck cannot be
    built) only its overlay and validation are checked."""
    deck_file = loader.find_deck_file(content_path)
    if not (deck_file.resolve().parent / overlays.AFDELINGEN_FILE).is_file():
        return []
    try:
        variant_set = overlays.load_variants(content_path)
    except DeckError as error:
        return _errors("AFDELING-ERROR", error)
    said = {_key(item) for item in base}
    found: dict[str, list[Finding]] = {}
    for slug in variant_set.slugs():
        if slug in variant_set.located:
            own = [_finding("AFDELING-ERROR", problem, slug)
                   for problem in variant_set.located[slug]]
        else:
            own = _afdeling(raw, variant_set.variants[slug], session, max_bytes, slug, draw)
        found[slug] = [item for item in own if _key(item, slug) not in said]
    return _shared(found, variant_set.slugs())


def _shared(found: dict[str, list[Finding]], everyone: list[str]) -> list[Finding]:
    """Each afdeling's own findings (slug → findings, their messages `slug: …`), a
    finding several of them share said once, naming them (see variants.grouping)."""
    from deck_builder.variants.grouping import afdelingen, merged, skeleton

    groups: dict[tuple[str, str, str, str], list[tuple[str, Finding]]] = {}
    for slug, items in found.items():
        for item in items:
            family, where, message, shape = _key(item, slug)
            groups.setdefault((family, where, skeleton(message), shape), []).append(
                (slug, item))
    shared: list[Finding] = []
    for members in groups.values():
        slugs = list(dict.fromkeys(slug for slug, _ in members))
        first = members[0][1]
        message = merged([item.message[len(slug) + 2:] for slug, item in members])
        same_slide = len({item.slide for _, item in members}) == 1
        shared.append(replace(first, message=f"{afdelingen(slugs, everyone)}: {message}",
                              slide=first.slide if same_slide else None))
    return shared


def _afdeling(raw: loader.RawDeck, variant: overlays.Variant,
              session: pipeline.BuildSession | None, max_bytes: int | None,
              slug: str, draw: SlideImages | None = None) -> list[Finding]:
    problems = ProblemCollector()
    try:
        applied = overlays.apply_variant(raw, variant, KINDS, problems)
        deck = validate.parse_deck(applied, KINDS, problems)
    except DeckError as error:
        return _errors("AFDELING-ERROR", error, slug)
    if session is None:
        return []
    # Overlays cannot change the template: the base deck's serves every afdeling.
    return _built(deck, session, max_bytes, "AFDELING-ERROR", slug, draw)


def _key(item: Finding, slug: str | None = None) -> tuple[str, str, str, str]:
    """What makes a finding the same in the base deck and an afdeling's: its place and
    message (without the slug); content errors alike whatever their code. Slide
    numbers differ between decks and are left out."""
    message = item.message
    if slug is not None and message.startswith(f"{slug}: "):
        message = message[len(slug) + 2:]
    family = "ERROR" if item.code in {"CONTENT-ERROR", "AFDELING-ERROR"} else item.code
    if item.slide is not None:  # "also the title of slide 12" is slide 13 in another deck
        message = _SLIDE_NUMBER.sub("slide", message)
    return family, "" if item.where is None else str(item.where), message, item.shape or ""


_SLIDE_NUMBER = re.compile(r"\bslide \d+")
