"""The build's last step: every deck is package-checked and size-checked before writing."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from deck_builder import pipeline
from deck_builder.checks.package import check_package
from deck_builder.errors import DeckError
from deck_builder.ooxml import package
from tests.conftest import CONTENT_DIR, ContentMaker


@pytest.fixture(scope="module")
def built() -> tuple[bytes, dict[str, bytes]]:
    deck = pipeline.load_deck(CONTENT_DIR)
    session = pipeline.open_session(pipeline.open_template(deck))
    members: dict[str, bytes] = {}
    plans, _ = pipeline.plan(deck, session)
    data = package.to_bytes(pipeline.render(deck, session, plans), members)
    return data, members


def rezip(data: bytes, name: str, change: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, change if info.filename == name else source.read(info))
    return out.getvalue()


def test_the_members_given_are_the_members_written(built: tuple[bytes, dict[str, bytes]]) -> None:
    data, members = built
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(members) == sorted(archive.namelist())
        assert all(archive.read(name) == blob for name, blob in members.items())
    assert check_package(data, members) == check_package(data) == []
    pipeline.verify(data, None, members)


def test_a_broken_deck_is_refused(built: tuple[bytes, dict[str, bytes]]) -> None:
    data, _ = built
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        slide = archive.read("ppt/slides/slide2.xml")
    ids = re.findall(rb'<p:cNvPr id="(\d+)"', slide)
    assert len(ids) >= 2
    twice = slide.replace(b'<p:cNvPr id="%s"' % ids[1], b'<p:cNvPr id="%s"' % ids[0], 1)
    with pytest.raises(DeckError, match=r"failed its package check \(PKG-DUP-SHAPE-ID\)"):
        pipeline.verify(rezip(data, "ppt/slides/slide2.xml", twice), None)


def test_a_deck_over_the_limit_names_its_largest_parts(
    built: tuple[bytes, dict[str, bytes]]
) -> None:
    data, members = built
    with pytest.raises(DeckError, match=r"more than the 50 kB allowed .*largest: ppt/"):
        pipeline.verify(data, 50_000, members)
    pipeline.verify(data, len(data), members)


def test_a_deck_is_kept_only_as_it_was_checked(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The package check judges the bytes in memory; the file on disk is read back and
    must be those bytes, or the build fails and an earlier deck stays."""
    import os

    output = tmp_path / "deck.pptx"
    first = pipeline.build(CONTENT_DIR, output)
    assert output.read_bytes()[:2] == b"PK"
    earlier = output.read_bytes()
    real_fsync = os.fsync

    def fsync_after_a_change(fd: int) -> None:
        os.pwrite(fd, b"<!ENTITY x>", 100)  # someone writes into the file meanwhile
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_after_a_change)
    with pytest.raises(DeckError, match=r"deck\.pptx: the file read back is not what"):
        pipeline.build(CONTENT_DIR, output)
    assert output.read_bytes() == earlier
    assert first.size == len(earlier)
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_a_build_carries_the_accessibility_findings_of_what_it_wrote(
    make_content: ContentMaker, tmp_path: Path
) -> None:
    from deck_builder.checks import check_accessibility

    content = make_content("- kind: bullets\n  title: Dubbel\n  body: [a]\n" * 2)
    result = pipeline.build(content.dir, tmp_path / "dubbel.pptx")
    assert [f.code for f in result.accessibility] == ["A11Y-DUP-TITLE"]
    # The same findings as a check of the file it wrote.
    assert list(result.accessibility) == check_accessibility(tmp_path / "dubbel.pptx")
