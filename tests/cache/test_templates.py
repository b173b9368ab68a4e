"""cache.templates: a brand folder's check is recalled exactly while nothing it read changed."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from deck_builder import pipeline
from deck_builder.cache import store, templates
from deck_builder.errors import DeckError
from deck_builder.kinds import KINDS
from deck_builder.template import load
from deck_builder.template.load import check_template, load_template
from tests.conftest import CONTENT_DIR, TEMPLATE_DIR, subprocess_env

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


def _rewritten(entry: Path, change: Callable[[dict[str, Any]], object]) -> None:
    """Rewrite a stored entry with `change` applied to its value, as an intact entry
    (the right format and digest): what someone who can write in the folder could do."""
    header, _, payload = entry.read_bytes().partition(b"\n")
    value = json.loads(payload)
    change(value)
    text = json.dumps(value, allow_nan=True).encode()
    about = json.loads(header) | {"length": len(text), "sha256": hashlib.sha256(text).hexdigest()}
    entry.write_bytes(json.dumps(about).encode() + b"\n" + text)


def _set(*path: object) -> Callable[[dict[str, Any]], None]:
    """A change that sets the value at `path` (keys and indexes) to the last argument."""
    *keys, last, new = path

    def change(value: dict[str, Any]) -> None:
        node: Any = value["template"]
        for key in keys:
            node = node[key]
        node[last] = new
    return change


def _role(index: int, new: object) -> Callable[[dict[str, Any]], None]:
    """Set field `index` of the bullets title's role entry (idx, rect, insets, max_pt,
    min_pt, free)."""
    return _set("layouts", "bullets", 2, "title", index, new)


HUGE = 10**30
NAN, INF = float("nan"), float("inf")


@pytest.mark.parametrize("change", [
    _set("size", ["wide", 1]),
    _set("size", [0, 6858000]),  # no slide is 0 wide
    _set("size", [HUGE, 6858000]),
    _set("layouts", "bullets", ["Tekst", "not a flag", {}]),
    _set("styles", [["bullets", "title", 1, 1.2]]),
    _set("styles", 0, 3, NAN),  # a line pitch: NaN, infinite, none, negative, absurd
    _set("styles", 0, 3, INF),
    _set("styles", 0, 3, 0),
    _set("styles", 0, 3, -1.2),
    _set("styles", 0, 3, 1e6),
    _role(3, NAN),  # the largest size
    _role(3, INF),
    _role(3, 0),
    _role(3, -20),
    _role(3, 1e9),
    _role(3, "28"),
    _role(3, True),
    _role(4, NAN),  # the smallest size
    _role(4, 0),
    _role(4, 99.0),  # more than the largest
    _role(0, -1),  # the placeholder idx
    _role(0, 1.5),
    _role(1, [0, 0, -5, 100]),  # a box of negative width
    _role(1, [0, 0, HUGE, 100]),
    _role(1, [0, 0, 100]),
    _role(2, [0, -1, 0, 0]),  # negative margins
    _set("free", "bullets", [0, 0, 100, NAN]),
    _set("brand", 1, "primary", "red"),  # colours are hex
    _set("brand", 1, "primary", "14365D; x"),
    _set("brand", 0, "x" * 20_000),  # longer than any name a check gives
    _set("warnings", [1]),
    _set("layouts", []),
    _set("prepared", "../../../etc/passwd"),
    _set("prepared", "0" * 64),  # no such prepared package
    _set("pptx", "template.pptx"),  # not an absolute path
    _set("pptx", "/etc/hostname"),  # a file it does not depend on
    _set("brand", 3, 0, "/etc/hostname"),  # a font it does not depend on
    _set("brand", 4, "/etc/hostname"),  # a logo it does not depend on
    lambda value: value["dependencies"][0].__setitem__(3, "kapot"),  # not a digest
    lambda value: value["dependencies"][0].__setitem__(1, -1),  # a negative size
    lambda value: value["dependencies"].__setitem__(0, ["x", 1, 2]),
    lambda value: value.__setitem__("dependencies", {}),
])
def test_an_entry_that_is_not_what_a_check_gives_is_a_miss(
    brand: Path, cache: Path, change: Callable[[dict[str, Any]], object]
) -> None:
    _remembered(brand)
    [entry] = _entries(cache)
    _rewritten(entry, lambda value: None)
    assert templates.recall(brand, NEEDS) is not None  # rewritten as it was: still good
    _rewritten(entry, change)
    assert templates.recall(brand, NEEDS) is None
    deck = pipeline.load_deck(CONTENT_DIR)
    assert pipeline.open_template(deck, brand) == check_template(brand, NEEDS).template


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


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="file size limits are POSIX")
def test_a_full_cache_disk_fails_no_build(brand: Path, cache: Path, tmp_path: Path) -> None:
    """A template checking prepares (sample slides) builds the same deck when nothing
    can be written to the cache: the answer is not remembered, and that is said once."""
    _with_samples(brand)
    deck = pipeline.load_deck(CONTENT_DIR)
    expected = pipeline.build_bytes(deck, pipeline.open_session(load_template(brand, NEEDS)))[0]
    script = f"""
import hashlib, resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # every file write fails, as on a full disk
from deck_builder import pipeline
deck = pipeline.load_deck(Path({str(CONTENT_DIR)!r}))
for _ in range(2):
    data = pipeline.build_bytes(deck, pipeline.open_session(
        pipeline.open_template(deck, Path({str(brand)!r}))))[0]
    print(hashlib.sha256(data).hexdigest())
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         env={**subprocess_env(), "XDG_CACHE_HOME": str(cache.parent),
                              "PYTHONDONTWRITEBYTECODE": "1"},
                         timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == [hashlib.sha256(expected).hexdigest()] * 2
    (warning,) = run.stderr.splitlines()
    assert warning.startswith(f"warning: cannot write in the cache folder {cache} ")
    assert list(cache.iterdir()) == []
