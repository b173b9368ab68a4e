"""A template with little room: a quote too long to sit beside its picture, and a
statistic's text too long for its box, go on to slides of their own instead of failing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.shapes.picture import Picture

from deck_builder import pipeline
from tests.conftest import CONTENT_DIR, slide_name
from tests.fixtures.third_party import SOFFICE_HINT, impress_template


@pytest.fixture(scope="module")
def yellow_idea(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """LibreOffice's Impress template Yellow_Idea (a large picture on every layout)."""
    soffice = shutil.which("soffice")
    source = impress_template("Yellow_Idea")
    if soffice is None or source is None:
        pytest.skip(SOFFICE_HINT if soffice is None else "Yellow_Idea.otp not found")
    folder = tmp_path_factory.mktemp("yellow")
    subprocess.run([soffice, f"-env:UserInstallation={(folder / 'p').as_uri()}",
                    "--headless", "--convert-to", "pptx", "--outdir", str(folder),
                    str(source)], capture_output=True, timeout=300, check=False)
    made = folder / "Yellow_Idea.pptx"
    if not made.is_file():
        pytest.skip("LibreOffice did not convert Yellow_Idea.otp")
    return made


def test_the_default_deck_builds_with_picture_and_text_on_slides_of_their_own(
    yellow_idea: Path, tmp_path: Path
) -> None:
    out = tmp_path / "deck.pptx"
    result = pipeline.build(CONTENT_DIR, out, yellow_idea)
    slides = {slide_name(s): s for s in Presentation(str(out)).slides}
    quote = slides["quote:nota-ruimte-citaat"]
    picture = slides["quote:nota-ruimte-citaat:2"]
    assert not any(isinstance(s, Picture) and s.name == "Afbeelding" for s in quote.shapes)
    assert any(isinstance(s, Picture) for s in picture.shapes)
    assert picture.shapes.title.text_frame.text.endswith("(vervolg)")
    statistic = slides["statistic:resolutie"]
    text = slides["statistic:resolutie:2"]
    assert "99%" in [s.text_frame.text for s in statistic.shapes if s.has_text_frame]
    assert "Gemeenten willen bijdragen aan oplossingen." in [
        p.text for s in text.shapes if s.has_text_frame for p in s.text_frame.paragraphs]
    said = " ".join(result.warnings)
    assert "the picture follows on a slide of its own" in said
    assert "it follows on slides of its own" in said
