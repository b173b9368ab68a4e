"""content/afdelingen.yaml read as plain YAML, and copies of content/ with an overlay added.

Shared by the variant tests: test_variants, test_cli_variants, test_diff and test_batch.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path
from typing import Any

from tests.conftest import CONTENT_DIR, REPO_ROOT, locate_in
from tests.helpers import as_date, deck_slug, load_yaml, long_date

AFDELINGEN_PATH = CONTENT_DIR / "afdelingen.yaml"
OVERLAY_KEYS = ("add", "drop", "override", "variables")


def afdelingen(path: Path = AFDELINGEN_PATH) -> list[dict[str, Any]]:
    """The entries of an afdelingen.yaml, as plain YAML."""
    data = load_yaml(path)
    return list(data["afdelingen"] if isinstance(data, dict) else data)


def afdeling(slug: str, path: Path = AFDELINGEN_PATH) -> dict[str, Any]:
    """One entry of an afdelingen.yaml by slug."""
    (entry,) = [a for a in afdelingen(path) if a["slug"] == slug]
    return entry


SLUGS = [entry["slug"] for entry in afdelingen()]


def plain_afdelingen() -> list[dict[str, Any]]:
    """Entries of content/ without any overlay (no add/drop/override/variables), in order."""
    return [a for a in afdelingen() if not any(key in a for key in OVERLAY_KEYS)]


def output_file_name(entry: dict[str, Any], content_dir: Path = CONTENT_DIR) -> str:
    """`<meeting-date>-<deck-slug>-<afdeling-slug>.pptx`."""
    return f"{as_date(entry['date']).isoformat()}-{deck_slug(content_dir)}-{entry['slug']}.pptx"


def variables_of(entry: dict[str, Any]) -> dict[str, str]:
    """The variables an afdeling defines, per the header comment of afdelingen.yaml."""
    names = {"name": "afdeling", "short": "afdeling_kort", "meeting": "vergadering",
             "place": "plaats", "start": "begintijd", "end": "eindtijd", "chair": "voorzitter",
             "contact": "contactpersoon"}
    values = {var: str(entry[key]) for key, var in names.items() if key in entry}
    values["datum"] = long_date(entry["date"])
    values.update({k: str(v) for k, v in (entry.get("variables") or {}).items()})
    return values


def substituted(text: str, values: dict[str, str]) -> str:
    """`text` with every `{name}` replaced from `values` (KeyError if one is unknown)."""
    return re.sub(r"\{([a-z_]+)\}", lambda m: values[m.group(1)], text)


def strings(value: Any) -> list[str]:
    """Every text inside a YAML value (lists and mappings flattened, in order)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings(item)]
    return [] if value is None else [str(value)]


def copy_content(root: Path) -> Path:
    """A copy of the repository's content/ at root/content, templates/ reachable beside it."""
    target = root / "content"
    shutil.copytree(CONTENT_DIR, target)
    templates = root / "templates"
    if not templates.exists():
        templates.symlink_to(REPO_ROOT / "templates", target_is_directory=True)
    return target


def block_end(text: str, slug: str) -> int:
    """Offset just past the last non-blank line of afdeling `slug`'s block in `text`."""
    start = text.index(f"  - slug: {slug}\n")
    following = text.find("\n  - slug: ", start + 1)
    block = text[start: following + 1 if following != -1 else len(text)]
    return start + len(block.rstrip()) + 1


def with_overlay(text: str, slug: str, overlay: str) -> str:
    """afdelingen.yaml text with `overlay` (YAML at column 0) added to `slug`'s entry."""
    at = block_end(text, slug)
    body = textwrap.indent(textwrap.dedent(overlay).strip("\n"), "    ") + "\n"
    return text[:at] + body + text[at:]


def write_overlay(content_dir: Path, slug: str, overlay: str) -> str:
    """Add `overlay` to `slug`'s entry in the afdelingen.yaml of `content_dir`; the new text."""
    path = content_dir / "afdelingen.yaml"
    text = with_overlay(path.read_text(encoding="utf-8"), slug, overlay)
    path.write_text(text, encoding="utf-8")
    return text


def ref(text: str, needle: str, skip: int = 0, occurrence: int = 1) -> str:
    """`afdelingen.yaml:LINE:COL` of the `occurrence`-th `needle`, `skip` columns in."""
    line, column = locate_in(text, needle, occurrence)
    return f"afdelingen.yaml:{line}:{column + skip}"
