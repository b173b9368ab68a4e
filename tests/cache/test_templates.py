"""template_cache: a brand folder's check is reused exactly while nothing it read changed."""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from deck_builder import pipeline
from deck_builder.cache import templates
from deck_builder.errors import DeckError
from deck_builder.kinds import KINDS
from deck_builder.template.load import Template, load_template
from tests.conftest import CONTENT_DIR, TEMPLATE_DIR

NEEDS = KINDS.layout_needs()
COMPARED = [field.name for field in dataclasses.fields(Template)
            if field.name not in {"measurer", "render_cache", "report"}]


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


def _same(first: Template, second: Template) -> None:
    for name in COMPARED:
        assert getattr(first, name) == getattr(second, name), name


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob(f"{templates.ENTRY_KIND}-*"))


def test_the_second_load_is_answered_from_the_cache(brand: Path, cache: Path) -> None:
    first = templates.load_template_cached(brand, NEEDS)
    assert first.report is not None  # a full check
    assert len(_entries(cache)) == 1
    second = templates.load_template_cached(brand, NEEDS)
    assert second.report is None  # remembered
    _same(second, load_template(brand, NEEDS))
    assert second.measurer.fonts == first.measurer.fonts
    assert "presentation" in second.render_cache


def test_a_remembered_check_builds_the_same_deck(brand: Path) -> None:
    deck = pipeline.load_deck(CONTENT_DIR)
    checked = templates.load_template_cached(brand, NEEDS)
    remembered = templates.load_template_cached(brand, NEEDS)
    assert remembered.report is None
    assert pipeline.build_bytes(deck, remembered)[0] == pipeline.build_bytes(deck, checked)[0]


def test_every_field_survives_the_round_trip(brand: Path) -> None:
    """The stored form names each field; a field added to the records must be stored."""
    loaded = load_template(brand, NEEDS)
    _same(templates._template(templates._plain(loaded)), loaded)


def test_a_quick_edit_of_the_same_size_is_seen(brand: Path) -> None:
    """Text files are compared by content: a rewrite within the file system's clock
    resolution, keeping the size and even the modification time, is not missed."""
    layouts = brand / "layouts.yaml"
    before = templates.load_template_cached(brand, NEEDS)
    stat = layouts.stat()
    text = layouts.read_text(encoding="utf-8")
    assert "min_pt: 14" in text
    layouts.write_text(text.replace("min_pt: 14", "min_pt: 15", 1), encoding="utf-8")
    os.utime(layouts, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = templates.load_template_cached(brand, NEEDS)
    assert after.report is not None  # checked again
    assert after.layouts != before.layouts


def test_a_changed_brand_file_or_template_is_checked_again(brand: Path) -> None:
    templates.load_template_cached(brand, NEEDS)
    brand_file = brand / "brand.yaml"
    text = brand_file.read_text(encoding="utf-8")
    brand_file.write_text(text.replace("footer:", "footer: Anders", 1)
                          if "footer:" in text else text + "footer: Anders\n", encoding="utf-8")
    changed = templates.load_template_cached(brand, NEEDS)
    assert changed.report is not None
    assert changed.brand.footer.startswith("Anders")
    assert templates.load_template_cached(brand, NEEDS).report is None
    prs = Presentation(str(brand / "template.pptx"))
    prs.core_properties.title = "Andere titel"
    buffer = io.BytesIO()
    prs.save(buffer)
    (brand / "template.pptx").write_bytes(buffer.getvalue())
    assert templates.load_template_cached(brand, NEEDS).report is not None


def test_a_missing_font_is_reported_again_not_remembered_away(brand: Path) -> None:
    loaded = templates.load_template_cached(brand, NEEDS)
    loaded.brand.fonts.bold.unlink()
    with pytest.raises(DeckError, match="font"):
        templates.load_template_cached(brand, NEEDS)


def test_a_broken_brand_folder_is_never_remembered(brand: Path, cache: Path) -> None:
    layouts = brand / "layouts.yaml"
    text = layouts.read_text(encoding="utf-8")
    layouts.write_text(text.replace("layout: Citaat", "layout: Citaten", 1), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DeckError, match="Citaten"):
            templates.load_template_cached(brand, NEEDS)
    assert _entries(cache) == []


@pytest.mark.parametrize("damage", [b"", b"not marshal data", b"\x00" * 40])
def test_a_damaged_entry_is_a_miss(brand: Path, cache: Path, damage: bytes) -> None:
    templates.load_template_cached(brand, NEEDS)
    [entry] = _entries(cache)
    entry.write_bytes(damage)
    again = templates.load_template_cached(brand, NEEDS)
    assert again.report is not None
    assert templates.load_template_cached(brand, NEEDS).report is None


def test_a_template_without_a_brand_file_is_not_remembered(tmp_path: Path,
                                                           cache: Path) -> None:
    """Its fonts come from what is installed on the machine, which no file list covers."""
    path = tmp_path / "kaal.pptx"
    Presentation().save(str(path))
    for _ in range(2):
        assert templates.load_template_cached(path, NEEDS).report is not None
    assert _entries(cache) == []


def test_other_roles_are_another_entry(brand: Path, cache: Path) -> None:
    templates.load_template_cached(brand, NEEDS)
    fewer = tuple(need._replace(roles=need.roles[:1]) if need.kind == "bullets" else need
                  for need in NEEDS)
    assert fewer != NEEDS
    assert templates.load_template_cached(brand, fewer).report is not None
    assert len(_entries(cache)) == 2


def test_the_written_template_parts_are_remembered(brand: Path, cache: Path) -> None:
    deck = pipeline.load_deck(CONTENT_DIR)
    first = templates.load_template_cached(brand, NEEDS)
    assert "unchanged_parts" not in first.render_cache  # nothing written yet
    built = pipeline.build_bytes(deck, first)[0]
    assert list(cache.glob(f"{templates.PARTS_KIND}-*"))
    second = templates.load_template_cached(brand, NEEDS)
    parts = second.render_cache["unchanged_parts"]
    assert any(name.startswith("ppt/slideLayouts/") for name in parts)
    assert pipeline.build_bytes(deck, second)[0] == built


def test_written_parts_of_another_template_file_are_not_used(brand: Path) -> None:
    deck = pipeline.load_deck(CONTENT_DIR)
    pipeline.build_bytes(deck, templates.load_template_cached(brand, NEEDS))
    prs = Presentation(str(brand / "template.pptx"))
    layout = prs.slide_layouts[0]
    layout.placeholders[0].text_frame.text = "Anders"  # a layout that writes differently
    prs.save(str(brand / "template.pptx"))
    changed = templates.load_template_cached(brand, NEEDS)
    assert "unchanged_parts" not in changed.render_cache
    built = pipeline.build_bytes(deck, changed)[0]
    assert built == pipeline.build_bytes(deck, load_template(brand, NEEDS))[0]
