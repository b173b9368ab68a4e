"""Remember what checking a brand folder found, so the next build skips the analysis.

Checking a template (reading layouts.yaml and brand.yaml against their schemas,
normalising the package, reading every layout's placeholders, matching kinds to
layouts) gives the same answer until one of its files or deck-builder itself changes,
and takes longer than rendering a small deck. The caller `recall`s a remembered answer
before a build and `remember`s a fresh one; an answer is used while everything it
depends on is unchanged:

- layouts.yaml, brand.yaml and the template file by their bytes (SHA-256);
- the measuring fonts and the logo by size and modification time (their contents are
  read when used, not here);
- deck-builder's own code by the size and modification time of each module, and the
  python-pptx and lxml versions.

A template package that checking had to change is kept beside the answer, named and
verified by its SHA-256. Only brand folders with a brand file are remembered: a
template without one takes its fonts from whatever the machine has installed, which no
file list can vouch for.

A remembered answer is read as untrusted input (see `store`): every field must have
the type and the range a check gives (finite, positive sizes and line pitches, boxes
on a slide PowerPoint can make, colours as hex), and the files it names (template,
fonts, logo) must be files it depends on; anything else is a miss, and the template is
checked afresh.
"""

from __future__ import annotations

import functools
import hashlib
import math
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from deck_builder.cache import store
from deck_builder.ooxml.geometry import Rect
from deck_builder.ooxml.parsing import MAX_UNPACKED_BYTES
from deck_builder.template import model

if TYPE_CHECKING:
    from collections.abc import Sequence

    from deck_builder.template.load import TemplateCheck
    from deck_builder.template.needs import LayoutNeed

FORMAT = 5  # bump when what is stored changes
ENTRY_KIND = "check"
PREPARED_KIND = "template"  # prepared template packages: template-<sha256>.pptx
_PACKAGE = Path(__file__).resolve().parents[1]
# What a check can give, and so all a remembered one may hold. Slide sides are
# PowerPoint's limits (1 to 56 inches); boxes may reach off the slide, but not far.
_SLIDE_SIDE = (914_400, 51_206_400)
_REACH = 10 * 51_206_400
_POINTS = 4000.0  # PowerPoint's largest font size
_PITCH = 10.0  # line pitch as a multiple of the font size
_TEXT = 10_000  # characters of a name, a path, a warning
_DIGEST = re.compile(r"[0-9a-f]{64}")
_COLOUR = re.compile(r"[0-9A-Fa-f]{6}")


class _Dependency(NamedTuple):
    """A file the answer depends on: by content hash, or by (size, mtime) when
    `digest` is None."""

    path: str
    size: int
    mtime_ns: int
    digest: str | None


def recall(path: Path, needs: Sequence[LayoutNeed]) -> model.Template | None:
    """The Template a check of `path` for these kinds gave before, while nothing it read
    has changed; None when there is no such answer (check the template then)."""
    stored = store.read_entry(_where(path, needs))
    if stored is None:
        return None
    try:
        dependencies = tuple(_dependency_of(d) for d in stored["dependencies"])
        if not all(map(_unchanged, dependencies)):
            return None
        template = _template(stored["template"])
        _check_files(template, dependencies)
        return template
    except (TypeError, ValueError, KeyError, IndexError, AttributeError, OSError,
            OverflowError, RecursionError):
        return None  # not what this version writes: check afresh


def remember(path: Path, needs: Sequence[LayoutNeed],
             check: TemplateCheck) -> None:
    """Keep the answer of a check of `path` for the next build (brand folders only)."""
    dependencies = _dependencies(check)
    if dependencies is None:
        return
    template = check.template
    if template.prepared is not None and not _keep_prepared(template.prepared):
        return
    store.write_entry(_where(path, needs), {
        "dependencies": [list(d) for d in dependencies],
        "template": _plain(template),
    })


def _where(path: Path, needs: Sequence[LayoutNeed]) -> Path | None:
    import lxml.etree
    import pptx

    key = hashlib.sha256(repr((
        FORMAT, _code_stamp(), pptx.__version__, lxml.etree.LXML_VERSION,
        str(path.resolve()),
        sorted(need.key() for need in needs),
    )).encode()).hexdigest()[:32]
    return store.entry_path(ENTRY_KIND, key)


@functools.cache
def _code_stamp() -> tuple[tuple[str, int, int], ...]:
    """Every module of deck-builder by (path, size, mtime): changed code, new answer."""
    stamp: list[tuple[str, int, int]] = []
    folders = [str(_PACKAGE)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.name.endswith(".py"):
                    info = entry.stat()
                    stamp.append((entry.path, info.st_size, info.st_mtime_ns))
                elif entry.is_dir() and not entry.name.startswith((".", "__")):
                    folders.append(entry.path)
    return tuple(sorted(stamp))


def _dependencies(check: TemplateCheck) -> tuple[_Dependency, ...] | None:
    """What the check depends on, or None when it is not remembered (no brand file)."""
    report, template = check.report, check.template
    if report.brand_file is None or report.fonts is not None:
        return None
    hashed = [report.path, report.brand_file]
    if report.mapping_file is not None:
        hashed.append(report.mapping_file)
    stated = [*template.brand.fonts]
    if template.brand.logo is not None:
        stated.append(template.brand.logo)
    try:
        return tuple(
            [_dependency(Path(p), hashed=True) for p in dict.fromkeys(hashed)]
            + [_dependency(Path(p), hashed=False) for p in dict.fromkeys(stated)
               if p not in hashed]
        )
    except OSError:
        return None  # a file went away while we looked: do not remember anything


def _dependency(path: Path, hashed: bool) -> _Dependency:
    info = path.stat()
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if hashed else None
    return _Dependency(str(path), info.st_size, info.st_mtime_ns, digest)


def _dependency_of(stored: object) -> _Dependency:
    """A stored dependency; TypeError or ValueError when it is not one."""
    path, size, mtime_ns, digest = _four(stored)
    if digest is not None and not (isinstance(digest, str) and _DIGEST.fullmatch(digest)):
        raise ValueError("not a digest")
    return _Dependency(_path_text(path), _int(size, 0, 2**63), _int(mtime_ns, -2**63, 2**63),
                       digest)


def _check_files(template: model.Template, dependencies: tuple[_Dependency, ...]) -> None:
    """Raise ValueError unless every file the template names (its package, fonts, logo)
    is one the answer depends on, the package by its bytes."""
    hashed = {d.path for d in dependencies if d.digest is not None}
    known = {d.path for d in dependencies}
    named = [str(f) for f in template.brand.fonts]
    if template.brand.logo is not None:
        named.append(str(template.brand.logo))
    if str(template.pptx) not in hashed or not known.issuperset(named):
        raise ValueError("the answer names files it does not depend on")


def _unchanged(dependency: _Dependency) -> bool:
    path = Path(dependency.path)
    try:
        info = path.stat()
        if info.st_size != dependency.size:
            return False
        if dependency.digest is None:
            return info.st_mtime_ns == dependency.mtime_ns
        # Hashed files are compared by content: a quick rewrite within the file
        # system's timestamp resolution must not pass for unchanged.
        return hashlib.sha256(path.read_bytes()).hexdigest() == dependency.digest
    except OSError:
        return False


def _prepared_path(digest: str) -> Path | None:
    folder = store.cache_folder()
    return None if folder is None else folder / f"{PREPARED_KIND}-{digest}.pptx"


def _keep_prepared(data: bytes) -> bool:
    """Write a prepared package beside the answers (if not there yet); False if it
    cannot be written."""
    target = _prepared_path(hashlib.sha256(data).hexdigest())
    if target is None:
        return False
    if store.read_file(target, MAX_UNPACKED_BYTES) == data:
        return True
    if not store.write_file(target, data):
        return False
    store.prune(target.parent, f"{PREPARED_KIND}-*.pptx", keep=target)
    return True


def _read_prepared(digest: str) -> bytes:
    """The prepared package kept under `digest`; ValueError when it is not that."""
    if not _DIGEST.fullmatch(digest):
        raise ValueError("not a digest")
    path = _prepared_path(digest)
    data = None if path is None else store.read_file(path, MAX_UNPACKED_BYTES)
    if data is None or hashlib.sha256(data).hexdigest() != digest:
        raise ValueError("the prepared template changed")
    return data


def _plain(template: model.Template) -> dict[str, Any]:
    """The Template as JSON values (see `_template` for the way back)."""
    brand = template.brand
    return {
        "folder": str(template.folder),
        "pptx": str(template.pptx),
        "layouts": {
            kind: [spec.name, spec.dark, {
                role: [r.idx, list(r.rect), list(r.insets), r.max_pt, r.min_pt, r.free]
                for role, r in spec.roles.items()
            }]
            for kind, spec in template.layouts.items()
        },
        "brand": [brand.name, brand.colours, brand.font_family,
                  [str(f) for f in brand.fonts],
                  None if brand.logo is None else str(brand.logo), brand.footer],
        "size": [template.slide_width, template.slide_height],
        "warnings": list(template.warnings),
        "styles": [[kind, role, style.bold, style.line_height]
                   for (kind, role), style in template.styles.items()],
        "free": {kind: list(rect) for kind, rect in template.free_areas.items()},
        "prepared": (None if template.prepared is None
                     else hashlib.sha256(template.prepared).hexdigest()),
    }


def _template(fields: dict[str, Any]) -> model.Template:
    """The Template `_plain` was made from. Raises TypeError, ValueError, KeyError or
    OSError for anything that is not what `_plain` writes, or not what a check gives."""
    name, colours, family, fonts, logo, footer = fields["brand"]
    brand = model.Brand(
        _text(name), {_text(k): _colour(v) for k, v in _mapping(colours).items()},
        _text(family), model.FontSet(*(Path(_path_text(f)) for f in fonts)),
        None if logo is None else Path(_path_text(logo)), _text(footer))
    width, height = (_int(side, *_SLIDE_SIDE) for side in fields["size"])
    layouts = {
        _text(kind): model.LayoutSpec(_text(layout), {
            _text(role): _role(*spec) for role, spec in _mapping(roles).items()
        }, _flag(dark))
        for kind, (layout, dark, roles) in _mapping(fields["layouts"]).items()
    }
    prepared = fields["prepared"]
    return model.Template(
        folder=Path(_path_text(fields["folder"])), pptx=Path(_path_text(fields["pptx"])),
        layouts=layouts, brand=brand, slide_width=width, slide_height=height,
        warnings=tuple(map(_text, fields["warnings"])),
        styles={(_text(kind), _text(role)): model.TextStyle(
                    _flag(bold), _number(pitch, _PITCH))
                for kind, role, bold, pitch in fields["styles"]},
        free_areas={_text(kind): _rect(rect) for kind, rect in _mapping(fields["free"]).items()},
        prepared=None if prepared is None else _read_prepared(_text(prepared)),
    )


def _role(idx: object, rect: object, insets: object, max_pt: object, min_pt: object,
          free: object) -> model.RoleSpec:
    """A role's place as a check gives it: a box, margins inside it, and a size range
    with 0 < min_pt <= max_pt."""
    smallest, largest = _number(min_pt, _POINTS), _number(max_pt, _POINTS)
    if smallest > largest:
        raise ValueError("the smallest size is larger than the largest")
    return model.RoleSpec(_int(idx, 0, 2**32), _rect(rect), _insets(insets), largest,
                          smallest, _flag(free))


def _mapping(value: object) -> dict[Any, Any]:
    if not isinstance(value, dict):
        raise TypeError(f"expected a mapping, got {type(value).__name__}")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    if len(value) > _TEXT:
        raise ValueError("text longer than a check gives")
    return value


def _path_text(value: object) -> str:
    """A file's path as stored: absolute, as the check wrote it."""
    text = _text(value)
    if not text or "\0" in text or not Path(text).is_absolute():
        raise ValueError("not an absolute path")
    return text


def _colour(value: object) -> str:
    text = _text(value)
    if not _COLOUR.fullmatch(text):
        raise ValueError("not a colour")
    return text


def _int(value: object, low: int, high: int) -> int:
    """A whole number from `low` to `high`."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"expected a whole number, got {type(value).__name__}")
    if not low <= value <= high:
        raise ValueError(f"{value} is out of range")
    return value


def _number(value: object, largest: float) -> float:
    """A finite number more than 0 and at most `largest`."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    if not (math.isfinite(value) and 0 < value <= largest):
        raise ValueError(f"{value} is not a size a check gives")
    return value


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {type(value).__name__}")
    return value


def _rect(value: object) -> Rect:
    """A box on (or near) the slide with a size that is not negative."""
    x, y, w, h = _four(value)
    return Rect(_int(x, -_REACH, _REACH), _int(y, -_REACH, _REACH),
                _int(w, 0, _REACH), _int(h, 0, _REACH))


def _insets(value: object) -> tuple[int, int, int, int]:
    left, top, right, bottom = (_int(side, 0, _REACH) for side in _four(value))
    return left, top, right, bottom


def _four(value: object) -> tuple[object, object, object, object]:
    if not isinstance(value, list) or len(value) != 4:
        raise TypeError("expected a list of four")
    return value[0], value[1], value[2], value[3]
