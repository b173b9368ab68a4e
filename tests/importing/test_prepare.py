"""Slides made elsewhere made fit for our kinds: one title, text of sizes a slide holds,
every character kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from deck_builder.importing.model import Paragraph, SourceSlide, Span, TextBlock
from deck_builder.importing.prepare import PARAGRAPH_MAX, TITLE_MAX, prepare, split_paragraph
from deck_builder.ooxml.geometry import Rect

_WORD = st.text(alphabet="abcdefghij", min_size=1, max_size=12)
_SENTENCE = st.lists(_WORD, min_size=1, max_size=30).map(lambda words: " ".join(words) + ".")
_SPAN = st.builds(Span, st.lists(_SENTENCE, min_size=1, max_size=8).map(" ".join),
                  st.booleans(), st.booleans())


@given(st.lists(_SPAN, min_size=1, max_size=6), st.integers(40, 900))
def test_a_split_keeps_every_word_and_its_formatting(spans: list[Span], limit: int) -> None:
    # Spans join without a space in between, as runs do: the text is theirs in order.
    paragraph = Paragraph(tuple(spans), level=1, bullet=True)
    pieces = split_paragraph(paragraph, limit)
    assert " ".join(piece.text for piece in pieces).split() == paragraph.text.split()
    assert all(len(piece.text) <= limit for piece in pieces)
    assert all(piece.level == 1 and piece.bullet for piece in pieces)
    bold = "".join(c for span in spans if span.bold for c in span.text if not c.isspace())
    assert "".join(c for piece in pieces for span in piece.spans if span.bold
                   for c in span.text if not c.isspace()) == bold


def test_a_paragraph_is_cut_between_sentences() -> None:
    sentence = "Deze zin gaat over de plannen van de gemeente voor de komende jaren. "
    paragraph = Paragraph((Span((sentence * 30).strip()),))
    pieces = split_paragraph(paragraph)
    assert len(pieces) > 1
    assert all(piece.text.endswith("jaren.") for piece in pieces)
    assert all(len(piece.text) <= PARAGRAPH_MAX for piece in pieces)


def _block(role: str, text: str, size: float | None, y: int, name: str = "") -> TextBlock:
    return TextBlock(role, name or text, Rect(914400, y, 8 * 914400, 600000),
                     (Paragraph((Span(text),)),), size=size)


def _slide(*blocks: TextBlock) -> SourceSlide:
    return SourceSlide(1, "", "Blank", 12192000, 6858000, blocks=list(blocks))


def test_a_headline_in_a_text_box_becomes_the_title() -> None:
    slide, notes = prepare(_slide(_block("other", "Woningbouw", 40, 500000),
                                  _block("other", "Team Wonen", 20, 2000000)))
    assert [b.role for b in slide.blocks] == ["title", "other"]
    assert notes == []
    same, _ = prepare(_slide(_block("other", "Woningbouw", 24, 500000),
                             _block("other", "Team Wonen", 20, 2000000)))
    assert [b.role for b in same.blocks] == ["other", "other"]  # not clearly larger


def test_of_several_titles_the_largest_with_lines_stacked_on_it_is_the_title() -> None:
    slide, _ = prepare(_slide(_block("title", "CANDY", 66, 1000000),
                              _block("title", "TEMPLATE", 44, 1700000),
                              _block("title", "Een regel tekst", 12, 3000000),
                              _block("title", "Lorem", 20, 5000000)))
    titles = slide.role("title")
    assert len(titles) == 1
    assert titles[0].text == "CANDY\nTEMPLATE"
    assert [b.text for b in slide.blocks if b.role == "other"] == ["Een regel tekst", "Lorem"]


def test_a_title_too_long_for_a_title_is_text() -> None:
    long = "Een titel die een hele alinea is " * 6
    assert len(long) > TITLE_MAX
    slide, _ = prepare(_slide(_block("title", long, 32, 500000)))
    assert slide.role("title") == []
    assert slide.blocks[0].text == long
