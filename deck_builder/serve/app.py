"""`deck-builder serve`: the builder, the office, the watcher and the web server,
started together and stopped together.

`Serve` is the whole server as an object (tests start it in their own process);
`run` is the command: it serves until Ctrl-C, SIGTERM or a closed terminal, then stops
every thread, LibreOffice and its bridge, and removes the private work folder.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import tempfile
import threading
import webbrowser
from collections.abc import Callable
from http.server import ThreadingHTTPServer
from pathlib import Path

from deck_builder.delivery.pdf import interruptible
from deck_builder.errors import DeckError, close_matches
from deck_builder.serve.builder import BASE, Builder
from deck_builder.serve.http import Events, Site, make_server
from deck_builder.serve.office import MISSING_HINT, Renderer, open_office
from deck_builder.serve.watch import Watcher

DEFAULT_PORT = 8000
WORK_PREFIX = "deck-builder-serve-"
OWNER_FILE = "pid"  # in the work folder: the server's process id


class Serve:
    """A running preview server of the content at `content` (see the module's doc).

    `host` None binds 127.0.0.1 and ::1 only; `port` 0 takes a free port. `pictures`
    False shows planned text only (as without LibreOffice). `office`: an office to draw
    with, which stays the caller's (not closed by `stop`); by default one of its own.
    """

    def __init__(self, content: Path, template: Path | None = None,
                 afdeling: str | None = None, host: str | None = None,
                 port: int = DEFAULT_PORT, pictures: bool = True,
                 office: Renderer | None = None) -> None:
        self.content = content
        self.host = host
        self.token = secrets.token_urlsafe(18)
        self.events = Events()
        _remove_leftovers()
        self._work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX))
        (self._work / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
        self.office: Renderer | None = office
        self._own_office = office is None
        self._servers: list[ThreadingHTTPServer] = []
        self._threads: list[threading.Thread] = []
        self.watcher: Watcher | None = None
        self._watch_lock = threading.Lock()
        try:
            if office is None and pictures:
                self.office = open_office(self._work / "office")
            hint = MISSING_HINT if pictures else "pictures are off (--no-pictures)"
            self.builder = Builder(content, template, self.office, self._announce,
                                   afdeling or BASE, hint)
            if afdeling is not None:
                self._known(afdeling)
            self.site = Site(self.builder, self.token, {"localhost"}, self.events,
                             afdeling or BASE)
            self.port = self._bind(host, port)
        except BaseException:
            self._cleanup()
            raise
        self.site.port = self.port
        if host is not None:
            # Served to other machines: they name it as this machine is called.
            self.site.names |= {host.lower(), socket.gethostname().lower(),
                                socket.getfqdn().lower()}
        shown = _bracketed(host) if host is not None else "127.0.0.1"
        self.url = f"http://{shown}:{self.port}/{self.token}/"

    def start(self) -> str:
        """Build, watch and serve in background threads; returns the page's URL."""
        self.watcher = Watcher(self.content, None, self.builder.changed)
        self.watcher.start()
        self.builder.start()
        for server in self._servers:
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                                      name="deck-builder-serve-http", daemon=True)
            thread.start()
            self._threads.append(thread)
        return self.url

    def stop(self) -> None:
        """Stop serving, watching and building; stop LibreOffice; remove the work folder."""
        self.site.stopping.set()
        self.events.close()
        if self._threads:  # shutdown() waits for serve_forever, which start() began
            for server in self._servers:
                server.shutdown()
        with self._watch_lock:
            if self.watcher is not None:
                self.watcher.stop()
                self.watcher = None
        if self.office is not None and self._own_office:
            self.office.close()  # a drawing under way is cut short, not waited for
        self.builder.stop()
        self._cleanup()

    def _cleanup(self) -> None:
        for server in self._servers:
            server.server_close()
        if self.office is not None and self._own_office:
            self.office.close()
        shutil.rmtree(self._work, ignore_errors=True)

    def _bind(self, host: str | None, port: int) -> int:
        try:
            if host is not None:
                server = make_server(self.site, host, port, ipv6=":" in host)
                self._servers.append(server)
                return int(server.server_address[1])
            server = make_server(self.site, "127.0.0.1", port)
            self._servers.append(server)
            chosen = int(server.server_address[1])
        except OSError as exc:
            raise DeckError(f"cannot listen on port {port}: {exc.strerror or exc}; "
                            "choose another with --port") from None
        # The same port on IPv6's loopback, where the machine has one.
        with contextlib.suppress(OSError):
            self._servers.append(make_server(self.site, "::1", chosen, ipv6=True))
        return chosen

    def _known(self, afdeling: str) -> None:
        slugs = [item["slug"] for item in self.builder.afdelingen()]
        if afdeling not in slugs:
            hint = close_matches(afdeling, slugs)
            raise DeckError(f"unknown afdeling {afdeling!r}"
                            + (f"; did you mean {hint[0]!r}?" if hint else
                               f"; valid slugs: {', '.join(slugs) or '(none)'}"))

    def _announce(self, deck: str, version: int, changed: list[int]) -> None:
        self.events.publish("deck", {"deck": deck, "version": version, "changed": changed})
        self._follow_template()

    def _follow_template(self) -> None:
        """Watch the template's folder too, once a build has said which it is."""
        folder = self.builder.template_folder
        with self._watch_lock:
            watcher = self.watcher
            if watcher is None or folder is None or self.site.stopping.is_set():
                return
            if watcher.template == folder.resolve():
                return
            watcher.stop()
            self.watcher = Watcher(self.content, folder, self._changed)
            self.watcher.start()

    def _changed(self, template: bool) -> None:
        self.builder.changed(template)


def run(content: Path, template: Path | None, afdeling: str | None, host: str | None,
        port: int, open_browser: bool, pictures: bool,
        say: Callable[[str], None]) -> None:
    """Serve until interrupted (Ctrl-C, SIGTERM, SIGHUP), then stop cleanly."""
    server = Serve(content, template, afdeling, host, port, pictures)
    try:
        with interruptible():
            url = server.start()
            if host is not None:
                say(f"warning: serving on {host}: anyone who can reach this address and "
                    "has the link can see the deck")
            if server.office is None:
                say(f"warning: {server.builder.hint}; the page shows each slide's planned "
                    "text")
            say(url)
            say("Ctrl-C stops the server.")
            if open_browser:
                webbrowser.open(url)
            threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


def _remove_leftovers() -> None:
    """Remove the work folders of servers that were killed outright (SIGKILL, a crash),
    which could not remove their own; a folder whose server still runs is left."""
    for folder in Path(tempfile.gettempdir()).glob(f"{WORK_PREFIX}*"):
        try:
            owner = int((folder / OWNER_FILE).read_text(encoding="ascii"))
            if folder.is_symlink() or folder.stat().st_uid != os.getuid():
                continue
        except (OSError, ValueError, AttributeError):
            continue  # not ours, or not a server's folder (yet)
        if owner == os.getpid():
            continue
        try:
            os.kill(owner, 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass  # another user's process: not ours to judge


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host
