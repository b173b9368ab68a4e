"""Package integrity of built decks: our own lint, and Microsoft's validator when present."""

from __future__ import annotations

import posixpath
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import BUILT_DECK, SHARED_DIR, BuiltDeck, SlideBuilder

VALIDATOR = SHARED_DIR / "tools" / "validate-ooxml.sh"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def lint(path: Path) -> list[str]:
    """Integrity problems of a .pptx package (empty when it is sound)."""
    problems: list[str] = []
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        if len(names) != len({n.lower() for n in names}):
            problems.append("duplicate zip member names")
        for name in names:
            if name.endswith("/") or name.startswith("/") or "\\" in name or ".." in name:
                problems.append(f"odd member name {name!r}")
        parts = set(names)

        types = etree.fromstring(archive.read("[Content_Types].xml"))
        defaults = {d.get("Extension").lower() for d in types.iter(f"{{{CONTENT_TYPES}}}Default")}
        overrides = {o.get("PartName") for o in types.iter(f"{{{CONTENT_TYPES}}}Override")}
        for name in parts:
            if name == "[Content_Types].xml":
                continue
            extension = name.rsplit(".", 1)[-1].lower()
            if f"/{name}" not in overrides and extension not in defaults:
                problems.append(f"{name}: no content type")
        for override in overrides:
            if override.lstrip("/") not in parts:
                problems.append(f"content type for missing part {override}")

        for name in sorted(parts):
            if not name.endswith(".xml") or "/_rels/" in name or name == "[Content_Types].xml":
                continue
            root = etree.fromstring(archive.read(name))
            rels_part = rels_name(name)
            ids: set[str] = set()
            if rels_part in parts:
                rels = etree.fromstring(archive.read(rels_part))
                seen: list[str] = []
                for rel in rels.iter(f"{{{PKG_RELS}}}Relationship"):
                    seen.append(rel.get("Id"))
                    target = rel.get("Target")
                    if not target or target in {"NULL", "undefined"}:
                        problems.append(f"{rels_part}: empty target")
                    elif rel.get("TargetMode") != "External":
                        resolved = posixpath.normpath(
                            posixpath.join(posixpath.dirname(name), target)
                        )
                        if resolved not in parts:
                            problems.append(f"{rels_part}: target {target} missing")
                if len(seen) != len(set(seen)):
                    problems.append(f"{rels_part}: repeated relationship Id")
                ids = set(seen)
            for element in root.iter():
                for attribute, value in element.attrib.items():
                    if attribute.startswith(f"{{{OFFICE_RELS}}}") and value not in ids:
                        problems.append(f"{name}: {attribute} {value!r} not in {rels_part}")
            if name.startswith("ppt/slides/slide"):
                shape_ids = [c.get("id") for c in root.iter(f"{{{P}}}cNvPr")]
                if len(shape_ids) != len(set(shape_ids)):
                    problems.append(f"{name}: duplicate shape ids {sorted(shape_ids)}")
    return problems


def test_lint_finds_problems_in_a_broken_package(tmp_path: Path, kitchen_deck: BuiltDeck) -> None:
    # The lint itself must be able to fail: break a copy of a good deck.
    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(kitchen_deck.path) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "ppt/slides/slide4.xml":
                assert b'cNvPr id="3"' in data
                data = data.replace(b'cNvPr id="3"', b'cNvPr id="2"', 1)
            if info.filename.startswith("ppt/media/"):
                continue
            target.writestr(info, data)
    problems = lint(broken)
    assert any("duplicate shape ids" in p for p in problems)
    assert any("media" in p and "missing" in p for p in problems)


def test_default_deck_package_is_sound(default_deck: BuiltDeck) -> None:
    assert lint(default_deck.path) == []


def test_kitchen_sink_deck_package_is_sound(kitchen_deck: BuiltDeck) -> None:
    assert lint(kitchen_deck.path) == []


def test_lint_looks_inside_group_shapes(tmp_path: Path) -> None:
    from pptx import Presentation
    from pptx.util import Emu

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    outer = slide.shapes.add_textbox(Emu(0), Emu(0), Emu(914400), Emu(914400))
    group = slide.shapes.add_group_shape()
    inner = group.shapes.add_textbox(Emu(0), Emu(0), Emu(914400), Emu(914400))
    good = tmp_path / "good.pptx"
    prs.save(str(good))
    assert lint(good) == []
    inner.element.nvSpPr.cNvPr.set("id", str(outer.shape_id))
    bad = tmp_path / "bad.pptx"
    prs.save(str(bad))
    assert any("duplicate shape ids" in p for p in lint(bad))


def test_links_in_speaker_notes_keep_the_package_sound(
    build_slides: SlideBuilder, tmp_path: Path
) -> None:
    prs = build_slides(
        "- kind: section\n  title: S\n  notes: Mail info@vng.nl of zie https://vng.nl\n"
    )
    notes = prs.slides[0].notes_slide.notes_text_frame
    assert notes.text == "Mail info@vng.nl of zie https://vng.nl"
    assert lint(tmp_path / BUILT_DECK) == []


@pytest.mark.skipif(not VALIDATOR.is_file(), reason=f"validator not found at {VALIDATOR}")
@pytest.mark.parametrize("deck", ["default_deck", "kitchen_deck"])
def test_deck_passes_the_open_xml_sdk(deck: str, request: pytest.FixtureRequest) -> None:
    built: BuiltDeck = request.getfixturevalue(deck)
    result = subprocess.run(
        ["bash", str(VALIDATOR), str(built.path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode == 2:
        pytest.skip(f"the OOXML validator could not run here: {result.stderr.strip()[-300:]}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "schema errors: 0" in result.stdout
