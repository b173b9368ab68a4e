"""The whole server in this process: builds, watching every kind of file, drawing only
changed slides, the error banner's data and the event stream."""

from __future__ import annotations

import http.client
import io
import json
import queue
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image

from deck_builder.serve.app import Serve
from deck_builder.serve.office import Office
from tests.conftest import TEMPLATE_DIR, make_png
from tests.serve.conftest import get, libreoffice, needs_office, settled, wait_for

pytestmark = [needs_office, libreoffice]

SECTION = "sections/03-overige.yaml"
SMALL_SECTION = "sections/een.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_slide_is_drawn_once_then_only_the_edited_one(
        content: Path, office: Office) -> None:
    server = Serve(content, port=0, office=office)
    before = office.renders
    server.start()
    try:
        first = settled(server)
        assert first["ok"]
        count = len(first["slides"])
        assert count > 10
        assert all(slide["picture"] for slide in first["slides"])
        assert office.renders - before == count
        # The slide the edit below changes (its position follows the deck).
        at = [s["name"] for s in first["slides"]].index("bullets:overige-actualiteiten")
        status, body, headers = get(f"{server.url}slide/{first['slides'][at]['key']}.png")
        assert status == 200
        assert headers["Content-Type"] == "image/png"
        with Image.open(io.BytesIO(body)) as picture:
            assert picture.size == (1280, 720)

        drawn = office.renders
        # Long enough to be set smaller than 15 % under the template's size: a warning.
        edit(content / SECTION, "- Stikstof",
             "- Stikstof en de gevolgen voor vergunningverlening, woningbouw, "
             "infrastructuur, natuurherstel en de landbouw in alle regio's van het land, "
             "met aandacht voor de uitvoerbaarheid bij gemeenten")
        second = settled(server, after=first["version"])
        assert second["changed"] == [at]
        assert office.renders - drawn == 1
        assert second["slides"][at]["key"] != first["slides"][at]["key"]
        assert ([s["key"] for s in second["slides"][:at]]
                == [s["key"] for s in first["slides"][:at]])
        assert all(slide["picture"] for slide in second["slides"])
        # The slide's source and its warnings are beside it.
        slide = second["slides"][at]
        assert slide["source"].endswith("03-overige.yaml:3")
        assert any(note["code"] == "FIT-WARNING" and "body" in note["message"]
                   for note in slide["notes"])
    finally:
        server.stop()


def test_undoing_an_edit_needs_no_drawing(server: Serve, office: Office, small: Path) -> None:
    first = settled(server)
    edit(small / SMALL_SECTION, "[Een, Twee, Drie]", "[Een, Twee, Drie, Vier]")
    second = settled(server, after=first["version"])
    drawn = office.renders
    edit(small / SMALL_SECTION, "[Een, Twee, Drie, Vier]", "[Een, Twee, Drie]")
    third = settled(server, after=second["version"])
    assert third["changed"] == [1]
    assert office.renders == drawn  # the picture of the old text was kept by its key


@pytest.mark.parametrize("change", ["deck", "section", "picture", "partners"])
def test_each_kind_of_content_file_is_watched(server: Serve, small: Path, change: str) -> None:
    first = settled(server)
    if change == "deck":
        edit(small / "deck.yaml", "title: Proefdeck", "title: Ander deck")
        slide = 0
    elif change == "section":
        edit(small / SMALL_SECTION, "title: Punten", "title: Andere punten")
        slide = 1
    elif change == "picture":
        make_png(small / "images/foto.png", (300, 400), "#c04040")
        slide = 2
    else:
        edit(small / "partners.yaml", "https://www.ipo.nl", "https://www.ipo.nl/over")
        slide = 3
    second = settled(server, after=first["version"])
    assert second["changed"] == [slide]
    assert second["slides"][slide]["picture"]


def test_an_afdeling_deck_follows_afdelingen_yaml(server: Serve, small: Path) -> None:
    first = settled(server, "drenthe")
    assert first["ok"]
    assert first["file"] == "2025-12-10-proefdeck-drenthe"
    edit(small / "afdelingen.yaml", "place: Assen", "place: Emmen")
    second = settled(server, "drenthe", after=first["version"])
    assert 0 in second["changed"]
    assert any("Emmen" in para["text"] for block in second["slides"][0]["text"]
               for para in block["paragraphs"])


def test_the_template_folder_is_watched(small: Path, office: Office, tmp_path: Path) -> None:
    brand = tmp_path / "brand"
    shutil.copytree(TEMPLATE_DIR, brand)
    server = Serve(small, brand, port=0, office=office)
    server.start()
    try:
        first = settled(server)
        builds = server.builder.builds
        wait_for(lambda: server.watcher is not None and server.watcher.template is not None,
                 what="the template folder to be watched")
        with (brand / "brand.yaml").open("a", encoding="utf-8") as stream:
            stream.write("\n# changed\n")
        settled(server, after=first["version"])
        assert server.builder.builds > builds
    finally:
        server.stop()


def test_content_errors_are_listed_and_the_last_good_slides_stay(
        server: Serve, small: Path) -> None:
    first = settled(server)
    section = small / SMALL_SECTION
    good = section.read_text(encoding="utf-8")
    section.write_text(good + "- kind: bullets\n  title: [kapot\n", encoding="utf-8")
    broken = settled(server, after=first["version"])
    assert not broken["ok"]
    (error,) = broken["errors"]
    assert error["where"].endswith(f"een.yaml:{good.count(chr(10)) + 2}:10")
    assert "quotes" in error["message"]
    assert [s["key"] for s in broken["slides"]] == [s["key"] for s in first["slides"]]
    status, _, _ = get(f"{server.url}download/base.pptx")
    assert status == 200  # the last good deck can still be taken
    section.write_text(good, encoding="utf-8")
    fixed = settled(server, after=broken["version"])
    assert fixed["ok"]
    assert fixed["errors"] == []


def test_events_arrive_after_an_edit(server: Serve, small: Path) -> None:
    first = settled(server)
    parts = urlsplit(server.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", f"{parts.path}events")
    response = connection.getresponse()
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/event-stream"
    events: queue.Queue[dict[str, object]] = queue.Queue()

    def read() -> None:
        name = ""
        for raw in response:
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: ") and name == "deck":
                events.put(json.loads(line[6:]))

    threading.Thread(target=read, daemon=True).start()
    wait_for(lambda: len(server.events) == 1, what="the stream to be subscribed")
    edit(small / SMALL_SECTION, "[Een, Twee, Drie]", "[Een, Twee]")
    seen = []
    while True:
        event = events.get(timeout=30)
        seen.append(event)
        if event["version"] >= first["version"] + 2:
            break
    assert all(item["deck"] == "base" for item in seen)
    assert seen[-1]["changed"] == [1]
    connection.close()


def test_pdf_download_is_the_current_deck(server: Serve) -> None:
    settled(server)
    status, body, headers = get(f"{server.url}download/base.pdf")
    assert status == 200
    assert body.startswith(b"%PDF-")
    assert 'filename="proefdeck.pdf"' in headers["Content-Disposition"]
