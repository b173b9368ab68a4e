"""XML parts are parsed without trusting them: no entities, no network, no DTD."""

from __future__ import annotations

import threading
from pathlib import Path

from lxml import etree

from deck_builder.ooxml import parsing


def test_entities_are_not_expanded() -> None:
    root = parsing.parse(b'<!DOCTYPE x [<!ENTITY e "expanded">]><x>&e;</x>')
    assert "expanded" not in "".join(root.itertext())


def test_an_entity_bomb_is_refused_or_left_alone() -> None:
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    xml = f'<!DOCTYPE x [<!ENTITY l0 "lol">{laughs}]><x>&l9;</x>'.encode()
    try:
        root = parsing.parse(xml)
    except etree.XMLSyntaxError:
        return  # libxml2 refuses the amplification itself
    assert "lol" not in "".join(root.itertext())


def test_external_entities_are_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read me", encoding="utf-8")
    xml = f'<!DOCTYPE x [<!ENTITY s SYSTEM "{secret.as_uri()}">]><x>&s;</x>'
    root = parsing.parse(xml.encode())
    assert "do not read me" not in "".join(root.itertext())


def test_each_thread_has_its_own_parser() -> None:
    found: list[object] = []
    worker = threading.Thread(target=lambda: found.append(parsing.parser()))
    worker.start()
    worker.join()
    assert parsing.parser() is parsing.parser()
    assert found[0] is not parsing.parser()
