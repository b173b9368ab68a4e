"""Shared parts of the serve tests: a content folder to edit, one warm office for the
whole module run, a running server, and waiting for what it does."""

from __future__ import annotations

import json
import shutil
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from deck_builder.delivery.pdf import find_soffice
from deck_builder.serve.app import Serve
from deck_builder.serve.office import Office, find_uno_python
from tests.conftest import CONTENT_DIR, make_png

SOFFICE = find_soffice()
UNO_PYTHON = find_uno_python(SOFFICE) if SOFFICE else None
# Marked `libreoffice` like the other tests that run it, and skipped without it.
libreoffice = pytest.mark.libreoffice
needs_office = pytest.mark.skipif(
    UNO_PYTHON is None,
    reason="needs LibreOffice (Debian: libreoffice-impress) and a Python that imports "
    "its uno module (Debian: python3-uno)")


def wait_for(condition: Callable[[], Any], timeout: float = 30.0, what: str = "") -> Any:
    """Poll `condition` until it returns something true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what or condition}")
        time.sleep(0.02)


def get(url: str, host: str | None = None) -> tuple[int, bytes, dict[str, str]]:
    """GET `url` (optionally with another Host header): status, body, headers."""
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def state(server: Serve, deck: str = "base") -> dict[str, Any]:
    """The page's view of `deck`, as the page fetches it."""
    status, body, _ = get(f"{server.url}api/state/{deck}")
    assert status == 200, body
    result: dict[str, Any] = json.loads(body)
    return result


def settled(server: Serve, deck: str = "base", after: int = -1) -> dict[str, Any]:
    """The state of `deck` once a build newer than version `after` is done, pictures too."""
    def done() -> dict[str, Any] | None:
        current = state(server, deck)
        return current if current["version"] > after and not current["building"] else None
    result: dict[str, Any] = wait_for(done, what=f"a build of {deck}")
    return result


SMALL_DECK = """\
title: Proefdeck
date: 2025-12-04
slides:
  - kind: title
  - include: sections/een.yaml
"""
SMALL_SECTION = """\
- kind: bullets
  id: punten
  title: Punten
  body: [Een, Twee, Drie]
- kind: quote
  id: citaat
  quote: Een citaat
  picture: {file: ../images/foto.png, alt: Een foto}
- kind: two-column
  id: kolommen
  title: Kolommen
  left: {heading: Links, partners: [IPO], body: [A]}
  right: {heading: Rechts, body: [B]}
"""
SMALL_PARTNERS = """\
IPO: {name: Interprovinciaal Overleg, url: "https://www.ipo.nl"}
"""
SMALL_AFDELINGEN = """\
afdelingen:
  - slug: drenthe
    name: Vereniging van Drentse Gemeenten
    short: VDG
    meeting: Ledenvergadering
    date: 2025-12-10
    start: "13:30"
    end: "16:00"
    place: Assen
    chair: Voorzitter VDG
    presenter: VNG
    contact: secretariaat@example.org
"""


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the default content to edit."""
    folder = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, folder, ignore=shutil.ignore_patterns("schemas"))
    return folder


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A content folder of four slides with a section file, a picture, a partner and
    an afdeling: each kind of file a deck is made of, quick to draw."""
    return write_small(tmp_path / "small")


def write_small(folder: Path) -> Path:
    """Write the `small` content folder at `folder`."""
    (folder / "sections").mkdir(parents=True)
    (folder / "images").mkdir()
    (folder / "deck.yaml").write_text(SMALL_DECK, encoding="utf-8")
    (folder / "sections/een.yaml").write_text(SMALL_SECTION, encoding="utf-8")
    (folder / "partners.yaml").write_text(SMALL_PARTNERS, encoding="utf-8")
    (folder / "afdelingen.yaml").write_text(SMALL_AFDELINGEN, encoding="utf-8")
    make_png(folder / "images/foto.png", (400, 300))
    return folder


@pytest.fixture(scope="session")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    """One warm LibreOffice for every test that draws pictures."""
    if SOFFICE is None or UNO_PYTHON is None:
        pytest.skip("needs LibreOffice and python3-uno")
    warm = Office(SOFFICE, UNO_PYTHON, tmp_path_factory.mktemp("office"))
    yield warm
    warm.close()


@pytest.fixture
def server(small: Path, office: Office) -> Iterator[Serve]:
    """A server of `small` drawing with the shared office, on a free port."""
    running = Serve(small, port=0, office=office)
    running.start()
    yield running
    running.stop()


@pytest.fixture
def text_server(small: Path) -> Iterator[Serve]:
    """A server of `small` without pictures (as on a machine without LibreOffice)."""
    running = Serve(small, port=0, pictures=False)
    running.start()
    yield running
    running.stop()
