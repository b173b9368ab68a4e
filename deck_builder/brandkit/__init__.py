"""Generate a brand's PowerPoint template and stand-in logos from its YAML definition."""

# The template starts from python-pptx's default package, then its theme, master and
# layouts are rewritten as XML: one master, exactly the layouts named in layouts.yaml,
# no slides. Each slide kind declares its layout's geometry (`SlideKind.design`, in the
# vocabulary of template/design.py); the master and footer are designed in designs.py.
# Names, idx values and size ranges come from the YAML, so planner and template cannot
# disagree.
# Rebuild with `deck-builder template build templates/vng`.

from deck_builder.brandkit.build import build_template

__all__ = ["build_template"]
