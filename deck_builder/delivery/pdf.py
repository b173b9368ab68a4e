"""Convert a deck to PDF with LibreOffice, safely in parallel and without damaging old PDFs.

Each call runs `soffice --headless --convert-to pdf` with its own throwaway user profile:
LibreOffice refuses to start a second instance on a profile that is in use, so a shared
profile would make parallel conversions fail or hand the work to the running instance.
The deck is copied into a private folder first, so LibreOffice's lock file and its output
never appear beside the user's files, and odd characters in the deck's name never reach
its command line; LibreOffice's own temporary files go there too. The PDF is moved into
place atomically: a failed or interrupted conversion leaves an existing PDF as it was,
and no temporary folder or LibreOffice process behind (see `interruptible`).

The PDF is tagged for PDF/UA-1 through the export filter's options (`export_filter`):
a structure tree in reading order, the document title in the window title, one bookmark
per slide, alt text on figures and links as Link annotations; its /Lang is the deck's
language, which LibreOffice takes from its locale setting (see office_profile). A handout
adds LibreOffice's notes pages (slide and speaker notes) after the slides. What
LibreOffice 7.4 leaves to be done (decoration as artifacts, the deck's dates) is done by
`pdf_tags.finish_pdf`.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Literal

from deck_builder.delivery import office_profile
from deck_builder.delivery.offline import offline_copy
from deck_builder.errors import DeckError
from deck_builder.files import write_atomically

PdfKind = Literal["slides", "handout"]
"""`slides`: one page per slide; `handout`: the slides, then a notes page per slide."""
PDF_KINDS: tuple[PdfKind, ...] = ("slides", "handout")

# Names LibreOffice's command line is installed under (Debian installs both).
SOFFICE_NAMES = ("soffice", "libreoffice")

INSTALL_HINT = (
    "install LibreOffice to make PDFs: on Debian/Ubuntu `apt-get install libreoffice-impress`, "
    "on macOS `brew install --cask libreoffice`, on Windows the installer from "
    "https://www.libreoffice.org; or put its `soffice` program on the PATH"
)


class LibreOfficeMissing(DeckError):
    """LibreOffice's `soffice` is not on the PATH; the message says how to install it."""

    def __init__(self) -> None:
        super().__init__(f"LibreOffice (soffice) was not found; {INSTALL_HINT}")


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Within the block, being told to stop (SIGTERM, SIGHUP: a closed terminal, `kill`)
    ends the work as Ctrl-C does, with KeyboardInterrupt: temporary folders are removed
    and LibreOffice is stopped on the way out. By default those signals end Python at
    once and leave both behind. Does nothing outside the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    names = ("SIGTERM", "SIGHUP")
    previous = {number: signal.signal(number, stop)
                for number in (getattr(signal, name) for name in names if hasattr(signal, name))}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def find_soffice() -> str | None:
    """The path of `soffice` (or `libreoffice`) on the PATH, or None."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def to_pdf(pptx: Path, out_dir: Path | None = None, timeout: float = 180,
           kind: PdfKind = "slides") -> Path:
    """Convert `pptx` to `<stem>.pdf` beside it (or in `out_dir`) and return the PDF's path.

    Raises LibreOfficeMissing when soffice is not on the PATH, and DeckError when the deck
    is missing, LibreOffice fails, times out or writes no PDF (with the tail of its
    output); the target PDF is then left as it was.
    """
    pptx = Path(pptx)
    if not pptx.is_file():
        raise DeckError(f"cannot convert {pptx} to PDF: no such file")
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeMissing()
    target = Path(out_dir if out_dir is not None else pptx.parent) / f"{pptx.stem}.pdf"
    if target.is_dir():
        raise DeckError(f"cannot write {target}: it is a folder")
    try:
        deck = pptx.read_bytes()
    except OSError as exc:
        raise DeckError(f"cannot read {pptx}: {exc.strerror or exc}") from None
    write_atomically(pdf_bytes(deck, pptx, timeout, kind), target)
    return target


def pdf_bytes(deck: bytes, shown: Path, timeout: float = 180,
              kind: PdfKind = "slides") -> bytes:
    """The tagged PDF of `deck` (the bytes of a file named like `shown`, which messages
    name); `kind` "handout" adds the notes pages.

    LibreOffice works in a private temporary folder, removed afterwards: nothing is
    written anywhere else. Raises as `to_pdf` does.
    """
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeMissing()
    with tempfile.TemporaryDirectory(prefix="deck-builder-pdf-") as work_name:
        work = Path(work_name)
        source = work / "in" / f"deck{shown.suffix.lower()}"
        source.parent.mkdir()
        source.write_bytes(offline_copy(deck, shown))
        # The profile's locale is the deck's: numbers in charts show "1.234,5" in Dutch,
        # and the PDF's /Lang is the deck's language.
        office_profile.write_profile(work / "profile", office_profile.deck_locale(deck))
        produced = _convert(soffice, source, work / "out", work / "profile", timeout, shown,
                            export_filter(kind))
        from deck_builder.delivery.pdf_tags import finish_pdf  # pikepdf: only for PDFs

        return finish_pdf(produced.read_bytes(), deck)


def _convert(
    soffice: str, source: Path, out: Path, profile: Path, timeout: float, shown: Path,
    target_format: str = "pdf",
) -> Path:
    """Run one LibreOffice conversion of `source` into `out`; the produced PDF's path."""
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        target_format,
        "--outdir",
        str(out),
        str(source),
    ]
    # soffice is a launcher that starts soffice.bin as its child: on a timeout the whole
    # process group must go, or an orphaned soffice.bin keeps running (and the profile).
    new_group = os.name == "posix"
    # LibreOffice's own temporary files (`lu*.tmp`) stay beside its profile, so they go
    # with it, also when it has to be killed.
    scratch = profile.parent / "tmp"
    scratch.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(scratch), "TMP": str(scratch), "TEMP": str(scratch)}
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=new_group,
            env=env,
        )
    except OSError as exc:
        raise DeckError(f"cannot start LibreOffice ({soffice}): {exc.strerror or exc}") from None
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process, new_group)
        stdout, stderr = process.communicate()
        raise DeckError(
            f"LibreOffice did not convert {shown} to PDF within {timeout:g} s"
            + _tail(stderr, stdout)
        ) from None
    except BaseException:  # Ctrl-C: do not leave LibreOffice running
        _kill(process, new_group)
        process.communicate()
        raise
    produced = out / f"{source.stem}.pdf"
    # The exit status alone is not trusted: LibreOffice exits 0 for some files it cannot
    # load. A PDF that exists and starts like one decides.
    if process.returncode != 0:
        raise DeckError(
            f"LibreOffice failed to convert {shown} to PDF (exit status {process.returncode})"
            + _tail(stderr, stdout)
        )
    if not _looks_like_pdf(produced):
        raise DeckError(f"LibreOffice wrote no PDF for {shown}" + _tail(stderr, stdout))
    return produced


def _kill(process: subprocess.Popen[bytes], group: bool) -> None:
    """Kill the process and, on POSIX, everything it started."""
    try:
        if group:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass  # already gone


def _looks_like_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(5) == b"%PDF-"
    except OSError:
        return False


def _tail(stderr: bytes, stdout: bytes, lines: int = 8) -> str:
    """The last lines LibreOffice printed (stderr, else stdout), for an error message."""
    text = (stderr or stdout).decode("utf-8", "replace").strip()
    if not text:
        return " (it printed nothing)"
    last = text.splitlines()[-lines:]
    return ": " + " | ".join(line.strip() for line in last if line.strip())


def export_filter(kind: PdfKind = "slides") -> str:
    """The `--convert-to` argument for a tagged PDF/UA-1 export of a presentation.

    LibreOffice (7.4 and later) reads the filter's options as JSON after its name.
    """
    options: dict[str, bool] = {
        "UseTaggedPDF": True,  # the structure tree a screen reader follows
        "PDFUACompliance": True,  # PDF/UA-1: identification, alt text, language, title
        "DisplayPDFDocumentTitle": True,  # the window shows the title, not the file name
        "ExportBookmarks": True,  # one bookmark per slide, named by its title
        "ExportNotesPages": kind == "handout",
        "ExportOnlyNotesPages": False,
        "ExportHiddenSlides": False,
        "UseTransitionEffects": False,
    }
    data = {name: {"type": "boolean", "value": "true" if value else "false"}
            for name, value in options.items()}
    return "pdf:impress_pdf_Export:" + json.dumps(data, separators=(",", ":"))
