"""LibreOffice's throwaway profile: the deck's locale, so a Dutch PDF shows "1.234,5"."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from deck_builder import pipeline
from deck_builder.delivery import office_profile
from deck_builder.delivery.pdf import to_pdf
from tests.conftest import REPO_ROOT, ContentMaker
from tests.helpers import pdf_pages

FIXTURE = REPO_ROOT / "tests" / "fixtures" / "cijfers"
OOR = "{http://openoffice.org/2001/registry}"


def settings(text: str) -> dict[tuple[str, str], str]:
    root = etree.fromstring(text.encode())
    return {(item.get(f"{OOR}path"), prop.get(f"{OOR}name")): prop.findtext("value")
            for item in root for prop in item}


def test_the_profile_sets_the_locale_and_keeps_libreoffice_quiet(tmp_path: Path) -> None:
    path = office_profile.write_profile(tmp_path / "profile", "nl-NL")
    assert path == tmp_path / "profile" / "user" / "registrymodifications.xcu"
    found = settings(path.read_text(encoding="utf-8"))
    assert found[("/org.openoffice.Setup/L10N", "ooSetupSystemLocale")] == "nl-NL"
    assert found[("/org.openoffice.Setup/L10N", "ooLocale")] == "nl-NL"
    update = [value for (where, name), value in found.items() if name == "AutoCheckEnabled"]
    assert update == ["false"]
    # A tag that is not one is never written into the profile.
    bad = office_profile.write_profile(tmp_path / "other", "nl\"/><x a=\"")
    assert settings(bad.read_text(encoding="utf-8"))[
        ("/org.openoffice.Setup/L10N", "ooLocale")] == office_profile.DEFAULT_LOCALE


def test_the_locale_comes_from_the_deck(make_content: ContentMaker) -> None:
    for language, tag in (("nl", "nl-NL"), ("en", "en-GB")):
        content = make_content("- kind: bullets\n  title: T\n  body: [x]\n",
                               meta={"language": language})
        deck = pipeline.load_deck(content.dir)
        data = pipeline.build_bytes(deck, pipeline.open_session(pipeline.open_template(deck)))[0]
        assert office_profile.deck_locale(data) == tag
    assert office_profile.deck_locale(b"no zip") == office_profile.DEFAULT_LOCALE


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice (soffice) and poppler-utils (pdftotext)")
def test_the_pdf_of_every_table_and_chart_shows_dutch_separators(tmp_path: Path) -> None:
    deck = tmp_path / "cijfers.pptx"
    result = pipeline.build(FIXTURE, deck)
    pdf = to_pdf(deck)
    assert pdf_pages(pdf) == result.slides  # one page per slide
    chart_page = subprocess.run(["pdftotext", "-f", "3", "-l", "3", str(pdf), "-"],
                                capture_output=True, text=True, check=True).stdout
    assert "1.234,5" in chart_page  # a data label
    assert "1.400,0" in chart_page  # the value axis
    assert "1,234.5" not in chart_page
