"""Generate a brand's PowerPoint template and stand-in logos from its YAML definition."""

# The template starts from python-pptx's default package, then its theme, master and
# layouts are rewritten as XML: one master, exactly the layouts named in layouts.yaml,
# no slides. Geometry is designed here per slide kind (designs.py); names, idx values
# and size ranges come from the YAML, so planner and template cannot disagree.
# Rebuild with `deck-builder template build templates/vng`.

from deck_builder.brandkit.build import build_template

__all__ = ["build_template"]
