"""Remember what checking a brand folder found, so the next build skips the analysis.

Checking a template (reading layouts.yaml and brand.yaml against their schemas,
normalising the package, reading every layout's placeholders, matching kinds to
layouts) gives the same answer until one of its files or deck-builder itself changes,
and takes longer than rendering a small deck. `load_template_cached` keeps that answer
in the user cache folder (beside the prepared templates) with what it depends on, and
uses it while every dependency is unchanged:

- layouts.yaml, brand.yaml and the template file by their bytes (SHA-256);
- the measuring fonts, the logo and the prepared copy the deck is rendered from by
  size and modification time (their contents are read when used, not here);
- deck-builder's own code by the size and modification time of each module, and the
  python-pptx version.

Only brand folders with a brand file are cached: a template without one takes its
fonts from whatever the machine has installed, which no file list can vouch for.
Anything unreadable in the cache is a miss; a failed check raises as always and stores
nothing. `template check` does not use this: it reports the analysis itself.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import lxml.etree
import pptx
from pptx import Presentation

from deck_builder.cache.store import entry_path, read_entry, write_entry
from deck_builder.ooxml import package
from deck_builder.ooxml.geometry import Rect
from deck_builder.planning.text_fit import FontSet, TextMeasurer, TextStyle
from deck_builder.template import model

if TYPE_CHECKING:
    from collections.abc import Sequence

    from deck_builder.template.needs import LayoutNeed

FORMAT = 2  # bump when the stored layout changes
ENTRY_KIND = "template-check"
PARTS_KIND = "template-parts"
_PACKAGE = Path(__file__).resolve().parents[1]


class _Dependency(NamedTuple):
    """A file the answer depends on: by content hash, or by (size, mtime) when
    `digest` is None; `size` -1 for a file that must still be missing."""

    path: str
    size: int
    mtime_ns: int
    digest: str | None


class _Entry(NamedTuple):
    """What is stored: the dependencies and the Template's fields (no caches, no report),
    as plain values (see `_plain`) so that `marshal`, built into the interpreter, can
    store them: pickle alone would cost more to import than the entry saves."""

    format: int
    dependencies: tuple[_Dependency, ...]
    fields: tuple[Any, ...]


def load_template_cached(path: Path, needs: Sequence[LayoutNeed]) -> model.Template:
    """`template.load_template`, answered from the cache when nothing it read changed.

    The result is the same Template, except that `report` is None on a cache hit.
    """
    where = _where(path, needs)
    cached = _read(where)
    if cached is not None:
        template = _template(cached.fields)
        _attach_parts(template, where, cached.dependencies)
        return template
    from deck_builder.template.load import load_template  # the checking code, on a miss only

    loaded = load_template(path, needs)
    dependencies = _dependencies(loaded)
    if dependencies is not None:
        _write(where, _Entry(FORMAT, dependencies, _plain(loaded)))
        _attach_parts(loaded, where, dependencies)
    return loaded


def remember_parts(template: model.Template) -> None:
    """Keep the template's layouts, masters and themes as a build wrote them (bytes and
    compressed entries, see `package.to_bytes`) for the next run, if any are new.

    Serialising and compressing them is a tenth of a small deck's build, and gives the
    same bytes every time for the same template file, code and libraries.
    """
    cache = template.render_cache
    entry = cache.get("parts_entry")
    parts = cache.get("unchanged_parts")
    if entry is None or not parts or len(parts) <= cache.get("parts_loaded", 0):
        return
    write_entry(entry, {name: (data, tuple(packed)) for name, (data, packed) in parts.items()})
    cache["parts_loaded"] = len(parts)


def _attach_parts(template: model.Template, where: Path,
                  dependencies: tuple[_Dependency, ...]) -> None:
    """Give the template its cache entry of written parts, and what that entry holds."""
    key = hashlib.sha256(repr((
        FORMAT, where.name, lxml.etree.LXML_VERSION,
        [d.digest for d in dependencies if d.digest is not None],
    )).encode()).hexdigest()[:32]
    entry = entry_path(PARTS_KIND, key)
    cache = template.render_cache
    cache["parts_entry"] = entry
    stored = read_entry(entry)
    if not isinstance(stored, dict):
        return
    try:
        parts = {name: (data, package.Packed(*packed)) for name, (data, packed) in stored.items()}
    except (TypeError, ValueError):
        return
    cache["unchanged_parts"] = parts
    cache["parts_loaded"] = len(parts)


def _where(path: Path, needs: Sequence[LayoutNeed]) -> Path:
    key = hashlib.sha256(repr((
        FORMAT, _code_stamp(), pptx.__version__, str(path.resolve()),
        sorted(need.key() for need in needs),
    )).encode()).hexdigest()[:32]
    return entry_path(ENTRY_KIND, key)


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


def _dependencies(loaded: model.Template) -> tuple[_Dependency, ...] | None:
    """What `loaded` depends on, or None when it is not cached (no brand file)."""
    report = loaded.report
    if report is None or report.brand_file is None or report.fonts is not None:
        return None
    hashed = [report.path, report.brand_file]
    if report.mapping_file is not None:
        hashed.append(report.mapping_file)
    stated = [*loaded.brand.fonts, loaded.pptx]
    if loaded.brand.logo is not None:
        stated.append(loaded.brand.logo)
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


def _plain(loaded: model.Template) -> tuple[Any, ...]:
    """The Template's cached fields as tuples, strings and numbers."""
    brand = loaded.brand
    layouts = {
        kind: (spec.name, spec.dark, {
            role: (r.idx, tuple(r.rect), r.insets, r.max_pt, r.min_pt, r.free)
            for role, r in spec.roles.items()
        })
        for kind, spec in loaded.layouts.items()
    }
    return (
        str(loaded.folder), str(loaded.pptx), layouts,
        (brand.name, brand.colours, brand.font_family, tuple(str(f) for f in brand.fonts),
         None if brand.logo is None else str(brand.logo), brand.footer),
        loaded.slide_width, loaded.slide_height, loaded.warnings,
        {key: tuple(style) for key, style in loaded.styles.items()},
    )


def _template(fields: tuple[Any, ...]) -> model.Template:
    """The Template `_plain` was made from (without its report), ready to render."""
    folder, pptx_path, layouts, brand_fields, width, height, warnings, styles = fields
    name, colours, family, fonts, logo, footer = brand_fields
    brand = model.Brand(name, colours, family, FontSet(*map(Path, fonts)),
                                  None if logo is None else Path(logo), footer)
    specs = {
        kind: model.LayoutSpec(layout, {
            role: model.RoleSpec(idx, Rect(*rect), tuple(insets), max_pt, min_pt,
                                           free)
            for role, (idx, rect, insets, max_pt, min_pt, free) in roles.items()
        }, dark)
        for kind, (layout, dark, roles) in layouts.items()
    }
    return model.Template(
        folder=Path(folder), pptx=Path(pptx_path), layouts=specs, brand=brand,
        slide_width=width, slide_height=height, measurer=TextMeasurer(brand.fonts),
        # As after a full check: the first deck renders on this parse.
        render_cache={"presentation": Presentation(pptx_path)},
        warnings=tuple(warnings), report=None,
        styles={tuple(key): TextStyle(*style) for key, style in styles.items()},
    )


def _read(path: Path) -> _Entry | None:
    stored = read_entry(path)
    try:
        format_, dependencies, fields = stored
        if format_ != FORMAT:
            return None
        entry = _Entry(format_, tuple(_Dependency(*d) for d in dependencies), fields)
    except (TypeError, ValueError):  # not what this version stores
        return None
    if not all(_unchanged(dependency) for dependency in entry.dependencies):
        return None
    return entry


def _write(path: Path, entry: _Entry) -> None:
    write_entry(path, (entry.format, tuple(map(tuple, entry.dependencies)), entry.fields))
