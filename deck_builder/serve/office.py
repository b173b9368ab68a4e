"""Pictures of slides from a warm LibreOffice, so a changed slide is drawn in a moment.

Starting LibreOffice costs seconds; loading a deck into one that runs costs a few tenths
and drawing one slide a few hundredths. `Office` keeps one `soffice --headless` running
for as long as the server runs, driven over UNO by `unobridge.py`, which runs under a
Python that can import LibreOffice's `uno` module (`find_uno_python`). Without such a
Python, `ColdOffice` converts each deck with a fresh LibreOffice (`delivery.pdf`) and
draws the wanted pages with poppler: seconds instead of tenths, the same pictures.

Everything LibreOffice writes (its profile, its pipe, its temporary files, the decks
and pictures passed to it) lives in one private folder, removed by `close`.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import queue
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO, Any, Protocol

from PIL import Image

from deck_builder.delivery.pdf import find_soffice, pdf_bytes
from deck_builder.errors import DeckError

# How long one request may take before the office is taken for hung and restarted.
REQUEST_SECONDS = 120.0
START_SECONDS = 90.0
# LibreOffice keeps some memory of every document it opens (about a megabyte each):
# after this many it is started afresh, at a moment nothing waits for it.
DOCUMENTS_PER_START = 100
UNO_PYTHON_VARIABLE = "DECK_BUILDER_UNO_PYTHON"
MISSING_HINT = (
    "LibreOffice was not found; install it to see pictures of the slides: on "
    "Debian/Ubuntu `apt-get install libreoffice-impress python3-uno`, on macOS `brew "
    "install --cask libreoffice`, on Windows the installer from https://www.libreoffice.org"
)
BRIDGE = Path(__file__).with_name("unobridge.py")


class Renderer(Protocol):
    """What the server needs from an office: slide pictures and a PDF of a deck."""

    renders: int  # slide pictures drawn so far

    def render(self, deck: bytes, slides: list[int], width: int, height: int
               ) -> dict[int, bytes]:
        """PNG pictures of the given slides (0-based indices) of `deck`."""
        ...

    def pdf(self, deck: bytes) -> bytes:
        """The deck as a PDF."""
        ...

    def close(self) -> None:
        """Stop every process and remove every file this office made."""
        ...

    def maintain(self) -> None:
        """Called when nothing waits for the office: a moment for housekeeping."""
        ...


def find_uno_python(soffice: str) -> str | None:
    """A Python program that can import LibreOffice's `uno`, or None.

    Tried in order: $DECK_BUILDER_UNO_PYTHON, the Python running deck-builder, the
    Python that comes with LibreOffice (macOS, Windows), then each `python3` on the
    PATH (on Debian and Ubuntu the system one, with the python3-uno package).
    """
    candidates: list[str] = []
    chosen = os.environ.get(UNO_PYTHON_VARIABLE)
    if chosen:
        candidates.append(chosen)
    candidates.append(sys.executable)
    program = Path(os.path.realpath(soffice)).parent
    candidates += [str(program / name) for name in ("python", "python.exe", "python3")]
    for folder in os.get_exec_path():
        candidates += [str(Path(folder) / name) for name in ("python3", "python")]
    seen: set[str] = set()
    for candidate in candidates:
        real = os.path.realpath(candidate)
        if real in seen or not os.access(real, os.X_OK) or not os.path.isfile(real):
            continue
        seen.add(real)
        try:
            probe = subprocess.run([candidate, "-c", "import uno"], capture_output=True,
                                   timeout=30, check=False, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return candidate
    return None


def open_office(work: Path) -> Renderer | None:
    """The best office this machine offers, working in `work`: a warm one when a Python
    with `uno` is found, else a cold one; None without LibreOffice."""
    soffice = find_soffice()
    if soffice is None:
        return None
    python = find_uno_python(soffice)
    if python is None:
        return ColdOffice(work)
    return Office(soffice, python, work)


class Office:
    """One LibreOffice kept running, started at the first request and again after a
    failure. Thread-safe: requests are served one at a time."""

    def __init__(self, soffice: str, python: str, work: Path) -> None:
        self.soffice = soffice
        self.python = python
        self.work = work
        self.renders = 0
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._lines: queue.Queue[bytes] = queue.Queue()
        self._closed = False
        self._documents = 0  # opened by the running LibreOffice
        self.starts = 0

    # -- requests ------------------------------------------------------------------
    def render(self, deck: bytes, slides: list[int], width: int, height: int
               ) -> dict[int, bytes]:
        """PNG pictures of `slides` (0-based) of `deck`, `width` × `height` pixels."""
        if not slides:
            return {}
        with self._lock, self._scratch() as name:
            folder = Path(name)
            source = folder / "deck.pptx"
            source.write_bytes(deck)
            self._call({"op": "render", "deck": str(source), "out": str(folder),
                        "slides": slides, "width": width, "height": height})
            pictures = {}
            for index in slides:
                path = folder / f"{index}.png"
                if path.is_file():
                    pictures[index] = path.read_bytes()
            self.renders += len(pictures)
            return pictures

    def pdf(self, deck: bytes) -> bytes:
        """The PDF of `deck`, as LibreOffice exports it."""
        with self._lock, self._scratch() as name:
            folder = Path(name)
            source = folder / "deck.pptx"
            source.write_bytes(deck)
            target = folder / "deck.pdf"
            self._call({"op": "pdf", "deck": str(source), "out": str(target)})
            return target.read_bytes()

    def maintain(self) -> None:
        """Start LibreOffice afresh when it has opened many documents (its memory
        grows with each); to be called when no request is waiting."""
        with self._lock:
            if self._closed or self._documents < DOCUMENTS_PER_START:
                return
            self._start()

    def close(self) -> None:
        """Stop LibreOffice and the bridge; idempotent. A request under way is cut
        short (it raises DeckError) rather than waited for."""
        self._closed = True
        process = self._process
        if process is not None and process.poll() is None and os.name == "posix":
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
        with self._lock:
            self._stop()

    # -- the bridge ----------------------------------------------------------------
    def _scratch(self) -> tempfile.TemporaryDirectory[str]:
        return tempfile.TemporaryDirectory(prefix="job-", dir=self._folder("jobs"))

    def _folder(self, name: str) -> Path:
        folder = self.work / name
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def _call(self, request: dict[str, Any]) -> dict[str, Any]:
        """Send one request; a bridge found gone (LibreOffice crashed or was killed
        since the last request) is started again once."""
        for attempt in (1, 2):
            if self._closed:
                raise DeckError("the office has been stopped")
            if self._process is None or self._process.poll() is not None:
                self._start()
            assert self._process is not None
            assert self._process.stdin is not None
            try:
                self._process.stdin.write(json.dumps(request).encode() + b"\n")
                self._process.stdin.flush()
                answer = self._answer(REQUEST_SECONDS)
            except OSError:  # a broken pipe, or _Gone
                self._stop()
                if attempt == 2:
                    raise DeckError("LibreOffice stopped unexpectedly; it is started again "
                                    "at the next change") from None
                continue
            self._documents += 1
            if not answer.get("ok"):
                raise DeckError(f"LibreOffice could not draw the deck: {answer.get('error')}")
            return answer
        raise AssertionError("unreachable")

    def _start(self) -> None:
        self._stop()
        profile = self._folder("profile")
        scratch = self._folder("tmp")
        # LibreOffice puts its pipe and temporary files in TMPDIR: here, they go with
        # the work folder.
        env = {**os.environ, "TMPDIR": str(scratch), "TMP": str(scratch), "TEMP": str(scratch)}
        pipe = f"deck-builder-{secrets.token_hex(12)}"
        try:
            self._process = subprocess.Popen(
                [self.python, str(BRIDGE), self.soffice, str(profile), pipe],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                env=env, start_new_session=os.name == "posix",
            )
        except OSError as exc:
            raise DeckError(f"cannot start LibreOffice's bridge ({self.python}): "
                            f"{exc.strerror or exc}") from None
        self._lines = queue.Queue()
        self._documents = 0
        self.starts += 1
        assert self._process.stdout is not None
        threading.Thread(target=_read_lines, args=(self._process.stdout, self._lines),
                         daemon=True, name="office-reader").start()
        try:
            answer = self._answer(START_SECONDS)
        except _Gone:
            answer = {"ok": False, "error": "its bridge stopped at start"}
        if not answer.get("ok"):
            self._stop()
            raise DeckError(f"LibreOffice did not start: {answer.get('error')}")

    def _answer(self, seconds: float) -> dict[str, Any]:
        try:
            line = self._lines.get(timeout=seconds)
        except queue.Empty:
            self._stop()
            raise DeckError(f"LibreOffice did not answer within {seconds:g} s; it is "
                            "started again at the next change") from None
        if not line:
            raise _Gone
        answer: dict[str, Any] = json.loads(line)
        return answer

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            try:
                assert process.stdin is not None
                process.stdin.write(b'{"op": "quit"}\n')
                process.stdin.close()
            except OSError:
                pass  # it has gone already
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(15)
        # Whatever is left of the bridge's group (a LibreOffice that would not quit).
        if os.name == "posix":
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
        elif process.poll() is None:
            process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()


class _Gone(OSError):
    """The bridge has gone (its output ended, or its input is closed)."""


def _read_lines(stream: IO[bytes], lines: queue.Queue[bytes]) -> None:
    """Pass the bridge's answers on; an empty line when it has gone."""
    try:
        for line in stream:
            lines.put(line)
    except (OSError, ValueError):
        pass
    lines.put(b"")


class ColdOffice:
    """A fresh LibreOffice for each deck (no Python with `uno` here), its PDF drawn by
    poppler's pdftoppm, only the wanted pages."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.renders = 0

    def render(self, deck: bytes, slides: list[int], width: int, height: int
               ) -> dict[int, bytes]:
        """As `Office.render`."""
        if not slides:
            return {}
        pdftoppm = shutil.which("pdftoppm")
        if pdftoppm is None:
            raise DeckError("poppler's pdftoppm was not found: install poppler-utils "
                            "to see slide pictures")
        document = self.pdf(deck)
        pictures: dict[int, bytes] = {}
        self.work.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="pages-", dir=self.work) as name:
            folder = Path(name)
            source = folder / "deck.pdf"
            source.write_bytes(document)
            for index in slides:
                page = str(index + 1)
                result = subprocess.run(
                    [pdftoppm, "-png", "-singlefile", "-f", page, "-l", page,
                     "-scale-to-x", str(width), "-scale-to-y", str(height),
                     str(source), str(folder / f"p{index}")],
                    capture_output=True, timeout=120, check=False)
                produced = folder / f"p{index}.png"
                if result.returncode == 0 and produced.is_file():
                    pictures[index] = _plain_png(produced.read_bytes())
        self.renders += len(pictures)
        return pictures

    def pdf(self, deck: bytes) -> bytes:
        """As `Office.pdf`."""
        return pdf_bytes(deck, Path("deck.pptx"))

    def close(self) -> None:
        """Nothing keeps running between requests."""

    def maintain(self) -> None:
        """Nothing to keep."""


def _plain_png(data: bytes) -> bytes:
    """The picture re-encoded without metadata (poppler stamps none, but be sure)."""
    with Image.open(io.BytesIO(data)) as image:
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, "PNG")
        return buffer.getvalue()
