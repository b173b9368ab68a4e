"""The accessibility checks PowerPoint's checker does not make, run together.

Links (`links.py`), the language of every run (`language.py`) and the decorative flag
(`decorative.py`); contrast measured on rendered slides (`contrast.py`) needs
LibreOffice and is run by its callers.
"""

from __future__ import annotations

from deck_builder.checks.decorative import check_decorative
from deck_builder.checks.findings import Finding
from deck_builder.checks.language import check_language
from deck_builder.checks.links import check_links
from deck_builder.checks.package import Package


def check_more(package: Package) -> list[Finding]:
    """The findings of the link, language and decorative-flag checks."""
    return [*check_links(package), *check_language(package), *check_decorative(package)]
