"""Findings on tables and charts: what PowerPoint's accessibility checker asks of them.

A table's first row must be marked as its header row (`a:tblPr firstRow="1"`, "Header
Row" in PowerPoint's table design): screen readers announce each cell with its column
heading only then. A chart without alt text is found by the alt-text check
(accessibility.py), as any picture is.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from deck_builder.checks.findings import Finding, finding
from deck_builder.ooxml.namespaces import NSMAP

_TABLE = f"{{{NSMAP['a']}}}tbl"
_FRAME = f"{{{NSMAP['p']}}}graphicFrame"


def table_findings(root: etree._Element, number: int, part: str) -> Iterator[Finding]:
    """A11Y-TABLE-HEADER for each table of a slide whose first row is not its header."""
    for frame in root.iter(_FRAME):
        table = frame.find(f".//{_TABLE}")
        if table is None:
            continue
        props = table.find("a:tblPr", NSMAP)
        if props is not None and props.get("firstRow") in {"1", "true"}:
            continue
        names = frame.find("p:nvGraphicFramePr/p:cNvPr", NSMAP)
        name = names.get("name") if names is not None else None
        yield finding("A11Y-TABLE-HEADER",
                      "table has no header row (mark its first row as the header row: "
                      "Table Design > Header Row)", slide=number, shape=name, part=part)
