"""`deck-builder import EDITED.pptx --update CONTENT`: edits made in PowerPoint, back
into the YAML they came from, in place.

The content is built in memory and read back exactly as the edited deck is; both are
turned into content (classify) and compared slide by slide (by the names deck-builder
gives its slides), text by text: a title, a heading, a caption, each bullet and
paragraph of a body, each line of the notes. A text that differs is written into the
YAML scalar it came from, keeping the file as it was around it: comments, key order,
the scalar's own style (plain, quoted, folded) and the lines around it. Differences
PowerPoint makes without anyone meaning to (a run split in two, straight quotes turned
curly) are no edits. On an afdeling's deck an edit goes into that afdeling's overlay in
afdelingen.yaml. What cannot be placed is listed with its slide, never guessed: a slide
added or deleted, bullets added or removed, text that the content makes from variables,
a picture added, removed or replaced, a shape moved or resized.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from deck_builder import pipeline
from deck_builder.content.data import parse_number
from deck_builder.content.source import MAX_FILE_BYTES
from deck_builder.errors import SourceRef
from deck_builder.files import read_regular, write_atomically
from deck_builder.importing.classify import ImportedSlide, classify
from deck_builder.importing.model import SourceDeck, SourceSlide
from deck_builder.importing.reader import read_bytes, read_deck
from deck_builder.importing.writer import dump
from deck_builder.ooxml.geometry import Rect

_TEXT_KEYS = ("heading", "caption", "alt")
_FIGURE_KEYS = ("rows", "columns")  # a table's or chart's figures: placed cell by cell
_CURLY = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})
_VARIABLE = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
_WIDTH = 88

Leaf = tuple[Any, ...]


@dataclass(frozen=True)
class Change:
    """One text written back: where, what it was, what it is now."""

    where: SourceRef
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.where.path}:{self.where.line}: {self.old} → {self.new}"


@dataclass
class UpdateReport:
    """The changes written (or, with a dry run, that would be) and what was not placed."""

    changes: list[Change] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    def as_text(self) -> str:
        """One line per change, then what was not placed."""
        lines = [str(change) for change in self.changes]
        if not self.changes:
            lines.append("no text changed")
        lines.extend(f"not placed: {what}" for what in self.unplaced)
        return "\n".join(lines)

    def as_json(self) -> str:
        """The report as JSON."""
        return json.dumps({
            "changes": [{"file": str(c.where.path), "line": c.where.line, "old": c.old,
                         "new": c.new} for c in self.changes],
            "unplaced": self.unplaced,
            "written": [str(path) for path in self.written],
        }, ensure_ascii=False, indent=2)


def update(edited: Path, content: Path, afdeling: str | None = None,
           template_path: Path | None = None, dry_run: bool = False) -> UpdateReport:
    """Write the text edits of `edited` back into the content at `content`.

    `afdeling` says which afdeling's deck `edited` is (its edits go into its overlay).
    With `dry_run` nothing is written. Raises DeckError when the content does not load
    or `edited` cannot be read; files are written atomically, all or (on an error while
    writing) as far as they got, each whole.
    """
    deck = pipeline.load_deck(content, afdeling)
    session = pipeline.open_session(pipeline.open_template(deck, template_path))
    data, _count, _warnings = pipeline.build_bytes(deck, session, max_bytes=None)
    today = deck.meta.date
    built_source, edited_source = read_bytes(data, deck.source), read_deck(edited)
    built = classify(built_source, "deck", today)
    changed = classify(edited_source, edited.stem, today)
    names = {pipeline_slide_name(slide, index): index
             for index, slide in enumerate(deck.slides)}
    editor = _Editor(deck, content, afdeling)
    report = UpdateReport()
    theirs = {slide.name: slide for slide in changed.slides}
    ours = {slide.name: slide for slide in built.slides}
    for slide in changed.slides:
        if slide.name not in ours:
            report.unplaced.append(f"slide {_numbers(slide)} ({_title(slide)}) was added in "
                                   "PowerPoint; add it to the content yourself")
    for name, before in ours.items():
        after = theirs.get(name)
        if after is None:
            report.unplaced.append(f"slide {_numbers(before)} ({_title(before)}) was deleted "
                                   "in PowerPoint; remove it from the content yourself")
            continue
        index = names.get(name)
        if index is None:
            continue
        for change in _compare(before.content, after.content):
            editor.apply(index, change, before, report)
    report.unplaced.extend(_drawn_changes(built_source, edited_source))
    for ref, entry in built.partners.items():
        new_name = changed.partners.get(ref, {}).get("name")
        if new_name and new_name != entry["name"] and new_name != ref:
            editor.rename_partner(ref, entry["name"], new_name, report)
    editor.finish()
    report.changes = editor.changes
    report.written = [] if dry_run else editor.write()
    return report


def _drawn_changes(built: SourceDeck, edited: SourceDeck) -> list[str]:
    """What changed in PowerPoint besides text, slide by slide: pictures added, removed
    or replaced, shapes moved or resized (the template places them, so nothing in the
    content can say it)."""
    theirs = {slide.name: slide for slide in edited.slides if slide.name}
    found: list[str] = []
    for ours in built.slides:
        after = theirs.get(ours.name)
        if after is None:
            continue  # added and deleted slides are said by their text's comparison
        pictures_before = sorted(hashlib.sha256(p.data).hexdigest() for p in ours.pictures)
        pictures_after = sorted(hashlib.sha256(p.data).hexdigest() for p in after.pictures)
        if pictures_before != pictures_after:
            found.append(f"slide {after.number}: a picture was added, removed or replaced in "
                         "PowerPoint; put it in the content yourself")
        tolerance = max(ours.width, ours.height) // 100
        places = _places(after)
        moved = [name for name, rect in _places(ours).items()
                 if name in places and rect is not None and places[name] is not None
                 and _shifted(rect, places[name], tolerance)]
        if moved:
            shapes = ", ".join(repr(name[0]) for name in moved)
            found.append(f"slide {after.number}: {shapes} moved or resized in PowerPoint; "
                         "the template decides where things go, so this was not kept")
    return found


def _places(slide: SourceSlide) -> dict[tuple[str, int], Rect | None]:
    """Each named shape's rectangle, by (name, how many of that name came before)."""
    out: dict[tuple[str, int], Rect | None] = {}
    for name, rect in [*((b.name, b.rect) for b in slide.blocks),
                       *((p.name, p.rect) for p in slide.pictures)]:
        if not name:
            continue
        count = sum(1 for key in out if key[0] == name)
        out[(name, count)] = rect
    return out


def _shifted(a: Rect, b: Rect | None, tolerance: int) -> bool:
    return b is not None and any(abs(x - y) > tolerance
                                 for x, y in zip(a, b, strict=True))


def pipeline_slide_name(slide: Any, index: int) -> str:
    """The name deck-builder gives a slide: `<kind>:<id or position>`."""
    return f"{slide.kind}:{slide.id or index + 1}"


@dataclass(frozen=True)
class _Difference:
    """A text leaf that differs (`old`, `new`), or a field whose lists differ in length."""

    leaf: Leaf
    old: str | None
    new: str | None
    whole: Any = None  # the field's whole new value (for an overlay)


def _compare(before: dict[str, Any], after: dict[str, Any]) -> Iterator[_Difference]:
    old, new = _leaves(before), _leaves(after)
    shapes_old, shapes_new = _shapes(before), _shapes(after)
    for top in sorted(set(shapes_old) | set(shapes_new)):
        if shapes_old.get(top) != shapes_new.get(top):
            yield _Difference((top,), None, None, _field(after, top))
    for leaf in sorted(set(old) | set(new), key=str):
        if shapes_old.get(leaf[0]) != shapes_new.get(leaf[0]):
            continue
        a, b = old.get(leaf), new.get(leaf)
        if a is None or b is None:
            continue
        if a.translate(_CURLY) != b.translate(_CURLY):
            yield _Difference(leaf, a, b, _field(after, leaf[0]))


def _leaves(content: dict[str, Any]) -> dict[Leaf, str]:
    """Each text of a slide's content by its place: (field,) or (field, i, j, …)."""
    out: dict[Leaf, str] = {}
    for key, value in content.items():
        if key in {"kind", "id"}:
            continue
        if key in _FIGURE_KEYS and isinstance(value, list):
            out.update(_figure_leaves(key, value))
        elif isinstance(value, dict):
            for inner, item in value.items():
                if inner in _TEXT_KEYS and isinstance(item, str):
                    out[(f"{key}.{inner}",)] = item
                elif inner in {"body", "partners"} and isinstance(item, list):
                    out.update(_list(f"{key}.{inner}", item, ()))
        elif isinstance(value, str):
            out[(key,)] = value
        elif isinstance(value, list):
            out.update(_list(key, value, ()))
    return out


def _figure_leaves(key: str, items: list[Any]) -> dict[Leaf, str]:
    """A table's or chart's cells by (rows, row, column), its columns by (columns, i)
    as one text each (heading, format and decimals: any change is a change)."""
    out: dict[Leaf, str] = {}
    for i, item in enumerate(items):
        if key == "rows" and isinstance(item, list):
            out.update(((key, i, j), str(cell)) for j, cell in enumerate(item))
        elif key == "columns":
            out[(key, i)] = json.dumps(item, ensure_ascii=False, sort_keys=True)
    return out


def _list(name: str, items: list[Any], at: tuple[int, ...]) -> dict[Leaf, str]:
    out: dict[Leaf, str] = {}
    for index, item in enumerate(items):
        text = item if isinstance(item, str) else item.get("text") or item.get("paragraph")
        if isinstance(text, str):
            out[(name, *at, index)] = text
        if isinstance(item, dict) and isinstance(item.get("items"), list):
            out.update(_list(name, item["items"], (*at, index)))
    return out


def _shapes(content: dict[str, Any]) -> dict[str, Any]:
    """The shape of each list field (how many items at each level): bullets added or
    removed change it, and such a field is not placed item by item."""
    def shape(items: list[Any]) -> list[Any]:
        return [shape(item.get("items", [])) if isinstance(item, dict) else []
                for item in items]

    out: dict[str, Any] = {}
    for key, value in content.items():
        if key in _FIGURE_KEYS and isinstance(value, list):
            out[key] = [len(row) if isinstance(row, list) else 0 for row in value]
        elif isinstance(value, list):
            out[key] = shape(value)
        elif isinstance(value, dict):
            for inner in ("body", "partners"):
                if isinstance(value.get(inner), list):
                    out[f"{key}.{inner}"] = shape(value[inner])
    return out


def _field(content: dict[str, Any], dotted: str) -> Any:
    value: Any = content
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _numbers(slide: ImportedSlide) -> str:
    return ", ".join(str(number) for number in slide.numbers)


def _title(slide: ImportedSlide) -> str:
    title = slide.content.get("title")
    return repr(title) if isinstance(title, str) else str(slide.content.get("kind"))


class _Editor:
    """Edits of the content's YAML files, at the positions the loader knows."""

    def __init__(self, deck: Any, content: Path, afdeling: str | None) -> None:
        self._deck = deck
        self._root = content if content.is_dir() else content.parent
        self._afdeling = afdeling
        self._texts: dict[Path, str] = {}
        self._trees: dict[Path, yaml.Node] = {}
        self._edits: dict[Path, list[tuple[int, int, str]]] = {}
        self.changes: list[Change] = []
        self._overrides: dict[str, dict[str, Any]] = {}
        self._override_changes: list[tuple[str, str]] = []

    # -- reading -----------------------------------------------------------------------

    def _text(self, path: Path) -> str:
        if path not in self._texts:
            self._texts[path] = read_regular(path, MAX_FILE_BYTES).decode("utf-8-sig")
        return self._texts[path]

    def _tree(self, path: Path) -> yaml.Node:
        if path not in self._trees:
            tree = yaml.compose(self._text(path), Loader=yaml.SafeLoader)
            self._trees[path] = tree if tree is not None else yaml.MappingNode(
                "tag:yaml.org,2002:map", [])
        return self._trees[path]

    def _key_value(self, ref: SourceRef) -> tuple[yaml.Node, yaml.Node] | None:
        """The (key, value) nodes of the mapping entry whose key starts at `ref`."""
        for key, value in _entries(self._tree(ref.path)):
            mark = key.start_mark
            if mark.line + 1 == ref.line and mark.column + 1 == ref.column:
                return key, value
        return None

    # -- placing -----------------------------------------------------------------------

    def apply(self, index: int, difference: _Difference, slide: ImportedSlide,
              report: UpdateReport) -> None:
        """Place one difference, or say why it cannot be placed."""
        dotted = difference.leaf[0]
        where = f"slide {_numbers(slide)} ({_title(slide)}), {dotted}"
        if dotted in _FIGURE_KEYS:
            self._cell(index, difference, where, report)
            return
        if difference.old is None:
            report.unplaced.append(f"{where}: bullets or paragraphs were added, removed or "
                                   "moved in PowerPoint; edit the content yourself")
            return
        assert difference.new is not None
        fields = self._deck.fields[index] if index < len(self._deck.fields) else {}
        ref = fields.get(dotted)
        overlay = self._afdeling is not None and (
            ref is None or ref.path.name != "afdelingen.yaml")
        if overlay and not self._is_added(index):
            self._override(index, dotted, difference.whole, where, difference, report)
            return
        if ref is None:
            if len(difference.leaf) == 1 and "." not in dotted:
                self._insert(index, dotted, difference.new, difference.old)
            else:
                report.unplaced.append(f"{where}: the content does not write this text "
                                       "itself; edit the content yourself")
            return
        found = self._key_value(ref)
        target = _walk(found[1], difference.leaf[1:]) if found else None
        if not isinstance(target, yaml.ScalarNode):
            report.unplaced.append(f"{where}: not found in {ref.path.name} as written "
                                   "(running text, or another shape); edit it yourself")
            return
        if dotted.endswith("partners") and difference.new not in self._partners():
            report.unplaced.append(f"{where}: a partner now reads {difference.new!r}, which "
                                   "partners.yaml does not know; add it there first")
            return
        if _VARIABLE.search(target.value):
            report.unplaced.append(f"{where}: the text is made from variables "
                                   f"({target.value!r}); edit it yourself")
            return
        self._replace(ref.path, target, difference.new, difference.old)

    def _cell(self, index: int, difference: _Difference, where: str,
              report: UpdateReport) -> None:
        """A table's or chart's cell edited in PowerPoint: into the YAML cell it was
        built from, when the rows are written in YAML, in the same number, and that
        cell holds what the built deck showed (the same text or number); else listed."""
        leaf = difference.leaf
        if difference.old is None or difference.new is None or leaf[0] == "columns":
            report.unplaced.append(f"{where}: rows, columns or headings were changed in "
                                   "PowerPoint; edit the content yourself")
            return
        row, column = leaf[1], leaf[2]
        where = f"{where} {row + 1}, value {column + 1}"
        fields = self._deck.fields[index] if index < len(self._deck.fields) else {}
        ref = fields.get("rows")
        if self._afdeling is not None or ref is None or ref.path.name == "afdelingen.yaml":
            ref = None  # an afdeling's figures, or figures from a data file
        target = self._row_cell(index, ref, row, column) if ref is not None else None
        if ref is None or target is None or not _same_value(target.value or "",
                                                            difference.old):
            report.unplaced.append(f"{where}: the figures are not written in the YAML as "
                                   "the slide shows them (a data file, or another "
                                   "writing); edit it yourself")
            return
        self._replace(ref.path, target, difference.new, target.value or "")

    def _row_cell(self, index: int, ref: SourceRef, row: int, column: int
                  ) -> yaml.ScalarNode | None:
        """The YAML scalar of a cell of the slide's `rows:`, when they are as many as
        the slide's rows (so that the numbers say the same rows)."""
        found = self._key_value(ref)
        rows = found[1] if found is not None else None
        if not isinstance(rows, yaml.SequenceNode) or row >= len(rows.value) or \
                len(rows.value) != len(self._deck.slides[index].rows or ()):
            return None
        cells = rows.value[row]
        if not isinstance(cells, yaml.SequenceNode) or column >= len(cells.value):
            return None
        target = cells.value[column]
        return target if isinstance(target, yaml.ScalarNode) else None

    def _partners(self) -> set[str]:
        return set(self._deck.partners)

    def rename_partner(self, ref: str, old: str, new: str, report: UpdateReport) -> None:
        """A partner's full name edited on a tile: into partners.yaml."""
        registry = self._root / "partners.yaml"
        if not registry.is_file():
            report.unplaced.append(f"partner {ref}: renamed {old!r} → {new!r} in PowerPoint, "
                                   "but there is no partners.yaml")
            return
        entry = _value(self._tree(registry), ref)
        name = _value(entry, "name") if entry is not None else None
        if not isinstance(name, yaml.ScalarNode) or _VARIABLE.search(name.value):
            report.unplaced.append(f"partner {ref}: renamed {old!r} → {new!r} in PowerPoint; "
                                   "not found in partners.yaml as written")
            return
        self._replace(registry, name, new, old)

    def _is_added(self, index: int) -> bool:
        """Whether the slide itself is written in afdelingen.yaml (an added slide)."""
        sources = self._deck.sources
        return index < len(sources) and sources[index].path.name == "afdelingen.yaml"

    def _replace(self, path: Path, node: yaml.ScalarNode, new: str, old: str) -> None:
        text = self._text(path)
        start, end = node.start_mark.index, node.end_mark.index
        rendered = _render(new, node, text)
        self._edits.setdefault(path, []).append((start, end, rendered))
        self.changes.append(Change(SourceRef(path, node.start_mark.line + 1,
                                             node.start_mark.column + 1), old, new))

    def _insert(self, index: int, key: str, new: str, old: str) -> None:
        """Add `key: new` to the slide's mapping, after its last entry."""
        ref = self._deck.sources[index]
        mapping = _mapping_at(self._tree(ref.path), ref)
        if mapping is None or not mapping.value:
            return
        last_key, last_value = mapping.value[-1]
        column = mapping.value[0][0].start_mark.column
        text = self._text(ref.path)
        at = _line_end(text, last_value.end_mark.index)
        line = "\n" + " " * column + dump({key: new}).rstrip("\n")
        self._edits.setdefault(ref.path, []).append((at, at, line))
        self.changes.append(Change(SourceRef(ref.path, last_value.end_mark.line + 2,
                                             column + 1), old, new))
        del last_key

    def _override(self, index: int, dotted: str, whole: Any, where: str,
                  difference: _Difference, report: UpdateReport) -> None:
        """An afdeling's edit of a base slide: an override in its overlay (written
        together with the afdeling's other new overrides by `finish`)."""
        slide = self._deck.slides[index]
        afdelingen = self._root / "afdelingen.yaml"
        if slide.id is None or not afdelingen.is_file():
            report.unplaced.append(f"{where}: the slide has no id an override can name; "
                                   "give it an id and run again")
            return
        entry = _afdeling_mapping(self._tree(afdelingen), self._afdeling or "")
        if entry is None:
            report.unplaced.append(f"{where}: afdeling {self._afdeling!r} not found in "
                                   "afdelingen.yaml")
            return
        override = _value(entry, "override")
        if override is not None and not (isinstance(override, yaml.MappingNode)
                                         and override.value):
            report.unplaced.append(f"{where}: the override of {self._afdeling} is not a "
                                   "mapping; edit it yourself")
            return
        if override is not None and _value(override, slide.id) is not None:
            report.unplaced.append(f"{where}: afdelingen.yaml overrides other fields of "
                                   "this slide; add this one yourself")
            return
        self._overrides.setdefault(slide.id, {})[dotted] = whole
        self._override_changes.append((difference.old or "", difference.new or ""))

    def finish(self) -> None:
        """Write the afdeling's new overrides into afdelingen.yaml, as one block."""
        if not self._overrides:
            return
        afdelingen = self._root / "afdelingen.yaml"
        entry = _afdeling_mapping(self._tree(afdelingen), self._afdeling or "")
        assert entry is not None
        text = self._text(afdelingen)
        override = _value(entry, "override")
        if isinstance(override, yaml.MappingNode) and override.value:
            column = override.value[0][0].start_mark.column
            at = _line_end(text, override.value[-1][1].end_mark.index)
            block = dump(self._overrides)
        else:
            column = entry.value[0][0].start_mark.column
            at = _line_end(text, entry.value[-1][1].end_mark.index)
            block = dump({"override": self._overrides})
        lines = "".join("\n" + " " * column + line for line in block.rstrip("\n").split("\n"))
        self._edits.setdefault(afdelingen, []).append((at, at, lines))
        line = text.count("\n", 0, at) + 2
        for old, new in self._override_changes:
            self.changes.append(Change(SourceRef(afdelingen, line, column + 1), old, new))

    # -- writing -----------------------------------------------------------------------

    def write(self) -> list[Path]:
        """Write every edited file (atomically); returns them."""
        written = []
        for path, edits in self._edits.items():
            text = self._text(path)
            for start, end, rendered in sorted(edits, reverse=True):
                text = text[:start] + rendered + text[end:]
            write_atomically(text.encode("utf-8"), path)
            written.append(path)
        return written


def _same_value(written: str, shown: str) -> bool:
    """Whether a YAML cell `written` holds what the slide showed: the same text, or
    the same number (a format adds its % or €)."""
    if written.strip() == shown.strip():
        return True
    try:
        return parse_number(written, ",", lenient=True) == parse_number(shown, ",",
                                                                        lenient=True)
    except ValueError:
        return False


def _entries(node: yaml.Node) -> Iterator[tuple[yaml.Node, yaml.Node]]:
    """Every (key, value) pair of every mapping under `node`."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key, value
            yield from _entries(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _entries(item)


def _mapping_at(node: yaml.Node, ref: SourceRef) -> yaml.MappingNode | None:
    if isinstance(node, yaml.MappingNode):
        if node.start_mark.line + 1 == ref.line and node.start_mark.column + 1 == ref.column:
            return node
        children = [value for _key, value in node.value]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    else:
        return None
    for child in children:
        found = _mapping_at(child, ref)
        if found is not None:
            return found
    return None


def _afdeling_mapping(tree: yaml.Node, slug: str) -> yaml.MappingNode | None:
    if not isinstance(tree, yaml.MappingNode):
        return None
    for key, value in tree.value:
        if key.value == "afdelingen" and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                if isinstance(item, yaml.MappingNode) and any(
                    k.value == "slug" and getattr(v, "value", None) == slug
                    for k, v in item.value
                ):
                    return item
    return None


def _walk(node: yaml.Node, path: tuple[Any, ...]) -> yaml.Node | None:
    """The scalar holding the text at `path` (indices into a body, then its items)."""
    for depth, index in enumerate(path):
        if depth:
            items = _value(node, "items")
            if items is None:
                return None
            node = items
        if isinstance(node, yaml.ScalarNode) and index == 0 and depth == 0:
            return node  # running text of one paragraph
        if not isinstance(node, yaml.SequenceNode) or index >= len(node.value):
            return None
        node = node.value[index]
    if isinstance(node, yaml.MappingNode):
        return _value(node, "text") or _value(node, "paragraph")
    return node


def _value(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                found: yaml.Node = v
                return found
    return None


def _line_end(text: str, index: int) -> int:
    """The end of the last line that holds text at or before `index`."""
    index = min(index, len(text))
    while index > 0 and text[index - 1] in "\n ":
        index -= 1
    return index


def _render(new: str, node: yaml.ScalarNode, text: str) -> str:
    """`new` written as the scalar `node` was: plain, quoted or folded."""
    style = node.style
    if style in {">", "|"}:
        original = text[node.start_mark.index:node.end_mark.index]
        header, _, rest = original.partition("\n")
        indent = len(rest) - len(rest.lstrip(" "))
        if not new.strip() or new != new.strip() or "  " in new:
            return json.dumps(new, ensure_ascii=False)
        lines = _wrap(new, _WIDTH - indent)
        trailing = original[len(original.rstrip("\n")):]
        return header + "\n" + "\n".join(" " * indent + line for line in lines) + \
            (trailing[1:] if trailing.startswith("\n") else trailing)
    if style == "'":
        return "'" + new.replace("'", "''") + "'"
    if style == '"':
        return json.dumps(new, ensure_ascii=False)
    rendered = yaml.safe_dump(new, allow_unicode=True, width=1_000_000)
    rendered = rendered.removesuffix("\n...\n").rstrip("\n")
    return rendered if "\n" not in rendered else json.dumps(new, ensure_ascii=False)


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


