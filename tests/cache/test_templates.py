"""cache.templates: a brand folder's check is recalled exactly while nothing it read changed."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from deck_builder import pipeline
from deck_builder.cache import store, templates
from deck_builder.errors import DeckError
from deck_builder.kinds import KINDS
from deck_builder.template import load
from deck_builder.template.load import check_template, load_template
from tests.conftest import CONTENT_DIR, TEMPLATE_DIR

NEEDS = KINDS.layout_needs()


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "deck-builder"


@pytest.fixture
def brand(tmp_path: Path) -> Path:
    folder = tmp_path / "merk"
    shutil.copytree(TEMPLATE_DIR, folder)
    return folder


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob(f"{templates.ENTRY_KIND}-*"))


def _remembered(brand: Path) -> load.Template:
    templates.remember(brand, NEEDS, check_template(brand, NEEDS))
    recalled = templates.recall(brand, NEEDS)
    assert recalled is not None
    return recalled


def _with_samples(brand: Path) -> None:
    """Give the brand's template file a sample slide: checking must prepare it."""
    prs = Presentation(str(brand / "template.pptx"))
    prs.slides.add_slide(prs.slide_layouts[0])
    prs.save(str(brand / "template.pptx"))


def test_a_remembered_check_is_the_check(brand: Path, cache: Path) -> None:
    assert templates.recall(brand, NEEDS) is None  # nothing remembered yet
    checked = check_template(brand, NEEDS)
    templates.remember(brand, NEEDS, checked)
    assert len(_entries(cache)) == 1
    assert templates.recall(brand, NEEDS) == checked.template  # every field


def test_a_prepared_package_is_remembered_with_the_check(brand: Path, cache: Path) -> None:
    _with_samples(brand)
    checked = check_template(brand, NEEDS)
    assert checked.template.prepared is not None
    templates.remember(brand, NEEDS, checked)
    assert len(list(cache.glob(f"{templates.PREPARED_KIND}-*.pptx"))) == 1
    assert templates.recall(brand, NEEDS) == checked.template


def test_a_remembered_check_builds_the_same_deck(brand: Path) -> None:
    deck = pipeline.load_deck(CONTENT_DIR)
    checked = load_template(brand, NEEDS)
    remembered = _remembered(brand)
    assert (pipeline.build_bytes(deck, pipeline.open_session(remembered))[0]
            == pipeline.build_bytes(deck, pipeline.open_session(checked))[0])


def test_the_pipeline_checks_once_then_recalls(brand: Path, cache: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    deck = pipeline.load_deck(CONTENT_DIR)
    first = pipeline.open_template(deck, brand)
    assert len(_entries(cache)) == 1

    def no_check(*args: object) -> None:
        raise AssertionError("checked again")

    monkeypatch.setattr(load, "check_template", no_check)
    assert pipeline.open_template(deck, brand) == first


def test_a_quick_edit_of_the_same_size_is_seen(brand: Path) -> None:
    """Text files are compared by content: a rewrite within the file system's clock
    resolution, keeping the size and even the modification time, is not missed."""
    layouts = brand / "layouts.yaml"
    _remembered(brand)
    stat = layouts.stat()
    text = layouts.read_text(encoding="utf-8")
    assert "min_pt: 14" in text
    layouts.write_text(text.replace("min_pt: 14", "min_pt: 15", 1), encoding="utf-8")
    os.utime(layouts, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert templates.recall(brand, NEEDS) is None


def test_a_changed_brand_file_or_template_is_checked_again(brand: Path) -> None:
    _remembered(brand)
    brand_file = brand / "brand.yaml"
    text = brand_file.read_text(encoding="utf-8")
    brand_file.write_text(text.replace("footer:", "footer: Anders", 1)
                          if "footer:" in text else text + "footer: Anders\n", encoding="utf-8")
    assert templates.recall(brand, NEEDS) is None
    assert _remembered(brand).brand.footer.startswith("Anders")
    prs = Presentation(str(brand / "template.pptx"))
    prs.core_properties.title = "Andere titel"
    buffer = io.BytesIO()
    prs.save(buffer)
    (brand / "template.pptx").write_bytes(buffer.getvalue())
    assert templates.recall(brand, NEEDS) is None


def test_a_missing_font_is_reported_again_not_remembered_away(brand: Path) -> None:
    deck = pipeline.load_deck(CONTENT_DIR)
    loaded = pipeline.open_template(deck, brand)
    loaded.brand.fonts.bold.unlink()
    assert templates.recall(brand, NEEDS) is None
    with pytest.raises(DeckError, match="font"):
        pipeline.open_template(deck, brand)


def test_a_broken_brand_folder_is_never_remembered(brand: Path, cache: Path) -> None:
    deck = pipeline.load_deck(CONTENT_DIR)
    layouts = brand / "layouts.yaml"
    text = layouts.read_text(encoding="utf-8")
    layouts.write_text(text.replace("layout: Citaat", "layout: Citaten", 1), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DeckError, match="Citaten"):
            pipeline.open_template(deck, brand)
    assert _entries(cache) == []


def _rewritten(entry: Path, change: dict[str, object]) -> None:
    """Rewrite a stored entry as valid JSON of the right format, with fields changed."""
    stored = json.loads(entry.read_bytes())
    stored["value"]["template"].update(change)
    entry.write_text(json.dumps(stored), encoding="utf-8")


@pytest.mark.parametrize("damage", [
    b"", b"not json", b"\x00" * 40, b"[1, 2, 3]", b'{"format": 1, "kind": "check"}',
    b'{"format": 1, "kind": "check", "value": {"dependencies": [], "template": {}}}',
])
def test_a_damaged_entry_is_a_miss(brand: Path, cache: Path, damage: bytes) -> None:
    _remembered(brand)
    [entry] = _entries(cache)
    entry.write_bytes(damage)
    assert templates.recall(brand, NEEDS) is None
    _remembered(brand)  # and it is remembered again


@pytest.mark.parametrize("change", [
    {"size": ["wide", 1]},
    {"layouts": {"bullets": ["Tekst", "not a flag", {}]}},
    {"styles": [["bullets", "title", 1, 1.2]]},
    {"prepared": "../../../etc/passwd"},
    {"prepared": "0" * 64},  # no such prepared package
])
def test_an_entry_that_is_not_what_was_written_is_a_miss(
    brand: Path, cache: Path, change: dict[str, object]
) -> None:
    _remembered(brand)
    [entry] = _entries(cache)
    _rewritten(entry, change)
    assert templates.recall(brand, NEEDS) is None


def test_a_prepared_package_that_changed_is_a_miss(brand: Path, cache: Path) -> None:
    _with_samples(brand)
    _remembered(brand)
    [prepared] = cache.glob(f"{templates.PREPARED_KIND}-*.pptx")
    prepared.write_bytes(prepared.read_bytes() + b"\x00")
    assert templates.recall(brand, NEEDS) is None


def test_an_entry_of_another_format_is_a_miss(brand: Path, cache: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _remembered(brand)
    monkeypatch.setattr(store, "FORMAT", store.FORMAT + 1)
    assert templates.recall(brand, NEEDS) is None


def test_a_template_without_a_brand_file_is_not_remembered(tmp_path: Path,
                                                           cache: Path) -> None:
    """Its fonts come from what is installed on the machine, which no file list covers."""
    path = tmp_path / "kaal.pptx"
    Presentation().save(str(path))
    templates.remember(path, NEEDS, check_template(path, NEEDS))
    assert templates.recall(path, NEEDS) is None
    assert _entries(cache) == []


def test_other_roles_are_another_entry(brand: Path, cache: Path) -> None:
    _remembered(brand)
    fewer = tuple(need._replace(roles=need.roles[:1]) if need.kind == "bullets" else need
                  for need in NEEDS)
    assert fewer != NEEDS
    assert templates.recall(brand, fewer) is None
    templates.remember(brand, fewer, check_template(brand, fewer))
    assert len(_entries(cache)) == 2
