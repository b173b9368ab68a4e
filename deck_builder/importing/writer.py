"""Imported content → the files of a content folder, as YAML people would write.

deck.yaml holds the metadata and the slides up to the first section; each section
slide opens a section file (`sections/NN-title.yaml`) that holds it and the slides
after it, and so does the first slide of each of PowerPoint's own sections
(`sections/NN-section-name.yaml`), but the deck's first. Keys keep the content's
order, text is quoted only where YAML needs it, a bullet without sub-bullets is its
text, and every file starts with the comment that points editors at its JSON Schema.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from deck_builder.importing.classify import Imported
from deck_builder.importing.figures import Inline, Row

_SLUG = re.compile(r"[^a-z0-9]+")
_WIDTH = 92


class _Dumper(yaml.SafeDumper):
    """Block style, keys in order, long text folded at spaces."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Lists indented under their key, as the project's own content is written.
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = ">" if len(value) > _WIDTH and "\n" not in value and value == value.strip() \
        and not value.startswith(("#", "-", "*", "'", '"', "[", "{", "&", "!", "|", ">", "%",
                                  "@", "`")) and "  " not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _flow_list(dumper: yaml.SafeDumper, value: Row) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


def _flow_dict(dumper: yaml.SafeDumper, value: Inline) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=True)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(Row, _flow_list)
_Dumper.add_representer(Inline, _flow_dict)


def dump(data: Any) -> str:
    """YAML text of `data`, in the style of hand-written content."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=_WIDTH, default_flow_style=False)


def files(imported: Imported, source_name: str) -> dict[str, bytes]:
    """The content folder's files by their path inside it (schemas not included)."""
    out: dict[str, bytes] = {}
    top: list[Any] = []
    sections: list[tuple[str, list[Any]]] = []
    for index, slide in enumerate(imported.slides):
        part = imported.file_breaks.get(slide.numbers[0]) if slide.numbers and index else None
        if slide.opens_section or part is not None:
            # A section slide opens a file named after it; a PowerPoint section that
            # begins on another slide, one named after the section.
            number = len(sections) + 1
            named = _title_of(slide.content) if slide.opens_section else str(part)
            slug = _SLUG.sub("-", named.casefold()).strip("-")[:40]
            name = f"sections/{number:02d}-{slug or 'sectie'}.yaml"
            sections.append((name, []))
            top.append({"include": name})
        content = slide.content
        if sections:
            content = _relative(content, "../")
            sections[-1][1].append(content)
        else:
            top.append(content)
    deck = dict(imported.meta)
    deck["slides"] = top
    header = (
        "# yaml-language-server: $schema=schemas/deck.schema.json\n"
        f"# Imported from {source_name}. Build it with: deck-builder build\n"
        "# Every slide has a `kind:`; see the README for all kinds and their keys.\n"
    )
    out["deck.yaml"] = (header + dump(deck)).encode()
    for name, slides in sections:
        text = ("# yaml-language-server: $schema=../schemas/section.schema.json\n"
                + dump(slides))
        out[name] = text.encode()
    if imported.partners:
        text = ("# yaml-language-server: $schema=schemas/partners.schema.json\n"
                "# Partner registry: abbreviation → full name, optional logo and website.\n"
                + dump(imported.partners))
        out["partners.yaml"] = text.encode()
    out.update(imported.files)
    return out


def _title_of(content: dict[str, Any]) -> str:
    title = content.get("title")
    return title if isinstance(title, str) else "sectie"


def _relative(content: dict[str, Any], prefix: str) -> dict[str, Any]:
    """The slide with its picture paths seen from a section file (one folder down)."""
    out = dict(content)
    if out.get("kind") == "slides-from" and isinstance(out.get("file"), str):
        out["file"] = prefix + out["file"]
    picture = out.get("picture")
    if isinstance(picture, dict) and "file" in picture:
        out["picture"] = {**picture, "file": prefix + picture["file"]}
    return out
