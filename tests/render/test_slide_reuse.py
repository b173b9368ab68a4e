"""slide_reuse: a slide copied from an earlier deck of a batch is byte for byte a drawn one."""

from __future__ import annotations

import io
import zipfile

from lxml import etree
from pptx import Presentation

from deck_builder import pipeline
from deck_builder.content.records import Deck
from deck_builder.ooxml import package
from deck_builder.planning.model import SlidePlan
from deck_builder.render import slide_reuse
from tests.conftest import BuiltDeck


def _bytes(deck: Deck, session: pipeline.BuildSession, plans: list[SlidePlan]) -> bytes:
    return package.to_bytes(pipeline.render(deck, session, plans))


def test_a_reused_deck_is_the_drawn_deck(kitchen_deck: BuiltDeck) -> None:
    """Every kind, with pictures, partner logos, links and notes."""
    deck = pipeline.load_deck(kitchen_deck.path.parent / "content")
    template = pipeline.open_template(deck)
    drawing = pipeline.open_session(template)
    plans, _ = pipeline.plan(deck, drawing)
    drawn = _bytes(deck, drawing, plans)
    assert drawing.kept is None  # a single build draws every slide

    batch = pipeline.open_session(template, batch=True)
    first = _bytes(deck, batch, plans)
    kept = batch.kept
    assert kept is not None
    assert len(kept) == len(plans)  # every slide of this deck can be reused
    assert any(k.operations for k in kept.values())  # links or pictures among them
    assert any(k.notes is not None for k in kept.values())
    second = _bytes(deck, batch, plans)  # every slide copied
    assert first == drawn
    assert second == drawn


def test_a_changed_slide_is_drawn_again(kitchen_deck: BuiltDeck) -> None:
    deck = pipeline.load_deck(kitchen_deck.path.parent / "content")
    session = pipeline.open_session(pipeline.open_template(deck), batch=True)
    plans, _ = pipeline.plan(deck, session)
    _bytes(deck, session, plans)
    changed = [plans[0]._replace(name="Anders"), *plans[1:]]
    assert session.kept is not None
    assert session.kept.get(slide_reuse.key(changed[0], "nl-NL")) is None
    data = _bytes(deck, session, changed)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b'name="Anders"' in archive.read("ppt/slides/slide1.xml")
    assert Presentation(io.BytesIO(data)).slides[0].shapes.title.text_frame.text


def test_the_store_is_bounded_and_keeps_what_is_reused() -> None:
    store = slide_reuse.Store()
    sample = slide_reuse.Kept(etree.Element("spTree"), ())
    store.put("gedeeld", sample)
    assert store.get("gedeeld") is sample  # reused by a later deck
    for number in range(slide_reuse._MAX_KEPT * 3):
        store.put(f"eigen {number}", sample)  # slides of one deck each
        assert len(store) <= slide_reuse._MAX_KEPT
    assert store.get("gedeeld") is sample  # the reused slide survived every clean-up
    assert store.get("eigen 0") is None
