"""What a checked template is: the values planning and rendering read, and where a
template is found. Checking one is `template.load`'s job (remembered between runs by
the cache layer); this module imports neither, so a build whose template check is
remembered does not load the checking code at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from deck_builder.errors import DeckError
from deck_builder.files import regular_file
from deck_builder.ooxml.geometry import LINE_HEIGHT, Rect

TEMPLATE_SUFFIXES = (".pptx", ".potx", ".ppsx")


class FontSet(NamedTuple):
    """The four faces of one family, as font files used for measuring."""

    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    def face(self, bold: bool, italic: bool) -> Path:
        """The file of the face for this formatting."""
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        return self.italic if italic else self.regular


class TextStyle(NamedTuple):
    """What a text box gives all its text, on top of each run's own formatting.

    `bold`: the box shows every run bold (a title placeholder whose layout says so);
    `line_height`: the line pitch as a multiple of the font size.
    """

    bold: bool = False
    line_height: float = LINE_HEIGHT


class RoleSpec(NamedTuple):
    """Where a role's placeholder sits and how large its text may be.

    `free`: the template has no placeholder of its own for the role; it is a box the
    mapping added (a placeholder in a copy of the layout, drawn in the template's
    theme fonts and colours), or for a picture just a rectangle.
    """

    idx: int
    rect: Rect  # the placeholder's outer box
    insets: tuple[int, int, int, int]  # left, top, right, bottom text margins
    max_pt: float
    min_pt: float
    free: bool = False

    @property
    def text_rect(self) -> Rect:
        """The box available to text: the outer box less the insets."""
        return self.rect.inset(*self.insets)


class LayoutSpec(NamedTuple):
    """A kind's layout: its name in the template and its roles."""

    name: str
    roles: dict[str, RoleSpec]
    dark: bool = False


class Brand(NamedTuple):
    """Colours (hex without #), font family and measuring fonts, logo, footer text."""

    name: str
    colours: dict[str, str]
    font_family: str
    fonts: FontSet
    logo: Path | None
    footer: str


@dataclass(frozen=True)
class Template:
    """A checked brand template, ready for planning and rendering: a value, read by
    both and changed by neither. What a build remembers while it runs (measured text,
    the parsed package) is the caller's, not the template's.

    `pptx` is the template file; `prepared` the package decks are drawn on when
    checking had to change the file (sample slides removed, layouts added, ...), None
    when the file is used as it is.
    """

    folder: Path
    pptx: Path
    layouts: dict[str, LayoutSpec]
    brand: Brand
    slide_width: int
    slide_height: int
    # What the build should say once (fonts measured with a substitute, kinds drawn on a
    # layout that was not made for them).
    warnings: tuple[str, ...] = ()
    # (kind, role) → what the role's placeholder gives its text (inherited bold, line
    # pitch), for measuring it as it will be shown.
    styles: dict[tuple[str, str], TextStyle] = field(default_factory=dict)
    # kind → the free content area of its layout: the part of the content region (below
    # the title, above the footers) clear of the template's artwork; every shape the
    # planner adds stays inside it.
    free_areas: dict[str, Rect] = field(default_factory=dict)
    prepared: bytes | None = field(default=None, repr=False)

    def free_area(self, kind: str) -> Rect:
        """The free content area of `kind`'s layout (the whole slide when unknown)."""
        return self.free_areas.get(kind, Rect(0, 0, self.slide_width, self.slide_height))


def resolve_template(name_or_path: str, base_dir: Path, is_path: bool = False) -> Path:
    """Find a template from a deck's `template:` value or a `--template` option.

    A path (`is_path`, or a value with a slash) is taken relative to `base_dir` (the
    deck file's folder, or the working folder for the option); a bare name is looked
    up in `templates/` beside the content folder, then in `templates/` of the working
    folder, then among the brands that come with deck-builder (`builtin_brands`), so
    `template: vng` works in any folder. The answer is a brand folder (with
    layouts.yaml or a template file) or a .pptx/.potx file. Raises DeckError listing
    what was tried.
    """
    candidates: list[Path] = []
    given = Path(name_or_path)
    if is_path or "/" in name_or_path or "\\" in name_or_path or given.suffix.lower() in (
        *TEMPLATE_SUFFIXES, ".yaml", ".yml"
    ):
        candidates.append((base_dir / given).resolve())
    else:
        for base in (base_dir.parent, base_dir, Path.cwd()):
            candidates.append((base / "templates" / given).resolve())
        candidates.append(builtin_brands() / given)
    for candidate in candidates:
        if candidate.exists() and not candidate.is_dir() and not regular_file(candidate):
            # A pipe or a device (a link to /dev/zero) would block or never end.
            raise DeckError(f"template {name_or_path!r} is not a regular file ({candidate})")
        if candidate.suffix in {".yaml", ".yml"} and candidate.is_file():
            return candidate.parent
        if candidate.suffix.lower() in TEMPLATE_SUFFIXES and candidate.is_file():
            return candidate
        if (candidate / "layouts.yaml").is_file() or (
            candidate.is_dir() and template_files(candidate)
        ):
            return candidate
    tried = ", ".join(str(c) for c in dict.fromkeys(candidates))
    raise DeckError(
        f"template {name_or_path!r} not found (looked for a .pptx/.potx file or a folder "
        f"with layouts.yaml in: {tried})"
    )


def builtin_brands() -> Path:
    """The folder of the brands that come with deck-builder, one folder per brand.

    In an installed deck-builder they are package data (`deck_builder/brands/`, made
    from the repository's `templates/` when the wheel is built); in a source checkout
    they are that `templates/` folder itself, beside the package.
    """
    package = Path(__file__).resolve().parents[1]
    installed = package / "brands"
    return installed if installed.is_dir() else package.parent / "templates"


def template_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() in TEMPLATE_SUFFIXES and p.is_file()
                  and not p.name.startswith("~$"))  # PowerPoint's lock files
