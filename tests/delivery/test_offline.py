"""What LibreOffice is handed: nothing it would fetch, nothing unverified."""

from __future__ import annotations

import http.server
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from deck_builder.delivery.offline import offline_copy
from deck_builder.delivery.pdf import to_pdf
from deck_builder.errors import DeckError
from deck_builder.ooxml import external, reading
from tests.conftest import BuiltDeck
from tests.ooxml import damage

SLIDE = "ppt/slides/slide1.xml"
HAVE_LIBREOFFICE = shutil.which("soffice") is not None


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    do_HEAD = do_GET

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on 127.0.0.1 that records the path of every request."""
    requests: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    finally:
        httpd.shutdown()
        httpd.server_close()


def _linked(deck: bytes, url: str) -> bytes:
    return damage.with_external_links(deck, SLIDE, {
        f"{url}/picture.png": "image", f"{url}/video.mp4": "video",
        f"{url}/page": "hyperlink"})


def test_the_copy_keeps_hyperlinks_and_loses_what_is_fetched(default_deck: BuiltDeck) -> None:
    data = default_deck.path.read_bytes()
    assert offline_copy(data, default_deck.path) is data
    copy = offline_copy(_linked(data, "http://127.0.0.1:9"), default_deck.path)
    found = [link for link in external.external_targets(reading.read_package(copy))
             if link.part == SLIDE]
    assert [(link.kind, link.target) for link in found] == [
        ("hyperlink", "http://127.0.0.1:9/page")]


def test_what_is_not_a_verified_package_is_not_converted(tmp_path: Path,
                                                         default_deck: BuiltDeck) -> None:
    with pytest.raises(DeckError, match=r"cannot convert .*deck.pptx: the file is not a "
                                        "readable zip archive"):
        offline_copy(b"<html><img src='http://127.0.0.1:9/x.png'></html>",
                     tmp_path / "deck.pptx")
    members = reading.read_package(default_deck.path.read_bytes())
    members[SLIDE] = members[SLIDE].replace(
        b"?>", b'?><!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:9/e">]>', 1)
    with pytest.raises(DeckError, match=f"{SLIDE} declares a DOCTYPE"):
        offline_copy(reading.write_members(members), tmp_path / "deck.pptx")


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.skipif(not HAVE_LIBREOFFICE, reason="needs LibreOffice (soffice; Debian: "
                    "libreoffice-impress)")
def test_converting_fetches_nothing(default_deck: BuiltDeck, tmp_path: Path,
                                    server: tuple[str, list[str]]) -> None:
    url, requests = server
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(_linked(default_deck.path.read_bytes(), url))
    # The deck as it is: LibreOffice fetches the linked picture and video (not the link).
    soffice = shutil.which("soffice")
    assert soffice is not None
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([soffice, f"-env:UserInstallation=file://{work}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", work, str(deck)],
                       capture_output=True, timeout=300, check=False)
    assert set(requests) == {"/picture.png", "/video.mp4"}
    requests.clear()
    pdf = to_pdf(deck, tmp_path / "out")
    assert pdf.is_file()
    assert requests == []
