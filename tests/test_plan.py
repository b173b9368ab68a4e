"""Planning: slide names, section numbers, continuation slides, warnings."""

from __future__ import annotations

import pytest

from deck_builder import pipeline
from deck_builder.kinds import KINDS
from deck_builder.plan import plan_deck
from deck_builder.slideplan import SlidePlan
from tests.conftest import LAYOUTS, Content, ContentMaker


def plans_of(content: Content) -> tuple[list[SlidePlan], list[str]]:
    deck = pipeline.load_deck(content.dir)
    template = pipeline.open_template(deck)
    return plan_deck(deck, template, {name: kind.plan for name, kind in KINDS.items()})


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


def test_text_that_cannot_fit_gives_a_located_warning(make_content: ContentMaker) -> None:
    content = make_content("- kind: section\n  title: '" + "Veel te lange titel " * 40 + "'\n")
    plans, warnings = plans_of(content)
    assert len(warnings) == 1
    line, column = content.where("kind: section")
    assert f"deck.yaml:{line}:{column}" in warnings[0]
    assert "'title'" in warnings[0]
    block = plans[0].texts["title"].block
    assert block.overflows
    assert block.size == LAYOUTS["section"]["roles"]["title"]["min_pt"]
