"""Check a content folder without writing a deck: everything `check_deck` finds, plus
content errors, afdeling overlays and fitting, located in the content files."""

from __future__ import annotations

from pathlib import Path

from deck_builder import pipeline
from deck_builder.checks.findings import Finding, Report, finding
from deck_builder.content import loader, overlays, validate
from deck_builder.errors import DeckError, ProblemCollector
from deck_builder.kinds import KINDS
from deck_builder.planning.model import SlidePlan


def check_content(content_path: Path, template_path: Path | None = None) -> Report:
    """Validate the content at `content_path` and check the deck it builds, in memory.

    Every content problem is a CONTENT-ERROR at its file and line; each afdeling whose
    overlay fails gives AFDELING-ERRORs; text that had to shrink or continue gives
    FIT-WARNINGs; then the built deck goes through the package and accessibility
    checks, findings on a slide located at the slide's place in the content.
    """
    found: list[Finding] = []
    deck = raw = None
    problems = ProblemCollector()
    try:
        raw = loader.load_content(content_path, problems)
        deck = validate.parse_deck(raw, KINDS, problems)
    except DeckError as error:
        found += _from_error("CONTENT-ERROR", error)
    if raw is not None:
        # An afdeling's deck has the base deck's problems too: say those once, as the
        # base's.
        base = {(f.message, f.where) for f in found}
        found += [f for f in _afdelingen(content_path, raw)
                  if (f.message.split(": ", 1)[-1], f.where) not in base]
    if deck is None:
        return Report(found)
    try:
        session = pipeline.open_session(pipeline.open_template(deck, template_path))
        plans: list[SlidePlan] = []
        data, _, warnings = pipeline.build_bytes(deck, session, plans_out=plans)
    except DeckError as error:
        return Report([*found, *_from_error("CONTENT-ERROR", error)])
    found += [finding("FIT-WARNING", warning) for warning in warnings]
    from deck_builder.checks import check_deck

    # Findings on a slide point at where the slide is written (continuations too).
    sources = {number: plan.source for number, plan in enumerate(plans, start=1)
               if plan.source is not None}
    return Report([*found, *check_deck(data, slide_sources=sources).findings])


def _from_error(code: str, error: DeckError, prefix: str = "") -> list[Finding]:
    return [finding(code, f"{prefix}{problem.message}", where=problem.where)
            for problem in error.problems]


def _afdelingen(content_path: Path, raw: loader.RawDeck) -> list[Finding]:
    """AFDELING-ERRORs of every afdeling whose deck, `raw` with its overlay, cannot be
    built (none without an afdelingen file)."""
    deck_file = loader.find_deck_file(content_path)
    if not (deck_file.resolve().parent / overlays.AFDELINGEN_FILE).is_file():
        return []
    found: list[Finding] = []
    try:
        variant_set = overlays.load_variants(content_path)
    except DeckError as error:
        return _from_error("AFDELING-ERROR", error)
    for slug in variant_set.slugs():
        if slug in variant_set.problems:
            # Already formatted as `file:line:col: message`: keep the text as it is.
            found += [finding("AFDELING-ERROR", f"{slug}: {message}")
                      for message in variant_set.problems[slug]]
            continue
        problems = ProblemCollector()
        try:
            applied = overlays.apply_variant(raw, variant_set.variants[slug], KINDS, problems)
            validate.parse_deck(applied, KINDS, problems)
        except DeckError as error:
            found += _from_error("AFDELING-ERROR", error, f"{slug}: ")
    return found
