"""Planning: slide names, section numbers, continuation slides, warnings."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from deck_builder import pipeline
from deck_builder.errors import DeckError
from deck_builder.kinds import KINDS
from deck_builder.planning.continuation import MIN_FILL, Split
from deck_builder.planning.model import SlidePlan
from deck_builder.planning.planner import (
    ABSOLUTE_MIN_PT,
    NOTICEABLE_SHRINK,
    PlanContext,
    Splits,
    plan_deck,
    shrunk_noticeably,
)
from deck_builder.planning.text_fit import PLAIN
from tests.conftest import CONTENT_DIR, LAYOUTS, TEMPLATE_DIR, Content, ContentMaker


def plans_of(content: Content) -> tuple[list[SlidePlan], list[str]]:
    deck = pipeline.load_deck(content.dir)
    session = pipeline.open_session(pipeline.open_template(deck))
    return plan_deck(deck, session.template, {name: kind.plan for name, kind in KINDS.items()},
                     session.measurer)


def body_texts(plan: SlidePlan, role: str = "body") -> list[str]:
    fill = plan.texts.get(role)
    if fill is None:
        return []
    return ["".join(run.text for run in p.runs) for p in fill.block.paragraphs]


def test_slides_are_named_by_kind_and_id_or_position(make_content: ContentMaker) -> None:
    plans, warnings = plans_of(
        make_content(
            "- kind: title\n- kind: section\n  id: deel-1\n  title: A\n"
            "- kind: bullets\n  title: B\n  body: [x]\n"
        )
    )
    assert [p.name for p in plans] == ["title:1", "section:deel-1", "bullets:3"]
    assert [p.layout for p in plans] == [
        LAYOUTS[k]["layout"] for k in ("title", "section", "bullets")
    ]
    assert warnings == []


def test_continuation_keeps_every_item_once_at_one_size(make_content: ContentMaker) -> None:
    items = [
        f"Punt {n} over de samenwerking tussen rijk en regio bij de uitvoering" for n in range(45)
    ]
    plans, _ = plans_of(
        make_content(
            "- kind: bullets\n  id: lang\n  title: Lang\n  body:\n"
            + "".join(f"    - {i}\n" for i in items)
        )
    )
    assert len(plans) >= 2
    assert [p.name for p in plans] == ["bullets:lang"] + [
        f"bullets:lang:{n}" for n in range(2, len(plans) + 1)
    ]
    assert [t for p in plans for t in body_texts(p)] == items
    sizes = {p.texts["body"].block.size for p in plans}
    assert len(sizes) == 1
    (size,) = sizes
    role = LAYOUTS["bullets"]["roles"]["body"]
    assert role["min_pt"] <= size <= role["max_pt"]
    assert not any(p.texts["body"].block.overflows for p in plans)


@pytest.mark.parametrize("count", [14, 19, 26, 33])
def test_equal_items_are_balanced_over_the_slides(make_content: ContentMaker, count: int) -> None:
    # With items of equal length, balancing leaves no nearly empty last slide: the
    # slides hold the same number of items, give or take one.
    items = [
        f"Gelijk punt {n:02d} met precies even veel tekst als de andere punten hier"
        for n in range(count)
    ]
    plans, _ = plans_of(
        make_content(
            "- kind: bullets\n  title: T\n  body:\n" + "".join(f"    - {i}\n" for i in items)
        )
    )
    counts = [len(body_texts(p)) for p in plans]
    assert sum(counts) == count
    assert len(counts) >= 2
    assert max(counts) - min(counts) <= 1, counts


def test_sub_bullets_stay_with_their_parent(make_content: ContentMaker) -> None:
    groups = "".join(
        f"    - text: Hoofdpunt {n} met een toelichting die de regel vult\n      items:\n"
        f"        - Onderpunt {n}a\n        - Onderpunt {n}b\n"
        for n in range(14)
    )
    plans, _ = plans_of(make_content("- kind: bullets\n  title: T\n  body:\n" + groups))
    assert len(plans) >= 2
    for plan in plans:
        texts = body_texts(plan)
        # A slide never starts with a sub-bullet whose parent is on the slide before.
        assert texts[0].startswith("Hoofdpunt")
        levels = [p.level for p in plan.texts["body"].block.paragraphs]
        assert levels[0] == 0


def test_section_numbers_count_sections(make_content: ContentMaker) -> None:
    plans, _ = plans_of(
        make_content(
            "- kind: section\n  title: A\n- kind: agenda\n- kind: section\n  title: B\n"
            "  number: '7'\n- kind: section\n  title: C\n"
        )
    )
    numbers = [body_texts(p, "number") for p in plans if p.kind == "section"]
    assert numbers == [["01"], ["7"], ["03"]]
    assert body_texts(plans[1]) == ["A", "B", "C"]


def test_text_that_cannot_fit_is_a_located_error(make_content: ContentMaker) -> None:
    content = make_content("- kind: section\n  title: '" + "Veel te lange titel " * 40 + "'\n")
    with pytest.raises(DeckError) as caught:
        plans_of(content)
    (problem,) = caught.value.problems
    line, column = content.where("title: 'Veel")  # the field's line, not the slide's
    assert str(problem).startswith(f"{content.deck_file}:{line}:{column}: ")
    assert "'title'" in problem.message
    assert f"{LAYOUTS['section']['roles']['title']['min_pt']:g} pt" in problem.message


def test_every_problem_of_the_deck_is_reported_at_once(make_content: ContentMaker) -> None:
    content = make_content(
        "- kind: section\n  title: '" + "Veel te lang " * 60 + "'\n"
        "- kind: bullets\n  title: Goed\n  body: [Kort]\n"
        "- kind: closing\n  title: '" + "Ook te lang " * 60 + "'\n"
    )
    with pytest.raises(DeckError) as caught:
        plans_of(content)
    assert [p.where.line for p in caught.value.problems if p.where] == [
        content.where("title: 'Veel")[0], content.where("title: 'Ook")[0]
    ]


def test_one_bullet_too_long_for_a_slide_of_its_own_is_an_error(
    make_content: ContentMaker,
) -> None:
    long = "Een bullet die nooit ophoudt " * 120
    content = make_content(
        "- kind: bullets\n  title: Lang\n  body:\n    - Kort punt\n"
        f"    - '{long.strip()}'\n"
    )
    with pytest.raises(DeckError) as caught:
        plans_of(content)
    (problem,) = caught.value.problems
    assert problem.where is not None
    # At the item's own line, not the slide's or the body's.
    assert (problem.where.line, problem.where.column) == content.where("'Een bullet")
    assert "'Een bullet die nooit ophoudt" in problem.message
    assert "slide of its own" in problem.message


def _bullets(count: int) -> str:
    items = [f"Punt {n} over de samenwerking tussen rijk en regio bij de uitvoering" for n in
             range(count)]
    return "- kind: bullets\n  title: Krap\n  body:\n" + "".join(f"    - {i}\n" for i in items)


def test_a_small_shrink_is_not_news(make_content: ContentMaker) -> None:
    # Eight bullets set a point or two smaller than the template's size: within 15 %.
    content = make_content(_bullets(8))
    plans, warnings = plans_of(content)
    size = plans[0].texts["body"].block.size
    top = LAYOUTS["bullets"]["roles"]["body"]["max_pt"]
    assert top * (1 - NOTICEABLE_SHRINK) <= size < top
    assert warnings == []


def test_a_shrink_of_more_than_15_percent_is_a_located_warning(
    make_content: ContentMaker,
) -> None:
    for count in range(9, 20):  # the fewest bullets that take the body below 85 %
        content = make_content(_bullets(count))
        plans, warnings = plans_of(content)
        size = plans[0].texts["body"].block.size
        if len(plans) == 1 and size < LAYOUTS["bullets"]["roles"]["body"]["max_pt"] * 0.85:
            break
    else:
        raise AssertionError("no body below 85 % of the template's size on one slide")
    role = LAYOUTS["bullets"]["roles"]["body"]
    assert role["min_pt"] <= size
    line, column = content.where("body:")
    assert [str(warning) for warning in warnings] == [
        f"{content.deck_file}:{line}:{column}: text of 'body' set at {size:g} pt instead of "
        f"{role['max_pt']:g} pt to fit its box"
    ]


@pytest.mark.parametrize(("size", "noticed"), [(24, False), (21, False), (20.5, False),
                                               (20, True), (12, True)])
def test_the_noticeable_shrink_is_15_percent(size: float, noticed: bool) -> None:
    assert shrunk_noticeably(size, 24) is noticed


def test_the_default_deck_reports_only_noticeable_shrinks() -> None:
    # Its section title (31.5 of 32 pt) and column heading (21.5 of 22 pt) shrink a
    # little: no warning; every shrink it does report is more than 15 %.
    deck = pipeline.load_deck(CONTENT_DIR)
    session = pipeline.open_session(pipeline.open_template(deck))
    _, warnings = pipeline.plan(deck, session)
    shrinks = [re.search(r"set at ([\d.]+) pt instead of ([\d.]+) pt", w.message)
               for w in warnings]
    found = [(float(m.group(1)), float(m.group(2))) for m in shrinks if m is not None]
    assert found, "the default deck has shrunk text"
    assert all(size < top * (1 - NOTICEABLE_SHRINK) for size, top in found), warnings
    assert not any("'title'" in w.message or "heading" in w.message for w in warnings)


def test_a_split_is_a_located_warning(make_content: ContentMaker) -> None:
    items = [f"Punt {n} over de samenwerking tussen rijk en regio bij de uitvoering" for n in
             range(40)]
    content = make_content(
        "- kind: bullets\n  title: Lang\n  body:\n" + "".join(f"    - {i}\n" for i in items)
    )
    plans, warnings = plans_of(content)
    assert len(plans) >= 2
    (warning,) = [str(warning) for warning in warnings]
    line, column = content.where("body:")
    assert warning.startswith(f"{content.deck_file}:{line}:{column}: ")
    assert f"continues on {len(plans) - 1} more slide" in warning
    assert "'Lang (vervolg)'" in warning


def test_strict_makes_shrinks_and_splits_errors(make_content: ContentMaker) -> None:
    items = [f"Punt {n} over de samenwerking tussen rijk en regio bij de uitvoering" for n in
             range(40)]
    content = make_content(
        "- kind: bullets\n  title: Lang\n  body:\n" + "".join(f"    - {i}\n" for i in items)
        + "- kind: bullets\n  title: Kort\n  body: [Past]\n"
    )
    deck = pipeline.load_deck(content.dir)
    session = pipeline.open_session(pipeline.open_template(deck))
    _, warnings = pipeline.plan(deck, session)
    assert len(warnings) == 1
    with pytest.raises(DeckError) as caught:
        pipeline.plan(deck, session, strict=True)
    (problem,) = caught.value.problems
    assert str(problem).startswith(str(warnings[0]))
    assert "strict mode" in problem.message


def test_strict_build_writes_nothing(make_content: ContentMaker, tmp_path: Path) -> None:
    content = make_content("- kind: section\n  title: '" + "Lange titel " * 8 + "'\n")
    out = tmp_path / "uit" / "deck.pptx"
    assert pipeline.build(content.dir, out).warnings  # the title shrinks
    out.unlink()
    with pytest.raises(DeckError):
        pipeline.build(content.dir, out, strict=True)
    assert not out.exists()
    assert pipeline.build(content.dir, out, strict=False).slides == 1


def test_no_text_is_set_below_the_absolute_floor(
    make_content: ContentMaker, tmp_path: Path
) -> None:
    # A brand that allows 8 pt body text (its body floor lowered to the least allowed,
    # 12 pt) still gets at least 12 pt: the text continues exactly as it would with a
    # minimum of 12 pt.
    items = [f"Punt {n} over de samenwerking tussen rijk en regio bij de uitvoering" for n in
             range(40)]
    slides = "- kind: bullets\n  title: Lang\n  body:\n" + "".join(f"    - {i}\n" for i in items)
    results = {}
    for min_pt in (8, 12):
        brand = tmp_path / f"brand-{min_pt}"
        shutil.copytree(TEMPLATE_DIR, brand)
        layouts = (brand / "layouts.yaml").read_text(encoding="utf-8")
        layouts = layouts.replace("body: {idx: 13, max_pt: 24, min_pt: 16}",
                                  f"body: {{idx: 13, max_pt: 24, min_pt: {min_pt}}}")
        layouts = layouts.replace("body_min_pt: 16", "body_min_pt: 12")
        (brand / "layouts.yaml").write_text(layouts, encoding="utf-8")
        content = make_content(slides, meta={"template": json.dumps(str(brand))})
        deck = pipeline.load_deck(content.dir)
        session = pipeline.open_session(pipeline.open_template(deck))
        assert session.template.layouts["bullets"].roles["body"].min_pt == 12
        plans, _ = pipeline.plan(deck, session)
        results[min_pt] = [(len(p.texts["body"].block.paragraphs), p.texts["body"].block.size)
                           for p in plans]
    assert results[8] == results[12]
    assert len(results[8]) >= 2
    assert min(size for _, size in results[8]) >= ABSOLUTE_MIN_PT


def test_titles_are_measured_in_the_bold_face_they_inherit(make_content: ContentMaker) -> None:
    content = make_content("- kind: bullets\n  title: T\n  body: [x]\n")
    deck = pipeline.load_deck(content.dir)
    session = pipeline.open_session(pipeline.open_template(deck))
    context = PlanContext(deck, session.template, session.measurer)
    # The VNG template's title style is bold; its body text is not.
    assert context.style("bullets", "title").bold
    assert not context.style("bullets", "body").bold
    assert context.style("statistic", "figure").bold


# -- continuation: balanced, parents repeated, long words ------------------------------


def _group(n: int, subs: int) -> str:
    return (f"    - text: Hoofdpunt {n} over de aanpak in de regio\n      items:\n"
            + "".join(f"        - Onderpunt {n}.{k} met een toelichting van een regel of twee "
                      "over wat gemeenten hier doen\n" for k in range(subs)))


@pytest.mark.parametrize(("language", "marker"), [("nl", "(vervolg)"), ("en", "(continued)")])
def test_a_bullet_split_inside_is_repeated_marked_above_its_sub_bullets(
    make_content: ContentMaker, language: str, marker: str
) -> None:
    # One short bullet, then one with many sub-bullets: it is split inside rather than
    # moved whole to the next slide (which would leave the first one nearly empty).
    body = "    - Kort punt vooraf\n" + _group(1, 16)
    plans, _ = plans_of(make_content("- kind: bullets\n  title: T\n  body:\n" + body,
                                     meta={"language": language}))
    assert len(plans) >= 2
    first = body_texts(plans[0])
    assert first[:2] == ["Kort punt vooraf", "Hoofdpunt 1 over de aanpak in de regio"]
    assert len(first) > 3  # sub-bullets of it stay on the first slide
    for plan in plans[1:]:
        paragraphs = plan.texts["body"].block.paragraphs
        texts = body_texts(plan)
        # Never sub-bullets without their parent: it comes first, marked.
        assert paragraphs[0].level == 0
        assert texts[0] == f"Hoofdpunt 1 over de aanpak in de regio {marker}"
        assert paragraphs[0].runs[-1].italic
        assert all(p.level == 1 for p in paragraphs[1:])
    shown = [t for plan in plans for t in body_texts(plan) if not t.endswith(marker)]
    assert shown == ["Kort punt vooraf", "Hoofdpunt 1 over de aanpak in de regio",
                     *(f"Onderpunt 1.{k} met een toelichting van een regel of twee over wat "
                       "gemeenten hier doen" for k in range(16))]


def test_a_parent_is_repeated_once_however_often_it_continues(
        make_content: ContentMaker) -> None:
    plans, _ = plans_of(make_content("- kind: bullets\n  title: T\n  body:\n" + _group(1, 40)))
    assert len(plans) >= 3
    for plan in plans[1:]:
        assert body_texts(plan)[0].count("(vervolg)") == 1


def _fills(content: Content) -> list[list[float]]:
    """Per continued run: how full each slide's body is, measured against its box."""
    deck = pipeline.load_deck(content.dir)
    session = pipeline.open_session(pipeline.open_template(deck))
    plans, _ = plan_deck(deck, session.template,
                         {name: kind.plan for name, kind in KINDS.items()}, session.measurer)
    runs: dict[str, list[float]] = {}
    for plan in plans:
        fill = plan.texts.get("body")
        if fill is None:
            continue
        spec = session.template.layouts[plan.kind].roles["body"]
        box = fill.rect.inset(*spec.insets) if fill.rect else spec.text_rect
        style = session.template.styles.get((plan.kind, "body"), PLAIN)
        height = session.measurer.height(list(fill.block.paragraphs), box.w, fill.block.size,
                                         style)
        runs.setdefault(plan.name.split(":")[1], []).append(height / box.h)
    return list(runs.values())


@pytest.mark.parametrize("count", [9, 13, 17, 23, 31, 47])
def test_no_continued_slide_is_less_than_40_percent_full(make_content: ContentMaker,
                                                          count: int) -> None:
    body = "".join(_group(n, 1 + n % 4) for n in range(count))
    fills = _fills(make_content("- kind: bullets\n  id: lang\n  title: T\n  body:\n" + body))
    (run,) = fills
    assert len(run) >= 2
    assert min(run) >= MIN_FILL, run


def test_a_long_url_builds_broken_inside_the_word(make_content: ContentMaker) -> None:
    url = "https://www.example.org/" + "lange-padnaam/" * 30 + "einde.html"
    plans, _ = plans_of(make_content(f"- kind: bullets\n  title: T\n  body:\n    - {url}\n"))
    assert body_texts(plans[0]) == [url]
    assert not plans[0].texts["body"].block.overflows


def test_a_number_of_a_thousand_digits_builds(make_content: ContentMaker) -> None:
    number = "1234567890" * 100
    plans, _ = plans_of(make_content(f"- kind: bullets\n  title: T\n  body:\n    - '{number}'\n"))
    assert [t for plan in plans for t in body_texts(plan)] == [number]


def test_a_5000_digit_word_that_cannot_fit_is_an_error_at_its_own_item(
    make_content: ContentMaker,
) -> None:
    number = "1234567890" * 500
    content = make_content(
        "- kind: bullets\n  title: T\n  body:\n    - Eerst dit\n"
        f"    - text: Dan dit\n      items:\n        - '{number}'\n"
    )
    with pytest.raises(DeckError) as caught:
        plans_of(content)
    (problem,) = caught.value.problems
    assert problem.where is not None
    assert (problem.where.line, problem.where.column) == content.where(f"'{number[:20]}")
    assert "slide of its own" in problem.message


class _CountingSplits(Splits):
    """Splits that count the questions asked of them."""

    asked = 0

    def get(self, key: tuple[Any, ...], compute: Callable[[], Split | None]) -> Split | None:
        self.asked += 1
        return super().get(key, compute)


def test_remembered_splits_plan_every_deck_as_a_fresh_planning_does() -> None:
    """The caller's splits, used by one deck and then by others (as a batch's session
    does), give the plans each deck gets with splits of its own."""
    planners = {name: kind.plan for name, kind in KINDS.items()}
    decks = [pipeline.load_deck(CONTENT_DIR, afdeling) for afdeling in (None, "drenthe", "zeeland")]
    session = pipeline.open_session(pipeline.open_template(decks[0]))
    shared = _CountingSplits(session.measurer)
    for deck in decks:
        alone = plan_deck(deck, session.template, planners, session.measurer)
        fresh = plan_deck(deck, session.template, planners, session.measurer,
                          splits=Splits(session.measurer))
        remembered = plan_deck(deck, session.template, planners, session.measurer,
                               splits=shared)
        assert remembered == alone == fresh
    assert shared.asked > 0  # the caller's object is the one asked


def test_splits_belong_to_their_session_and_measurer() -> None:
    deck = pipeline.load_deck(CONTENT_DIR)
    template = pipeline.open_template(deck)
    first, second = pipeline.open_session(template), pipeline.open_session(template)
    assert first.splits is not second.splits
    assert first.splits.measurer is first.measurer
    with pytest.raises(ValueError, match="another measurer"):
        plan_deck(deck, template, {name: kind.plan for name, kind in KINDS.items()},
                  first.measurer, splits=second.splits)
