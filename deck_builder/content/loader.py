"""Read a content folder: the deck file, the section files it includes, the partner registry.

The result is still a node tree (every value knows its file and line); nothing is
validated here beyond what is needed to follow includes and find files.
"""

from __future__ import annotations

import os
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import NamedTuple

from deck_builder import files
from deck_builder.content import decks, pictures
from deck_builder.content.source import Mapping, Node, Scalar, Sequence, describe, load_file
from deck_builder.errors import DeckError, ProblemCollector, SourceRef

DECK_FILE = "deck.yaml"
PARTNERS_FILE = "partners.yaml"
MAX_INCLUDE_DEPTH = 8
# Limits on what one content folder may expand to. A few small files that include each
# other many times would otherwise expand to millions of slides (minutes and gigabytes
# before anything is said); real decks stay far below these. 5000 slides are measured
# to build in seconds (benchmarks/), so twice that is the most a deck may have.
MAX_SLIDES = 10_000
MAX_INCLUDES = 1_000
DATA_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
"""Files a kind's own file key may name that hold figures (see content.data)."""
FILE_KEYS = frozenset({"file", "logo"})
"""Keys whose text names a file, relative to the YAML file it is written in: a
picture's `file`, the `logo` of the deck, a partner or an afdeling. A slide kind's own
are resolved when its slides are validated (see validate.ContentKind)."""


class RawDeck(NamedTuple):
    """The deck's nodes: metadata mapping (without `slides`), slides in order, partners."""

    deck_file: Path
    meta: Mapping
    slides: list[Node]
    partners: Node | None


def find_deck_file(path: Path, must_exist: bool = False) -> Path:
    """The deck file for a content folder (its deck.yaml) or a deck file given directly.

    With `must_exist`, raises DeckError when there is no such folder or file, or the
    folder has no deck file.
    """
    if must_exist and not path.exists():
        raise DeckError(
            f"{path}: content folder or deck file not found (a content folder holds "
            f"{DECK_FILE})"
        )
    deck_file = path / DECK_FILE if path.is_dir() else path
    if must_exist and not deck_file.exists():
        raise DeckError(f"{path}: {DECK_FILE} not found in this folder")
    return deck_file


def load_content(path: Path, problems: ProblemCollector) -> RawDeck:
    """Load the deck file and everything it includes.

    Problems that leave the rest readable (a broken section file, a missing include
    or picture) are added to `problems` so validation can report its own findings in
    the same run. Raises DeckError only when the deck file itself cannot be read.
    """
    deck_file = find_deck_file(path, must_exist=True).resolve()
    root = load_file(deck_file)
    if not isinstance(root, Mapping):
        raise DeckError(
            f"{root.where}: the deck file must be a mapping with metadata and `slides:`, "
            f"found {describe(root)}"
        )
    slides_node = root.get("slides")
    slides: list[Node] = []
    if slides_node is None:
        problems.add("missing required key 'slides'", root.where)
    elif not isinstance(slides_node, Sequence):
        problems.add(f"slides: expected a list, got {describe(slides_node)}", slides_node.where)
    else:
        slides = _expand(slides_node.items, [deck_file], problems, deck_file.parent,
                         _Budget())
        if not slides:
            problems.add("the deck has no slides", slides_node.where)
    meta = Mapping(
        root.where,
        {k: v for k, v in root.entries.items() if k != "slides"},
        {k: v for k, v in root.keys.items() if k != "slides"},
    )
    partners_file = deck_file.parent / PARTNERS_FILE
    partners: Node | None = None
    if partners_file.exists() and files.contained(deck_file.parent, partners_file) is None:
        problems.add(f"{PARTNERS_FILE} leads outside the content folder (a link); put the "
                     "file itself in it", SourceRef(partners_file))
    elif partners_file.exists():
        try:
            partners = load_file(partners_file)
        except DeckError as error:
            problems.extend(error)
    slides = [resolve_files(slide, problems, deck_file.parent) for slide in slides]
    resolved = resolve_files(meta, problems, deck_file.parent, frozenset({"logo"}))
    assert isinstance(resolved, Mapping)
    meta = resolved
    if partners is not None:
        partners = resolve_files(partners, problems, deck_file.parent)
    return RawDeck(deck_file, meta, slides, partners)


class _Budget:
    """How many slides and includes a content folder has expanded to so far; `spent`
    once a limit was crossed (said once, and nothing more is expanded)."""

    def __init__(self) -> None:
        self.slides = 0
        self.includes = 0
        self.spent = False

    def take(self, what: str, where: SourceRef, problems: ProblemCollector) -> bool:
        """Count one slide or include; False (and the problem said) past its limit."""
        if self.spent:
            return False
        if what == "slide":
            self.slides += 1
            over = self.slides > MAX_SLIDES
            message = (f"the deck has more than {MAX_SLIDES} slides, the most a deck may "
                       "have; split it into several decks")
        else:
            self.includes += 1
            over = self.includes > MAX_INCLUDES
            message = (f"the content has more than {MAX_INCLUDES} includes, the most it may "
                       "have (do files include each other many times?)")
        if over:
            self.spent = True
            problems.add(f"{message}; this {what} crosses the limit", where)
        return not over


def _expand(items: list[Node], chain: list[Path], problems: ProblemCollector,
            root: Path, budget: _Budget) -> list[Node]:
    """Replace `- include: file.yaml` items with the slides listed in that file, which
    must lie inside `root` (the content folder; see `inside`), within `budget`."""
    slides: list[Node] = []
    for item in items:
        target = _include_target(item)
        if target is None:
            if not budget.take("slide", item.where, problems):
                break
            slides.append(item)
            continue
        if not budget.take("include", target.where, problems):
            break
        assert target.value is not None  # _include_target returns non-empty values only
        within = inside(root, item.where.path.parent, target.value)
        if within is None:
            problems.add(f"include {target.value!r} is outside the content folder; put the "
                         "file in it (e.g. in sections/)", target.where)
            continue
        include_path = within.resolve()
        if include_path in chain:
            problems.add(f"include {target.value!r} includes itself (a cycle)", target.where)
            continue
        if len(chain) > MAX_INCLUDE_DEPTH:
            problems.add("includes are nested too deeply", target.where)
            continue
        if not include_path.exists():
            problems.add(f"included file {target.value!r} not found", target.where)
            continue
        if not files.regular_file(include_path):
            problems.add(f"included file {target.value!r} is not a regular file (a folder, "
                         "pipe or device cannot be read)", target.where)
            continue
        try:
            included = load_file(include_path)
        except DeckError as error:
            problems.extend(error)
            continue
        if isinstance(included, Scalar) and included.value is None:
            continue  # an empty section file adds nothing
        if isinstance(included, Mapping) and isinstance(included.get("slides"), Sequence):
            included = included.entries["slides"]
        if not isinstance(included, Sequence):
            problems.add(
                f"an included file must be a list of slides, found {describe(included)}",
                included.where,
            )
            continue
        slides.extend(_expand(included.items, [*chain, include_path], problems, root, budget))
        if budget.spent:
            break
    return slides


def _include_target(item: Node) -> Scalar | None:
    if isinstance(item, Mapping) and "include" in item.entries:
        if len(item.entries) > 1:
            return None  # let validation report the unexpected `include` key
        target = item.entries["include"]
        if isinstance(target, Scalar) and target.value:
            return target
    return None


def inside(root: Path, base: Path, name: str | Path) -> Path | None:
    """`name` taken relative to the folder `base`, as an absolute path; None when it
    leaves `root` (the content folder), as written or once its symbolic links are
    followed (a linked file or folder that points elsewhere). Content is shared and
    built by others: it must not pull in files from elsewhere on their machine.
    """
    # The path as written is what is returned (and what messages and the deck name),
    # so it is kept lexical; the content folder may itself live behind a link, which is
    # why the root is resolved too before the real paths are compared.
    path = Path(os.path.normpath(Path(os.path.abspath(base)) / name))
    if not path.is_relative_to(os.path.normpath(os.path.abspath(root))):
        return None
    return path if files.contained(root, path) is not None else None


def resolve_files(node: Node, problems: ProblemCollector, root: Path,
                  keys: AbstractSet[str] = FILE_KEYS) -> Node:
    """Make the path under each of `keys` (at any depth; by default `file:` and `logo:`)
    absolute, relative to its YAML file, and check it.

    A path must stay inside `root` (the content folder, see `inside`). Pictures are
    checked completely here so a broken file is reported at its YAML line.
    """
    if isinstance(node, Mapping):
        entries: dict[str, Node] = {}
        for key, value in node.entries.items():
            if key in keys and isinstance(value, Scalar) and value.value:
                # A data file (a table's `data:`) is read by its kind, not as a picture.
                picture = key in FILE_KEYS or not value.value.lower().endswith(DATA_SUFFIXES)
                entries[key] = _resolve_file(value, problems, root, picture)
            else:
                entries[key] = resolve_files(value, problems, root, keys)
        return Mapping(node.where, entries, dict(node.keys))
    if isinstance(node, Sequence):
        return Sequence(node.where,
                        [resolve_files(item, problems, root, keys) for item in node.items])
    return node


def _resolve_file(value: Scalar, problems: ProblemCollector, root: Path,
                  picture: bool = True) -> Scalar:
    assert value.value is not None
    path = inside(root, value.where.path.parent, value.value)
    if path is None:
        problems.add(f"{value.value!r} is outside the content folder; put the file in it "
                     "(e.g. in images/)", value.where)
        return value
    if not picture:
        return Scalar(value.where, str(path))
    try:
        if path.suffix.casefold() in decks.EXTENSIONS:
            decks.inspect(path)  # slides copied from another presentation
        else:
            pictures.inspect(path)
    except (pictures.ImageProblem, decks.DeckProblem) as problem:
        problems.add(str(problem), value.where)
    return Scalar(value.where, str(path))

