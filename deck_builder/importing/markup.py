"""Runs of a source deck as content text: the content's inline markup."""

from __future__ import annotations

from collections.abc import Iterable

from deck_builder.content import richtext
from deck_builder.importing.model import Span


def markup(spans: Iterable[Span]) -> str:
    """Runs as content text: markup characters escaped, bold, italic and links marked."""
    out: list[str] = []
    for span in spans:
        text = span.text.replace("\n", " ")
        if not text:
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        core = richtext.escape(text.strip())
        if core:
            if span.italic:
                core = f"*{core}*"
            if span.bold:
                core = f"**{core}**"
            if span.link:
                target = span.link
                if target.startswith("mailto:"):
                    address = target[len("mailto:"):]
                    core = core if richtext.unescape(core) == address else f"[{core}]({address})"
                elif richtext.unescape(core) != target or not target.startswith("http"):
                    core = f"[{core}]({target})" if _safe_link(target) else core
        out.append(lead + core + trail)
    return "".join(out).strip()


def _safe_link(target: str) -> bool:
    return target.startswith(("http://", "https://", "mailto:"))
