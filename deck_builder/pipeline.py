"""Build a deck: load → validate → plan → render → write. The one entry point for callers."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from deck_builder import content, parse, plan, render, save, template
from deck_builder.errors import ProblemCollector
from deck_builder.kinds import KINDS, PLANNERS
from deck_builder.model import Deck


@dataclass(frozen=True)
class BuildResult:
    """What a build produced: where, how many slides, how large, how long, warnings."""

    output: Path
    slides: int
    size: int
    seconds: float
    warnings: list[str] = field(default_factory=list)


def load_deck(content_path: Path) -> Deck:
    """Load and validate the content at `content_path` (a folder or a deck file)."""
    problems = ProblemCollector()
    raw = content.load_content(content_path, problems)
    return parse.parse_deck(raw, KINDS, problems)


def open_template(deck: Deck, template_path: Path | None = None) -> template.Template:
    """The deck's template (or `template_path`), loaded and checked against the kinds."""
    folder = (
        template.resolve_template(str(template_path), Path.cwd(), is_path=True)
        if template_path is not None
        else template.resolve_template(deck.meta.template, deck.source.parent)
    )
    return template.load_template(folder, {name: kind.roles for name, kind in KINDS.items()})


def default_output(deck: Deck) -> Path:
    """`output/<deck-slug>.pptx` in the working folder."""
    return Path("output") / f"{deck.meta.deck_slug}.pptx"


def build_bytes(deck: Deck, brand: template.Template) -> tuple[bytes, int, list[str]]:
    """Plan and render a validated deck; returns the .pptx bytes, slide count, warnings."""
    plans, warnings = plan.plan_deck(deck, brand, PLANNERS)
    presentation = render.render(deck, brand, plans)
    return save.to_bytes(presentation), len(plans), warnings


def build(
    content_path: Path, output: Path | None = None, template_path: Path | None = None
) -> BuildResult:
    """Build the deck at `content_path` and write it atomically.

    Raises DeckError (with every content problem) before anything is written.
    """
    started = time.perf_counter()
    deck = load_deck(content_path)
    brand = open_template(deck, template_path)
    data, slides, warnings = build_bytes(deck, brand)
    target = output if output is not None else default_output(deck)
    save.write_atomically(data, target)
    return BuildResult(target, slides, len(data), time.perf_counter() - started, warnings)
