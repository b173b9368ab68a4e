"""Unpacking a package that may come from anywhere: bombs, damage, names twice, DOCTYPEs."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from deck_builder.ooxml import parsing, reading
from tests.conftest import TEMPLATE_DIR
from tests.ooxml import damage


@pytest.fixture(scope="module")
def template() -> bytes:
    return (TEMPLATE_DIR / "template.pptx").read_bytes()


@pytest.fixture(scope="module")
def stock() -> bytes:
    out = io.BytesIO()
    Presentation().save(out)
    return out.getvalue()


def _with(data: bytes, *extra: damage.Member) -> bytes:
    return damage.zip_bytes([*damage.members_of(data), *extra])


def test_a_sound_package_reads_whole_in_zip_order(template: bytes) -> None:
    members = reading.read_package(template)
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        assert list(members) == archive.namelist()
        assert all(members[name] == archive.read(name) for name in members)
    assert reading.package_problems(members) == []


def test_headers_that_claim_too_much_are_refused_before_inflating(template: bytes) -> None:
    size = 2 << 30
    data = _with(template, damage.Member("ppt/media/big.png", damage.bomb(size),
                                         damage.DEFLATED, 0, size))
    started = time.monotonic()
    with pytest.raises(reading.PackageError, match=r"unpacks to 2\.1 GB; the limit is 200\.0 MB"):
        reading.read_package(data)
    assert time.monotonic() - started < 1  # inflating 2 GiB takes seconds


@pytest.mark.parametrize("claimed", [1000, 30_000_000])
def test_a_bomb_whose_headers_lie_is_stopped_in_bounded_memory(template: bytes,
                                                              claimed: int) -> None:
    # 1 GiB of zeros in a megabyte, claiming less: zipfile stops at the claimed size
    # and finds the CRC wrong, but a single read inflates all it is asked for first,
    # so members are read a chunk at a time.
    size = 1 << 30
    data = _with(template, damage.Member("ppt/slides/slide9.xml", damage.bomb(size),
                                         damage.DEFLATED, damage.zero_crc(size), claimed),
                 damage.Member("ppt/slides/slide10.xml", damage.bomb(size), damage.DEFLATED,
                               damage.zero_crc(size), claimed))
    tracemalloc.start()
    try:
        with pytest.raises(reading.PackageError) as caught:
            reading.read_package(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3 * claimed + (8 << 20)
    assert "ppt/slides/slide9.xml is damaged (Bad CRC-32" in str(caught.value)


def test_members_are_counted_as_they_inflate(template: bytes) -> None:
    budget = reading.Budget(1 << 20)
    data = _with(template, damage.member("big.bin", bytes(2 << 20)))
    with (zipfile.ZipFile(io.BytesIO(data)) as archive,
          pytest.raises(reading.PackageError, match=r"unpacks to more than 1\.0 MB")):
        reading.inflate(archive, archive.getinfo("big.bin"), budget)


def test_the_limit_is_counted_over_all_members(template: bytes,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    total = sum(len(data) for data in reading.read_package(template).values())
    monkeypatch.setattr(parsing, "MAX_UNPACKED_BYTES", total)
    reading.read_package(template)
    with pytest.raises(reading.PackageError, match="unpacks to"):
        reading.read_package(template, total - 1)


@pytest.mark.parametrize(
    ("damaged", "message"),
    [
        ("deflate", r"\[Content_Types\].xml is damaged \(Error -3"),
        ("crc", r"\[Content_Types\].xml is damaged \(Bad CRC-32"),
        ("method", r"\[Content_Types\].xml is damaged \(.*compression"),
        ("truncated", r"\[Content_Types\].xml is damaged"),
        ("lzma", r"\[Content_Types\].xml is damaged"),
    ],
)
def test_a_damaged_member_is_named(template: bytes, damaged: str, message: str) -> None:
    members = damage.members_of(template)
    first = members[0]
    assert first.name == "[Content_Types].xml"
    if damaged == "deflate":
        first.raw = first.raw[:10] + b"\xff" * 10 + first.raw[20:]
    elif damaged == "crc":
        first.crc ^= 1
    elif damaged == "method":
        first.method = 99
    elif damaged == "lzma":
        # LZMA: a version, the length of the properties, then properties no decoder takes
        first.method = zipfile.ZIP_LZMA
        first.raw = b"\x09\x14\x05\x00" + b"\xff" * 5 + first.raw
    else:
        first.raw = first.raw[: len(first.raw) // 2]
    with pytest.raises(reading.PackageError, match=message):
        reading.read_package(damage.zip_bytes(members))


@pytest.mark.parametrize("second", ["ppt/presentation.xml", "PPT/Presentation.XML"])
def test_a_name_twice_is_refused_whatever_its_case(template: bytes, second: str) -> None:
    members = damage.members_of(template)
    (main,) = [m for m in members if m.name == "ppt/presentation.xml"]
    data = damage.zip_bytes([*members, damage.Member(second, main.raw, main.method, main.crc,
                                                     main.size)])
    with pytest.raises(reading.PackageError, match="is in the zip twice"):
        reading.read_package(data)


def test_what_is_no_zip_is_refused() -> None:
    with pytest.raises(reading.PackageError, match="not a readable zip archive"):
        reading.read_package(b"PK\x03\x04 but nothing more")


def _edited(data: bytes, edits: dict[str, bytes | None]) -> dict[str, bytes]:
    members = reading.read_package(data)
    for name, value in edits.items():
        if value is None:
            del members[name]
        else:
            members[name] = value
    return members


def test_a_doctype_with_entities_is_a_problem(stock: bytes) -> None:
    members = reading.read_package(stock)
    master = "ppt/slideMasters/slideMaster1.xml"
    head, _, rest = members[master].partition(b"?>")
    members[master] = (head + b'?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
                       + rest)
    assert reading.package_problems(members) == [
        f"{master} declares a DOCTYPE, which OOXML forbids (its entities could expand "
        "without bound)"]


def test_what_is_not_a_presentation_is_said(stock: bytes) -> None:
    masters = [name for name in reading.read_package(stock) if "slideMaster" in name]
    no_master = _edited(stock, dict.fromkeys(masters))
    assert "ppt/presentation.xml has no slide master" in reading.package_problems(no_master)
    assert any("'rId1' targets 'slideMasters/slideMaster1.xml', which is not in the package"
               in problem for problem in reading.package_problems(no_master))
    no_main = _edited(stock, {"ppt/presentation.xml": None})
    assert any("no presentation part" in p for p in reading.package_problems(no_main))
    assert reading.package_problems(_edited(stock, {"_rels/.rels": None})) == [
        "_rels/.rels is missing"]
    assert reading.package_problems(_edited(stock, {"[Content_Types].xml": None})) == [
        "[Content_Types].xml is missing"]
    broken = _edited(stock, {"ppt/presentation.xml": b"<p:presentation"})
    assert any(p.startswith("ppt/presentation.xml is not well-formed XML")
               for p in reading.package_problems(broken))


def test_verified_members_are_written_for_a_trusting_reader(stock: bytes) -> None:
    members = reading.read_package(stock)
    again = reading.write_members(members)
    assert reading.read_package(again) == members
    assert len(Presentation(io.BytesIO(again)).slide_masters) == 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_damage_is_a_package_error_or_a_package(data: st.DataObject) -> None:
    raw = bytearray(_STOCK)
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(raw) // 2, len(raw)))
    # Nothing but a PackageError escapes, and what is read is judged in sentences.
    try:
        outcome: str | list[str] = reading.package_problems(
            reading.read_package(bytes(raw[:cut])))
    except reading.PackageError as exc:
        outcome = str(exc)
    assert outcome if isinstance(outcome, str) else all(isinstance(p, str) for p in outcome)


_STOCK = io.BytesIO()
Presentation().save(_STOCK)
_STOCK = _STOCK.getvalue()  # type: ignore[assignment]
