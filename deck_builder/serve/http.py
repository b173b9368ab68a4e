"""The web server of `deck-builder serve`: the page, its assets, the deck's state, the
slide pictures, the built deck and an event stream; nothing else.

Python's own `http.server`, one thread per request: the page is used by one person on
their own machine, and the standard library keeps the server small and dependency
free. Every request must name the server's random token as its first path segment and
carry a Host header with the server's port and an address or one of its own names
(`localhost`; with --host, the machine's names): a web page on some other site whose
name has been made to resolve to 127.0.0.1 (DNS rebinding) is refused so.
Paths are matched whole against a fixed list of routes: no path ever reaches the file
system, so `/../`, an absolute path or a file of the content folder is a 404.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import queue
import re
import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import unquote

from deck_builder.errors import DeckError
from deck_builder.serve.builder import Builder

KEEPALIVE_SECONDS = 15.0
ASSETS = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}
_DECK = r"(?P<deck>base|[a-z0-9][a-z0-9-]{0,63})"
_ROUTES: list[tuple[str, re.Pattern[str]]] = [
    ("page", re.compile(r"/")),
    ("asset", re.compile(r"/(?P<name>app\.js|app\.css)")),
    ("decks", re.compile(r"/api/decks")),
    ("state", re.compile(rf"/api/state/{_DECK}")),
    ("events", re.compile(r"/events")),
    ("picture", re.compile(r"/slide/(?P<key>[0-9a-f]{64})\.png")),
    ("download", re.compile(rf"/download/{_DECK}\.(?P<ext>pptx|pdf)")),
]
_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                               "img-src 'self'; connect-src 'self'; base-uri 'none'; "
                               "form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # the token is in the URL
    "X-Frame-Options": "DENY",
}


class Events:
    """Subscribers of the event stream, each with its own queue."""

    def __init__(self) -> None:
        self._queues: set[queue.Queue[str | None]] = set()
        self._lock = threading.Lock()

    def subscribe(self) -> queue.Queue[str | None]:
        """A new subscriber's queue."""
        subscriber: queue.Queue[str | None] = queue.Queue()
        with self._lock:
            self._queues.add(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: queue.Queue[str | None]) -> None:
        """Forget a subscriber."""
        with self._lock:
            self._queues.discard(subscriber)

    def publish(self, name: str, data: dict[str, Any]) -> None:
        """Send event `name` with JSON `data` to every subscriber."""
        message = f"event: {name}\ndata: {json.dumps(data)}\n\n"
        with self._lock:
            for subscriber in self._queues:
                subscriber.put(message)

    def close(self) -> None:
        """End every stream."""
        with self._lock:
            for subscriber in self._queues:
                subscriber.put(None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._queues)


class Site:
    """What the handler serves: the builder's decks, under a token, for some hosts.

    `names`: the host names a request may give in its Host header (`localhost`, the
    machine's own names, --host); an address (127.0.0.1, [::1], 192.0.2.7) is always
    accepted, since a DNS rebinding attack needs a name. The port must be the server's.
    """

    def __init__(self, builder: Builder, token: str, names: set[str], events: Events,
                 first: str) -> None:
        self.builder = builder
        self.token = token
        self.names = {name.lower() for name in names}
        self.port = 0
        self.events = events
        self.first = first
        self.stopping = threading.Event()

    def allows(self, host: str) -> bool:
        """Whether a request's Host header names this server."""
        name, colon, port = host.strip().lower().rpartition(":")
        if not colon or port != str(self.port) or not name:
            return False
        if name.startswith("[") and name.endswith("]"):
            name = name[1:-1]
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return name in self.names
        return True


def make_server(site: Site, host: str, port: int, ipv6: bool = False) -> ThreadingHTTPServer:
    """A server bound to (`host`, `port`) serving `site`; not yet running."""

    class Server(ThreadingHTTPServer):
        address_family = socket.AF_INET6 if ipv6 else socket.AF_INET
        daemon_threads = True
        block_on_close = False  # an open event stream must not hold up the stop

    class Handler(_Handler):
        pass

    Handler.site = site
    return Server((host, port), Handler)


class _Handler(BaseHTTPRequestHandler):
    site: Site
    server_version = "deck-builder"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal shows the deck's messages, not every request."""

    def do_HEAD(self) -> None:
        self._refuse(HTTPStatus.METHOD_NOT_ALLOWED)

    def do_POST(self) -> None:
        self._refuse(HTTPStatus.METHOD_NOT_ALLOWED)

    def do_GET(self) -> None:
        site = self.site
        if not site.allows(self.headers.get("Host") or ""):
            self._refuse(HTTPStatus.FORBIDDEN, "host not allowed")
            return
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        prefix = f"/{site.token}"
        given = path[1:].split("/", 1)[0]
        if not hmac.compare_digest(given.encode(), site.token.encode()):
            self._refuse(HTTPStatus.NOT_FOUND)
            return
        rest = path[len(prefix):]
        if rest == "":
            self._send(HTTPStatus.MOVED_PERMANENTLY, b"", "text/plain",
                       {"Location": f"{prefix}/"})
            return
        if "%" in rest and unquote(rest) != rest:
            self._refuse(HTTPStatus.NOT_FOUND)  # no route has escaped characters
            return
        for name, pattern in _ROUTES:
            match = pattern.fullmatch(rest)
            if match:
                getattr(self, f"_{name}")(**match.groupdict())
                return
        self._refuse(HTTPStatus.NOT_FOUND)

    # -- routes ------------------------------------------------------------------------
    def _page(self) -> None:
        self._send(HTTPStatus.OK, _asset("index.html"), "text/html; charset=utf-8")

    def _asset(self, name: str) -> None:
        self._send(HTTPStatus.OK, _asset(name), ASSETS[name])

    def _decks(self) -> None:
        builder = self.site.builder
        self._json({"first": self.site.first, "afdelingen": builder.afdelingen(),
                    **builder.office_state()})

    def _state(self, deck: str) -> None:
        if deck != "base" and deck not in {item["slug"] for item in
                                           self.site.builder.afdelingen()}:
            self._refuse(HTTPStatus.NOT_FOUND)
            return
        self._json(self.site.builder.state(deck))

    def _picture(self, key: str) -> None:
        data = self.site.builder.pictures.get(key)
        if data is None:
            self._refuse(HTTPStatus.NOT_FOUND)
            return
        # A key names one picture for ever.
        self._send(HTTPStatus.OK, data, "image/png",
                   {"Cache-Control": "private, max-age=86400, immutable"})

    def _download(self, deck: str, ext: str) -> None:
        view = self.site.builder.decks.get(deck)
        if view is None or view.pptx is None:
            self._refuse(HTTPStatus.NOT_FOUND)
            return
        if ext == "pptx":
            data = view.pptx
            kind = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        else:
            try:
                pdf = self.site.builder.pdf(deck)
            except DeckError as error:
                self._refuse(HTTPStatus.SERVICE_UNAVAILABLE, str(error))
                return
            if pdf is None:
                self._refuse(HTTPStatus.NOT_FOUND)
                return
            data, kind = pdf, "application/pdf"
        name = re.sub(r"[^A-Za-z0-9._-]", "_", view.file_name) or "deck"
        self._send(HTTPStatus.OK, data, kind, {
            "Content-Disposition": f'attachment; filename="{name}.{ext}"'})

    def _events(self) -> None:
        site = self.site
        subscriber = site.events.subscribe()
        try:
            self.send_response(HTTPStatus.OK)
            for name, value in {**_HEADERS, "Content-Type": "text/event-stream",
                                "Cache-Control": "no-store"}.items():
                self.send_header(name, value)
            self.end_headers()
            self._write(b"retry: 1000\n\n")
            while not site.stopping.is_set():
                try:
                    message = subscriber.get(timeout=KEEPALIVE_SECONDS)
                except queue.Empty:
                    self._write(b": keep-alive\n\n")
                    continue
                if message is None:
                    return
                self._write(message.encode())
        except OSError:
            pass  # the page was closed
        finally:
            site.events.unsubscribe(subscriber)

    # -- answers -----------------------------------------------------------------------
    def _write(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()

    def _json(self, data: object) -> None:
        self._send(HTTPStatus.OK, json.dumps(data).encode(), "application/json")

    def _refuse(self, status: HTTPStatus, message: str = "") -> None:
        body = (message or status.phrase).encode()
        self._send(status, body + b"\n", "text/plain; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, kind: str,
              headers: dict[str, str] | None = None) -> None:
        try:
            self.send_response(status)
            sent = {**_HEADERS, "Cache-Control": "no-store", **(headers or {})}
            for name, value in sent.items():
                self.send_header(name, value)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the browser went away


def _asset(name: str) -> bytes:
    return resources.files("deck_builder.serve").joinpath("assets").joinpath(name).read_bytes()

