"""Is a .pptx ready to send? Package integrity and accessibility checks of any deck.

    report = check_deck(Path("output/actualiteiten.pptx"))
    print(report.to_text())
    raise SystemExit(report.exit_code(strict=False))

`check_package` finds what makes PowerPoint offer to repair a file; `check_accessibility`
follows PowerPoint's accessibility checker and WCAG 2.1. Every finding has a stable code,
listed with its default severity and meaning in `CODES`.
"""

from __future__ import annotations

import dataclasses
import io
import os
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from deck_builder.checks.findings import CODES, CodeInfo, Finding, Report, Severity, finding
from deck_builder.checks.package import check_loaded_package, check_package, open_package
from deck_builder.errors import SourceRef

if TYPE_CHECKING:
    from pptx.presentation import Presentation

    from deck_builder.checks.accessibility import check_accessibility
    from deck_builder.checks.contrast import SlideImages


def __getattr__(name: str) -> object:
    # The accessibility checker is imported on first use: the package check runs after
    # every build and should not pay for it.
    if name == "check_accessibility":
        from deck_builder.checks.accessibility import check_accessibility

        return check_accessibility
    raise AttributeError(name)

__all__ = [
    "CODES",
    "CodeInfo",
    "Finding",
    "Report",
    "Severity",
    "check_accessibility",
    "check_deck",
    "check_package",
]


def check_deck(
    source: Path | str | bytes | Presentation,
    *,
    package: bool = True,
    accessibility: bool = True,
    slide_sources: Mapping[int, SourceRef] | None = None,
    draw: SlideImages | None = None,
) -> Report:
    """Check a deck (a path, its bytes, or a python-pptx Presentation) and report the findings.

    The zip is read and each XML part parsed once for both kinds of check. A file that is
    no zip at all gives a single PKG-BAD-ZIP error. `slide_sources` maps slide numbers to
    the content position they were written at; findings on those slides carry it as
    `where`. With `draw` (a function that draws a deck's slides), text over pictures and
    gradients is also measured on the drawn slides (`contrast.py`).
    """
    if not isinstance(source, bytes | str | os.PathLike):
        buffer = io.BytesIO()
        source.save(buffer)
        source = buffer.getvalue()
    try:
        opened = open_package(source)
    except zipfile.BadZipFile as error:
        return Report([finding("PKG-BAD-ZIP", f"not a readable zip archive: {error}")])
    found: list[Finding] = []
    if package:
        found += check_loaded_package(opened)
    if accessibility:
        from deck_builder.checks.accessibility import check_loaded_accessibility

        found += check_loaded_accessibility(opened)
        from deck_builder.checks.more import check_more

        found += check_more(opened)
        if draw is not None:
            from deck_builder.checks.contrast import check_rendered_contrast

            data = source if isinstance(source, bytes) else Path(source).read_bytes()
            found += check_rendered_contrast(data, draw)
    if slide_sources:
        found = [
            dataclasses.replace(item, where=slide_sources[item.slide])
            if item.where is None and item.slide is not None and item.slide in slide_sources
            else item
            for item in found
        ]
    return Report(found)
