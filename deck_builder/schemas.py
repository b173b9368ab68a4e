"""JSON Schemas of the content files, made from the records the loader validates with.

Editors that understand the `# yaml-language-server: $schema=...` comment (VS Code
with the YAML extension, JetBrains IDEs, Neovim) complete keys and flag mistakes while
typing. The schemas describe the same rules as validation because they are generated
from the same record classes; what only a build can know (files exist, partner
abbreviations are in the registry, variables are defined) is left to `check`.
"""

from __future__ import annotations

import json
from typing import Any

from deck_builder.content.schema import RecordRule, json_schema

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
FILES = {
    "deck": "deck.schema.json",
    "section": "section.schema.json",
    "partners": "partners.schema.json",
    "afdelingen": "afdelingen.schema.json",
    "invitation": "invitation.schema.json",
    "meeting": "meeting.schema.json",
}
"""The content files that have a schema, and the file name each schema is written to."""


def content_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one kind of content file (a key of FILES)."""
    from deck_builder.content.overlays import Afdeling
    from deck_builder.content.records import DeckMeta, Partner
    from deck_builder.kinds import KINDS

    defs: dict[str, Any] = {}
    include = {
        "type": "object",
        "description": "The slides of another YAML file (a section file), in its order.",
        "properties": {"include": {
            "type": "string", "minLength": 1,
            "description": "The section file, relative to the file this is written in.",
            "examples": ["sections/01-nota-ruimte.yaml"]}},
        "required": ["include"],
        "additionalProperties": False,
    }

    def slides() -> dict[str, Any]:
        kinds = [RecordRule(kind.model).schema(defs) for kind in KINDS.values()]
        return {"type": "array", "items": {"anyOf": [*kinds, include]}, "minItems": 1,
                "description": "The slides in order, at least one: each a mapping with a "
                               "`kind:`, or `include:` of a section file."}

    if name == "deck":
        body = json_schema(DeckMeta, defs)
        meta = defs["DeckMeta"]
        root: dict[str, Any] = {
            **{key: value for key, value in meta.items() if key != "required"},
            "properties": {**meta["properties"], "slides": slides()},
            "required": [*meta.get("required", []), "slides"],
        }
        del body["$ref"]
        defs.pop("DeckMeta")
    elif name == "section":
        listed = slides()
        root = {"anyOf": [listed, {"type": "object", "properties": {"slides": listed},
                                   "required": ["slides"], "additionalProperties": False},
                          {"type": "null"}],
                "description": "A section file: a list of slides (or `slides:` with the "
                               "list), included by the deck file."}
    elif name == "partners":
        partner = RecordRule(Partner).schema(defs)
        root = {"type": ["object", "null"], "additionalProperties": partner,
                "description": "The partner registry: abbreviation → organisation."}
    elif name == "afdelingen":
        afdeling = RecordRule(Afdeling).schema(defs)
        items = {"type": "array", "items": afdeling,
                 "description": "The afdelingen, each with its meeting, its recipients and "
                                "how its deck differs from the base deck."}
        root = {"anyOf": [items, {"type": "object", "properties": {"afdelingen": items},
                                  "required": ["afdelingen"], "additionalProperties": False}]}
    elif name == "invitation":
        from deck_builder.delivery.invite import InvitationText

        RecordRule(InvitationText).schema(defs)
        root = defs.pop("InvitationText")
    elif name == "meeting":
        from deck_builder.delivery.invite import MeetingFile

        RecordRule(MeetingFile).schema(defs)
        root = defs.pop("MeetingFile")
    else:
        raise KeyError(f"no schema for {name!r}; choose one of: {', '.join(FILES)}")
    return {"$schema": SCHEMA_DIALECT, "title": f"deck-builder {name} file", **root,
            "$defs": dict(sorted(defs.items()))}


def render(name: str) -> str:
    """The schema as the text written to its file: stable key order, final newline."""
    return json.dumps(content_schema(name), indent=2, ensure_ascii=False) + "\n"
