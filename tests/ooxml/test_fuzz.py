"""Damaged packages through the commands that read them: never a traceback, never a
memory blow-up.

A seeded mutator damages the bytes of real packages (our template, python-pptx's
default one, pandoc's reference deck where pandoc is installed, and a built deck) the
ways files get damaged or made hostile: flipped bytes in compressed data, truncation,
entries twice, headers that lie about sizes or CRCs, unsupported methods, DOCTYPEs with
entities, parts taken out, zip bombs. Each result goes through `template check`,
`build --template`, `check` and `import`, in process through the command line: each must
end with exit status 0 or 1 and a message, whatever it was given.
"""

from __future__ import annotations

import random
import resource
import shutil
import subprocess
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from pptx import Presentation

from deck_builder.cli import main
from tests.conftest import TEMPLATE_DIR, BuiltDeck, header
from tests.importing.decks import foreign_deck
from tests.ooxml import damage

SEED = 20261207
CASES = 400  # packages per run: a quarter through each command
_ENTITIES = (b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
             b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d SYSTEM "http://127.0.0.1:9/x">]>')

Mutation = Callable[[random.Random, list[damage.Member]], list[damage.Member]]


def _pick(rng: random.Random, members: list[damage.Member], xml: bool = False) -> int:
    choices = [i for i, m in enumerate(members) if not xml or m.name.endswith((".xml", ".rels"))]
    return rng.choice(choices)


def flip_compressed(rng: random.Random, members: list[damage.Member]) -> list[damage.Member]:
    item = members[_pick(rng, members)]
    raw = bytearray(item.raw)
    for _ in range(rng.randint(1, 4)):
        if raw:
            raw[rng.randrange(len(raw))] ^= 1 << rng.randrange(8)
    item.raw = bytes(raw)
    return members


def duplicate(rng: random.Random, members: list[damage.Member]) -> list[damage.Member]:
    item = members[_pick(rng, members)]
    copy = damage.Member(item.name.upper() if rng.random() < 0.3 else item.name, item.raw,
                         item.method, item.crc, item.size)
    members.insert(rng.randrange(len(members) + 1), copy)
    return members


def lie_about_size(rng: random.Random, members: list[damage.Member]) -> list[damage.Member]:
    item = members[_pick(rng, members)]
    item.size = rng.choice([0, 1, item.size // 2, item.size + 1, item.size * 1000,
                            0xFFFFFFFF])
    return members


def bad_crc(rng: random.Random, members: list[damage.Member]) -> list[damage.Member]:
    members[_pick(rng, members)].crc ^= 1 << rng.randrange(32)
    return members


def odd_method(rng: random.Random, members: list[damage.Member]) -> list[damage.Member]:
    item = members[_pick(rng, members)]
    item.method = rng.choice([damage.STORED, 1, 12, 14, 99])  # stored claims, bzip2, lzma
    return members


def doctype(rng: random.Random, members: list[damage.Member]) -> list[damage.Member]:
    index = _pick(rng, members, xml=True)
    data = damage.inflate(members[index])
    head, _, rest = data.partition(b"?>")
    use = b"&c;" if rng.random() < 0.5 else b"&d;"
    body = (rest.replace(b"<a:t>", b"<a:t>" + use, 1) if b"<a:t>" in rest else rest)
    members[index] = damage.member(members[index].name, head + b"?>" + _ENTITIES + body)
    return members


def remove_part(rng: random.Random, members: list[damage.Member]) -> list[damage.Member]:
    del members[_pick(rng, members)]
    return members


def broken_xml(rng: random.Random, members: list[damage.Member]) -> list[damage.Member]:
    index = _pick(rng, members, xml=True)
    data = damage.inflate(members[index])
    cut = rng.randrange(len(data)) if data else 0
    garbage = rng.choice([b"", b"<", b"\x00\xff", b"</p:sld>", b"&undefined;"])
    members[index] = damage.member(members[index].name, data[:cut] + garbage + data[cut:][1:])
    return members


def drop_element(rng: random.Random, members: list[damage.Member]) -> list[damage.Member]:
    index = _pick(rng, members, xml=True)
    try:
        root = etree.fromstring(damage.inflate(members[index]))
    except (etree.XMLSyntaxError, zlib.error):
        return members
    elements = [e for e in root.iter() if e.getparent() is not None]
    if elements:
        element = rng.choice(elements)
        parent = element.getparent()
        assert parent is not None
        parent.remove(element)
    members[index] = damage.member(members[index].name, etree.tostring(root))
    return members


def change_value(rng: random.Random, members: list[damage.Member]) -> list[damage.Member]:
    index = _pick(rng, members, xml=True)
    try:
        root = etree.fromstring(damage.inflate(members[index]))
    except (etree.XMLSyntaxError, zlib.error):
        return members
    attributed = [e for e in root.iter() if e.attrib]
    if attributed:
        element = rng.choice(attributed)
        key = rng.choice(list(element.attrib))
        element.set(key, rng.choice(["", "rId999", "-1", "99999999999999999999", "x", "0",
                                     "../../../etc/passwd", "/ppt/slides/slide1.xml"]))
    members[index] = damage.member(members[index].name, etree.tostring(root))
    return members


def bomb(rng: random.Random, members: list[damage.Member]) -> list[damage.Member]:
    size = 1 << 30
    claimed = rng.choice([size, 1000, 150_000_000])
    name = rng.choice(["ppt/media/image99.png", "ppt/theme/theme9.xml", "docProps/app.xml"])
    members = [m for m in members if m.name != name]
    members.append(damage.Member(name, _BOMB, damage.DEFLATED, _BOMB_CRC, claimed))
    return members


MUTATIONS: list[Mutation] = [flip_compressed, duplicate, lie_about_size, bad_crc, odd_method,
                             doctype, remove_part, broken_xml, bomb]
# Damage that keeps the zip and its XML sound, so that what reads the parts is tried.
QUIET_MUTATIONS: list[Mutation] = [drop_element, change_value, remove_part]
_BOMB = damage.bomb(1 << 30)
_BOMB_CRC = damage.zero_crc(1 << 30)


def mutate(rng: random.Random, data: bytes) -> bytes:
    """`data` damaged by one to three mutations, or cut short / with bytes flipped."""
    if rng.random() < 0.1:
        return data[: rng.randrange(len(data))]
    members = damage.members_of(data)
    if rng.random() < 0.5:
        for _ in range(rng.randint(1, 3)):
            members = rng.choice(QUIET_MUTATIONS)(rng, members)
        return damage.zip_bytes(members)
    for mutation in rng.sample(MUTATIONS, rng.randint(1, 3)):
        members = mutation(rng, members)
    made = damage.zip_bytes(members)
    if rng.random() < 0.1:
        raw = bytearray(made)
        for _ in range(rng.randint(1, 8)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        made = bytes(raw)
    return made


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory, default_deck: BuiltDeck
          ) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("seeds")
    Presentation().save(str(folder / "python-pptx.pptx"))
    found = {"vng": (TEMPLATE_DIR / "template.pptx").read_bytes(),
             "python-pptx": (folder / "python-pptx.pptx").read_bytes(),
             "deck": default_deck.path.read_bytes(),
             # made elsewhere, with a table, a chart (and its workbook), a group, a picture
             "foreign": foreign_deck(folder / "foreign.pptx").read_bytes()}
    pandoc = shutil.which("pandoc")
    if pandoc is not None:
        made = subprocess.run([pandoc, "--print-default-data-file", "reference.pptx"],
                              capture_output=True, check=False, timeout=60)
        if made.returncode == 0:
            found["pandoc"] = made.stdout
    return found


def test_damaged_packages_give_messages_not_tracebacks(
    seeds: dict[str, bytes], tmp_path: Path
) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "deck.yaml").write_text(
        header() + "slides:\n  - kind: title\n  - kind: bullets\n    title: Punten\n"
        "    body: [Een, Twee]\n", encoding="utf-8")
    rng = random.Random(SEED)
    runner = CliRunner()
    names = sorted(seeds)
    commands = [
        lambda path: ["template", "check", str(path)],
        lambda path: ["build", str(content), "--template", str(path),
                      "-o", str(tmp_path / "out" / "deck.pptx")],
        lambda path: ["check", str(path)],
        lambda path: ["import", str(path), "-o", str(tmp_path / "imported"), "--force"],
    ]
    started = time.monotonic()
    memory = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    outcomes: dict[int, int] = {}
    for case in range(CASES):
        source = seeds[names[case % len(names)]]
        path = tmp_path / f"case{case}.pptx"
        path.write_bytes(mutate(rng, source))
        args = commands[case % len(commands)](path)
        result = runner.invoke(main, args)
        assert result.exit_code in (0, 1), (case, args, result.output, result.exception)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            case, args, result.output)
        assert "Traceback" not in result.output, (case, args, result.output)
        if result.exit_code:
            assert result.output.strip(), (case, args)
        outcomes[result.exit_code] = outcomes.get(result.exit_code, 0) + 1
        path.unlink()
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memory
    assert grown < 400_000, f"peak memory grew by {grown // 1024} MiB"
    assert time.monotonic() - started < 60
    # The mutator damages: most packages must be refused, some still pass.
    assert outcomes.get(1, 0) > CASES // 2, outcomes
