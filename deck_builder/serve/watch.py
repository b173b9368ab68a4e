"""Watching the files a deck is made of: the content folder (deck and section files,
pictures, partners, afdelingen) and the template's folder.

watchfiles reports changes from the system's own notifications (inotify, FSEvents,
ReadDirectoryChangesW) and groups the events of one save, as editors write a file in
several steps, into one batch; each batch is one rebuild.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import watchfiles

# Gather the events of one save (an editor's temporary file, rename, chmod) into one batch.
DEBOUNCE_MS = 30
STEP_MS = 10


class Watcher:
    """Calls `changed(template)` from its own thread after each batch of changes under
    `content`, or under `template` (then `template` is True), until `stop`."""

    def __init__(self, content: Path, template: Path | None,
                 changed: Callable[[bool], None]) -> None:
        # A deck file given for its folder: its includes and pictures are beside it.
        self.content = content.resolve() if content.is_dir() else content.resolve().parent
        self.template = template.resolve() if template is not None else None
        self.changed = changed
        self._stop = threading.Event()
        roots = [self.content]
        if self.template is not None and not self.template.is_relative_to(self.content):
            roots.append(self.template)
        self.roots = roots
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="deck-builder-serve-watch",
                                        daemon=True)

    def start(self) -> None:
        """Start watching; returns once the watch is set up."""
        self._thread.start()
        self._ready.wait(10)

    def stop(self) -> None:
        """Stop watching and wait for the thread."""
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        # watchfiles begins listening before its first yield; the first batch is
        # awaited with a short timeout so the watch is known to be set up.
        batches = watchfiles.watch(*self.roots, stop_event=self._stop, debounce=DEBOUNCE_MS,
                                   step=STEP_MS, yield_on_timeout=True, rust_timeout=100,
                                   raise_interrupt=False)
        for changes in batches:
            self._ready.set()
            if not changes:
                continue
            paths = [Path(path) for _, path in changes]
            template = self.template is not None and any(
                path.is_relative_to(self.template) for path in paths)
            self.changed(template)
        self._ready.set()
