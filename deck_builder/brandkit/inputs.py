"""Read a brand folder's YAML for the builder and check it against the layout designs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from deck_builder.brandkit.contrast import check_contrast
from deck_builder.content.source import Mapping, Node, load_file
from deck_builder.errors import ProblemCollector, SourceRef
from deck_builder.template.design import LayoutDesign
from deck_builder.template.load import FONT_FACES, Brand, KindConfig, load_configs
from deck_builder.template.model import FontSet

DEFAULT_LOGO = "logo.png"


@dataclass(frozen=True)
class BuildInputs:
    """What the builder works from: the brand, where its logo goes, the kinds in order."""

    brand: Brand
    logo: Path  # written by the builder, so it need not exist yet
    kinds: dict[str, KindConfig]  # file order of layouts.yaml = the template's layout order


def load_inputs(brand_dir: Path, designs: dict[str, LayoutDesign]) -> BuildInputs:
    """Load layouts.yaml and brand.yaml of `brand_dir` and check them against `designs`.

    Raises DeckError with every problem: invalid YAML (at its line), a kind or role
    without a design, a kind without a layout name or a role without an idx (the builder
    writes both), a title not at idx 0, a shared layout name, a `dark:` flag that
    contradicts the design (the planner picks link colours by it), or a text colour
    that cannot be read on a background the design puts it on (see brandkit.contrast),
    at its line in brand.yaml.
    """
    layouts, config = load_configs(brand_dir)
    where = SourceRef(brand_dir / "layouts.yaml")
    problems = ProblemCollector()
    names = [kind.layout for kind in layouts.kinds.values()]
    if len(set(names)) != len(names):
        problems.add("two kinds use the same layout; names must be unique", where)
    for name, kind in layouts.kinds.items():
        design = designs.get(name)
        if design is None:
            problems.add(f"no layout design for kind {name!r}", where)
            continue
        if kind.layout is None:
            problems.add(f"kind {name!r} needs `layout:`, the name of its layout", where)
        unnumbered = sorted(role for role, config in kind.roles.items() if config.idx is None)
        if unnumbered:
            problems.add(f"kind {name!r}: roles without `idx:`: {unnumbered}", where)
        unknown = set(kind.roles) - set(design.placeholders)
        if unknown:
            problems.add(f"kind {name!r} has roles without a design: {sorted(unknown)}", where)
        title = kind.roles.get("title")
        if title is not None and title.idx != 0:
            problems.add(f"kind {name!r}: title must be idx 0", where)
        if kind.dark != design.dark:
            said, shade = ("true", "light") if kind.dark else ("false", "dark")
            problems.add(f"kind {name!r}: `dark: {said}` but its design is {shade}", where)
    problems.raise_if_any()

    logo = brand_dir / (config.logo or DEFAULT_LOGO)
    fonts = FontSet(*(brand_dir / config.fonts.files[face] for face in FONT_FACES))
    colours = {key: value.upper() for key, value in config.colours.items()}
    brand_file = brand_dir / layouts.brand
    colour_keys = _colour_keys(load_file(brand_file))
    check_contrast(colours, designs, layouts.kinds,
                   lambda key: colour_keys.get(key, SourceRef(brand_file)), problems)
    problems.raise_if_any()
    brand = Brand(
        name=config.name,
        colours=colours,
        font_family=config.fonts.family,
        fonts=fonts,
        logo=logo,
        footer=config.footer,
    )
    return BuildInputs(brand, logo, dict(layouts.kinds))


def _colour_keys(node: Node) -> dict[str, SourceRef]:
    """Where brand.yaml names each colour: the line of its key under `colours:`."""
    colours = node.get("colours") if isinstance(node, Mapping) else None
    return dict(colours.keys) if isinstance(colours, Mapping) else {}
