"""Find the font files to measure a template's text with.

Text is fitted with real font metrics (`model.FontSet`: four TrueType/OpenType files,
regular, bold, italic, bold italic). A brand folder names its files; for any other
template the family named in its theme is looked up, in this order:

1. font files in the template's folder (and its `fonts/` folder);
2. fonts installed on this system (`fc-list`, or the usual font folders);
3. a metric-compatible substitute: a family with the same advance widths (Liberation
   Sans for Arial and Helvetica, Liberation Serif for Times New Roman, Carlito for
   Calibri, Caladea for Cambria, …), so measurements are exact;
4. the font this system would draw in its place (`fc-match`): an estimate;
5. the Liberation Sans files bundled with the VNG brand: an estimate of last resort.

Steps 3 to 5 come with a note saying so, which the build reports as a warning.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from PIL import ImageFont

from deck_builder.errors import DeckError
from deck_builder.template.model import FontSet, builtin_brands

FACES = ("regular", "bold", "italic", "bold_italic")
FONT_SUFFIXES = frozenset({".ttf", ".otf", ".ttc"})
BUNDLED_DIR = builtin_brands() / "vng" / "fonts"
BUNDLED_FAMILY = "Liberation Sans"
# Families with the same advance widths as a common proprietary one, in order of
# preference: text measured with them breaks exactly where it will in PowerPoint.
METRIC_COMPATIBLE: dict[str, tuple[str, ...]] = {
    "arial": ("Liberation Sans", "Arimo"),
    "helvetica": ("Liberation Sans", "Arimo", "Nimbus Sans", "Nimbus Sans L"),
    "arialmt": ("Liberation Sans", "Arimo"),
    "arialnarrow": ("Liberation Sans Narrow",),
    "timesnewroman": ("Liberation Serif", "Tinos"),
    "times": ("Liberation Serif", "Tinos", "Nimbus Roman"),
    "couriernew": ("Liberation Mono", "Cousine"),
    "courier": ("Liberation Mono", "Cousine", "Nimbus Mono PS"),
    "calibri": ("Carlito",),
    "cambria": ("Caladea",),
}
_SYSTEM_DIRS = {
    "linux": ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts"),
    "darwin": ("/System/Library/Fonts", "/Library/Fonts", "~/Library/Fonts"),
    "win32": ("C:/Windows/Fonts", "~/AppData/Local/Microsoft/Windows/Fonts"),
}
# Style words that make a face heavier or lighter than the family's regular one.
_WEIGHTS = {
    "thin": 0, "hairline": 0, "extralight": 40, "ultralight": 40, "light": 50,
    "book": 75, "regular": 80, "normal": 80, "roman": 80, "medium": 100,
    "semibold": 180, "demibold": 180, "demi": 180, "bold": 200, "extrabold": 205,
    "ultrabold": 205, "heavy": 210, "black": 210,
}
_WIDTHS = ("condensed", "narrow", "compressed", "expanded", "extended", "wide")


class FontFile(NamedTuple):
    """One installed face: its file, family name, weight (fontconfig scale: 80 regular,
    200 bold), whether it slants, and whether it is narrower or wider than normal."""

    path: Path
    family: str
    weight: int
    italic: bool
    width_normal: bool = True


class FontMatch(NamedTuple):
    """The files found for a requested family.

    `source` says where they came from: "template", "system", "substitute" (metric
    compatible), "estimate" (what this system draws instead) or "fallback" (the bundled
    Liberation Sans). `note` is a sentence for the build's warnings when the metrics
    are not the requested font's own (None when they are).
    """

    requested: str
    family: str
    fonts: FontSet
    source: str
    note: str | None = None

    @property
    def exact(self) -> bool:
        """Whether the requested family's own files (all four faces) are used."""
        return self.note is None


def find_fonts(family: str, folders: Sequence[Path] = ()) -> FontMatch:
    """The font files to measure `family` with; see the module docstring for the order.

    `folders` are searched first (a template's folder: its own fonts). Raises DeckError
    only when not even the bundled fallback exists.
    """
    wanted = family.strip() or BUNDLED_FAMILY
    local = _scan(_font_files(folders))
    installed = installed_fonts()
    for source, pool in (("template", local), ("system", installed)):
        faces, missing = _faces(wanted, pool)
        if faces is not None:
            note = None
            if missing:
                faces_missing = " or ".join(face.replace("_", " ") for face in missing)
                note = (f"font {wanted!r} has no {faces_missing} face; those are measured "
                        "with the nearest face it has")
            return FontMatch(wanted, wanted, faces, source, note)
    for substitute in METRIC_COMPATIBLE.get(_key(wanted), ()):
        for pool in (local, installed, _bundled()):
            faces, _ = _faces(substitute, pool)
            if faces is not None:
                return FontMatch(
                    wanted, substitute, faces, "substitute",
                    f"font {wanted!r} is not installed; text is measured with {substitute}, "
                    "which has the same widths",
                )
    drawn = _drawn_instead(wanted)
    if drawn is not None:
        faces, _ = _faces(drawn, installed)
        if faces is not None:
            return FontMatch(
                wanted, drawn, faces, "estimate",
                f"font {wanted!r} is not installed; text is measured with {drawn}, which this "
                "system shows in its place (an estimate: check the deck where the font is "
                "installed)",
            )
    faces, _ = _faces(BUNDLED_FAMILY, _bundled() or installed)
    if faces is None:
        raise DeckError(f"no font files found to measure {wanted!r} with (not even "
                        f"{BUNDLED_FAMILY} in {BUNDLED_DIR})")
    return FontMatch(
        wanted, BUNDLED_FAMILY, faces, "fallback",
        f"font {wanted!r} is not installed; text is measured with {BUNDLED_FAMILY} "
        "(an estimate: check the deck where the font is installed)",
    )


@functools.cache
def installed_fonts() -> tuple[FontFile, ...]:
    """Every face installed on this system (read once per process).

    fontconfig (`fc-list`) answers quickly where it exists; elsewhere the usual font
    folders are read with Pillow.
    """
    listed = _fc_list()
    if listed is not None:
        return listed
    folders = [Path(os.path.expanduser(d)) for d in _SYSTEM_DIRS.get(sys.platform, ())]
    return _scan(_font_files(folders))


def _faces(family: str, pool: Iterable[FontFile]) -> tuple[FontSet | None, list[str]]:
    """The four faces of `family` in `pool` (None without a regular-ish face), and the
    names of the faces that had to be borrowed from another one."""
    key = _key(family)
    candidates = [font for font in pool if _key(font.family) == key]
    if not candidates:
        return None, []
    chosen: dict[str, Path] = {}
    for face in FACES:
        bold, italic = face in ("bold", "bold_italic"), face in ("italic", "bold_italic")
        exact = [f for f in candidates if f.italic == italic and (f.weight >= 150) == bold]
        if exact:
            target = 200 if bold else 80
            chosen[face] = min(exact, key=lambda f: (not f.width_normal,
                                                     abs(f.weight - target), str(f.path))).path
    if "regular" not in chosen:
        upright = [f for f in candidates if not f.italic] or candidates
        chosen["regular"] = min(upright, key=lambda f: (not f.width_normal,
                                                        abs(f.weight - 80), str(f.path))).path
    missing = [face for face in FACES if face not in chosen]
    # A missing face is measured with its nearest relative: bold italic with bold,
    # italic with regular, bold with regular (all a little narrower than the truth).
    chosen.setdefault("bold", chosen["regular"])
    chosen.setdefault("italic", chosen["regular"])
    chosen.setdefault("bold_italic", chosen["bold"])
    fonts = FontSet(chosen["regular"], chosen["bold"], chosen["italic"], chosen["bold_italic"])
    return fonts, missing


def _key(family: str) -> str:
    return re.sub(r"[\s_\-]+", "", family).casefold()


def _font_files(folders: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for folder in folders:
        for base in (folder, folder / "fonts"):
            if base.is_dir():
                found.extend(
                    p for p in sorted(base.rglob("*")) if p.suffix.lower() in FONT_SUFFIXES
                )
    return list(dict.fromkeys(found))


def _scan(paths: Iterable[Path]) -> tuple[FontFile, ...]:
    """Read family and style names from font files (unreadable files are skipped)."""
    fonts = []
    for path in paths:
        try:
            family, style = ImageFont.truetype(str(path), 12).getname()
        except OSError:
            continue
        if family:
            fonts.append(_from_style(path, family, style or ""))
    return tuple(fonts)


def _from_style(path: Path, family: str, style: str) -> FontFile:
    words = re.findall(r"[a-z]+", style.casefold())
    joined = "".join(words)
    # Longest words first: "semibold" and "extrabold" are not "bold".
    weight = next((value for word, value in sorted(_WEIGHTS.items(), key=lambda i: -len(i[0]))
                   if word in joined), 80)
    italic = any(w in ("italic", "oblique", "kursiv", "cursiva") for w in words)
    narrow = any(w in joined for w in _WIDTHS)
    return FontFile(path, family, weight, italic, not narrow)


def _fc_list() -> tuple[FontFile, ...] | None:
    program = shutil.which("fc-list")
    if program is None:
        return None
    try:
        result = subprocess.run(
            [program, "--format", "%{file}\t%{family}\t%{weight}\t%{slant}\t%{width}\n"],
            capture_output=True, text=True, timeout=30, check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    fonts: list[FontFile] = []
    for line in result.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) != 5 or Path(parts[0]).suffix.lower() not in FONT_SUFFIXES:
            continue
        file, families, weight, slant, width = parts
        # fontconfig lists several names for a face ("Open Sans,Open Sans Light"), and a
        # weight or width as a range for variable fonts ("[40 210]"): the first of each.
        for name in dict.fromkeys(n.strip() for n in families.split(",") if n.strip()):
            fonts.append(FontFile(Path(file), name, _number(weight, 80), _number(slant, 0) > 0,
                                  _number(width, 100) == 100))
    return tuple(fonts)


def _number(text: str, default: int) -> int:
    found = re.search(r"\d+", text)
    return int(found.group()) if found else default


def _drawn_instead(family: str) -> str | None:
    """The family fontconfig would draw `family` with, if it is another one."""
    program = shutil.which("fc-match")
    if program is None:
        return None
    try:
        result = subprocess.run([program, "--format", "%{family}", family],
                                capture_output=True, text=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    drawn = result.stdout.split(",")[0].strip()
    return drawn if drawn and _key(drawn) != _key(family) else None


@functools.cache
def _bundled() -> tuple[FontFile, ...]:
    return _scan(_font_files([BUNDLED_DIR]))
