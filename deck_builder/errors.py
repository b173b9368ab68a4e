"""The one error type of deck-builder: a list of problems, each with a source location."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple


class SourceRef(NamedTuple):
    """A position in a content file; line and column are 1-based.

    A named tuple rather than a dataclass: every YAML node carries one, and tuples are
    several times cheaper to create.
    """

    path: Path
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        shown = _display_path(self.path)
        if self.line <= 0:
            return shown
        return f"{shown}:{self.line}:{max(self.column, 1)}"


class Problem(NamedTuple):
    """One thing wrong with the input: a plain message and where it is (if known)."""

    message: str
    where: SourceRef | None = None

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class DeckError(Exception):
    """Raised for every problem the user can fix: bad content, template or output path.

    It carries all problems found in one pass, so the user fixes everything in one go.
    `str(error)` is one `file:line:col: message` line per problem.
    """

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = _sorted_unique(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ProblemCollector:
    """Gathers problems during a pass and raises them together at the end."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, message: str, where: SourceRef | None = None) -> None:
        """Record one problem."""
        self.problems.append(Problem(message, where))

    def extend(self, error: DeckError) -> None:
        """Record every problem of an already raised error."""
        self.problems.extend(error.problems)

    def raise_if_any(self) -> None:
        """Raise a DeckError holding everything collected so far, if anything was."""
        if self.problems:
            raise DeckError(self.problems)


def _sorted_unique(problems: list[Problem]) -> list[Problem]:
    # Keep the first occurrence of each problem; order by file and line so the report
    # reads top to bottom like the files, with location-less problems first.
    seen: set[tuple[str, SourceRef | None]] = set()
    unique: list[Problem] = []
    for problem in problems:
        key = (problem.message, problem.where)
        if key not in seen:
            seen.add(key)
            unique.append(problem)

    def sort_key(p: Problem) -> tuple[int, str, int, int]:
        if p.where is None:
            return (0, "", 0, 0)
        return (1, str(p.where.path), p.where.line, p.where.column)

    return sorted(unique, key=sort_key)


def _display_path(path: Path) -> str:
    # Relative to the working folder when that is shorter: what the user typed.
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return relative if not relative.startswith("..") else str(path)


def close_matches(word: str, options: list[str], cutoff: float = 0.6) -> list[str]:
    """The option closest to `word` (a list of at most one), for "did you mean" hints."""
    import difflib  # only when there is a mistake to explain

    return difflib.get_close_matches(word, options, n=1, cutoff=cutoff)
