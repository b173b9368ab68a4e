"""The sample decks of LibreOffice's Impress templates (converted to .pptx by
LibreOffice): every text kept, a content folder that builds, a rebuilt deck that
LibreOffice renders; a deck of empty slides is refused with what to do instead."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pptx import Presentation

from deck_builder import pipeline
from deck_builder.errors import DeckError
from deck_builder.importing import import_deck
from tests.fixtures.third_party import SOFFICE_HINT, impress_template

# Templates whose sample slides carry text (lists, columns, pictures, numbers), and two
# whose sample slides are empty.
SAMPLES = ("Candy", "Freshes", "Grey_Elegant", "Growing_Liberty", "Yellow_Idea",
           "Blueprint_Plans", "Vintage")
EMPTY = ("Focus", "Beehive")


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip(SOFFICE_HINT)
    sources = [impress_template(name) for name in (*SAMPLES, *EMPTY)]
    if None in sources:
        pytest.skip("LibreOffice's Impress templates are not installed")
    folder = tmp_path_factory.mktemp("impress-samples")
    subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pptx", "--outdir", str(folder),
                    *map(str, sources)], capture_output=True, timeout=600, check=False)
    return {name: folder / f"{name}.pptx" for name in (*SAMPLES, *EMPTY)}


def test_sample_decks_import_with_all_text_and_render_again(
    converted: dict[str, Path], tmp_path: Path
) -> None:
    rebuilt: dict[str, Path] = {}
    for name in SAMPLES:
        report = import_deck(converted[name], tmp_path / name)
        assert report.kept_share == 1.0, name
        assert len(report.kinds) >= 1, name
        if name == "Candy":
            # Its title slide marks four text frames as titles; the two large lines
            # stacked at the top are the title.
            assert pipeline.load_deck(tmp_path / name).meta.title == "CANDY TEMPLATE"
        if name == "Blueprint_Plans":
            # Its picture has no alternative text: said, never silently passed on.
            assert any("no alternative text" in a.what for a in report.approximations)
        rebuilt[name] = tmp_path / f"{name}-again.pptx"
        pipeline.build(tmp_path / name, rebuilt[name])
    soffice = shutil.which("soffice")
    assert soffice is not None
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"),
                    *map(str, rebuilt.values())], capture_output=True, timeout=600,
                   check=False)
    for name, deck in rebuilt.items():
        with pikepdf.open(tmp_path / "pdf" / f"{deck.stem}.pdf") as pdf:
            assert len(pdf.pages) == len(Presentation(str(deck)).slides), name


def test_a_deck_of_empty_slides_is_refused_with_what_to_do(
    converted: dict[str, Path], tmp_path: Path
) -> None:
    for name in EMPTY:
        with pytest.raises(DeckError, match=r"nothing to import.*template init"):
            import_deck(converted[name], tmp_path / name)
        assert not (tmp_path / name).exists()
