"""apply_variant and load_variants: the overlay rules of afdelingen.yaml, on the real base deck.

Each test copies the repository's content/ into tmp_path, writes its own afdelingen.yaml
and checks the slide list (ids in order) and fields that apply_variant produces. Expected
ids come from reading the content files with yaml.safe_load, not from the package.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from deck_builder.content import loader, overlays, validate
from deck_builder.content.source import Node, to_plain
from deck_builder.errors import DeckError, ProblemCollector
from deck_builder.kinds import KINDS
from tests.conftest import CONTENT_DIR
from tests.helpers import as_date, base_ids, base_slide, deck_meta, deck_slug, long_date
from tests.variants_support import (
    afdelingen,
    copy_content,
    output_file_name,
    ref,
    substituted,
    variables_of,
    with_overlay,
)

# -- fixtures of this module ----------------------------------------------------------

HEADER = """\
afdelingen:
  - slug: proef
    name: Vereniging van Proefgemeenten
    short: VPG
    meeting: Ledenvergadering
    date: 2026-02-03
    start: "10:00"
    end: "12:00"
    place: Proefdorp
    chair: Voorzitter VPG
"""


class Overlay:
    """A copied content folder with a one-afdeling afdelingen.yaml, and its result."""

    def __init__(self, folder: Path, overlay: str) -> None:
        self.folder = folder
        self.text = with_overlay(HEADER, "proef", overlay) if overlay.strip() else HEADER
        (folder / "afdelingen.yaml").write_text(self.text, encoding="utf-8")
        self.raw = loader.load_content(folder, ProblemCollector())
        self.set = overlays.load_variants(folder)
        assert not self.set.problems, self.set.problems
        self.problems = ProblemCollector()
        self.result = overlays.apply_variant(
            self.raw, self.set.variants["proef"], KINDS, self.problems
        )

    @property
    def ids(self) -> list[str | None]:
        """Slide ids of the result, in order."""
        return [_plain(slide).get("id") for slide in self.result.slides]

    def slide(self, slide_id: str) -> dict[str, Any]:
        """The result's slide with this id, as plain data."""
        (found,) = [_plain(s) for s in self.result.slides if _plain(s).get("id") == slide_id]
        return found

    def messages(self) -> list[str]:
        """Problems as `file:line:col: message`, file shown by name only."""
        return [f"{p.where.path.name}:{p.where.line}:{p.where.column}: {p.message}"
                if p.where else p.message for p in self.problems.problems]

    def ref(self, needle: str, skip: int = 0) -> str:
        """Where `needle` is in the afdelingen.yaml this overlay wrote."""
        return ref(self.text, needle, skip)

    def only_message(self, needle: str, skip: int = 0) -> str:
        """The one problem, which must be located at `needle` (`skip` columns in)."""
        (message,) = self.messages()
        assert message.startswith(self.ref(needle, skip) + ": "), message
        return message


def _plain(node: Node) -> dict[str, Any]:
    plain = to_plain(node)
    assert isinstance(plain, dict)
    return plain


@pytest.fixture(scope="module")
def module_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of content/ for the module; each test rewrites afdelingen.yaml."""
    return copy_content(tmp_path_factory.mktemp("variants"))


@pytest.fixture
def apply(module_content: Path) -> Any:
    """Write an overlay for the afdeling `proef` and apply it to the base deck."""

    def run(overlay: str) -> Overlay:
        return Overlay(module_content, overlay)

    return run


def new_slide(slide_id: str, title: str = "Nieuw") -> str:
    """A bullets slide as a YAML flow mapping, for `slides:` lists."""
    return f"{{kind: bullets, id: {slide_id}, title: {title}, body: [Punt]}}"


def place(ids: list[str], position: str, anchor: str) -> int:
    """Index in `ids` where slides added `after:`/`before:` `anchor` (or `at:`) go."""
    if position == "at":
        return 0 if anchor == "start" else len(ids)
    return ids.index(anchor) + (1 if position == "after" else 0)


def inserted(ids: list[str], new: list[str], position: int) -> list[str]:
    return [*ids[:position], *new, *ids[position:]]


# -- the order: overrides, then drops, then additions ---------------------------------


def test_base_ids_are_what_the_tests_assume() -> None:
    ids = base_ids()
    for needed in ("titel", "agenda", "resolutie", "overige-actualiteiten",
                   "bouwstenen-stikstof", "afsluiting"):
        assert needed in ids
    assert len(ids) == len(set(ids))


def test_no_overlay_keeps_the_base_slides(apply: Any) -> None:
    result = apply("")
    assert result.ids == base_ids()
    assert not result.problems.problems


def test_override_then_drop_then_add(apply: Any) -> None:
    base = base_ids()
    result = apply(f"""
        override:
          agenda:
            title: Agenda van de {{vergadering}}
          resolutie:
            caption: wordt toch weggelaten
        drop: [resolutie]
        add:
          - after: agenda
            slides:
              - {new_slide("extra")}
        """)
    assert not result.problems.problems, result.messages()
    expected = inserted([i for i in base if i != "resolutie"], ["extra"],
                        base.index("agenda") + 1)
    assert result.ids == expected
    # The override is applied to the slide that stays, before the addition follows it.
    assert result.slide("agenda")["title"] == "Agenda van de {vergadering}"
    deck = validate.parse_deck(result.result, KINDS, ProblemCollector())
    agenda = next(s for s in deck.slides if s.id == "agenda")
    assert "".join(run.text for run in agenda.title) == "Agenda van de Ledenvergadering"


def test_overriding_a_dropped_slide_is_not_an_error(apply: Any) -> None:
    result = apply("""
        override:
          resolutie:
            figure: 50%
        drop: [resolutie]
        """)
    assert not result.problems.problems, result.messages()
    assert "resolutie" not in result.ids


def test_override_cannot_reach_a_slide_the_overlay_adds(apply: Any) -> None:
    # Overrides come first, so the added slide does not exist yet.
    result = apply(f"""
        override:
          nieuw-punt:
            title: Ander
        add:
          - at: end
            slides:
              - {new_slide("nieuw-punt")}
        """)
    message = result.only_message("nieuw-punt:")
    assert "no slide with id 'nieuw-punt'" in message


def test_drop_cannot_remove_a_slide_the_overlay_adds(apply: Any) -> None:
    result = apply(f"""
        drop: [later-toegevoegd]
        add:
          - at: end
            slides:
              - {new_slide("later-toegevoegd")}
        """)
    result.only_message("later-toegevoegd]")
    assert result.ids[-1] == "later-toegevoegd"


# -- where additions go ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("position", "anchor"),
    [("after", "agenda"), ("before", "overige-actualiteiten"), ("at", "start"), ("at", "end"),
     ("after", "afsluiting"), ("before", "titel")],
)
def test_add_position(apply: Any, position: str, anchor: str) -> None:
    base = base_ids()
    result = apply(f"""
        add:
          - {position}: {anchor}
            slides:
              - {new_slide("een")}
              - {new_slide("twee")}
        """)
    assert not result.problems.problems, result.messages()
    assert result.ids == inserted(base, ["een", "twee"], place(base, position, anchor))


def test_add_relative_to_slides_added_earlier_by_the_same_overlay(apply: Any) -> None:
    base = base_ids()
    result = apply(f"""
        add:
          - after: agenda
            slides:
              - {new_slide("midden")}
          - after: midden
            slides:
              - {new_slide("daarna")}
          - before: midden
            slides:
              - {new_slide("ervoor")}
          - before: ervoor
            slides:
              - {new_slide("eerst")}
        """)
    assert not result.problems.problems, result.messages()
    assert result.ids == inserted(base, ["eerst", "ervoor", "midden", "daarna"],
                                  base.index("agenda") + 1)


@pytest.mark.parametrize(
    ("position", "anchor"),
    [("after", "agenda"), ("before", "afsluiting"), ("at", "start"), ("at", "end")],
)
def test_additions_at_one_place_keep_their_file_order(
    apply: Any, position: str, anchor: str
) -> None:
    base = base_ids()
    result = apply(f"""
        add:
          - {position}: {anchor}
            slides:
              - {new_slide("eerste")}
          - {position}: {anchor}
            slides:
              - {new_slide("tweede")}
              - {new_slide("derde")}
        """)
    assert not result.problems.problems, result.messages()
    assert result.ids == inserted(base, ["eerste", "tweede", "derde"],
                                  place(base, position, anchor))


def test_add_after_an_overridden_slide(apply: Any) -> None:
    base = base_ids()
    result = apply(f"""
        override:
          resolutie:
            caption: steun, ook hier
        add:
          - after: resolutie
            slides:
              - {new_slide("na-resolutie")}
        """)
    assert not result.problems.problems, result.messages()
    assert result.ids == inserted(base, ["na-resolutie"], base.index("resolutie") + 1)
    assert result.slide("resolutie")["caption"] == "steun, ook hier"


@pytest.mark.parametrize("position", ["after", "before"])
def test_adding_next_to_a_dropped_slide_is_an_error(apply: Any, position: str) -> None:
    result = apply(f"""
        drop: [resolutie]
        add:
          - {position}: resolutie
            slides:
              - {new_slide("wees")}
        """)
    message = result.only_message(f"{position}: resolutie", len(f"{position}: "))
    assert "'resolutie' is dropped" in message
    assert "wees" not in result.ids
    assert "resolutie" not in result.ids


# -- overrides ------------------------------------------------------------------------


def test_dotted_override_changes_one_field_of_a_column(apply: Any) -> None:
    base = base_slide("bouwstenen-stikstof")
    result = apply("""
        override:
          bouwstenen-stikstof:
            left.heading: Emissiereductie in {plaats}
        """)
    assert not result.problems.problems, result.messages()
    slide = result.slide("bouwstenen-stikstof")
    assert slide["left"]["heading"] == "Emissiereductie in {plaats}"
    # Everything else of the column and the slide is the base deck's.
    assert {k: v for k, v in slide["left"].items() if k != "heading"} == {
        k: v for k, v in base["left"].items() if k != "heading"
    }
    assert slide["right"] == base["right"]
    assert slide["title"] == base["title"]
    deck = validate.parse_deck(result.result, KINDS, ProblemCollector())
    column = next(s for s in deck.slides if s.id == "bouwstenen-stikstof").left  # type: ignore[attr-defined]
    place = yaml.safe_load(HEADER)["afdelingen"][0]["place"]
    assert "".join(run.text for run in column.heading) == f"Emissiereductie in {place}"


def test_override_replaces_a_whole_list(apply: Any) -> None:
    result = apply("""
        override:
          afsluiting:
            contact: [Alleen dit adres]
        """)
    assert not result.problems.problems, result.messages()
    assert result.slide("afsluiting")["contact"] == ["Alleen dit adres"]


@pytest.mark.parametrize("field", ["kind", "id", "id.deel"])
def test_overriding_kind_or_id_is_refused(apply: Any, field: str) -> None:
    result = apply(f"""
        override:
          agenda:
            {field}: bullets
        """)
    message = result.only_message(f"{field}: bullets")
    assert f"{field.split('.')[0]!r} cannot be overridden" in message
    assert result.slide("agenda") == base_slide("agenda")


@pytest.mark.parametrize(
    ("slide_id", "field"),
    [("agenda", "subtitle"), ("bouwstenen-stikstof", "left.kop"),
     ("bouwstenen-stikstof", "links.heading"), ("resolutie", "caption.text")],
)
def test_override_of_an_unknown_field_is_an_error(apply: Any, slide_id: str, field: str) -> None:
    result = apply(f"""
        override:
          {slide_id}:
            {field}: Iets
        """)
    message = result.only_message(f"{field}: Iets")
    assert f"has no field {field!r}" in message


@pytest.mark.parametrize(
    ("overlay", "needle", "skip"),
    [
        ("override:\n  agendaa:\n    title: X\n", "agendaa:", 0),
        ("drop: [resolutei]\n", "resolutei", 0),
        (f"add:\n  - after: afsluting\n    slides:\n      - {new_slide('x')}\n",
         "after: afsluting", len("after: ")),
        (f"add:\n  - before: tietel\n    slides:\n      - {new_slide('x')}\n",
         "before: tietel", len("before: ")),
    ],
    ids=["override", "drop", "after", "before"],
)
def test_unknown_slide_id_is_an_error_at_its_line(
    apply: Any, overlay: str, needle: str, skip: int
) -> None:
    result = apply(overlay)
    message = result.only_message(needle, skip)
    assert "no slide with id" in message
    assert "did you mean" in message  # each misspelling is close to a real id
    assert result.ids == base_ids()  # nothing overridden, dropped or inserted


def test_apply_variant_leaves_the_base_deck_unchanged(apply: Any) -> None:
    result = apply(f"""
        override:
          bouwstenen-stikstof:
            left.heading: Anders
          agenda:
            title: Anders
        drop: [resolutie]
        add:
          - at: start
            slides:
              - {new_slide("voorop")}
        """)
    assert not result.problems.problems, result.messages()
    assert [_plain(s)["id"] for s in result.raw.slides] == base_ids()
    fresh = loader.load_content(result.folder, ProblemCollector())
    assert [to_plain(s) for s in result.raw.slides] == [to_plain(s) for s in fresh.slides]
    assert to_plain(result.raw.meta) == to_plain(fresh.meta)


# -- metadata and variables -----------------------------------------------------------


def test_meta_and_variables_come_from_the_afdeling(apply: Any) -> None:
    entry = yaml.safe_load(HEADER)["afdelingen"][0]
    result = apply("""
        variables:
          thema: Proefthema
        add:
          - at: end
            slides:
              - kind: bullets
                id: variabelen
                title: "{thema} bij {afdeling_kort}"
                body:
                  - "{voorzitter} in {plaats}, {begintijd}–{eindtijd}"
                  - "{afdeling}: {vergadering} op {datum}"
        """)
    assert not result.problems.problems, result.messages()
    deck = validate.parse_deck(result.result, KINDS, ProblemCollector())
    assert deck.meta.date == as_date(entry["date"])
    assert deck.meta.host == entry["name"]
    assert deck.meta.meeting == entry["meeting"]
    assert deck.meta.place == entry["place"]
    assert (deck.meta.start, deck.meta.end) == (entry["start"], entry["end"])
    assert deck.meta.title == deck_meta()["title"]  # not touched by the afdeling
    slide = deck.slides[-1]
    values = {**variables_of(entry), "thema": "Proefthema"}
    assert "".join(r.text for r in slide.title) == substituted(  # type: ignore[attr-defined]
        "{thema} bij {afdeling_kort}", values
    )
    lines = ["".join(r.text for r in item.text) for item in slide.body]  # type: ignore[attr-defined]
    assert lines == [
        substituted("{voorzitter} in {plaats}, {begintijd}–{eindtijd}", values),
        substituted("{afdeling}: {vergadering} op {datum}", values),
    ]
    assert long_date(entry["date"]) in lines[1]


def test_undefined_variable_in_an_added_slide_is_reported_at_its_line(apply: Any) -> None:
    result = apply("""
        add:
          - at: end
            slides:
              - kind: bullets
                id: onbekend
                title: Hallo {wethouder}
                body: [x]
        """)
    problems = ProblemCollector()
    with pytest.raises(DeckError) as caught:
        validate.parse_deck(result.result, KINDS, problems)
    (problem,) = caught.value.problems
    assert problem.where is not None
    where = f"afdelingen.yaml:{problem.where.line}:{problem.where.column}"
    assert where == result.ref("Hallo {wethouder}")
    assert "unknown variable {wethouder}" in problem.message


# -- loading afdelingen.yaml ----------------------------------------------------------


def test_load_variants_reads_every_afdeling_in_file_order() -> None:
    loaded = overlays.load_variants(CONTENT_DIR)
    entries = afdelingen()
    assert loaded.slugs() == [a["slug"] for a in entries]
    assert not loaded.problems
    for entry in entries:
        variant = loaded.variants[entry["slug"]]
        assert variant.afdeling.name == entry["name"]
        assert variant.afdeling.date == as_date(entry["date"])
        assert overlays.output_name(deck_slug(), variant) == output_file_name(entry)


BROKEN_MIDDLE = """\
    - slug: tweede
      name: Tweede afdeling
      meeting: Ledenvergadering
      date: 2026-02-30
    - slug: derde
      name: Derde afdeling
      meeting: Ledenvergadering
      date: 2026-03-01
    """


def write_broken_entries(folder: Path) -> str:
    """afdelingen.yaml with two broken entries (an unknown key, a bad date), then a good one."""
    text = with_overlay(HEADER, "proef", "kleur: rood\n") + textwrap.indent(
        textwrap.dedent(BROKEN_MIDDLE), "  "
    )
    (folder / "afdelingen.yaml").write_text(text, encoding="utf-8")
    return text


def test_one_broken_entry_does_not_hide_the_others(module_content: Path) -> None:
    text = write_broken_entries(module_content)
    loaded = overlays.load_variants(module_content)
    assert set(loaded.slugs()) == {"proef", "tweede", "derde"}
    assert list(loaded.variants) == ["derde"]
    (unknown_key,) = loaded.problems["proef"]
    assert ref(text, "kleur: rood") in unknown_key
    assert "unknown key 'kleur'" in unknown_key
    (bad_date,) = loaded.problems["tweede"]
    assert ref(text, "2026-02-30") in bad_date


def test_slugs_keep_file_order_when_an_entry_is_broken(module_content: Path) -> None:
    # --all-afdelingen, `variants diff` and the list of valid slugs all use this order.
    write_broken_entries(module_content)
    loaded = overlays.load_variants(module_content)
    assert loaded.slugs() == ["proef", "tweede", "derde"]


def test_a_slug_used_twice_is_an_error(module_content: Path) -> None:
    text = HEADER + HEADER.split("\n", 1)[1]
    (module_content / "afdelingen.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DeckError, match="'proef' is used twice") as caught:
        overlays.load_variants(module_content)
    assert ref(text, "- slug: proef", occurrence=2, skip=2) in str(caught.value)
