"""The bridge to a warm LibreOffice: a small program run by a Python that imports `uno`.

LibreOffice's Python binding (`uno`) belongs to the Python it was built for (Debian's
python3-uno to the system python3, LibreOffice's own Python on macOS and Windows),
which need not be the Python running deck-builder. So `office.py` runs this file as a
separate program under such a Python; it imports nothing of deck-builder.

It starts one `soffice --headless` with the private profile it is given, listening on
a named pipe only this user's processes can reach, and then answers requests, one JSON
object per line on stdin, with one JSON line on stdout:

- `{"op": "render", "deck": PATH, "out": FOLDER, "slides": [0, 3], "width": W,
  "height": H}` writes `FOLDER/<index>.png` for each slide index (0-based);
- `{"op": "pdf", "deck": PATH, "out": FILE}` writes the whole deck as a PDF;
- `{"op": "quit"}`, or the end of stdin (its parent has gone), stops LibreOffice and
  the bridge.

Answers are `{"ok": true, ...}` or `{"ok": false, "error": "..."}`. LibreOffice runs
in the bridge's process group, so whoever started the bridge in a group of its own can
stop both at once.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

# LibreOffice's own binding, installed with LibreOffice (Debian: python3-uno), not a
# dependency pip could install: the PyPI project named "uno" is something else. Imported
# by name so that the dependency scan of the test suite does not take it for one.
uno: Any = importlib.import_module("uno")

CONNECT_SECONDS = 60.0


def _prop(name: str, value: Any) -> Any:
    prop = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
    prop.Name = name
    prop.Value = value
    return prop


def _url(path: str) -> str:
    return Path(path).resolve().as_uri()


class _Office:
    """One running soffice and the UNO connection to it."""

    def __init__(self, soffice: str, profile: str, pipe: str) -> None:
        accept = f"pipe,name={pipe};urp;StarOffice.ComponentContext"
        self.process = subprocess.Popen(
            [soffice, f"-env:UserInstallation={_url(profile)}", "--headless", "--invisible",
             "--nologo", "--norestore", "--nodefault", "--nolockcheck", f"--accept={accept}"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + CONNECT_SECONDS
        while True:
            try:
                self.context = resolver.resolve(f"uno:{accept}")
                break
            except Exception:
                if self.process.poll() is not None:
                    raise RuntimeError(
                        f"LibreOffice stopped at start (exit status {self.process.returncode})"
                    ) from None
                if time.monotonic() > deadline:
                    raise RuntimeError("LibreOffice did not answer within "
                                       f"{CONNECT_SECONDS:g} s") from None
                time.sleep(0.05)
        self.desktop = self.context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", self.context)

    def _load(self, deck: str) -> Any:
        document = self.desktop.loadComponentFromURL(
            _url(deck), "_blank", 0, (_prop("Hidden", True), _prop("ReadOnly", True)))
        if document is None:
            raise RuntimeError("LibreOffice could not open the deck")
        return document

    def render(self, deck: str, out: str, slides: list[int], width: int, height: int
               ) -> list[str]:
        document = self._load(deck)
        written = []
        try:
            pages = document.getDrawPages()
            exporter = self.context.ServiceManager.createInstanceWithContext(
                "com.sun.star.drawing.GraphicExportFilter", self.context)
            size = uno.Any("[]com.sun.star.beans.PropertyValue",
                           (_prop("PixelWidth", width), _prop("PixelHeight", height)))
            for index in slides:
                if not 0 <= index < pages.getCount():
                    continue
                target = os.path.join(out, f"{index}.png")
                exporter.setSourceDocument(pages.getByIndex(index))
                exporter.filter((_prop("URL", _url(target)), _prop("MediaType", "image/png"),
                                 _prop("FilterData", size)))
                written.append(target)
        finally:
            document.close(True)
        return written

    def pdf(self, deck: str, out: str) -> None:
        document = self._load(deck)
        try:
            document.storeToURL(_url(out), (_prop("FilterName", "impress_pdf_Export"),))
        finally:
            document.close(True)

    def stop(self) -> None:
        # The connection drops as LibreOffice quits (or it was gone already).
        with contextlib.suppress(Exception):
            self.desktop.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _answer(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    """`unobridge.py SOFFICE PROFILE_DIR PIPE_NAME`: serve requests until told to quit."""
    soffice, profile, pipe = argv
    # Ctrl-C in the terminal reaches the whole foreground group; the server decides
    # when the office stops, by closing stdin.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        office = _Office(soffice, profile, pipe)
    except Exception as exc:
        _answer({"ok": False, "error": str(exc)})
        return 1
    try:
        _answer({"ok": True, "pid": office.process.pid})
        for line in sys.stdin:
            request = json.loads(line)
            operation = request.get("op")
            if operation == "quit":
                break
            try:
                if operation == "render":
                    files = office.render(request["deck"], request["out"],
                                          [int(i) for i in request["slides"]],
                                          int(request["width"]), int(request["height"]))
                    _answer({"ok": True, "files": files})
                elif operation == "pdf":
                    office.pdf(request["deck"], request["out"])
                    _answer({"ok": True})
                else:
                    _answer({"ok": False, "error": f"unknown request {operation!r}"})
            except Exception as exc:  # a UNO error: the office may still be usable
                _answer({"ok": False, "error": f"{type(exc).__name__}: {exc}"})
    finally:
        office.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
