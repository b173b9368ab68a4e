"""Whole decks written and read back with python-pptx: body text never under its floor,
continued text balanced and at one size, no column heading over an empty column.

The default deck, its afdeling decks and the stress deck (tests/stress/), on our
template and on third-party templates (tests/fixtures/third_party.py).
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.presentation import Presentation as PresentationType

from deck_builder import pipeline
from deck_builder.content.overlays import load_variants
from deck_builder.kinds import KINDS
from deck_builder.planning.continuation import MIN_FILL
from deck_builder.planning.model import SlidePlan
from deck_builder.planning.text_fit import PLAIN, TextMeasurer
from deck_builder.template.model import Template
from deck_builder.template.needs import BODY_CLASSES, BODY_FLOOR
from tests.conftest import CONTENT_DIR, TEMPLATE_DIR, ContentMaker, slide_name
from tests.fixtures.third_party import NAMES, ThirdParty, third_party_templates
from tests.stress.pictures import copy_stress_set

OUR_FLOOR = 16.0
SIZE_CLASS = {(need.kind, role.name): role.size
              for need in KINDS.layout_needs() for role in need.roles}


@dataclass(frozen=True)
class Built:
    """A deck built in memory: its plans, the written file read back, the template."""

    plans: list[SlidePlan]
    prs: PresentationType
    template: Template
    measurer: TextMeasurer


def build(content: Path, template: Path, afdeling: str | None = None) -> Built:
    deck = pipeline.load_deck(content, afdeling)
    session = pipeline.open_session(pipeline.open_template(deck, template))
    plans: list[SlidePlan] = []
    data, _, _ = pipeline.build_bytes(deck, session, plans_out=plans, max_bytes=None)
    return Built(plans, Presentation(io.BytesIO(data)), session.template, session.measurer)


def body_run_sizes(built: Built) -> list[tuple[str, str, float]]:
    """(slide, role, size) of every run of body text in the written deck: placeholders of
    body-class roles found by idx, and the callout box."""
    found: list[tuple[str, str, float]] = []
    assert len(built.plans) == len(built.prs.slides)
    for plan, slide in zip(built.plans, built.prs.slides, strict=True):
        assert slide_name(slide) == plan.name
        roles = built.template.layouts[plan.kind].roles
        body = {roles[role].idx: role for role in plan.texts
                if SIZE_CLASS.get((plan.kind, role)) in BODY_CLASSES}
        for shape in slide.shapes:
            if shape.is_placeholder:
                role = body.get(shape.placeholder_format.idx)
            else:
                role = "callout" if shape.name == "Kader" else None
            if role is None or not shape.has_text_frame:
                continue
            found.extend((plan.name, role, run.font.size.pt)
                         for paragraph in shape.text_frame.paragraphs
                         for run in paragraph.runs
                         if run.text.strip() and run.font.size is not None)
    return found


def continued_runs(built: Built) -> dict[str, list[SlidePlan]]:
    """The plans of every slide that continues on more, by the slide's own name."""
    runs: dict[str, list[SlidePlan]] = defaultdict(list)
    for plan in built.plans:
        runs[":".join(plan.name.split(":")[:2])].append(plan)
    return {name: plans for name, plans in runs.items() if len(plans) > 1}


def fills(built: Built, plan: SlidePlan) -> dict[str, float]:
    """How full each body box of a slide is: measured text height / box height."""
    found = {}
    for role, fill in plan.texts.items():
        if "body" not in role:
            continue
        spec = built.template.layouts[plan.kind].roles[role]
        box = fill.rect.inset(*spec.insets) if fill.rect else spec.text_rect
        style = built.template.styles.get((plan.kind, role), PLAIN)
        height = built.measurer.height(list(fill.block.paragraphs), box.w, fill.block.size,
                                       style)
        found[role] = height / box.h
    return found


def check_deck(built: Built, floor: float) -> None:
    sizes = body_run_sizes(built)
    assert sizes
    assert [found for found in sizes if found[2] < floor] == []
    for name, plans in continued_runs(built).items():
        # One size for all body text of a continued run, and every slide of it at
        # least MIN_FILL full (two-column: the column that goes on, on each slide).
        run_sizes = {fill.block.size for plan in plans for role, fill in plan.texts.items()
                     if "body" in role}
        assert len(run_sizes) == 1, (name, run_sizes)
        for plan in plans:
            measured = fills(built, plan)
            assert max(measured.values(), default=1.0) >= MIN_FILL, (plan.name, measured)
        for plan in plans[1:]:
            # A column heading only over a column with text in it.
            for side in ("left", "right"):
                if f"{side}_heading" in plan.texts:
                    assert f"{side}_body" in plan.texts, plan.name


@pytest.fixture(scope="module")
def stress_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_stress_set(tmp_path_factory.mktemp("stress") / "stress")


@pytest.fixture(scope="module")
def third_party(tmp_path_factory: pytest.TempPathFactory) -> ThirdParty:
    return third_party_templates(tmp_path_factory)


@pytest.mark.parametrize("which", ["default", "stress"])
def test_our_template_sets_body_text_at_16_pt_and_balances_continuations(
    which: str, stress_content: Path
) -> None:
    content = CONTENT_DIR if which == "default" else stress_content
    built = build(content, TEMPLATE_DIR)
    check_deck(built, OUR_FLOOR)
    if which == "stress":
        assert continued_runs(built)  # the stress deck does continue


def test_every_afdeling_deck_sets_body_text_at_16_pt_at_least() -> None:
    slugs = load_variants(CONTENT_DIR).slugs()
    assert len(slugs) == 12
    for slug in slugs:
        check_deck(build(CONTENT_DIR, TEMPLATE_DIR, slug), OUR_FLOOR)


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("which", ["default", "stress"])
def test_third_party_templates_keep_body_text_at_14_pt_at_least(
    name: str, which: str, third_party: ThirdParty, stress_content: Path
) -> None:
    content = CONTENT_DIR if which == "default" else stress_content
    check_deck(build(content, third_party.get(name)), BODY_FLOOR)


def test_a_column_that_goes_on_alone_leaves_no_heading_over_an_empty_column(
    make_content: ContentMaker,
) -> None:
    left = "".join(f"      - Punt {n} over uitvoering en gebiedsgerichte aanpak\n"
                   for n in range(30))
    content = make_content(
        "- kind: two-column\n  id: kolommen\n  title: Kolommen\n"
        f"  left:\n    heading: Links\n    body:\n{left}"
        "  right:\n    heading: Rechts\n    body: [Kort]\n"
    )
    built = build(content.dir, TEMPLATE_DIR)
    assert [plan.name for plan in built.plans][:2] == ["two-column:kolommen",
                                                       "two-column:kolommen:2"]
    for slide in list(built.prs.slides)[1:]:
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert "Rechts" not in texts
        assert any(text.startswith("Links (vervolg)") for text in texts), texts
    check_deck(built, OUR_FLOOR)
