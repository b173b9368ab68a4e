"""The watcher: one call per save, saying whether the template changed."""

from __future__ import annotations

import queue
from pathlib import Path

import pytest

from deck_builder.serve.watch import Watcher
from tests.conftest import make_png
from tests.serve.conftest import write_small


@pytest.fixture
def calls(tmp_path: Path) -> queue.Queue[bool]:
    return queue.Queue()


def test_content_and_template_changes_are_told_apart(tmp_path: Path,
                                                     calls: queue.Queue[bool]) -> None:
    content = write_small(tmp_path / "content")
    template = tmp_path / "brand"
    template.mkdir()
    (template / "brand.yaml").write_text("name: x\n")
    watcher = Watcher(content, template, calls.put)
    watcher.start()
    try:
        for change in (
            lambda: (content / "deck.yaml").write_text("title: Anders\n"),
            lambda: (content / "sections/een.yaml").write_text("[]\n"),
            lambda: make_png(content / "images/foto.png", (10, 10)),
            lambda: (content / "afdelingen.yaml").write_text("afdelingen: []\n"),
            lambda: (content / "sections/nieuw.yaml").write_text("[]\n"),
        ):
            change()
            assert calls.get(timeout=10) is False
        (template / "brand.yaml").write_text("name: y\n")
        assert calls.get(timeout=10) is True
    finally:
        watcher.stop()
    assert calls.empty()


def test_a_deck_file_is_watched_with_its_folder(tmp_path: Path,
                                                calls: queue.Queue[bool]) -> None:
    content = write_small(tmp_path / "content")
    watcher = Watcher(content / "deck.yaml", None, calls.put)
    watcher.start()
    try:
        (content / "sections/een.yaml").write_text("[]\n")
        assert calls.get(timeout=10) is False
    finally:
        watcher.stop()


def test_nothing_is_told_after_stop(tmp_path: Path, calls: queue.Queue[bool]) -> None:
    content = write_small(tmp_path / "content")
    watcher = Watcher(content, None, calls.put)
    watcher.start()
    watcher.stop()
    (content / "deck.yaml").write_text("title: Anders\n")
    with pytest.raises(queue.Empty):
        calls.get(timeout=0.5)
