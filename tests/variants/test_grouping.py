"""variants.grouping: a warning the decks of several afdelingen share, said once."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from deck_builder.errors import Problem, SourceRef
from deck_builder.variants.grouping import afdelingen, group, merged

EVERYONE = ["groningen", "friesland", "drenthe", "overijssel", "gelderland", "utrecht",
            "noord-holland", "zuid-holland", "zeeland", "brabant", "limburg", "flevoland"]
QUOTE = SourceRef(Path("content/sections/01.yaml"), 5, 3)
TITLE = SourceRef(Path("content/deck.yaml"), 15, 5)


def test_every_afdeling_is_all_of_them() -> None:
    assert afdelingen(EVERYONE, EVERYONE) == "all 12 afdelingen"


def test_all_but_a_few_names_the_few() -> None:
    assert afdelingen([s for s in EVERYONE if s != "friesland"], EVERYONE) == (
        "all 12 afdelingen but friesland")


def test_a_few_are_named() -> None:
    assert afdelingen(["drenthe", "zeeland"], EVERYONE) == "drenthe, zeeland"
    # In a batch of two, both are named rather than "all 2".
    assert afdelingen(["drenthe", "zeeland"], ["drenthe", "zeeland"]) == "drenthe, zeeland"


def test_figures_that_differ_become_ranges() -> None:
    assert merged(["set at 21 pt instead of 26 pt", "set at 18.5 pt instead of 26 pt",
                   "set at 20 pt instead of 26 pt"]) == "set at 18.5–21 pt instead of 26 pt"
    assert merged(["same 3", "same 3"]) == "same 3"


@given(st.lists(st.integers(min_value=0, max_value=9999).map(lambda v: v / 10),
                min_size=1, max_size=5))
def test_merged_sizes_read_as_their_range(sizes: list[float]) -> None:
    messages = [f"text of 'body' set at {size:g} pt instead of 24 pt" for size in sizes]
    low, high = f"{min(sizes):g}", f"{max(sizes):g}"
    shown = low if low == high else f"{low}–{high}"
    assert merged(messages) == f"text of 'body' set at {shown} pt instead of 24 pt"


def test_the_same_warning_of_many_decks_is_said_once_in_place_order() -> None:
    per_deck = {
        slug: [Problem("text of 'quote' set at 22.5 pt instead of 36 pt", QUOTE),
               *([Problem(f"text of 'subtitle' set at {size} pt instead of 26 pt", TITLE)]
                 if (size := {"friesland": "21", "brabant": "21.5"}.get(slug)) else []),
               Problem("the template's font is not installed")]
        for slug in EVERYONE
    }
    said = [item.text(EVERYONE) for item in group(per_deck)]
    assert said == [
        "the template's font is not installed",
        "content/deck.yaml:15:5: friesland, brabant: text of 'subtitle' set at 21–21.5 pt "
        "instead of 26 pt",
        "content/sections/01.yaml:5:3: all 12 afdelingen: text of 'quote' set at 22.5 pt "
        "instead of 36 pt",
    ]


def test_different_warnings_at_one_place_stay_apart() -> None:
    per_deck = {"drenthe": [Problem("text of 'body' set at 18 pt instead of 24 pt", QUOTE)],
                "zeeland": [Problem("text of 'body' continues on 1 more slide", QUOTE)]}
    assert [(item.message, item.slugs) for item in group(per_deck)] == [
        ("text of 'body' continues on 1 more slide", ("zeeland",)),
        ("text of 'body' set at 18 pt instead of 24 pt", ("drenthe",)),
    ]
