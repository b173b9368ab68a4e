"""`kind: slides-from`: slides of another presentation, copied in with what they use."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation
from pptx.shapes.picture import Picture
from pptx.util import Inches

from deck_builder import pipeline
from deck_builder.errors import DeckError
from tests.conftest import ContentMaker, slide_name
from tests.helpers import pdf_pages
from tests.importing.decks import foreign_deck, picture_bytes
from tests.template.test_foreign_template import VALIDATOR, sdk_errors

SLIDES = """\
- kind: title
- kind: slides-from
  id: bieb
  file: bibliotheek/regio.pptx
  slides: [3, Bouwtempo, "De nieuwe wijk", 5]
"""


@pytest.fixture
def library(tmp_path: Path) -> bytes:
    """A presentation made elsewhere: bullets with a link and notes, a chart, a picture
    with a caption, a table (python-pptx's own 4:3 template)."""
    return foreign_deck(tmp_path / "regio.pptx").read_bytes()


def _build(make_content: ContentMaker, tmp_path: Path, library: bytes,
           slides: str = SLIDES) -> Path:
    content = make_content(slides, files={"bibliotheek/regio.pptx": library})
    out = tmp_path / "deck.pptx"
    pipeline.build(content.dir, out)
    return out


def test_the_slides_asked_for_come_in_that_order_with_what_they_hold(
    make_content: ContentMaker, tmp_path: Path, library: bytes
) -> None:
    out = _build(make_content, tmp_path, library)
    slides = list(Presentation(str(out)).slides)
    assert [slide_name(s) for s in slides] == [
        "title:1", "slides-from:bieb", "slides-from:bieb:2", "slides-from:bieb:3",
        "slides-from:bieb:4"]
    bullets, chart_slide, picture_slide, table_slide = slides[1:]
    assert bullets.shapes.title.text_frame.text == "Waarom nu?"
    texts = [p.text for s in bullets.shapes if s.has_text_frame
             for p in s.text_frame.paragraphs]
    assert "vooral betaalbare huur" in texts
    links = [r.hyperlink.address for s in bullets.shapes if s.has_text_frame
             for p in s.text_frame.paragraphs for r in p.runs if r.hyperlink.address]
    assert links == ["https://example.org/woningbouw"]
    assert bullets.notes_slide.notes_text_frame.text == (
        "Begin met het verhaal van de wethouder.")
    chart = next(s for s in chart_slide.shapes if s.has_chart).chart
    assert list(chart.plots[0].categories) == ["2024", "2025"]
    assert list(chart.series[0].values) == [70000.0, 82000.0]
    workbook = openpyxl.load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob))
    assert [cell.value for cell in workbook.active["B"]][1:] == [70000, 82000]
    picture = next(s for s in picture_slide.shapes if isinstance(s, Picture))
    assert picture.image.blob == picture_bytes()
    assert picture._element.nvPicPr.cNvPr.get("descr") == "Huizen aan het water"
    table = next(s for s in table_slide.shapes if s.has_table).table
    assert table.cell(2, 1).text == "15.500"


def test_copied_slides_sit_on_our_slide_below_our_title(
    make_content: ContentMaker, tmp_path: Path, library: bytes
) -> None:
    out = _build(make_content, tmp_path, library)
    prs = Presentation(str(out))
    for slide in list(prs.slides)[1:]:
        title = slide.shapes.title
        assert title is not None
        for shape in slide.shapes:
            if shape.is_placeholder and shape.placeholder_format.type in (13, 15, 16):
                continue  # our footers
            assert shape.left >= 0
            assert shape.left + shape.width <= prs.slide_width
            assert shape.top >= 0
            assert shape.top + shape.height <= prs.slide_height
            if shape != title and not shape.is_placeholder:
                assert shape.top >= title.top + title.height, (slide_name(slide), shape.name)
        footers = [s for s in slide.placeholders if s.placeholder_format.type == 13]
        assert len(footers) == 1  # ours, not theirs as well


def test_parts_are_copied_once_with_names_of_their_own(
    make_content: ContentMaker, tmp_path: Path, library: bytes
) -> None:
    twice = SLIDES + """\
- kind: slides-from
  file: bibliotheek/regio.pptx
  slides: [6, 8]
"""
    out = _build(make_content, tmp_path, library, twice)
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
    assert len(names) == len(set(names))
    charts = [n for n in names if n.startswith("ppt/charts/chart")]
    embeddings = [n for n in names if n.startswith("ppt/embeddings/")]
    assert len(charts) == 2  # each slide its own copy, under its own name
    assert len(embeddings) == 2


@pytest.mark.skipif(not VALIDATOR.is_file(), reason=f"validator not found at {VALIDATOR}")
def test_the_validator_finds_nothing_but_python_pptx_s_known_chart_ids(
    make_content: ContentMaker, tmp_path: Path, library: bytes
) -> None:
    out = _build(make_content, tmp_path, library)
    kinds, lint = sdk_errors(out)
    assert lint == 0
    assert {kind for kind in kinds if "axId" not in kind and "chart" not in kind} == set()


def test_libreoffice_renders_every_slide(
    make_content: ContentMaker, tmp_path: Path, library: bytes
) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("needs LibreOffice (soffice; Debian: libreoffice-impress)")
    out = _build(make_content, tmp_path, library)
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180)
    assert pdf_pages(tmp_path / "deck.pdf") == 5


def test_a_slide_that_is_not_there_is_an_error_listing_the_slides(
    make_content: ContentMaker, tmp_path: Path, library: bytes
) -> None:
    slides = """\
- kind: slides-from
  file: bibliotheek/regio.pptx
  slides: [12, Kaart]
"""
    content = make_content(slides, files={"bibliotheek/regio.pptx": library})
    with pytest.raises(DeckError) as caught:
        pipeline.build(content.dir, tmp_path / "deck.pptx")
    problems = caught.value.problems
    assert len(problems) == 2
    assert "regio.pptx has no slide 12; its slides: 1 'Woningbouw in de regio'" in str(
        problems[0])
    assert "has no slide titled 'Kaart'" in str(problems[1])
    where = problems[0].where
    assert where is not None
    assert where.line == content.where("slides: [12")[0]


@pytest.mark.parametrize(("data", "message"), [
    (None, "presentation not found: regio.pptx"),
    (b"not a zip", "regio.pptx is not a presentation that can be read"),
])
def test_a_missing_or_broken_presentation_is_an_error_at_its_line(
    make_content: ContentMaker, tmp_path: Path, data: bytes | None, message: str
) -> None:
    files = {} if data is None else {"bibliotheek/regio.pptx": data}
    content = make_content(SLIDES, files=files)
    with pytest.raises(DeckError) as caught:
        pipeline.build(content.dir, tmp_path / "deck.pptx")
    assert message in str(caught.value)
    assert not (tmp_path / "deck.pptx").exists()


def test_a_deck_of_another_slide_size_is_scaled_to_ours(
    make_content: ContentMaker, tmp_path: Path
) -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(20), Inches(11.25)  # 16:9, larger
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(18), Inches(9), Inches(2), Inches(2))
    box.text_frame.text = "rechtsonder"
    buffer = io.BytesIO()
    prs.save(buffer)
    content = make_content("- kind: slides-from\n  file: groot.pptx\n  slides: [1]\n",
                           files={"groot.pptx": buffer.getvalue()})
    out = tmp_path / "deck.pptx"
    pipeline.build(content.dir, out)
    built = Presentation(str(out))
    copied = next(s for s in built.slides[0].shapes if s.has_text_frame
                  and s.text_frame.text == "rechtsonder")
    assert copied.left + copied.width <= built.slide_width
    assert copied.top + copied.height <= built.slide_height


def test_a_slide_with_a_video_comes_with_its_media_and_poster(
    make_content: ContentMaker, tmp_path: Path
) -> None:
    # python-pptx embeds a movie as PowerPoint does: a media part related twice (as
    # video and as media), and a poster frame picture.
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Filmpje"
    movie = tmp_path / "film.mp4"
    movie.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 40)
    slide.shapes.add_movie(str(movie), Inches(1), Inches(2), Inches(4), Inches(3),
                           poster_frame_image=io.BytesIO(picture_bytes()),
                           mime_type="video/mp4")
    library = tmp_path / "film.pptx"
    prs.save(str(library))
    slides = "- kind: title\n- kind: slides-from\n  file: bibliotheek/regio.pptx\n  slides: [1]\n"
    out = _build(make_content, tmp_path, library.read_bytes(), slides)
    with zipfile.ZipFile(out) as archive:
        media = [n for n in archive.namelist() if n.startswith("ppt/media/")
                 and archive.read(n) == movie.read_bytes()]
        assert len(media) == 1
        posters = [n for n in archive.namelist() if n.startswith("ppt/media/")
                   and archive.read(n) == picture_bytes()]
        rels = archive.read("ppt/slides/_rels/slide2.xml.rels").decode()
    target = media[0].removeprefix("ppt/")
    assert rels.count(f"../{target}") == 2  # as the video and as the media
    assert len(posters) == 1
    assert f"../{posters[0].removeprefix('ppt/')}" in rels
    if VALIDATOR.is_file():
        kinds, lint = sdk_errors(out)
        assert lint == 0
        assert kinds == set()
