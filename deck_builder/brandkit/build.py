"""Build a brand's template.pptx and logos: load, check, draw, assemble, write."""

from __future__ import annotations

from pathlib import Path

from deck_builder.brandkit.designs import layout_designs
from deck_builder.brandkit.inputs import load_inputs
from deck_builder.brandkit.logo import build_logos
from deck_builder.brandkit.package import build_package
from deck_builder.files import write_atomically


def build_template(brand_dir: Path) -> Path:
    """Write logo.png, logo-negative.png and template.pptx into `brand_dir` from its
    brand.yaml and layouts.yaml; return the pptx path.

    Deterministic: an unchanged brand rebuilds byte-identical files. Raises DeckError,
    before writing anything, when the YAML is invalid or asks for a kind or role that
    has no layout design.
    """
    brand_dir = Path(brand_dir)
    designs = layout_designs()
    inputs = load_inputs(brand_dir, designs)
    logo, negative = build_logos(inputs.brand, inputs.logo)
    data = build_package(inputs.brand, inputs.kinds, designs, logo, negative)
    out = brand_dir / "template.pptx"
    write_atomically(data, out)  # a failed rebuild leaves the old template intact
    return out
