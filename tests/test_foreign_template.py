"""A template deck-builder did not make: python-pptx's default one, mapped by layouts.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from deck_builder.errors import DeckError
from deck_builder.pipeline import build
from tests.conftest import CONTENT_DIR, NS, TEMPLATE_DIR, assert_all_runs_tagged, slide_name

MAPPING = Path(__file__).parent / "fixtures" / "plain-layouts.yaml"


@pytest.fixture
def plain_brand(tmp_path: Path) -> Path:
    """A brand folder around python-pptx's stock template (no logo, Liberation fonts)."""
    folder = tmp_path / "plain"
    folder.mkdir()
    Presentation().save(str(folder / "template.pptx"))
    shutil.copytree(TEMPLATE_DIR / "fonts", folder / "fonts")
    brand = (TEMPLATE_DIR / "brand.yaml").read_text(encoding="utf-8")
    brand = "\n".join(line for line in brand.splitlines() if not line.startswith("logo:"))
    (folder / "brand.yaml").write_text(brand + "\n", encoding="utf-8")
    shutil.copy(MAPPING, folder / "layouts.yaml")
    return folder


def test_default_content_builds_on_a_foreign_template(plain_brand: Path, tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    result = build(CONTENT_DIR, out, plain_brand)
    prs = Presentation(str(out))
    assert len(prs.slides) == result.slides >= 14
    mapping = yaml.safe_load(MAPPING.read_text(encoding="utf-8"))["kinds"]
    for slide in prs.slides:
        kind = slide_name(slide).split(":")[0]
        assert slide.slide_layout.name == mapping[kind]["layout"]
    assert assert_all_runs_tagged(out) > 100
    # No placeholder is left empty ("Click to add text") on any slide.
    for slide in prs.slides:
        for shape in slide.placeholders:
            assert shape.has_text_frame is False or shape.text_frame.text.strip(), (
                slide_name(slide), shape.name)


def test_an_automatic_section_number_needs_no_place(plain_brand: Path, tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    build(CONTENT_DIR, out, plain_brand)
    sections = [s for s in Presentation(str(out)).slides if slide_name(s).startswith("section:")]
    assert sections
    for slide in sections:
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert not any(text.strip() in {"01", "02"} for text in texts)


def test_content_without_a_place_in_the_template_is_a_located_error(
    plain_brand: Path, tmp_path: Path
) -> None:
    layouts = plain_brand / "layouts.yaml"
    text = layouts.read_text(encoding="utf-8")
    layouts.write_text(text.replace("      caption: {idx: 3, max_pt: 16, min_pt: 11}\n", "", 1),
                       encoding="utf-8")
    with pytest.raises(DeckError) as caught:
        build(CONTENT_DIR, tmp_path / "deck.pptx", plain_brand)
    message = str(caught.value)
    section = (CONTENT_DIR / "sections" / "01-nota-ruimte.yaml").read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(section.splitlines(), 1) if "kind: quote" in row)
    assert f"01-nota-ruimte.yaml:{line}:" in message
    assert "'caption'" in message
    assert not (tmp_path / "deck.pptx").exists()


def test_a_long_footer_shrinks_to_one_line_in_a_narrow_box(
    plain_brand: Path, tmp_path: Path
) -> None:
    out = tmp_path / "deck.pptx"
    build(CONTENT_DIR, out, plain_brand)
    prs = Presentation(str(out))
    # The master's footer is matched by type: masters number their placeholders freely.
    master_footer = next(
        ph for ph in prs.slide_master.placeholders
        if ph.placeholder_format.type == PP_PLACEHOLDER.FOOTER
    )
    inherited = int(
        master_footer._element.find(".//a:lvl1pPr/a:defRPr", NS).get("sz")
    ) / 100
    footers = [
        shape for slide in prs.slides for shape in slide.placeholders
        if shape.placeholder_format.type == PP_PLACEHOLDER.FOOTER
    ]
    assert footers
    for shape in footers:
        sizes = {run.font.size.pt for p in shape.text_frame.paragraphs for run in p.runs}
        assert len(sizes) == 1
        assert 6 <= sizes.pop() < inherited
