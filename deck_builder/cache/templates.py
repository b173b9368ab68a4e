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
file list can vouch for. Anything unreadable or unexpected in the cache is a miss.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from deck_builder.cache import store
from deck_builder.ooxml.geometry import Rect
from deck_builder.template import model

if TYPE_CHECKING:
    from collections.abc import Sequence

    from deck_builder.template.load import TemplateCheck
    from deck_builder.template.needs import LayoutNeed

FORMAT = 4  # bump when what is stored changes
ENTRY_KIND = "check"
PREPARED_KIND = "template"  # prepared template packages: template-<sha256>.pptx
_PACKAGE = Path(__file__).resolve().parents[1]


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
    try:
        dependencies = tuple(_Dependency(*d) for d in stored["dependencies"])
        if not all(map(_unchanged, dependencies)):
            return None
        return _template(stored["template"])
    except (TypeError, ValueError, KeyError, IndexError, AttributeError, OSError):
        return None  # no entry, or not what this version writes


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


def _where(path: Path, needs: Sequence[LayoutNeed]) -> Path:
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


def _prepared_path(digest: str) -> Path:
    return store.cache_folder() / f"{PREPARED_KIND}-{digest}.pptx"


def _keep_prepared(data: bytes) -> bool:
    """Write a prepared package beside the answers (if not there yet); False if it
    cannot be written."""
    target = _prepared_path(hashlib.sha256(data).hexdigest())
    try:
        if target.is_file() and target.read_bytes() == data:
            return True
    except OSError:
        pass
    if not store.write_file(target, data):
        return False
    store.prune(target.parent, f"{PREPARED_KIND}-*.pptx", keep=target)
    return True


def _read_prepared(digest: str) -> bytes:
    """The prepared package kept under `digest`; ValueError when it is not that."""
    if len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
        raise ValueError("not a digest")
    data = _prepared_path(digest).read_bytes()
    if hashlib.sha256(data).hexdigest() != digest:
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
    OSError for anything that is not what `_plain` writes."""
    name, colours, family, fonts, logo, footer = fields["brand"]
    brand = model.Brand(_text(name), {_text(k): _text(v) for k, v in colours.items()},
                        _text(family), model.FontSet(*(Path(_text(f)) for f in fonts)),
                        None if logo is None else Path(_text(logo)), _text(footer))
    layouts = {
        _text(kind): model.LayoutSpec(_text(layout), {
            _text(role): model.RoleSpec(
                _int(idx), Rect(*map(_int, rect)), _insets(insets), _number(max_pt),
                _number(min_pt), _flag(free),
            )
            for role, (idx, rect, insets, max_pt, min_pt, free) in roles.items()
        }, _flag(dark))
        for kind, (layout, dark, roles) in fields["layouts"].items()
    }
    width, height = map(_int, fields["size"])
    prepared = fields["prepared"]
    return model.Template(
        folder=Path(_text(fields["folder"])), pptx=Path(_text(fields["pptx"])),
        layouts=layouts, brand=brand, slide_width=width, slide_height=height,
        warnings=tuple(map(_text, fields["warnings"])),
        styles={(_text(kind), _text(role)): model.TextStyle(_flag(bold), _number(pitch))
                for kind, role, bold, pitch in fields["styles"]},
        free_areas={_text(kind): Rect(*map(_int, rect)) for kind, rect in fields["free"].items()},
        prepared=None if prepared is None else _read_prepared(_text(prepared)),
    )


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {value!r}")
    return value


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"expected a whole number, got {value!r}")
    return value


def _number(value: object) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise TypeError(f"expected a number, got {value!r}")
    return value


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {value!r}")
    return value


def _insets(value: object) -> tuple[int, int, int, int]:
    left, top, right, bottom = map(_int, value)  # type: ignore[call-overload]
    return left, top, right, bottom
