"""`template check` and `template init` (click commands; the CLI's `template` group
carries them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from deck_builder.cli.template import aspect_ratio, check, init
from deck_builder.errors import DeckError
from deck_builder.kinds import KINDS
from deck_builder.template.load import check_template, load_template
from tests.conftest import TEMPLATE_DIR
from tests.fixtures.third_party import ThirdParty, third_party_templates

NEEDS = KINDS.layout_needs()


@pytest.fixture
def stock(tmp_path: Path) -> Path:
    path = tmp_path / "stock.pptx"
    Presentation().save(str(path))
    return path


def test_check_prints_layouts_mapping_theme_and_verdict(stock: Path) -> None:
    result = CliRunner().invoke(check, [str(stock)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "slide size: 25.4 × 19.05 cm (4:3)" in out
    assert "* 1. Office Theme (11 layouts)" in out
    assert "'Comparison'" in out
    assert "obj       idx 1   at  1.27,  4.45 cm  size 22.86 × 12.57 cm" in out
    assert "bullets     → 'Title and Content', automatic" in out
    assert "two-column  → 'Comparison'" in out
    assert "missing (drawn in free boxes" in out
    assert "title: date, presenter" in out
    assert "accent1 #4F81BD" in out
    assert "theme fonts: headings Calibri, body Calibri" in out
    assert out.rstrip().splitlines()[-1].startswith("verdict: usable")


def test_check_as_json(stock: Path) -> None:
    result = CliRunner().invoke(check, [str(stock), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["verdict"] == "usable"
    assert data["slide"]["ratio"] == "4:3"
    assert data["mapping"]["image"]["layout"] == "Picture with Caption"
    picture = data["mapping"]["image"]["roles"]["picture"]
    assert picture["placeholder"]["type"] == "pic"
    assert data["missing"]["title"] == ["date", "presenter"]
    assert data["mapping"]["title"]["roles"]["date"]["free"] is True
    assert data["theme"]["colours"]["dk2"] == "#1F497D"
    assert {layout["name"] for layout in data["layouts"]} >= {"Title Slide", "Blank"}


def test_check_of_our_brand_folder_is_good() -> None:
    result = CliRunner().invoke(check, [str(TEMPLATE_DIR), "--format", "json"])
    data = json.loads(result.output)
    assert data["verdict"] == "good"
    assert data["missing"] == {}
    assert data["measuring_fonts"]["source"] == "brand.yaml"
    assert all(entry["origin"].startswith("layouts.yaml:") for entry in data["mapping"].values())


def test_check_reports_mapping_errors_with_their_line(stock: Path) -> None:
    (stock.parent / "layouts.yaml").write_text(
        "template: stock.pptx\nkinds:\n  quote:\n    layout: Citaat\n", encoding="utf-8")
    result = CliRunner().invoke(check, [str(stock)])
    assert result.exit_code == 1
    assert "layouts.yaml:4:5: layout 'Citaat'" in result.stderr
    assert result.stdout.strip() == "verdict: unusable"
    result = CliRunner().invoke(check, [str(stock), "--format", "json"])
    data = json.loads(result.output)
    assert data["verdict"] == "unusable"
    assert any("'Citaat'" in error for error in data["errors"])


def test_init_makes_a_brand_folder_that_maps_the_same(stock: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(init, [str(stock), "huisstijl"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "templates" / "huisstijl"
    assert (folder / "template.pptx").read_bytes() == stock.read_bytes()
    text = (folder / "layouts.yaml").read_text(encoding="utf-8")
    assert 'layout: "Comparison"' in text
    assert "date: {max_pt:" in text  # a free box: placed automatically, sizes fixed
    assert "master:" not in text  # one master: nothing to choose
    written, report = check_template(folder, NEEDS)
    automatic = load_template(stock, NEEDS)
    assert written.layouts == automatic.layouts
    assert all(origin.startswith("layouts.yaml:") for origin in report.origins.values())


def test_init_refuses_an_existing_folder_and_a_bad_name(stock: Path, tmp_path: Path) -> None:
    target = tmp_path / "sjablonen"
    (target / "bestaat").mkdir(parents=True)
    result = CliRunner().invoke(init, [str(stock), "bestaat", "--templates", str(target)])
    assert isinstance(result.exception, DeckError)
    assert "already exists" in str(result.exception)
    result = CliRunner().invoke(init, [str(stock), "Met Spatie", "--templates", str(target)])
    assert result.exit_code == 2
    assert "lower-case" in result.output


@pytest.fixture(scope="session")
def third_party(tmp_path_factory: pytest.TempPathFactory) -> ThirdParty:
    return third_party_templates(tmp_path_factory)


def test_init_pins_the_master_of_a_template_with_several(third_party: ThirdParty,
                                                         tmp_path: Path) -> None:
    source = third_party.get("vivid")
    result = CliRunner().invoke(init, [str(source), "vivid", "--templates", str(tmp_path)])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "vivid" / "layouts.yaml").read_text(encoding="utf-8")
    assert "\nmaster: 2" in text
    assert load_template(tmp_path / "vivid", NEEDS).layouts == \
        load_template(source, NEEDS).layouts


def test_aspect_ratios_are_named() -> None:
    assert aspect_ratio(12192000, 6858000) == "16:9"
    assert aspect_ratio(9144000, 6858000) == "4:3"
    assert aspect_ratio(10080625, 5670550) == "16:9"
    assert aspect_ratio(7560000, 10692000) == "0.71:1"
