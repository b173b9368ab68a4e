"""Layouts are chosen by what they contain; their names, in any language, are hints."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from deck_builder.kinds import KINDS
from deck_builder.pipeline import build
from deck_builder.template.load import check_template, load_template
from deck_builder.template.matching import Matcher, name_tokens
from deck_builder.template.needs import LayoutNeed, Role
from tests.conftest import CONTENT_DIR, deck_texts, fold, slide_name

NEEDS = KINDS.layout_needs()
MATCHER = Matcher(NEEDS)
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
# python-pptx's default template, layout by layout, and what each is for.
STOCK = ("Title Slide", "Title and Content", "Section Header", "Two Content", "Comparison",
         "Title Only", "Blank", "Content with Caption", "Picture with Caption",
         "Title and Vertical Text", "Vertical Title and Text")
DUTCH = ("Titeldia", "Titel en object", "Sectiekop", "Twee inhoudselementen", "Vergelijking",
         "Alleen titel", "Leeg", "Inhoud met bijschrift", "Afbeelding met bijschrift",
         "Titel en verticale tekst", "Verticale titel en tekst")
GERMAN = ("Titelfolie", "Titel und Inhalt", "Abschnittsüberschrift", "Zwei Inhalte",
          "Vergleich", "Nur Titel", "Leer", "Inhalt mit Überschrift", "Bild mit Überschrift",
          "Titel und vertikaler Text", "Vertikaler Titel und Text")


@pytest.mark.parametrize("name", ["Title and Content", "Titel en inhoud", "Title, Content",
                                  "Titel und Inhalt", "Titre et contenu", "TITLE & CONTENT"])
def test_title_and_content_in_any_language(name: str) -> None:
    assert "title_content" in MATCHER.announced(name)
    assert "title_slide" not in MATCHER.announced(name)


@pytest.mark.parametrize(("name", "concept"), [
    ("Title Slide", "title_slide"), ("Titeldia", "title_slide"), ("Titel", "title_slide"),
    ("Titelfolie", "title_slide"), ("Section Header", "section"), ("Sectiekop", "section"),
    ("Abschnittsüberschrift", "section"), ("Two Content", "two_content"),
    ("Title, 2 Content", "two_content"), ("Twee inhoudselementen", "two_content"),
    ("Zwei Inhalte", "two_content"), ("Comparison", "comparison"),
    ("Vergelijking", "comparison"), ("Picture with Caption", "picture_caption"),
    ("Afbeelding met bijschrift", "picture_caption"), ("Citaat", "quote"),
    ("Kengetal", "statistic"), ("Afsluiting", "closing"), ("Blank Slide", "blank"),
])
def test_names_announce_concepts(name: str, concept: str) -> None:
    assert concept in MATCHER.announced(name)


def test_names_are_folded_before_matching() -> None:
    assert name_tokens("Abschnitts-Überschrift, Zwei") == ("abschnitts", "uberschrift", "2")
    assert MATCHER.announced("Tekst") == {"title_content"}
    assert MATCHER.announced("Tekst en beeld") == set()  # "=tekst" is the whole name only


def test_a_name_meant_for_another_kind_costs_a_little() -> None:
    assert MATCHER.name_bonus("agenda", "Agenda")[0] > 0
    assert MATCHER.name_bonus("bullets", "Agenda")[0] < 0
    assert MATCHER.name_bonus("bullets", "Layout 3") == (0.0, None)


def test_the_words_for_a_kind_come_from_the_kind() -> None:
    # The layout kinds of PowerPoint are known without any kind; a kind's own words
    # (and what they are worth) arrive with its need.
    bare = Matcher([])
    assert bare.announced("Titel en inhoud") == {"title_content"}
    assert bare.announced("Citaat") == set()
    poem = LayoutNeed("poem", (Role("verse", required=True),), names=("poem", "=gedicht"),
                      hints={"poem": 8})
    matcher = Matcher([*NEEDS, poem])
    assert matcher.announced("Gedicht") == {"poem"}
    assert matcher.announced("Gedicht en beeld") == set()
    assert matcher.name_bonus("poem", "Gedicht") == (8, "name says poem (+8)")
    assert matcher.name_bonus("quote", "Gedicht")[0] < 0  # meant for another kind


def _renamed(tmp_path: Path, names: tuple[str, ...]) -> Path:
    prs = Presentation()
    for layout, name in zip(prs.slide_layouts, names, strict=True):
        layout._element.find(f"{{{P}}}cSld").set("name", name)
    path = tmp_path / "hernoemd.pptx"
    prs.save(str(path))
    return path


def _choices(path: Path) -> dict[str, int]:
    """Kind → the position of its layout in the master (copies count as their base)."""
    report = check_template(path, NEEDS).report
    names = [info.name for info in report.layouts]
    return {kind: names.index(match.layout.name)
            for kind, match in report.matches.items()}


def test_structure_decides_without_any_names(tmp_path: Path) -> None:
    english = _choices(_renamed(tmp_path, STOCK))
    anonymous = _choices(_renamed(tmp_path, tuple(f"Layout {n}" for n in range(11))))
    # Only names can tell a title slide from a section header, or bullets from agenda's
    # layout; everything with a structure of its own is found without them.
    for kind in ("title", "bullets", "agenda", "partners", "two-column", "quote", "image",
                 "statistic"):
        assert anonymous[kind] == english[kind], kind
    assert STOCK[english["title"]] == "Title Slide"
    assert STOCK[english["section"]] == "Section Header"
    assert STOCK[english["bullets"]] == "Title and Content"
    assert STOCK[english["two-column"]] == "Comparison"
    assert STOCK[english["image"]] == "Picture with Caption"


@pytest.mark.parametrize("names", [DUTCH, GERMAN], ids=["nl", "de"])
def test_translated_layout_names_give_the_same_mapping(tmp_path: Path,
                                                      names: tuple[str, ...]) -> None:
    assert _choices(_renamed(tmp_path, names)) == _choices(_renamed(tmp_path, STOCK))


def test_vertical_text_layouts_are_never_chosen(tmp_path: Path) -> None:
    chosen = _choices(_renamed(tmp_path, STOCK))
    assert not {STOCK[i] for i in chosen.values()} & {"Title and Vertical Text",
                                                       "Vertical Title and Text"}


def test_a_name_decides_between_equal_layouts(tmp_path: Path) -> None:
    names = list(STOCK)
    names[9] = "Agenda"  # "Title and Vertical Text", made horizontal below
    prs = Presentation()
    for layout, name in zip(prs.slide_layouts, names, strict=True):
        layout._element.find(f"{{{P}}}cSld").set("name", name)
    agenda = prs.slide_layouts[9]
    for ph in agenda._element.iter(f"{{{P}}}ph"):
        ph.attrib.pop("orient", None)
    for body_pr in agenda._element.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}bodyPr"):
        body_pr.attrib.pop("vert", None)
    path = tmp_path / "agenda.pptx"
    prs.save(str(path))
    template = load_template(path, NEEDS)
    assert template.layouts["agenda"].name == "Agenda"
    assert template.layouts["bullets"].name == "Title and Content"


def test_kinds_without_a_fitting_layout_get_free_boxes_and_lose_nothing(
    tmp_path: Path,
) -> None:
    # A template with only "Title Only" and "Blank": every kind lands on one of them,
    # its content in boxes the mapping draws, one warning per kind.
    prs = Presentation()
    keep = {"Title Only", "Blank"}
    master = prs.slide_master
    for layout in list(master.slide_layouts):
        if layout.name not in keep:
            master.slide_layouts.remove(layout)
    path = tmp_path / "karig.pptx"
    prs.save(str(path))
    template = load_template(path, NEEDS)
    assert {spec.name.split(" (")[0] for spec in template.layouts.values()} <= keep
    assert template.layouts["bullets"].roles["body"].free
    assert not template.layouts["bullets"].roles["title"].free
    kinds_warned = [w for w in template.warnings if "has no layout made for" in w]
    assert len(kinds_warned) == len(NEEDS)
    out = tmp_path / "deck.pptx"
    build(CONTENT_DIR, out, path)
    built = Presentation(str(out))
    text = fold(" ".join(deck_texts(built)))
    assert "Bestuurlijke ronde via VNG-afdelingen" in text
    assert "99%" in text
    assert all(slide.slide_layout.name.split(" (")[0] in keep for slide in built.slides)
    assert slide_name(built.slides[0]).startswith("title:")


def test_a_need_places_required_roles_first_and_leaves_decoration_to_the_mapping() -> None:
    need = LayoutNeed("poster", (Role("caption", "line"), Role("logo", "picture", decoration=True),
                                 Role("picture", "picture", required=True),
                                 Role("title", "heading", required=True)))
    assert need.required == ("picture", "title")
    assert need.placed == ("picture", "title", "caption")
    assert need.pictures == {"logo", "picture"}
    assert need.size_class("caption") == "line"
    assert need.size_class("unknown") == "body"
    # The key describes the need in plain values (a cache key must not change per run).
    assert "object at 0x" not in repr(need.key())
