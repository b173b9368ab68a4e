"""Link text that says where a link leads (WCAG 2.4.4, 2.5.3, 4.1.2).

A screen reader user often hears a slide's links out of their sentence, in a list of
links; "https://www.ipo.nl/organisatie/over-ons" read out character by character, or
"klik hier", says little. So:

- `A11Y-LINK-BARE-URL`: the text of a link is a web address (the address itself, or
  anything that starts with http://, https:// or www.) where a name could stand:
  `[Interprovinciaal Overleg](https://www.ipo.nl)`. An e-mail address as the text of a
  mailto link is fine: the address is what the reader needs.
- `A11Y-LINK-TEXT`: the text of a link is a phrase that names no destination ("klik
  hier", "lees meer", "click here", "link"), or a linked shape has neither text nor alt
  text, so it has no name at all.

Consecutive runs of one paragraph that share a target are one link.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from deck_builder.checks.findings import Finding, finding
from deck_builder.checks.package import Package
from deck_builder.checks.slide_text import SlideShape, TextRun, slide_shapes
from deck_builder.ooxml.namespaces import A

_WEB_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
# Phrases that name no destination, Dutch and English, compared case-folded without
# punctuation at either end.
VAGUE = frozenset({
    "klik hier", "klik", "hier", "lees meer", "meer", "meer info", "meer informatie",
    "link", "deze link", "website", "deze website", "ga naar", "bekijk",
    "click here", "click", "here", "read more", "more", "more info", "this link",
    "learn more",
})
_EDGES = " \t\n.,;:!?()[]'\"«»‘’“”→>"


def check_links(package: Package) -> list[Finding]:
    """The link findings of every slide."""
    return [item for shape in slide_shapes(package) for item in _shape(shape)]


def _shape(shape: SlideShape) -> Iterator[Finding]:
    for text, target in links_of(shape):
        shown = text.strip()
        if is_web_address(shown, target):
            yield finding(
                "A11Y-LINK-BARE-URL",
                f'link text "{_short(shown)}" is a web address: name where it leads '
                f"instead (in content: [name]({target or shown}))",
                slide=shape.slide, shape=shape.name, part=shape.part)
        elif shown.strip(_EDGES).casefold() in VAGUE:
            yield finding(
                "A11Y-LINK-TEXT",
                f'link text "{_short(shown)}" does not say where the link leads',
                slide=shape.slide, shape=shape.name, part=shape.part)
    props = shape.properties
    if (props is not None and props.find(f"{A}hlinkClick") is not None
            and not shape.text.strip() and not (props.get("descr") or "").strip()):
        yield finding(
            "A11Y-LINK-TEXT",
            "a linked shape has no text and no alt text, so its link has no name",
            slide=shape.slide, shape=shape.name, part=shape.part)


def links_of(shape: SlideShape) -> Iterator[tuple[str, str]]:
    """(text, target) of each link in the shape's text: neighbouring runs with one
    target are one link."""
    for paragraph in shape.paragraphs:
        current: list[TextRun] = []
        for run in (*paragraph, None):
            if current and (run is None or run.link != current[0].link):
                yield "".join(r.text for r in current), current[0].link or ""
                current = []
            if run is not None and run.link is not None:
                current.append(run)


def is_web_address(text: str, target: str) -> bool:
    """Whether a link's text is a web address rather than a name."""
    if _WEB_ADDRESS.match(text):
        return True
    if not target or target.lower().startswith("mailto:"):
        return False
    return _bare(text) == _bare(target)


def _bare(address: str) -> str:
    address = address.strip().casefold()
    address = re.sub(r"^https?://", "", address)
    address = re.sub(r"^www\.", "", address)
    return address.rstrip("/")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
