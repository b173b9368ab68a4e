"""The page in a real browser (Chromium headless): pictures appear, an edit shows its
slide and its warning without a reload, a YAML error shows the banner until fixed."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from deck_builder.serve.app import Serve
from tests.serve.conftest import libreoffice, needs_office, settled, wait_for

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

pytestmark = [
    needs_office,
    libreoffice,
    pytest.mark.skipif(CHROMIUM is None or CHROMEDRIVER is None,
                       reason="needs Chromium and its driver (Debian: chromium-driver)"),
]


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless", "--no-sandbox", "--disable-gpu",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", "--window-size=1400,900",
                     f"--user-data-dir={tmp_path / 'chromium'}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()


def test_live_preview_in_the_browser(browser: object, server: Serve, small: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver

    assert isinstance(browser, WebDriver)

    def js(script: str) -> Any:
        # The page redraws its elements on every event: ask it afresh each time.
        return browser.execute_script(script)

    settled(server)
    browser.get(server.url)
    wait_for(lambda: js(
        "const shown = [...document.querySelectorAll('#strip img')];"
        "return shown.length === 4 && shown.every(i => i.complete && i.naturalWidth === 1280);"),
        30, "the slide pictures in the page")
    js("window.notReloaded = true;")
    js("document.querySelectorAll('#strip button')[1].click();")
    before = js("return document.querySelector('#slide img').dataset.key;")
    assert js("return document.getElementById('source').textContent;").endswith("een.yaml:1")
    assert js("return document.querySelectorAll('#notes .note').length;") == 0

    # An edit that makes the slide's text shrink: its new picture and its warning appear.
    section = small / "sections/een.yaml"
    good = section.read_text(encoding="utf-8")
    section.write_text(good.replace(
        "body: [Een, Twee, Drie]",
        "body: [" + ", ".join(f"Punt {n} met nog wat meer tekst erbij" for n in range(9)) + "]"),
        encoding="utf-8")
    wait_for(lambda: js(
        "const image = document.querySelector('#slide img');"
        f"return image.dataset.key !== '{before}' && !image.classList.contains('stale')"
        " && image.complete && image.naturalWidth > 0;"),
        30, "the changed slide's new picture")
    warning = wait_for(lambda: js(
        "const note = document.querySelector('#notes .note.warning');"
        "return note && note.textContent;"), 30, "the fit warning beside the slide")
    assert "instead of" in warning
    assert "een.yaml:" in warning
    assert js("return window.notReloaded === true;")
    # The page stayed on the slide the user was looking at.
    assert js("return document.querySelector('#strip button.selected').dataset.index;") == "1"

    # Asked to, the page goes to the first changed slide.
    browser.find_element(By.ID, "follow").click()
    deck = small / "deck.yaml"
    deck.write_text(deck.read_text(encoding="utf-8").replace("title: Proefdeck",
                                                             "title: Proefdeck twee"),
                    encoding="utf-8")
    wait_for(lambda: js(
        "return document.querySelector('#strip button.selected').dataset.index === '0';"),
        30, "the first changed slide to be selected")
    assert js("return window.notReloaded === true;")

    # A YAML mistake: the banner names file:line; the last good slides stay.
    section.write_text(good + "- kind: bullets\n  title: [kapot\n", encoding="utf-8")
    line = good.count("\n") + 2
    banner = wait_for(lambda: js(
        "const banner = document.getElementById('banner');"
        "return !banner.hidden && banner.innerText;"), 30, "the error banner")
    assert f"een.yaml:{line}:10" in banner
    assert js("return document.querySelectorAll('#strip img').length;") == 4
    assert browser.find_element(By.ID, "banner").is_displayed()

    section.write_text(good, encoding="utf-8")
    wait_for(lambda: js("return document.getElementById('banner').hidden;"), 30,
             "the banner to go")
    assert not browser.find_element(By.ID, "banner").is_displayed()
    assert js("return window.notReloaded === true;")

    # An afdeling's deck beside the base deck: its title slide differs, by text.
    from selenium.webdriver.support.select import Select

    Select(browser.find_element(By.ID, "deck")).select_by_value("drenthe")
    wait_for(lambda: js("return !document.getElementById('compare-label').hidden;"), 30,
             "the comparison switch")
    browser.find_element(By.ID, "compare").click()
    wait_for(lambda: js("return document.querySelectorAll('#slide figure').length === 2;"),
             30, "two decks side by side")
    js("document.querySelector('#strip button').click();")  # the page redraws: no handle
    captions = wait_for(lambda: js(
        "const images = [...document.querySelectorAll('#slide figure img')];"
        "return images.length === 2 && images.every(i => i.complete && i.naturalWidth > 0)"
        " && [...document.querySelectorAll('#slide figcaption')].map(c => c.textContent);"),
        60, "the two decks' first slides side by side")
    assert captions == ["basisdeck, dia 1", "Vereniging van Drentse Gemeenten, dia 1"]
    assert js("return document.querySelector('#strip button').classList.contains('differs');")
    assert js("return window.notReloaded === true;")
