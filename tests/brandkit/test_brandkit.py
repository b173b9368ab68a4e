"""The brand template is generated from its brand definition, reproducibly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from deck_builder.brandkit import build_template
from deck_builder.errors import DeckError
from tests.conftest import NS

BRAND = Path(__file__).resolve().parents[2] / "templates" / "vng"
GENERATED = ("template.pptx", "logo.png", "logo-negative.png")


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("brand") / "vng"
    shutil.copytree(BRAND, folder)
    for name in GENERATED:
        (folder / name).unlink()
    build_template(folder)
    return folder


@pytest.mark.parametrize("name", GENERATED)
def test_committed_files_match_a_fresh_build(rebuilt: Path, name: str) -> None:
    # A brand.yaml or layouts.yaml edit without a rebuild would leave them stale.
    assert (rebuilt / name).read_bytes() == (BRAND / name).read_bytes()


def test_template_has_one_named_layout_per_kind_and_no_slides(rebuilt: Path) -> None:
    import yaml

    mapping = yaml.safe_load((rebuilt / "layouts.yaml").read_text(encoding="utf-8"))
    prs = Presentation(str(rebuilt / "template.pptx"))
    assert len(prs.slides) == 0
    names = [layout.name for layout in prs.slide_layouts]
    assert sorted(names) == sorted(kind["layout"] for kind in mapping["kinds"].values())
    for kind in mapping["kinds"].values():
        layout = prs.slide_layouts.get_by_name(kind["layout"])
        assert layout is not None
        have = {ph.placeholder_format.idx for ph in layout.placeholders}
        assert {role["idx"] for role in kind["roles"].values()} <= have


def test_a_colour_change_is_one_edit_and_a_rebuild(rebuilt: Path, tmp_path: Path) -> None:
    folder = tmp_path / "vng"
    shutil.copytree(rebuilt, folder)
    brand = folder / "brand.yaml"
    brand.write_text(
        brand.read_text(encoding="utf-8").replace('accent: "E5761A"', 'accent: "00A36C"'),
        encoding="utf-8",
    )
    build_template(folder)
    theme = next(
        part.blob.decode()
        for part in Presentation(str(folder / "template.pptx")).part.package.iter_parts()
        if part.partname.endswith("theme1.xml")
    )
    assert "00A36C" in theme
    assert "E5761A" not in theme


def test_a_bad_colour_is_a_located_error(rebuilt: Path, tmp_path: Path) -> None:
    folder = tmp_path / "vng"
    shutil.copytree(rebuilt, folder)
    brand = folder / "brand.yaml"
    text = brand.read_text(encoding="utf-8").replace('accent: "E5761A"', "accent: orange")
    brand.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "accent: orange" in row)
    with pytest.raises(DeckError) as caught:
        build_template(folder)
    assert f"brand.yaml:{line}:" in str(caught.value)


def test_the_key_figure_is_a_darker_shade_of_the_theme_accent(rebuilt: Path) -> None:
    # The figure stays the theme's accent (a theme edit recolours it), darkened so it
    # reaches 3:1 on the light panel; the panel itself keeps the brand's light colour.
    prs = Presentation(str(rebuilt / "template.pptx"))
    layout = prs.slide_layouts.get_by_name("Kengetal")
    assert layout is not None
    (figure,) = [ph for ph in layout.placeholders if ph.placeholder_format.idx == 13]
    colour = figure._element.find(".//a:lvl1pPr/a:defRPr/a:solidFill/a:schemeClr", NS)
    assert colour is not None
    assert colour.get("val") == "accent1"
    shade = colour.find("a:lumMod", NS)
    assert shade is not None
    assert 80000 <= int(shade.get("val")) < 100000


def test_a_kind_without_layout_name_or_idx_is_refused(rebuilt: Path, tmp_path: Path) -> None:
    # Both are written into the template: without them there is nothing to write.
    folder = tmp_path / "vng"
    shutil.copytree(rebuilt, folder)
    layouts = folder / "layouts.yaml"
    text = layouts.read_text(encoding="utf-8")
    text = text.replace("    layout: Agenda\n", "", 1)
    text = text.replace("body: {idx: 13, max_pt: 28, min_pt: 16}", "body: {max_pt: 28}", 1)
    layouts.write_text(text, encoding="utf-8")
    with pytest.raises(DeckError) as caught:
        build_template(folder)
    message = str(caught.value)
    assert "kind 'agenda' needs `layout:`" in message
    assert "kind 'agenda': roles without `idx:`: ['body']" in message


# -- colours that cannot be read where the template puts them ------------------------------


def _brand_with(rebuilt: Path, tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    folder = tmp_path / "vng"
    shutil.copytree(rebuilt, folder)
    brand = folder / "brand.yaml"
    text = brand.read_text(encoding="utf-8").replace(old, new)
    brand.write_text(text, encoding="utf-8")
    return folder, next(i for i, row in enumerate(text.splitlines(), 1) if new in row)


def test_an_accent_too_light_for_the_light_panel_is_refused(rebuilt: Path,
                                                            tmp_path: Path) -> None:
    folder, line = _brand_with(rebuilt, tmp_path, 'accent: "E5761A"', 'accent: "F39C4A"')
    before = (folder / "template.pptx").read_bytes()
    with pytest.raises(DeckError) as caught:
        build_template(folder)
    (problem,) = caught.value.problems
    assert problem.where is not None
    assert (problem.where.path.name, problem.where.line) == ("brand.yaml", line)
    message = problem.message
    assert message.startswith("colour accent F39C4A (shown darker, as ")
    assert "on light EEF2F7 has a contrast of 2.2" in message
    assert "large text (60 pt bold) needs 3:1" in message
    assert "'Kengetal'" in message
    assert (folder / "template.pptx").read_bytes() == before  # nothing written


def test_small_text_needs_four_and_a_half_to_one(rebuilt: Path, tmp_path: Path) -> None:
    # A paler grey reads as a large heading but not as the 12 pt footer.
    folder, line = _brand_with(rebuilt, tmp_path, 'muted: "5F6B7A"', 'muted: "8A94A3"')
    with pytest.raises(DeckError) as caught:
        build_template(folder)
    messages = [p.message for p in caught.value.problems]
    assert all(p.where is not None and p.where.line == line for p in caught.value.problems)
    assert any("on background FFFFFF has a contrast of 3.07:1; text (12 pt) needs 4.5:1"
               in m for m in messages), messages
    assert any("on light EEF2F7" in m for m in messages), messages


def test_the_vng_orange_as_is_would_fail_on_the_light_panel() -> None:
    # E5761A itself reaches 2.69:1 on EEF2F7, under the 3:1 of the key figure: the brand
    # passes because the figure is drawn in a darker shade of it there.
    from deck_builder.brandkit.contrast import check_contrast, shaded, text_uses
    from deck_builder.brandkit.designs import layout_designs
    from deck_builder.brandkit.inputs import load_inputs
    from deck_builder.errors import ProblemCollector, SourceRef

    designs = layout_designs()
    inputs = load_inputs(BRAND, designs)
    colours = inputs.brand.colours
    figure = [use for use in text_uses(colours, designs, inputs.kinds)
              if use.place == "'Kengetal' of layout 'Kengetal'" and use.ground == "light"]
    assert [(use.shown, round(use.ratio, 2), use.needed) for use in figure] == [
        (shaded("E5761A", 88), 3.39, 3.0)]
    statistic = designs["statistic"]
    plain = statistic.placeholders["figure"]._replace(
        style=statistic.placeholders["figure"].style._replace(shade=None))
    unshaded = {**designs, "statistic": statistic._replace(
        placeholders={**statistic.placeholders, "figure": plain})}
    problems = ProblemCollector()
    check_contrast(colours, unshaded, inputs.kinds, lambda key: SourceRef(BRAND / key),
                   problems)
    (problem,) = problems.problems
    assert problem.message.startswith(
        "colour accent E5761A on light EEF2F7 has a contrast of 2.69:1; large text (60 pt "
        "bold) needs 3:1")
