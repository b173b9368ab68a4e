"""What the web server serves, and to whom: only its routes, behind its token, to the
hosts it was started on. Runs without pictures (no LibreOffice needed)."""

from __future__ import annotations

import http.client
import json
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from deck_builder.errors import DeckError
from deck_builder.serve.app import Serve
from tests.serve.conftest import get, settled, write_small


@pytest.fixture(scope="module")
def text_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Serve]:
    """One server without pictures for the module: these tests only read."""
    running = Serve(write_small(tmp_path_factory.mktemp("content")), port=0, pictures=False)
    running.start()
    yield running
    running.stop()


def raw_get(server: Serve, path: str, host: str | None = None) -> tuple[int, bytes]:
    """GET a path exactly as written (no client normalisation of `..`)."""
    parts = urlsplit(server.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", f"{parts.hostname}:{parts.port}" if host is None else host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_listens_on_loopback_only(text_server: Serve) -> None:
    addresses = {server.server_address[0] for server in text_server._servers}
    assert addresses <= {"127.0.0.1", "::1"}
    assert text_server.url.startswith(f"http://127.0.0.1:{text_server.port}/")


def test_the_page_and_its_state(text_server: Serve) -> None:
    status, body, headers = get(text_server.url)
    assert status == 200
    assert b'<script src="app.js"' in body
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "no-referrer"
    for asset in ("app.js", "app.css"):
        assert get(text_server.url + asset)[0] == 200
    decks = json.loads(get(f"{text_server.url}api/decks")[1])
    assert decks["afdelingen"] == [{"slug": "drenthe", "name": "Vereniging van Drentse Gemeenten"}]
    assert decks["pictures"] is False


def test_without_pictures_the_planned_text_is_shown(text_server: Serve) -> None:
    current = settled(text_server)
    assert current["ok"]
    assert [slide["title"] for slide in current["slides"]] == [
        "Proefdeck", "Punten", "Citaat", "Kolommen"]
    body = next(block for block in current["slides"][1]["text"] if block["role"] == "body")
    assert [para["text"] for para in body["paragraphs"]] == ["Een", "Twee", "Drie"]
    assert body["size"] > 0
    assert not any(slide["picture"] for slide in current["slides"])


def test_the_built_deck_can_be_downloaded(text_server: Serve) -> None:
    settled(text_server)
    status, body, headers = get(f"{text_server.url}download/base.pptx")
    assert status == 200
    assert body.startswith(b"PK")
    assert headers["Content-Disposition"] == 'attachment; filename="proefdeck.pptx"'


@pytest.mark.parametrize("path", [
    "", "/", "/index.html", "/api/decks", "/events",
])
def test_without_the_token_nothing_is_served(text_server: Serve, path: str) -> None:
    root = text_server.url.rsplit("/", 2)[0]  # http://127.0.0.1:PORT
    assert get(root + path)[0] == 404
    wrong = "x" * len(text_server.token)
    assert get(f"{root}/{wrong}/")[0] == 404


@pytest.mark.parametrize("suffix", [
    "../", "../../../../etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "/etc/passwd",
    "//etc/passwd", "deck.yaml", "sections/een.yaml", "images/foto.png", "assets/",
    "assets/index.html", "app.js/..", "slide/", "slide/../deck.yaml", "download/",
    "download/../../deck.yaml.pptx", "api/state/..%2fdeck", "api/state/onbekend",
    "app.js%00.png", "slide/" + "0" * 64 + ".png",
])
def test_no_file_by_path_and_no_listing(text_server: Serve, suffix: str) -> None:
    settled(text_server)
    status, body = raw_get(text_server, f"/{text_server.token}/{suffix}")
    assert status == 404, body
    assert b"Proefdeck" not in body
    assert b"kind:" not in body


def test_absolute_paths_are_refused(text_server: Serve) -> None:
    status, _ = raw_get(text_server, str(text_server.content.resolve() / "deck.yaml"))
    assert status == 404
    status, _ = raw_get(text_server, f"http://evil.example/{text_server.token}/")
    assert status in (403, 404)


@pytest.mark.parametrize("host", [
    "evil.example", "evil.example:{port}", "127.0.0.1", "127.0.0.1:1",
    "localhost.evil.example:{port}", "", "[::1]", "localhost", ":{port}",
    "127.0.0.1.nip.io:{port}", "[evil.example]:{port}",
])
def test_other_host_headers_are_refused(text_server: Serve, host: str) -> None:
    # DNS rebinding: a page of another site whose name now resolves to 127.0.0.1.
    status, body = raw_get(text_server, f"/{text_server.token}/",
                           host.format(port=text_server.port))
    assert status == 403, body


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}",
                                  "[::1]:{port}", "192.0.2.7:{port}"])
def test_the_own_names_and_addresses_are_accepted(text_server: Serve, host: str) -> None:
    status, _ = raw_get(text_server, f"/{text_server.token}/", host.format(port=text_server.port))
    assert status == 200


def test_ipv6_loopback_is_served_too(text_server: Serve) -> None:
    if not socket.has_ipv6 or not any(s.server_address[0] == "::1" for s in text_server._servers):
        pytest.skip("no IPv6 loopback on this machine")
    connection = http.client.HTTPConnection("::1", text_server.port, timeout=30)
    connection.request("GET", f"/{text_server.token}/")
    assert connection.getresponse().status == 200
    connection.close()


def test_only_get_is_answered(text_server: Serve) -> None:
    parts = urlsplit(text_server.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("POST", parts.path, body=b"x")
    assert connection.getresponse().status == 405
    connection.close()


def test_a_busy_port_is_said_plainly(text_server: Serve) -> None:
    with pytest.raises(DeckError, match=f"cannot listen on port {text_server.port}"):
        Serve(text_server.content, port=text_server.port, pictures=False)
