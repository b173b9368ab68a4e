"""deck-builder: turn plain YAML content files into branded PowerPoint decks."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
