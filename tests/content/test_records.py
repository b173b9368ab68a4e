"""Content records of model.py: pictures, contacts, bodies."""

from __future__ import annotations

from pathlib import Path

import pytest

from deck_builder.content.records import Contact, Item, Picture
from deck_builder.content.schema import validate
from deck_builder.content.source import parse_text
from deck_builder.errors import ProblemCollector

SOURCE = Path("content.yaml")


def check(cls: type, text: str) -> tuple[object, list[str]]:
    problems = ProblemCollector()
    record = validate(cls, parse_text(text, SOURCE), problems)
    return record, [f"{p.where.line}:{p.where.column}: {p.message}" for p in problems.problems]


def test_a_picture_needs_alt_text_or_to_be_decorative() -> None:
    record, problems = check(Picture, "file: a.png\nalt: Kaart van Nederland\n")
    assert problems == []
    assert (record.alt, record.decorative, record.fit, record.focal) == (
        "Kaart van Nederland", False, "contain", None)
    record, problems = check(Picture, "file: a.png\ndecorative: ja\n")
    assert problems == []
    assert record.alt is None
    assert record.decorative is True
    _, problems = check(Picture, "file: a.png\ncaption: Zonder beschrijving\n")
    assert len(problems) == 1
    assert problems[0].startswith("1:1: missing required key 'alt'")
    assert "decorative: true" in problems[0]


def test_cover_with_a_focal_point() -> None:
    record, problems = check(Picture, "file: a.png\nalt: x\nfit: cover\nfocal: [0.25, 1]\n")
    assert problems == []
    assert (record.fit, record.focal) == ("cover", (0.25, 1.0))


@pytest.mark.parametrize("focal", ["[0.5]", "[0.5, 1.5]", "[1, 2, 3]", "midden"])
def test_a_focal_point_outside_the_picture_is_refused(focal: str) -> None:
    _, problems = check(Picture, f"file: a.png\nalt: x\nfit: cover\nfocal: {focal}\n")
    assert len(problems) == 1
    assert problems[0].startswith("4:8: focal: ")


def test_contacts_refuse_header_injection_and_bad_addresses() -> None:
    record, problems = check(Contact, "name: Secretariaat\nemail: a.b@example.org\n")
    assert problems == []
    assert record == Contact(name="Secretariaat", email="a.b@example.org")
    _, problems = check(Contact, 'name: "A\\r\\nBcc: x@evil.example"\nemail: a@example.org\n')
    assert problems == ["1:7: name: contains a line break"]
    _, problems = check(Contact, "email: 'a@example.org>b@evil.example'\n")
    assert len(problems) == 1
    assert problems[0].startswith("1:8: email: 'a@example.org>b@evil.example' is not a usable")


def test_body_items_short_forms() -> None:
    record, problems = check(Item, "paragraph: 'Doel: iets'\nitems: [a, {text: b}]\n")
    assert problems == []
    assert record.bullet is False
    assert [child.bullet for child in record.items] == [True, True]
