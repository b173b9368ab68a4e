"""The HTML report as headless Chromium shows it: language, headings in order, tables
with captions and header cells, readable contrast, no outside resources."""

from __future__ import annotations

import itertools
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from deck_builder.checks import check_deck
from deck_builder.checks.package import open_package
from deck_builder.checks.report_html import to_html
from deck_builder.checks.wcag import AccessibilityReport, build_report, deck_facts
from tests.checks.decks import new_deck, picture, titled_slide, to_bytes

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


def _report() -> AccessibilityReport:
    prs = new_deck("Rapport <test>")
    prs.core_properties.language = "nl-NL"
    picture(titled_slide(prs, "Foto"), "")
    run = titled_slide(prs, "Link").shapes.add_textbox(914400, 1828800, 5486400, 914400) \
        .text_frame.paragraphs[0].add_run()
    run.text = "https://vng.nl"
    run.hyperlink.address = "https://vng.nl"
    data = to_bytes(prs)
    return build_report("rapport.pptx", check_deck(data).findings,
                        deck_facts(open_package(data)))


def test_the_page_needs_nothing_from_outside_and_escapes_text() -> None:
    page = to_html(_report(), "nl", "1.0")
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert "src=" not in page
    assert "Rapport &lt;test&gt;" in page
    assert '<span lang="en">' in page  # the checks' English details in a Dutch page


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip("needs Chromium and chromedriver (Debian: chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless", "--no-sandbox", "--disable-gpu",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run",
                     f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


# What a basic accessibility audit asks of the page, computed by the browser.
AUDIT = """
const out = {};
out.lang = document.documentElement.lang;
out.title = document.title;
out.headings = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1]);
out.tables = [...document.querySelectorAll('table')].map(t => ({
  caption: !!(t.caption && t.caption.textContent.trim()),
  headers: t.querySelectorAll('th').length,
  unscoped: [...t.querySelectorAll('th')].filter(th => !['col','row'].includes(th.scope)).length,
}));
out.images_without_alt = [...document.querySelectorAll('img')].filter(i => !i.alt).length;
out.empty_links = [...document.querySelectorAll('a')].filter(a => !a.textContent.trim()).length;
function lum(c) {
  const v = c.match(/[\\d.]+/g).slice(0, 3).map(x => x / 255)
    .map(x => x <= 0.04045 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4));
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}
function background(el) {
  for (; el; el = el.parentElement) {
    const c = getComputedStyle(el).backgroundColor;
    if (!c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent') return c;
  }
  return 'rgb(255, 255, 255)';
}
out.worst_contrast = 21;
for (const el of document.querySelectorAll('body *')) {
  const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  if (!own) continue;
  const a = lum(getComputedStyle(el).color), b = lum(background(el));
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  out.worst_contrast = Math.min(out.worst_contrast, ratio);
}
out.text = document.body.innerText;
return out;
"""


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_report_page_is_accessible_in_a_browser(browser: Any, tmp_path: Path,
                                                    language: str) -> None:
    page = tmp_path / "toegankelijkheid.html"
    page.write_text(to_html(_report(), language, "1.0"), encoding="utf-8")
    browser.get(page.as_uri())
    audit = browser.execute_script(AUDIT)
    assert audit["lang"] == language
    assert audit["title"].startswith("Toegankelijkheidsrapport" if language == "nl"
                                     else "Accessibility report")
    levels = audit["headings"]
    assert levels[0] == 1
    assert levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    assert audit["tables"]
    for table in audit["tables"]:
        assert table["caption"]
        assert table["headers"] > 0
        assert table["unscoped"] == 0
    assert audit["images_without_alt"] == 0
    assert audit["empty_links"] == 0
    assert audit["worst_contrast"] >= 4.5
    text = audit["text"]
    assert ("1.1.1 Niet-tekstuele content" if language == "nl" else "1.1.1 Non-text Content") \
        in text
    assert "A11Y-ALT-MISSING" in text
    assert "A11Y-LINK-BARE-URL" in text
    assert ("Voldoet niet" if language == "nl" else "Fails") in text
