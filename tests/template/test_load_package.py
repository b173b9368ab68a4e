"""A template package that is damaged, hostile or links outside itself: one verdict,
as a message naming the file, from every command that reads templates."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from deck_builder.checks import check_package
from deck_builder.cli import main
from deck_builder.errors import DeckError
from deck_builder.kinds import KINDS
from deck_builder.ooxml import external, reading
from deck_builder.template.load import check_template
from tests.conftest import TEMPLATE_DIR, header
from tests.ooxml import damage

NEEDS = KINDS.layout_needs()
MASTER = "ppt/slideMasters/slideMaster1.xml"


def _template() -> bytes:
    return (TEMPLATE_DIR / "template.pptx").read_bytes()


def _damaged_content_types(data: bytes) -> bytes:
    members = damage.members_of(data)
    members[0].raw = members[0].raw[:10] + b"\xff" * 10 + members[0].raw[20:]
    return damage.zip_bytes(members)


def _bad_crc(data: bytes) -> bytes:
    members = damage.members_of(data)
    members[0].crc ^= 1
    return damage.zip_bytes(members)


def _damaged_theme(data: bytes) -> bytes:
    members = damage.members_of(data)
    (theme,) = [m for m in members if m.name == "ppt/theme/theme1.xml"]
    theme.raw = theme.raw[:10] + b"\xff" * 10 + theme.raw[20:]
    return damage.zip_bytes(members)


def _doctype(data: bytes) -> bytes:
    members = reading.read_package(data)
    head, _, rest = members[MASTER].partition(b"?>")
    members[MASTER] = (head + b'?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
                       + rest)
    return reading.write_members(members)


def _no_master(data: bytes) -> bytes:
    members = reading.read_package(data)
    return reading.write_members({name: value for name, value in members.items()
                                  if "slideMaster" not in name})


def _twice(data: bytes) -> bytes:
    members = damage.members_of(data)
    (main,) = [m for m in members if m.name == "ppt/presentation.xml"]
    return damage.zip_bytes([*members, main])


def _lying_bomb(data: bytes) -> bytes:
    size = 1 << 30
    return damage.zip_bytes([*damage.members_of(data), damage.Member(
        "ppt/bomb.xml", damage.bomb(size), damage.DEFLATED, damage.zero_crc(size), 1000)])


BROKEN: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "deflate": (_damaged_content_types, r"\[Content_Types\].xml is damaged"),
    "crc": (_bad_crc, r"\[Content_Types\].xml is damaged \(Bad CRC-32"),
    "theme": (_damaged_theme, r"ppt/theme/theme1.xml is damaged"),
    "doctype": (_doctype, "slideMaster1.xml declares a DOCTYPE"),
    "no-master": (_no_master, "ppt/presentation.xml has no slide master"),
    "twice": (_twice, "ppt/presentation.xml is in the zip twice"),
    "bomb": (_lying_bomb, r"ppt/bomb.xml is damaged \(Bad CRC-32"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_template_is_refused_alike_by_every_command(tmp_path: Path, case: str) -> None:
    make, message = BROKEN[case]
    path = tmp_path / "huisstijl.pptx"
    path.write_bytes(make(_template()))
    with pytest.raises(DeckError, match=rf"huisstijl.pptx: cannot open template: .*{message}"):
        check_template(path, NEEDS)
    content = tmp_path / "content"
    content.mkdir()
    (content / "deck.yaml").write_text(header() + "slides:\n  - kind: title\n",
                                       encoding="utf-8")
    runner = CliRunner()
    for args in (["template", "check", str(path)],
                 ["template", "init", str(path), "huis", "--templates", str(tmp_path / "t")],
                 ["build", str(content), "--template", str(path), "-o",
                  str(tmp_path / "deck.pptx")]):
        result = runner.invoke(main, args)
        assert result.exit_code == 1, (args, result.output, result.exception)
        assert "Traceback" not in result.output
        assert "cannot open template" in result.output
    assert not (tmp_path / "deck.pptx").exists()
    assert not (tmp_path / "t").exists()


def test_a_doctype_template_is_not_called_usable(tmp_path: Path) -> None:
    path = tmp_path / "huisstijl.pptx"
    path.write_bytes(_doctype(_template()))
    result = CliRunner().invoke(main, ["template", "check", str(path)])
    assert result.exit_code == 1
    assert "verdict: unusable" in result.output


LINKS = {
    "http://127.0.0.1:9/logo.png": "image",
    "file:///home/auteur/huisstijl.docx": "hyperlink",
    "https://www.vng.nl": "hyperlink",
}


def test_linked_media_and_local_links_leave_the_template_web_links_stay(
    tmp_path: Path,
) -> None:
    path = tmp_path / "huisstijl.pptx"
    path.write_bytes(damage.with_external_links(_template(), MASTER, LINKS))
    checked = check_template(path, NEEDS)
    changes = [c for c in checked.report.changes if "external reference" in c]
    assert changes == [
        f"removed the external reference: {MASTER} shows image "
        "'http://127.0.0.1:9/logo.png', fetched when the slide is shown",
        f"removed the external reference: {MASTER} links to "
        "'file:///home/auteur/huisstijl.docx'",
    ]
    assert checked.report.remarks == (
        f"huisstijl.pptx: {MASTER} links to 'https://www.vng.nl'",)
    prepared = checked.template.prepared
    assert prepared is not None
    assert [link.target for link in external.external_targets(reading.read_package(prepared))
            ] == ["https://www.vng.nl"]
    assert check_package(prepared) == []
    result = CliRunner().invoke(main, ["template", "check", str(path)])
    assert f"remark: huisstijl.pptx: {MASTER} links to 'https://www.vng.nl'" in result.output
    assert "removed the external reference" in result.output


def test_a_deck_built_on_a_template_with_links_passes_its_check(tmp_path: Path) -> None:
    folder = tmp_path / "brand"
    shutil.copytree(TEMPLATE_DIR, folder)
    template = folder / "template.pptx"
    template.write_bytes(damage.with_external_links(template.read_bytes(), MASTER, LINKS))
    content = tmp_path / "content"
    content.mkdir()
    (content / "deck.yaml").write_text(
        header(template=str(folder)) + "slides:\n  - kind: title\n  - kind: bullets\n"
        "    title: Punten\n    body: [Een]\n", encoding="utf-8")
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(main, ["build", str(content), "-o", str(out)])
    assert result.exit_code == 0, result.output
    links = external.external_targets(reading.read_package(out.read_bytes()))
    assert {link.target for link in links if link.part.startswith("ppt/slideMasters/")} == {
        "https://www.vng.nl"}
