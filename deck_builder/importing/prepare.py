"""A slide made elsewhere, made fit for our kinds before it is classified.

Other tools mark titles their own way: PptxGenJS and hand-made slides often have text
boxes only (the headline is a title all the same), LibreOffice marks every text frame
of some slides as a title. And a deck made elsewhere may hold more text in one place
than a slide of ours does: a whole paragraph as a title, a page of text as one
paragraph. `prepare` gives each slide one title of a sensible length and paragraphs a
slide can show, keeping every character and saying what it changed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from deck_builder.importing.model import Paragraph, SourceSlide, Span, TextBlock

__all__ = ["PARAGRAPH_MAX", "TITLE_MAX", "first_words", "prepare", "split_paragraph"]

_HEADLINE_MIN_PT = 24.0
_BODY_PT = 18.0  # taken for text without a size of its own (the usual body size)


def _with_headline(slide: SourceSlide) -> SourceSlide:
    """The slide with one title: its headline when it has no title placeholder (slides
    drawn with text boxes only, as generators and hand-made slides often are), the
    largest of several (LibreOffice marks every text frame of some slides as a title).

    The headline is the slide's first text, short (at most two lines), at least 24 pt
    and at least a third larger than any other text on the slide. Of several titles,
    the one set largest (the first of those) stays the title; the others are text.
    """
    titles = slide.role("title")
    if len(titles) > 1:
        largest = max(b.size or 0.0 for b in titles)
        head = next(b for b in titles if (b.size or 0.0) == largest)
        # Large title lines stacked on it ("CANDY" over "TEMPLATE") are its lines.
        lines = [b for b in titles if b is head or _stacked_on(b, head)]
        joined = replace(head, paragraphs=tuple(p for b in lines for p in b.paragraphs))
        blocks = []
        for block in slide.blocks:
            if block is head:
                blocks.append(joined)
            elif block.role == "title" and block not in lines:
                blocks.append(replace(block, role="other"))
            elif block.role != "title":
                blocks.append(block)
        return replace(slide, blocks=blocks)
    if titles:
        return slide
    texts = [b for b in slide.blocks if b.text.strip()]
    if not texts or texts[0].role != "other":
        return slide
    head, rest = texts[0], texts[1:]
    size = head.size or 0.0
    filled = [p for p in head.paragraphs if p.text.strip()]
    if size < _HEADLINE_MIN_PT or len(filled) > 2 or len(head.text) > 150 or \
            any(size < 4 / 3 * (b.size or _BODY_PT) for b in rest):
        return slide
    blocks = [replace(b, role="title") if b is head else b for b in slide.blocks]
    return replace(slide, blocks=blocks)


# What a slide of ours holds at most: a longer title is the slide's first paragraph (a
# title of its first words above it), a longer paragraph is split between sentences.
TITLE_MAX = 150
PARAGRAPH_MAX = 800
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


def first_words(text: str, limit: int = 60) -> str:
    """The text's first sentence when short, else its first words and an ellipsis."""
    first = _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    if len(first) <= limit:
        return first.rstrip(".;:")
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut} …"


def split_paragraph(paragraph: Paragraph, limit: int = PARAGRAPH_MAX) -> list[Paragraph]:
    """The paragraph as paragraphs of at most `limit` characters, cut between sentences
    (between words in a sentence longer than that), formatting kept."""
    text = paragraph.text
    if len(text) <= limit:
        return [paragraph]
    cuts = [match.end() for match in _SENTENCE_END.finditer(text)]
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        within = [c for c in cuts if start < c <= start + limit]
        if not within:  # one long sentence: between words
            within = [m.end() for m in re.finditer(r"\s+", text[start:start + limit])]
            within = [start + c for c in within if c > 0]
        end = within[-1] if within else start + limit
        pieces.append((start, end))
        start = end
    pieces.append((start, len(text)))
    return [Paragraph(_spans_between(paragraph.spans, a, b), paragraph.level, paragraph.bullet)
            for a, b in pieces if text[a:b].strip()]


def _spans_between(spans: tuple[Span, ...], start: int, end: int) -> tuple[Span, ...]:
    """The part of `spans` from character `start` to `end`, white space at its ends cut."""
    out: list[Span] = []
    position = 0
    for span in spans:
        left, right = max(start, position), min(end, position + len(span.text))
        if left < right:
            out.append(replace(span, text=span.text[left - position:right - position]))
        position += len(span.text)
    if out:
        out[0] = replace(out[0], text=out[0].text.lstrip())
        out[-1] = replace(out[-1], text=out[-1].text.rstrip())
    return tuple(span for span in out if span.text)


def _stacked_on(block: TextBlock, head: TextBlock) -> bool:
    """Whether `block` is another line of the headline `head`: large text (24 pt or
    more) right above or under it, overlapping it sideways."""
    if block.rect is None or head.rect is None or (block.size or 0.0) < _HEADLINE_MIN_PT:
        return False
    a, b = block.rect, head.rect
    sideways = min(a.x + a.w, b.x + b.w) - max(a.x, b.x) > 0
    gap = max(a.y - (b.y + b.h), b.y - (a.y + a.h))
    return sideways and gap < min(a.h, b.h) / 2


def prepare(slide: SourceSlide) -> tuple[SourceSlide, list[str]]:
    """The slide with one title (see `_with_headline`), none longer than TITLE_MAX
    (a longer one is text), no paragraph longer than PARAGRAPH_MAX (split between
    sentences); and what was changed, said for the import report."""
    slide = _with_headline(slide)
    notes: list[str] = []
    blocks = []
    for block in slide.blocks:
        if block.role == "title" and len(block.text) > TITLE_MAX:
            block = replace(block, role="other")
        if any(len(p.text) > PARAGRAPH_MAX for p in block.paragraphs):
            block = replace(block, paragraphs=tuple(
                piece for p in block.paragraphs for piece in split_paragraph(p)))
            notes.append(f"a paragraph longer than {PARAGRAPH_MAX} characters was split "
                         "between sentences")
        blocks.append(block)
    return replace(slide, blocks=blocks), notes
