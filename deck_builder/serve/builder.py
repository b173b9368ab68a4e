"""The server's builds: each deck shown is rebuilt when its files change, and only the
pictures of slides whose key is new are drawn.

One thread builds, one deck at a time, through the pipeline, with one build session
per template (made again when the template's files change). The last good build of
each deck stays: while the content has errors the page shows them above the slides it
had. Pictures are kept by slide key in a cache of bounded size, so memory stays flat
however many edits are made.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deck_builder import pipeline
from deck_builder.content import overlays
from deck_builder.delivery.pdf import INSTALL_HINT, find_soffice
from deck_builder.errors import DeckError, Problem
from deck_builder.planning.model import SlidePlan
from deck_builder.serve.office import MISSING_HINT, Renderer
from deck_builder.serve.slides import (
    Note,
    SlideView,
    accessibility_notes,
    problem_notes,
    slide_views,
)
from deck_builder.template.model import Template

BASE = "base"  # the key of the base deck; afdeling decks are keyed by their slug
PICTURE_WIDTH = 1280  # pixels: sharp as the large picture, scaled down in the strip
# Pictures kept for slides no deck shows any more (an undone edit needs no drawing):
# a few dozen, so that memory stays flat however long the server runs.
CACHE_BYTES = 8_000_000


@dataclass
class DeckView:
    """One deck as the page shows it: the last good build, and the errors of the
    current content when it does not build."""

    key: str
    version: int = 0
    building: bool = True
    errors: list[Note] = field(default_factory=list)
    slides: list[SlideView] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    changed: list[int] = field(default_factory=list)
    pptx: bytes | None = None
    pdf: bytes | None = None
    file_name: str = "deck"
    seconds: float = 0.0
    drawn: int = 0  # pictures drawn for the last build
    picture_error: str = ""

    def as_dict(self, ready: Callable[[str], bool]) -> dict[str, Any]:
        """A JSON-ready view; `ready(key)`: whether a slide's picture is in the cache."""
        return {"deck": self.key, "version": self.version, "building": self.building,
                "ok": not self.errors, "errors": [note.as_dict() for note in self.errors],
                "slides": [slide.as_dict(ready(slide.key)) for slide in self.slides],
                "notes": [note.as_dict() for note in self.notes], "changed": self.changed,
                "built": self.pptx is not None, "file": self.file_name,
                "seconds": round(self.seconds, 3), "drawn": self.drawn,
                "picture_error": self.picture_error}


class Pictures:
    """Slide pictures by key, least recently used dropped first beyond `limit` bytes;
    pictures of slides on show are never dropped."""

    def __init__(self, limit: int = CACHE_BYTES) -> None:
        self.limit = limit
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        """The picture of `key`, or None."""
        with self._lock:
            data = self._items.get(key)
            if data is not None:
                self._items.move_to_end(key)
            return data

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._items

    def put(self, key: str, data: bytes, keep: set[str]) -> None:
        """Keep `data` as `key`'s picture; drop old ones not in `keep` when over the limit."""
        with self._lock:
            if key in self._items:
                self._size -= len(self._items.pop(key))
            self._items[key] = data
            self._size += len(data)
            for old in list(self._items):
                if self._size <= self.limit:
                    break
                if old not in keep:
                    self._size -= len(self._items.pop(old))

    @property
    def size(self) -> int:
        """Bytes held."""
        return self._size


class Builder:
    """Builds the decks on show whenever their files change; see the module's doc.

    `announce(deck_key, version, changed)` is called after every build and after every
    batch of pictures (from the builder's thread).
    """

    def __init__(self, content: Path, template: Path | None, office: Renderer | None,
                 announce: Callable[[str, int, list[int]], None],
                 first: str = BASE, hint: str = MISSING_HINT) -> None:
        self.content = content
        self.template = template
        self.office = office
        self.hint = hint  # why there are no pictures, when there is no office
        self.announce = announce
        self.pictures = Pictures()
        self.decks: dict[str, DeckView] = {}
        self.builds = 0
        self.template_folder: Path | None = None  # of the last good build's template
        self._dirty: set[str] = set()
        self._template_changed = False
        self._session: tuple[Template, pipeline.BuildSession] | None = None
        self._wake = threading.Condition()
        self._stopping = False
        self._idle = threading.Event()
        self.lock = threading.Lock()  # held while a view changes and while it is read
        self._thread = threading.Thread(target=self._run, name="deck-builder-serve-build",
                                        daemon=True)
        self.show(first)

    # -- what the server asks ----------------------------------------------------------
    def start(self) -> None:
        """Start building in the background."""
        self._thread.start()

    def stop(self) -> None:
        """Stop building (a build under way finishes first)."""
        with self._wake:
            self._stopping = True
            self._wake.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout=REQUEST_STOP_SECONDS)

    def show(self, key: str) -> DeckView:
        """The view of deck `key` (BASE or an afdeling's slug), built from now on."""
        with self._wake:
            view = self.decks.get(key)
            if view is None:
                view = self.decks[key] = DeckView(key)
                self._dirty.add(key)
                self._idle.clear()
                self._wake.notify_all()
            return view

    def changed(self, template: bool = False) -> None:
        """Files changed: rebuild every deck on show (`template`: with a new session)."""
        with self._wake:
            self._template_changed |= template
            self._dirty.update(self.decks)
            self._idle.clear()
            self._wake.notify_all()

    def state(self, key: str) -> dict[str, Any]:
        """Deck `key`'s view as JSON-ready data (the deck is built from now on)."""
        view = self.show(key)
        with self.lock:
            return view.as_dict(self.pictures.__contains__)

    def wait_idle(self, timeout: float) -> bool:
        """Wait until nothing is left to build or draw; False on timeout."""
        return self._idle.wait(timeout)

    def afdelingen(self) -> list[dict[str, str]]:
        """The afdelingen of the content (slug and name), in file order; none when the
        content has no afdelingen.yaml or it cannot be read."""
        try:
            found = overlays.load_variants(self.content)
        except DeckError:
            return []
        return [{"slug": slug, "name": found.variants[slug].afdeling.name
                 if slug in found.variants else slug} for slug in found.slugs()]

    def office_state(self) -> dict[str, Any]:
        """Whether pictures can be drawn, and how to make them possible if not."""
        if self.office is None:
            return {"pictures": False, "hint": self.hint}
        return {"pictures": True, "hint": ""}

    def pdf(self, key: str) -> bytes | None:
        """The PDF of deck `key`'s last good build, made once per build; None without one.
        Raises DeckError when LibreOffice is missing or fails."""
        view = self.decks.get(key)
        if view is None or view.pptx is None:
            return None
        pptx = view.pptx
        if view.pdf is not None:
            return view.pdf
        if self.office is None:
            raise DeckError(f"LibreOffice was not found; {INSTALL_HINT}"
                            if find_soffice() is None else self.hint)
        data = self.office.pdf(pptx)
        if view.pptx is pptx:
            view.pdf = data
        return data

    # -- the builder's thread --------------------------------------------------------
    def _run(self) -> None:
        while True:
            with self._wake:
                idle = not self._dirty
            if idle and self.office is not None and not self._stopping:
                # On failure the next request starts it again, and says so if it cannot.
                with contextlib.suppress(DeckError):
                    self.office.maintain()
            with self._wake:
                while not self._dirty and not self._stopping:
                    self._idle.set()
                    self._wake.wait()
                if self._stopping:
                    self._idle.set()
                    return
                # The base deck first, then afdelingen in the order they were opened.
                key = BASE if BASE in self._dirty else next(iter(self._dirty))
                self._dirty.discard(key)
                if self._template_changed:
                    self._template_changed = False
                    self._session = None
            try:
                self._build(self.decks[key])
            except Exception as exc:  # keep serving: the page says what went wrong
                view = self.decks[key]
                with self.lock:
                    view.building = False
                    view.errors = [Note("error", f"unexpected error while building: "
                                                 f"{type(exc).__name__}: {exc}")]
                    view.version += 1
                self.announce(key, view.version, [])

    def _build(self, view: DeckView) -> None:
        started = time.perf_counter()
        plans: list[SlidePlan] = []
        located: list[Problem] = []
        try:
            deck = pipeline.load_deck(self.content, None if view.key == BASE else view.key)
            template = pipeline.open_template(deck, self.template)
            self.template_folder = template.folder
            session = self._session_for(template)
            data, _, _ = pipeline.build_bytes(deck, session, plans_out=plans,
                                              warnings_out=located)
            slides, loose = slide_views(data, plans, located)
        except DeckError as error:
            with self.lock:
                view.errors = problem_notes(error.problems)
                view.building = False
                view.version += 1
            self.builds += 1
            self.announce(view.key, view.version, [])
            return
        self.builds += 1
        previous = [slide.key for slide in view.slides]
        with self.lock:
            # A first build changes nothing the user has seen.
            view.changed = [index for index, slide in enumerate(slides)
                            if previous and (index >= len(previous)
                                             or previous[index] != slide.key)]
            view.slides = slides
            view.notes = [Note("warning", text, "", "TEMPLATE-WARNING")
                          for text in session.template.warnings] + loose
            view.errors = []
            view.pptx, view.pdf = data, None
            view.file_name = pipeline.default_output(
                deck, None if view.key == BASE else view.key).stem
            view.seconds = time.perf_counter() - started
            view.building = True
            view.drawn = 0
            view.version += 1
        self.announce(view.key, view.version, view.changed)
        # Pictures first, then the accessibility check: the edited slide's picture is
        # what the user waits for.
        if self.office is not None:
            self._draw(view, data, session.template)
        found = accessibility_notes(data, slides)
        with self.lock:
            view.notes += found
            view.building = False
            view.version += 1
        self.announce(view.key, view.version, view.changed)

    def _draw(self, view: DeckView, data: bytes, template: Template) -> None:
        """Draw the pictures of the slides whose keys have none yet."""
        missing = [index for index, slide in enumerate(view.slides)
                   if slide.key not in self.pictures]
        assert self.office is not None
        width = PICTURE_WIDTH
        height = max(1, round(width * template.slide_height / template.slide_width))
        try:
            drawn = self.office.render(data, missing, width, height) if missing else {}
            view.picture_error = ""
        except DeckError as error:
            drawn = {}
            view.picture_error = str(error)
        with self._wake:  # a page may open another deck meanwhile
            decks = list(self.decks.values())
        with self.lock:
            shown = {slide.key for deck in decks for slide in deck.slides}
        for index, picture in drawn.items():
            self.pictures.put(view.slides[index].key, picture, shown)
        with self.lock:
            view.drawn = len(drawn)
            view.version += 1
        self.announce(view.key, view.version, view.changed)

    def _session_for(self, template: Template) -> pipeline.BuildSession:
        if self._session is not None and self._session[0] == template:
            return self._session[1]
        session = pipeline.open_session(template)
        self._session = (template, session)
        return session


REQUEST_STOP_SECONDS = 150.0
