"""Source slides → content: each slide becomes the kind it is, written as YAML data.

A slide deck-builder made names its kind and id (`bullets:constateringen`, a
continuation `…:2`), and that is taken as given. Any other slide is judged by what it
holds: a centred title (or a first slide with a subtitle) is the title slide; a title
with at most a number and a line is a section; text in quotation marks a quote; a short
figure in large type a statistic; two text columns side by side two-column; a picture
with little text an image; "Agenda" an agenda; a title with one table or chart (and a
short caption) a table or chart, when its figures are ones those kinds hold (see
importing.figures); and everything else bullets, which can hold any text. Text no kind
holds where it was is kept elsewhere on the slide (a paragraph of the body, a callout)
and listed as an approximation, never dropped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from deck_builder.checks.language import reads_as
from deck_builder.content import richtext
from deck_builder.content.i18n import LANGUAGES
from deck_builder.content.records import MAX_LEVELS
from deck_builder.importing.figures import (
    chart_fields,
    data_lines,
    paragraph_texts,
    table_fields,
)
from deck_builder.importing.markup import markup
from deck_builder.importing.model import (
    Approximation,
    ChartFigure,
    Paragraph,
    Picture,
    SourceDeck,
    SourceSlide,
    Span,
    TableFigure,
    TextBlock,
)
from deck_builder.importing.prepare import TITLE_MAX, first_words, prepare
from deck_builder.ooxml.geometry import Rect

_OUR_NAME = re.compile(r"^(?P<kind>[a-z-]+):(?P<id>[a-z0-9][a-z0-9_-]*)(?::(?P<part>\d+))?$")
_KINDS = {"title", "agenda", "section", "bullets", "quote", "statistic", "two-column",
          "partners", "image", "closing", "table", "chart"}
_FIGURE_KINDS = {"table", "chart"}
_CAPTION_CHARS = 200  # the most text beside a table or chart that is its caption
_QUOTES = "\"'“”„‘’«»‹›"
_FIGURE = re.compile(r"^[^\s]{0,3}[\d][\d.,:/ %+\-–€$£x×]*[^\s]{0,4}$")
_AGENDA_TITLES = {"agenda", "inhoud", "programma", "overzicht", "overview", "contents",
                  "outline", "table of contents"}
_CLOSING_TITLES = {"vragen?", "vragen", "questions?", "questions", "bedankt", "bedankt!",
                   "dank u wel", "dank voor uw aandacht", "thank you", "thank you!",
                   "thanks", "thanks!"}
_SLUG = re.compile(r"[^a-z0-9]+")
_FIGURE_POINTS = 36.0
_ROW = 91440  # a tenth of an inch: what a row of tiles may differ in height


@dataclass
class ImportedSlide:
    """One slide of content: its YAML mapping and the source slides it came from."""

    content: dict[str, Any]
    numbers: list[int]
    opens_section: bool = False
    name: str = ""
    """The source slide's own name (`kind:id` on decks deck-builder made)."""
    shows: list[str] = field(default_factory=list)
    """Texts a build of the content shows that the content holds otherwise (a number
    written the Dutch way in YAML and the deck's way on the slide)."""


@dataclass
class Imported:
    """The whole content: deck metadata, slides, files to write, what was approximated."""

    meta: dict[str, Any]
    slides: list[ImportedSlide]
    files: dict[str, bytes] = field(default_factory=dict)
    partners: dict[str, dict[str, str]] = field(default_factory=dict)
    approximations: list[Approximation] = field(default_factory=list)
    shown_as_they_are: list[int] = field(default_factory=list)
    """Source slides kept whole (`slides-from` the copy of the source deck): their text
    is in the deck the content shows."""
    file_breaks: dict[int, str] = field(default_factory=dict)
    """Source slides that begin a PowerPoint section, with its name: a content file of
    its own begins there too."""


SOURCE_FOLDER = "bronnen"
"""Where an import keeps a copy of the source deck, for the slides shown as they are."""

# What no kind holds: a slide with one is shown as it is, copied from the source deck.
_WHOLE = ("chart", "SmartArt", "table", "embedded object", "media")


def classify(deck: SourceDeck, stem: str, today: dt.date,
             source_name: str | None = None) -> Imported:
    """The content of `deck`; `stem` (the file's name) is the title of last resort.

    With `source_name` (the deck's file name), a slide with what no kind holds (a chart
    or table that is not a slide of its own or not one the kinds draw, SmartArt, an
    embedded object or video) becomes `slides-from` a copy of the deck kept as
    `bronnen/<source_name>`, so the rebuilt deck shows it as it was."""
    converter = _Converter(deck, stem, today, source_name)
    return converter.run()


class _Converter:
    def __init__(self, deck: SourceDeck, stem: str, today: dt.date,
                 source_name: str | None = None) -> None:
        self.source_name = source_name
        self.deck = deck
        self.stem = stem
        self.today = today
        self.language = _language(deck.language)
        # Generators stamp one language on every run whatever the text (PptxGenJS:
        # en-US): text that clearly reads as another language of ours decides.
        spoken = reads_as(" ".join(deck.texts))
        if spoken in LANGUAGES and spoken != self.language:
            self.language = spoken
        self.result = Imported(meta={}, slides=[])
        self._picture_names: dict[str, str] = {}
        # The paragraphs behind the bodies of the slide converted last, by field, and
        # of each slide kept (by its index), so that a continuation slide's paragraphs
        # can be added and nested again.
        self._current: dict[str, list[Paragraph]] = {}
        self._bodies: dict[int, dict[str, list[Paragraph]]] = {}
        # Blocks and pictures of the title slide that the deck's metadata holds.
        self._meta_blocks: set[int] = set()
        self._meta_pictures: set[int] = set()
        # The tables of each slide kept as a table (by its index), for its continuations.
        self._tables: dict[int, list[TableFigure]] = {}

    def run(self) -> Imported:
        slides = [self._prepared(s) for s in self.deck.slides
                  if s.blocks or s.pictures or s.notes]
        for slide in self.deck.slides:
            if not (slide.blocks or slide.pictures or slide.notes):
                self._note(slide.number, "an empty slide was left out")
            elif slide.hidden:
                # The content has no hidden slides: shown, said, and the author decides.
                self._note(slide.number, "hidden in PowerPoint, but imported: the built deck "
                                         "shows it (leave it out of the content if it "
                                         "should not)")
        self.result.meta = self._meta(slides)
        previous: ImportedSlide | None = None
        previous_id: str | None = None
        for index, slide in enumerate(slides):
            ours = _OUR_NAME.match(slide.name)
            ours_kind = ours["kind"] if ours and ours["kind"] in _KINDS else None
            if ours and ours_kind and ours["part"] and previous is not None \
                    and previous_id == ours["id"]:
                if ours_kind == "table":
                    self._fold_table(previous, slide)
                else:
                    self._fold(previous, slide, ours_kind)
                continue
            native = self._figure(slide, ours_kind)
            if native is not None:
                if ours:
                    native.content = {"kind": native.content["kind"], "id": ours["id"],
                                      **{k: v for k, v in native.content.items()
                                         if k != "kind"}}
                previous = native
                previous_id = ours["id"] if ours else None
                self._bodies[len(self.result.slides)] = {}
                self.result.slides.append(native)
                continue
            kind = ours_kind or self._judge(slide, index, len(slides))
            if ours is None and previous is not None and \
                    previous.content.get("kind") == kind and \
                    self._continues(slide, previous.content.get("title")):
                self._fold(previous, slide, kind)
                continue
            whole = [a for a in slide.approximations if a.what.startswith(_WHOLE)]
            if whole and self.source_name and (ours is None or ours_kind in _FIGURE_KINDS):
                content = {"kind": "slides-from",
                           "file": f"{SOURCE_FOLDER}/{self.source_name}",
                           "slides": [slide.number]}
                self.result.shown_as_they_are.append(slide.number)
                self._note(slide.number, "shown as it is (slides-from the copy in "
                                         f"{SOURCE_FOLDER}/): " + "; ".join(a.what for a in whole))
                self.result.slides.append(ImportedSlide(content, [slide.number], False,
                                                        slide.name))
                self._bodies[len(self.result.slides) - 1] = {}
                previous, previous_id = None, None
                continue
            content = self._convert(slide, kind)
            if ours and ours_kind:
                content = {"kind": content["kind"], "id": ours["id"],
                           **{k: v for k, v in content.items() if k != "kind"}}
            if slide.notes:
                content["notes"] = _body(slide.notes, bullets_default=False)
            self.result.approximations.extend(slide.approximations)
            previous = ImportedSlide(content, [slide.number], content["kind"] == "section",
                                     slide.name)
            self._bodies[len(self.result.slides)] = self._current
            previous_id = ours["id"] if ours else None
            self.result.slides.append(previous)
        self.result.approximations.sort(key=lambda item: item.slide)
        self.result.file_breaks = dict(self.deck.sections)
        return self.result

    def _prepared(self, slide: SourceSlide) -> SourceSlide:
        """A slide made elsewhere as our kinds can hold it (see `prepare.prepare`), what
        that changed noted; our own slides are taken as they are (their content built)."""
        if _OUR_NAME.match(slide.name):
            return slide
        prepared, notes = prepare(slide)
        for what in notes:
            self._note(slide.number, what)
        return prepared

    def _continues(self, slide: SourceSlide, title: object) -> bool:
        """Whether the slide's title is `title` marked as continued: `X (vervolg 2)`."""
        if not isinstance(title, str):
            return False
        own = " ".join(_title_text(slide))
        marker = re.escape(LANGUAGES[self.language].continued)
        return re.fullmatch(rf"{re.escape(title)}\s*\({marker}(?: \d+)?\)", own.strip()) \
            is not None

    # -- tables and charts -----------------------------------------------------------------

    def _figure(self, slide: SourceSlide, ours: str | None) -> ImportedSlide | None:
        """A slide of a title and one table or chart (and a short caption) as `kind:
        table` or `kind: chart`; None when it is not one, or its figure is none the
        kinds hold (see importing.figures)."""
        if len(slide.figures) != 1 or slide.pictures or (ours and ours not in _FIGURE_KINDS):
            return None
        figure = slide.figures[0]
        kind = "table" if isinstance(figure, TableFigure) else "chart"
        if ours and ours != kind:
            return None
        mine = ("table ", "chart ")
        others = [a for a in slide.approximations if not a.what.startswith(mine)]
        if any(a.what.startswith(_WHOLE) for a in others):
            return None
        rest = [b for b in slide.blocks if b.role != "title" and b is not figure.block]
        caption = rest[0] if len(rest) == 1 else None
        if len(rest) > 1 or (caption is not None and (
                len(caption.text) > _CAPTION_CHARS
                or len([p for p in caption.paragraphs if p.text.strip()]) > 2)):
            return None
        title = " ".join(_title_text(slide)).strip()
        notes = list(slide.notes)
        own_title = figure.title if isinstance(figure, ChartFigure) else ""
        if not title and own_title:
            title, own_title = richtext.escape(own_title), ""
        if not title:
            return None
        if isinstance(figure, TableFigure):
            fields = table_fields([figure], self.language, ours=ours is not None)
        else:
            fields = chart_fields(figure, title, self.language)
        if fields is None:
            return None
        content: dict[str, Any] = {"kind": kind, "title": title, **fields.content}
        if kind == "chart" and notes:
            lines = data_lines(fields.content, self.language)
            texts = paragraph_texts(notes)
            if lines and texts[-len(lines):] == lines:
                content["table"] = True  # the build writes them again
                notes = notes[:-len(lines)]
                fields.shows.extend(lines)
        if own_title and own_title != richtext.plain(richtext.parse(title)):
            notes.append(Paragraph((Span(own_title),)))
            fields.notes.append(f"the chart's own title {_short(own_title)!r} kept in the "
                                "notes")
        if caption is not None:
            content["caption"] = _block_text(caption)
        if notes:
            content["notes"] = _body(notes, bullets_default=False)
        self.result.approximations.extend(others)
        self.result.approximations.extend(Approximation(slide.number, f"{kind} "
                                                        f"{figure.name!r}: {what}")
                                          for what in fields.notes)
        if isinstance(figure, TableFigure):
            self._tables[len(self.result.slides)] = [figure]
        return ImportedSlide(content, [slide.number], False, slide.name, fields.shows)

    def _fold_table(self, into: ImportedSlide, slide: SourceSlide) -> None:
        """A continuation slide of one of our tables: its rows (under the repeated
        header) go back into the table it continues, its caption (the last slide's)
        too. A slide that is no such table keeps its text in the notes."""
        into.numbers.append(slide.number)
        parts = self._tables.get(len(self.result.slides) - 1)
        figures = [f for f in slide.figures if isinstance(f, TableFigure)]
        fields = table_fields([*parts, *figures], self.language, ours=True) \
            if parts and len(figures) == 1 and len(slide.figures) == 1 else None
        if parts is None or fields is None:
            paragraphs = [p for b in slide.blocks if b.role != "title" for p in b.paragraphs]
            if paragraphs:
                notes = into.content.setdefault("notes", [])
                notes.extend(_body(paragraphs, bullets_default=False))
            self._note(slide.number, "a continuation of a table that could not be joined "
                                     "to it: its text is kept in the notes")
            return
        parts.extend(figures)
        content = into.content
        head: dict[str, Any] = {k: content[k] for k in ("kind", "id", "title") if k in content}
        tail: dict[str, Any] = {k: content[k] for k in ("caption", "notes") if k in content}
        rest = [b for b in slide.blocks if b.role != "title" and b is not figures[0].block]
        if rest:
            tail = {"caption": " ".join(_block_text(b) for b in rest),
                    **{k: v for k, v in tail.items() if k != "caption"}}
        into.content = {**head, **fields.content, **tail}
        into.shows = fields.shows
        self.result.approximations.extend(
            a for a in slide.approximations if not a.what.startswith("table "))

    # -- the deck's metadata ---------------------------------------------------------------

    def _meta(self, slides: list[SourceSlide]) -> dict[str, Any]:
        first = slides[0] if slides else None
        found: dict[str, Any] = {}
        if first is not None and self._is_title_slide(first, 0):
            found["title"] = " ".join(b.text for b in first.role("title")).strip()
            for block in (b for b in first.blocks if b.role != "title"):
                line = _date_line(block.text, self.language)
                lines = [" ".join(p.text.split()) for p in block.paragraphs if p.text.strip()]
                if line and "date" not in found:
                    found.update(line)
                elif "subtitle" not in found:
                    found["subtitle"] = lines[0]
                    occasion = lines[1].split(" · ", 1) if len(lines) == 2 else []
                    if occasion and _OUR_NAME.match(first.name):
                        found["meeting"] = occasion[0]
                        if len(occasion) > 1:
                            found["host"] = occasion[1]
                    else:
                        found["subtitle"] = " ".join(lines)
                elif "presenter" not in found:
                    found["presenter"] = " ".join(lines)
                else:
                    continue
                self._meta_blocks.add(id(block))
            if "date" not in found and "dt" in first.footers:
                found["date"] = _parse_date(first.footers["dt"], self.language)
            logo = next((p for p in first.pictures if p.name == "Logo organisator"), None)
            if logo is not None:
                found["logo"] = self._picture_file(first, logo)
                self._meta_pictures.add(id(logo))
        if found.get("subtitle") and found["subtitle"] == self.deck.author \
                and "presenter" not in found:
            found["presenter"] = found.pop("subtitle")  # the author, under the title
        meta: dict[str, Any] = {
            "title": " ".join((found.get("title") or self.deck.title or self.stem).split())}
        subtitle = found.get("subtitle") or (
            self.deck.subject if self.deck.subject != found.get("presenter") else "")
        if subtitle:
            meta["subtitle"] = subtitle
        date = found.get("date")
        if date is None and self.deck.created:
            date = dt.date.fromisoformat(self.deck.created)
        meta["date"] = date or self.today
        if self.deck.category:
            meta["organisation"] = self.deck.category
        presenter = found.get("presenter") or self.deck.author
        if presenter:
            meta["presenter"] = presenter
        for key in ("meeting", "host", "place", "start", "end", "logo"):
            if found.get(key):
                meta[key] = found[key]
        meta["language"] = self.language
        return meta

    # -- which kind ------------------------------------------------------------------------

    def _is_title_slide(self, slide: SourceSlide, index: int) -> bool:
        ours = _OUR_NAME.match(slide.name)
        if ours:
            return ours["kind"] == "title"
        if any(b.placeholder == "ctrTitle" for b in slide.blocks):
            return True
        if index != 0 or slide.pictures or not slide.role("title") or \
                any(a.what.startswith(_WHOLE) for a in slide.approximations):
            return False
        # The first slide: a title with a subtitle, or with a few short texts (who,
        # when, a line on what it is about); not a table, chart or diagram.
        others = [b for b in slide.blocks if b.role != "title" and b.text.strip()]
        return bool(slide.role("subtitle")) or (
            0 < len(others) <= 3
            and all(len([p for p in b.paragraphs if p.text.strip()]) <= 2
                    and len(b.text) <= 300 for b in others))

    def _judge(self, slide: SourceSlide, index: int, count: int) -> str:
        titles = slide.role("title")
        others = [b for b in slide.blocks if b.role != "title"]
        title_text = " ".join(b.text for b in titles).strip()
        text = " ".join(b.text for b in others).strip()
        if self._is_title_slide(slide, index):
            return "title"
        if title_text.casefold().rstrip(":") in _AGENDA_TITLES and others:
            return "agenda"
        if index == count - 1 and title_text.casefold() in _CLOSING_TITLES:
            return "closing"
        if slide.pictures and len(text) <= 200 and len(others) <= 2:
            if others and _is_quote(others[0].text):
                return "quote"
            return "image"
        if others and _is_quote(others[0].text) and len(others) <= 2:
            return "quote"
        numbers = [b for b in others if _is_section_number(b)]
        if titles and len(numbers) == 1 and len(others) <= 2 and not slide.pictures and \
                all(len(b.paragraphs) == 1 and len(b.text) <= 120 for b in others):
            return "section"
        if titles and any(_is_figure(b) for b in others) and len(others) <= 3:
            return "statistic"
        columns = _columns(others, slide.width)
        if titles and columns is not None:
            return "two-column"
        if titles and len(others) <= 2 and len(text) <= 120 and not slide.pictures and \
                sum(len(b.paragraphs) for b in others) <= 2:
            return "section"
        return "bullets"

    # -- kinds ---------------------------------------------------------------------------

    def _convert(self, slide: SourceSlide, kind: str) -> dict[str, Any]:
        self._current = {}
        rest = [b for b in slide.blocks if b.role != "title"]
        title = " ".join(_title_text(slide)).strip()
        if kind == "title":
            return self._title(slide, title, rest)
        if kind == "agenda":
            items = [markup(p.spans) for b in rest for p in b.paragraphs if p.text.strip()]
            out: dict[str, Any] = {"kind": "agenda"}
            if title and title != LANGUAGES[self.language].agenda:
                out["title"] = title
            if items:
                out["items"] = items
            return self._pictures_left(slide, out)
        if kind == "section":
            return self._section(slide, title, rest)
        if kind == "quote":
            return self._quote(slide, title, rest)
        if kind == "statistic" and title:
            return self._statistic(slide, title, rest)
        if kind == "two-column" and title:
            split = _columns(rest, slide.width, judging=False) or (rest[:1], rest[1:])
            return self._two_column(slide, title, rest, split)
        if kind == "image" and slide.pictures:
            return self._image(slide, title, rest)
        if kind == "closing":
            return self._closing(slide, title, rest)
        if kind == "partners" and title:
            return self._partners(slide, title, rest)
        return self._bullets(slide, title, rest)

    def _title(self, slide: SourceSlide, title: str, rest: list[TextBlock]) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": "title"}
        if title and title != richtext.escape(self.result.meta.get("title", "")):
            out["title"] = title
        for block in rest:
            if id(block) in self._meta_blocks:
                continue
            field_name = next((f for f in ("subtitle", "presenter") if f not in out), None)
            if field_name is None:
                self._note(slide.number, f"text {_short(_plain(block))!r} of the title slide "
                                         "kept in its notes")
                out.setdefault("notes", []).append({"paragraph": _block_text(block)})
                continue
            out[field_name] = _block_text(block)
        kept = [p for p in slide.pictures if id(p) not in self._meta_pictures]
        if kept:
            self._lost_pictures(slide, kept)
        return out

    def _section(self, slide: SourceSlide, title: str, rest: list[TextBlock]) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": "section", "title": title or _block_text(rest.pop(0))}
        for block in rest:
            text = _plain(block)
            if "number" not in out and len(text) <= 12 and any(c.isdigit() for c in text):
                out["number"] = text
            elif "subtitle" not in out:
                out["subtitle"] = _block_text(block)
            else:
                out["subtitle"] += " " + _block_text(block)
                self._note(slide.number, "section text joined into its subtitle")
        sections = sum(1 for s in self.result.slides if s.opens_section) + 1
        if out.get("number") == f"{sections:02d}":
            del out["number"]  # what the section is numbered anyway
        return self._pictures_left(slide, out)

    def _quote(self, slide: SourceSlide, title: str, rest: list[TextBlock]) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": "quote"}
        if title and title != LANGUAGES[self.language].quote:
            out["title"] = title
        blocks = list(rest)
        quote = blocks.pop(0) if blocks else None
        out["quote"] = _block_text(quote) if quote is not None else title
        if quote is None and "title" in out:
            del out["title"]
        picture = slide.pictures[0] if slide.pictures else None
        caption: str | None = None
        if picture is not None and blocks:
            below = [b for b in blocks if _under(b, picture)]
            if below:
                caption = _block_text(below[0])
                blocks.remove(below[0])
        if blocks:
            out["attribution"] = " ".join(_block_text(b) for b in blocks)
        if picture is not None:
            out["picture"] = self._picture(slide, picture, caption)
        return self._pictures_left(slide, out, used=1)

    def _statistic(self, slide: SourceSlide, title: str, rest: list[TextBlock]
                   ) -> dict[str, Any]:
        figures = [b for b in rest if _is_figure(b)] or sorted(
            (b for b in rest if len(b.paragraphs) == 1 and 0 < len(_plain(b)) <= 12),
            key=lambda b: -(b.size or 0))
        if not figures:
            return self._bullets(slide, title, rest)
        figure = figures[0]
        blocks = [b for b in rest if b is not figure]
        out: dict[str, Any] = {"kind": "statistic", "title": title, "figure": _plain(figure)}
        caption = next((b for b in blocks if _under(b, figure) and len(b.paragraphs) == 1
                        and len(b.text) <= 120), None)
        if caption is not None:
            out["caption"] = _block_text(caption)
            blocks.remove(caption)
        body = [p for b in blocks for p in b.paragraphs]
        if body:
            out["body"] = _body(body, bullets_default=False)
        return self._pictures_left(slide, out)

    def _two_column(self, slide: SourceSlide, title: str, rest: list[TextBlock],
                    split: tuple[list[TextBlock], list[TextBlock]]) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": "two-column", "title": title}
        for side, blocks in zip(("left", "right"), split, strict=True):
            column: dict[str, Any] = {}
            chips = [b for b in blocks if _partner_ref(b.name) and b.filled]
            texts = [b for b in blocks if b not in chips]
            if len(texts) >= 2 and len(texts[0].paragraphs) == 1 and \
                    len(texts[0].text) <= 80:
                column["heading"] = _block_text(texts.pop(0))
            paragraphs = [p for b in texts for p in b.paragraphs]
            self._current[side] = paragraphs
            if paragraphs:
                column["body"] = _body(paragraphs, bullets_default=True)
            if chips:
                column["partners"] = [self._partner(_plain(b), link=b.link) for b in chips]
            out[side] = column or {"body": [{"paragraph": "–"}]}
        return self._pictures_left(slide, out)

    def _image(self, slide: SourceSlide, title: str, rest: list[TextBlock]) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": "image"}
        if title:
            out["title"] = title
        picture = max(slide.pictures, key=_area)
        caption = " ".join(_block_text(b) for b in rest) or None
        out["picture"] = self._picture(slide, picture, caption)
        return self._pictures_left(slide, out, used=1, skip=picture)

    def _closing(self, slide: SourceSlide, title: str, rest: list[TextBlock]) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": "closing"}
        if title and title != LANGUAGES[self.language].closing:
            out["title"] = title
        contact: list[str] = []
        body: list[Paragraph] = []
        for block in rest:
            if "@" in block.text or (any(s.link for p in block.paragraphs for s in p.spans) \
                    and len(block.paragraphs) <= 4):
                contact.extend(markup(p.spans) for p in block.paragraphs if p.text.strip())
            else:
                body.extend(block.paragraphs)
        if body:
            out["body"] = _body(body, bullets_default=False)
        if contact:
            out["contact"] = contact
        return self._pictures_left(slide, out)

    def _partners(self, slide: SourceSlide, title: str, rest: list[TextBlock]
                  ) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": "partners", "title": title}
        entries: list[tuple[Rect | None, str]] = []
        texts: list[TextBlock] = []
        for block in rest:
            ref = _partner_ref(block.name)
            if ref is None:
                texts.append(block)
                continue
            lines = [p.text.strip() for p in block.paragraphs if p.text.strip()]
            entries.append((block.rect, self._partner(ref, lines[-1] if lines else None,
                                                      link=block.link)))
        logos = [p for p in slide.pictures if _partner_ref(p.name) is not None]
        for picture in logos:
            ref = _partner_ref(picture.name) or "?"
            entries.append((picture.rect, self._partner(ref, picture.alt or None, picture,
                                                        slide, link=picture.link)))
        # A grid reads row by row: the tiles of a row, and the logos centred on them,
        # share their middle.
        entries.sort(key=lambda entry: (round((entry[0].y + entry[0].h / 2) / _ROW),
                                        entry[0].x) if entry[0] else (0, 0))
        refs = list(dict.fromkeys(ref for _rect, ref in entries))
        if not refs:
            return self._bullets(slide, title, rest)
        if texts:
            out["intro"] = " ".join(_block_text(b) for b in texts)
        out["partners"] = refs
        others = [p for p in slide.pictures if p not in logos]
        if others:
            self._lost_pictures(slide, others)
        return out

    def _bullets(self, slide: SourceSlide, title: str, rest: list[TextBlock]) -> dict[str, Any]:
        blocks = list(rest)
        if not title:
            # Bullets need a title: the first short line of the slide becomes it.
            first = next((b for b in blocks if b.paragraphs), None)
            if first is not None:
                lines = [p for p in first.paragraphs if p.text.strip()]
                if lines and len(lines[0].text) > TITLE_MAX:
                    # Too long for a title: it stays the first paragraph, its first
                    # words above it.
                    title = richtext.escape(first_words(lines[0].text))
                    self._note(slide.number, "no title that fits a title: its first words "
                                             "became the title")
                elif lines:
                    head, *tail = lines
                    title = markup(head.spans)
                    blocks[blocks.index(first)] = TextBlock(
                        first.role, first.name, first.rect, tuple(tail), first.filled,
                        first.size, first.placeholder)
                    self._note(slide.number, "no title: its first line became the title")
            if not title:
                title = "–"
                self._note(slide.number, "no title and no text: titled '–'")
        out: dict[str, Any] = {"kind": "bullets", "title": title}
        callout = None
        boxes = [b for b in blocks if b.role == "other" and b.filled and b.paragraphs]
        if boxes and len(blocks) > 1:
            callout = boxes[-1]
            blocks.remove(callout)
        paragraphs = [p for b in blocks for p in b.paragraphs]
        self._current["body"] = paragraphs
        if paragraphs:
            out["body"] = _body(paragraphs, bullets_default=True)
        if callout is not None:
            out["callout"] = _block_text(callout)
        return self._pictures_left(slide, out)

    # -- pictures and partners ----------------------------------------------------------

    def _picture(self, slide: SourceSlide, picture: Picture, caption: str | None
                 ) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self._picture_file(slide, picture)}
        if picture.alt:
            out["alt"] = picture.alt
        if picture.decorative or not picture.alt:
            out["decorative"] = True
        if not picture.alt and not picture.decorative:
            # A picture needs words for screen readers or the decorative mark; the
            # source has neither, and only its author knows which it is.
            self._note(slide.number, f"picture {out['file']} has no alternative text: "
                                     "marked decorative; give it `alt:` if it says something")
        if caption:
            out["caption"] = caption
        return out

    def _picture_file(self, slide: SourceSlide, picture: Picture) -> str:
        digest = hashlib.sha256(picture.data).hexdigest()
        if digest in self._picture_names:
            return self._picture_names[digest]
        stem = _slug(picture.alt or picture.name)[:40] or "afbeelding"
        name = f"images/{slide.number:02d}-{stem}.{picture.extension}"
        counter = 2
        while name in self.result.files:
            name = f"images/{slide.number:02d}-{stem}-{counter}.{picture.extension}"
            counter += 1
        self.result.files[name] = picture.data
        self._picture_names[digest] = name
        return name

    def _pictures_left(self, slide: SourceSlide, out: dict[str, Any], used: int = 0,
                       skip: Picture | None = None) -> dict[str, Any]:
        left = [p for p in slide.pictures if p is not skip][0 if skip else used:]
        left = [p for p in left if _partner_ref(p.name) is None]
        if left:
            self._lost_pictures(slide, left)
        return out

    def _lost_pictures(self, slide: SourceSlide, pictures: list[Picture]) -> None:
        for picture in pictures:
            file = self._picture_file(slide, picture)
            self._note(slide.number, f"picture {picture.name!r} has no place on this kind "
                                     f"of slide; it is saved as {file}")

    def _partner(self, ref: str, name: str | None = None, picture: Picture | None = None,
                 slide: SourceSlide | None = None, link: str | None = None) -> str:
        ref = " ".join(ref.split()) or "?"
        entry = self.result.partners.setdefault(ref, {"name": name or ref})
        if name and entry["name"] == ref:
            entry["name"] = name
        if link and link.startswith(("http://", "https://")) and "url" not in entry:
            entry["url"] = link
        if picture is not None and slide is not None and "logo" not in entry:
            entry["logo"] = self._picture_file(slide, picture)
        return ref

    # -- continuation slides ------------------------------------------------------------

    def _fold(self, into: ImportedSlide, slide: SourceSlide, kind: str) -> None:
        """A continuation slide of ours: its text goes back into the slide it continues
        (repeated headings and parents marked as continued left out)."""
        into.numbers.append(slide.number)
        content = into.content
        if kind == "two-column" and self._column_alone(content, slide):
            self.result.approximations.extend(slide.approximations)
            return
        more = self._convert(slide, kind)
        bodies = self._bodies.setdefault(len(self.result.slides) - 1, {})
        marker = LANGUAGES[self.language].continued
        for key, paragraphs in self._current.items():
            existing = bodies.setdefault(key, [])
            target = content if key == "body" else content.setdefault(key, {})
            heading = target.get("heading") if key != "body" else None
            added = [p for p in paragraphs if not (heading and markup(p.spans) == heading)]
            existing.extend(_without_repeats(existing, added, marker))
            if existing:
                target["body"] = _body(existing, bullets_default=True)
        for key, value in more.items():  # a callout drawn on the last slide of a run
            if key not in content and key not in {"kind", "title", "notes", "body"}:
                content[key] = value
        for key in ("items", "partners"):  # an agenda's items, a partner grid
            if kind in {"agenda", "partners"} and isinstance(more.get(key), list):
                known = content.setdefault(key, [])
                known.extend(item for item in more[key]
                             if key == "items" or item not in known)
        self.result.approximations.extend(slide.approximations)

    def _column_alone(self, content: dict[str, Any], slide: SourceSlide) -> bool:
        """A two-column continuation where one column goes on alone, full width, under
        its heading marked continued: its items go back into that column. False when
        the slide has its two columns."""
        rest = [b for b in slide.blocks if b.role != "title"]
        if _columns(rest, slide.width, judging=False) is not None:
            return False
        paragraphs = [p for b in rest if _partner_ref(b.name) is None for p in b.paragraphs
                      if p.text.strip()]
        if not paragraphs:
            return True
        marker = re.compile(rf"\s*\({re.escape(LANGUAGES[self.language].continued)}"
                            r"(?: \d+)?\)$")
        head = marker.sub("", " ".join(paragraphs[0].text.split()))
        side = next((name for name in ("left", "right")
                     if isinstance(content.get(name), dict)
                     and isinstance(content[name].get("heading"), str)
                     and richtext.plain(richtext.parse(content[name]["heading"])) == head),
                    None)
        if side is not None:
            paragraphs = [Paragraph(p.spans, max(0, p.level - 1), p.bullet)
                          for p in paragraphs[1:]]
        else:
            side = "right" if "right" in content else "left"
        bodies = self._bodies.setdefault(len(self.result.slides) - 1, {})
        existing = bodies.setdefault(side, [])
        existing.extend(_without_repeats(existing, paragraphs,
                                         LANGUAGES[self.language].continued))
        if existing:
            content.setdefault(side, {})["body"] = _body(existing, bullets_default=True)
        return True

    def _note(self, number: int, what: str) -> None:
        self.result.approximations.append(Approximation(number, what))


# -- helpers -----------------------------------------------------------------------------


def _without_repeats(existing: list[Paragraph], added: list[Paragraph], marker: str
                     ) -> list[Paragraph]:
    """`added` without the parents a continuation repeats (`Parent (vervolg)`), which
    are the open parents of `existing` at their level."""
    suffix = re.compile(rf"\s*\({re.escape(marker)}(?: \d+)?\)$")
    open_parents: dict[int, str] = {}
    for paragraph in existing:
        open_parents = {k: v for k, v in open_parents.items() if k < paragraph.level}
        open_parents[paragraph.level] = paragraph.text.strip()
    out: list[Paragraph] = []
    for paragraph in added:
        text = paragraph.text.strip()
        base = suffix.sub("", text)
        if base != text and open_parents.get(paragraph.level) == base:
            continue
        out.append(paragraph)
    return out


def _body(paragraphs: Iterable[Paragraph], bullets_default: bool) -> list[Any]:
    """Paragraphs as a body: bullets and paragraphs nested by their outline level, in
    the content's short forms (a bullet without sub-bullets is its text)."""
    del bullets_default  # each paragraph says whether it has a bullet
    root: list[dict[str, Any]] = []
    stack: list[tuple[int, list[dict[str, Any]]]] = [(-1, root)]
    for paragraph in paragraphs:
        if not paragraph.text.strip():
            continue
        level = min(paragraph.level, MAX_LEVELS - 1)
        while len(stack) > 1 and stack[-1][0] >= level:
            stack.pop()
        node: dict[str, Any] = {"bullet": paragraph.bullet, "text": markup(paragraph.spans),
                                "items": []}
        stack[-1][1].append(node)
        if len(stack) < MAX_LEVELS + 1:
            stack.append((level, node["items"]))
    return [_short_form(node) for node in root]


def _short_form(node: dict[str, Any]) -> Any:
    items = [_short_form(child) for child in node["items"]]
    if node["bullet"]:
        return {"text": node["text"], "items": items} if items else node["text"]
    out: dict[str, Any] = {"paragraph": node["text"]}
    if items:
        out["items"] = items
    return out


def _title_text(slide: SourceSlide) -> list[str]:
    """The title's paragraphs as content text; bold all through is the title's style
    (LibreOffice writes it on every run), not emphasis."""
    paragraphs = [p for b in slide.role("title") for p in b.paragraphs]
    spans = [span for p in paragraphs for span in p.spans if span.text.strip()]
    plain = bool(spans) and all(span.bold for span in spans)
    return [markup(Span(s.text, False, s.italic, s.link) for s in p.spans) if plain
            else markup(p.spans) for p in paragraphs]


def _partner_ref(name: str) -> str | None:
    """The abbreviation in the name deck-builder gives a partner's chip, tile or logo."""
    for prefix in ("Partner ", "Tegel ", "Logo "):
        if name.startswith(prefix) and name != "Logo organisator":
            return " ".join(name[len(prefix):].split()) or None
    return None


def _block_text(block: TextBlock | None) -> str:
    if block is None:
        return ""
    return " ".join(markup(p.spans) for p in block.paragraphs if p.text.strip())


def _plain(block: TextBlock) -> str:
    return " ".join(block.text.split())


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def _is_quote(text: str) -> bool:
    text = text.strip()
    return len(text) > 20 and text[0] in _QUOTES and text.rstrip(".")[-1] in _QUOTES


def _is_section_number(block: TextBlock) -> bool:
    """A section's number: one to three digits (or a roman numeral), nothing else."""
    text = _plain(block).rstrip(".")
    return bool(re.fullmatch(r"\d{1,3}|[IVXLC]{1,6}", text))


def _is_figure(block: TextBlock) -> bool:
    text = _plain(block)
    if len(block.paragraphs) != 1 or not 0 < len(text) <= 12 or not _FIGURE.match(text):
        return False
    return block.name.casefold().startswith(("kengetal", "figure", "statistic")) or \
        (block.size or 0) >= _FIGURE_POINTS


def _columns(blocks: list[TextBlock], width: int, judging: bool = True
             ) -> tuple[list[TextBlock], list[TextBlock]] | None:
    """The blocks as a left and a right column, when they stand side by side (and, when
    `judging` whether a slide has columns, each column has some text)."""
    placed = [b for b in blocks if b.rect is not None]
    if len(placed) < 2 or len(placed) != len(blocks):
        return None
    middle = width / 2
    left = [b for b in placed if b.rect and b.rect.x + b.rect.w <= middle + width * 0.05]
    right = [b for b in placed if b.rect and b.rect.x >= middle - width * 0.05]
    if not left or not right or len(left) + len(right) != len(placed):
        return None
    if judging and (not any(len(b.text) > 20 for b in left)
                    or not any(len(b.text) > 20 for b in right)):
        return None
    return left, right


def _under(block: TextBlock, other: TextBlock | Picture) -> bool:
    if block.rect is None or other.rect is None:
        return False
    a, b = block.rect, other.rect
    overlap = min(a.x + a.w, b.x + b.w) - max(a.x, b.x)
    return a.y >= b.y + b.h * 0.5 and overlap > 0


def _area(picture: Picture) -> int:
    return picture.rect.w * picture.rect.h if picture.rect else 0


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.casefold()).strip("-")


def _language(tag: str | None) -> str:
    if tag:
        code = tag.split("-")[0].casefold()
        if code in LANGUAGES:
            return code
    return "nl"


def _date_line(text: str, language: str) -> dict[str, Any] | None:
    """`4 december 2025 · 13:30–16:00 uur · Utrecht` (the title slide's date line) as
    date, start, end and place; None when it does not start with a date."""
    parts = [" ".join(part.split()) for part in text.split(" · ")]
    date = _parse_date(parts[0], language)
    if date is None:
        return None
    found: dict[str, Any] = {"date": date}
    for part in parts[1:]:
        times = re.fullmatch(r"(\d{1,2}:\d{2})(?:[–-](\d{1,2}:\d{2}))?(?: \w+)?", part)
        if times and "start" not in found:
            found["start"] = times[1]
            if times[2]:
                found["end"] = times[2]
        elif "place" not in found:
            found["place"] = part
        else:
            found["place"] += " · " + part
    return found


def _parse_date(text: str, language: str) -> dt.date | None:
    text = " ".join(text.split()).casefold()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    for lang in (language, *LANGUAGES):
        months = LANGUAGES[lang].months
        match = re.fullmatch(r"(\d{1,2}) ([a-z]+) (\d{4})", text)
        if match and match[2] in months:
            try:
                return dt.date(int(match[3]), months.index(match[2]) + 1, int(match[1]))
            except ValueError:
                return None
    return None
