"""The repository's content/ read as plain YAML, independently of the package.

Expected values of the tests that build or vary the real deck come from here, so that
they follow the content files and do not repeat what the package computes.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import CONTENT_DIR

DUTCH_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december",
)


def load_yaml(path: Path) -> Any:
    """A YAML file read with yaml.safe_load."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def deck_meta(content_dir: Path = CONTENT_DIR) -> dict[str, Any]:
    """deck.yaml without its slides."""
    return {k: v for k, v in load_yaml(content_dir / "deck.yaml").items() if k != "slides"}


def deck_slug(content_dir: Path = CONTENT_DIR) -> str:
    """The deck's `slug:`."""
    return str(deck_meta(content_dir)["slug"])


def base_slides() -> list[dict[str, Any]]:
    """The slides of content/, includes expanded, in order."""
    slides: list[dict[str, Any]] = []

    def expand(items: list[dict[str, Any]], folder: Path) -> None:
        for item in items:
            if set(item) == {"include"}:
                path = folder / item["include"]
                loaded = load_yaml(path) or []
                expand(loaded["slides"] if isinstance(loaded, dict) else loaded, path.parent)
            else:
                slides.append(item)

    expand(load_yaml(CONTENT_DIR / "deck.yaml")["slides"], CONTENT_DIR)
    return slides


def base_slide(slide_id: str) -> dict[str, Any]:
    """The slide of content/ with this id."""
    (slide,) = [s for s in base_slides() if s.get("id") == slide_id]
    return slide


def base_ids() -> list[str]:
    """Ids of the slides of content/, in order."""
    return [str(slide["id"]) for slide in base_slides()]


def as_date(value: Any) -> dt.date:
    """A YAML date (safe_load gives a date; quoted text is parsed)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def long_date(value: Any) -> str:
    """`5 december 2025`: the date as the Dutch decks write it."""
    date = as_date(value)
    return f"{date.day} {DUTCH_MONTHS[date.month - 1]} {date.year}"


def pdf_pages(pdf: Path) -> int:
    """The page count pdfinfo reads."""
    info = subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    match = re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE)
    assert match, info
    return int(match.group(1))
