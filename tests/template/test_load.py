"""The brand template: layouts.yaml matches template.pptx; broken brands are reported."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from deck_builder.checks import check_package
from deck_builder.errors import DeckError
from deck_builder.kinds import KINDS
from deck_builder.template.load import check_template, load_template, resolve_template
from deck_builder.template.model import builtin_brands
from tests.conftest import LAYOUTS, TEMPLATE_DIR, assert_inside, locate_in, make_png

P = "http://schemas.openxmlformats.org/presentationml/2006/main"

NEEDS = KINDS.layout_needs()


def test_every_kind_has_a_layout_with_its_roles() -> None:
    # Every kind with roles; a kind without (slides-from) borrows the others' layouts.
    assert set(LAYOUTS) == {need.kind for need in NEEDS}
    prs = Presentation(str(TEMPLATE_DIR / "template.pptx"))
    assert len(prs.slides) == 0
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    for kind, config in LAYOUTS.items():
        layout = layouts[config["layout"]]
        idx = {ph.placeholder_format.idx for ph in layout.placeholders}
        for role in KINDS[kind].required:
            assert config["roles"][role]["idx"] in idx, (kind, role)
        for role, spec in config["roles"].items():
            if "max_pt" in spec:
                assert 0 < spec["min_pt"] <= spec["max_pt"], (kind, role)


def test_load_template_reads_geometry_and_brand() -> None:
    template = load_template(TEMPLATE_DIR, NEEDS)
    prs = Presentation(str(TEMPLATE_DIR / "template.pptx"))
    assert template.slide_width == prs.slide_width
    for kind, spec in template.layouts.items():
        assert spec.name == LAYOUTS[kind]["layout"]
        for role, role_spec in spec.roles.items():
            rect = role_spec.rect
            slide = (0, 0, template.slide_width, template.slide_height)
            assert_inside((rect.x, rect.y, rect.w, rect.h), slide, slack=0)
            text = role_spec.text_rect
            assert 0 < text.w <= rect.w, (kind, role)
            assert 0 < text.h <= rect.h, (kind, role)
    assert all(len(colour) == 6 for colour in template.brand.colours.values())
    assert template.brand.fonts.regular.is_file()


def test_the_builtin_brand_is_found_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Neither the content nor the working folder has templates/: the brand that comes
    # with deck-builder is used.
    content = tmp_path / "ergens" / "content"
    content.mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert resolve_template("vng", content) == (builtin_brands() / "vng")
    assert (builtin_brands() / "vng" / "layouts.yaml").is_file()
    # A brand of the content's own, or of the working folder, comes first.
    own = tmp_path / "ergens" / "templates" / "vng"
    shutil.copytree(TEMPLATE_DIR, own)
    assert resolve_template("vng", content) == own.resolve()
    shutil.rmtree(own)
    here = tmp_path / "templates" / "vng"
    shutil.copytree(TEMPLATE_DIR, here)
    assert resolve_template("vng", content) == here.resolve()
    with pytest.raises(DeckError, match=str(builtin_brands() / "bestaat-niet")):
        resolve_template("bestaat-niet", content)


def test_resolve_template_by_name_and_path(tmp_path: Path) -> None:
    content = TEMPLATE_DIR.parent.parent / "content"
    assert resolve_template("vng", content) == TEMPLATE_DIR.resolve()
    assert resolve_template(str(TEMPLATE_DIR), tmp_path) == TEMPLATE_DIR.resolve()
    with pytest.raises(DeckError, match="not found"):
        resolve_template("bestaat-niet", tmp_path)


@pytest.fixture
def brand_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "merk"
    shutil.copytree(TEMPLATE_DIR, folder)
    return folder


def _edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def test_unknown_layout_name_is_located(brand_copy: Path) -> None:
    layouts = brand_copy / "layouts.yaml"
    text = _edit(layouts, "layout: Citaat", "layout: Citaten")
    with pytest.raises(DeckError) as caught:
        load_template(brand_copy, NEEDS)
    (problem,) = caught.value.problems
    assert "'Citaten'" in problem.message
    assert problem.where is not None
    assert problem.where.path == layouts
    # Located at the layout it names in layouts.yaml.
    assert (problem.where.line, problem.where.column) == locate_in(text, "layout: Citaten")


def test_all_template_problems_at_once(brand_copy: Path) -> None:
    layouts = brand_copy / "layouts.yaml"
    _edit(layouts, "body: {idx: 13, max_pt: 28, min_pt: 16}", "body: {idx: 99, max_pt: 28}")
    _edit(layouts, "layout: Kengetal", "layout: Bestaat niet")
    with pytest.raises(DeckError) as caught:
        load_template(brand_copy, NEEDS)
    messages = [p.message for p in caught.value.problems]
    assert len(messages) == 2
    assert any("idx 99" in m for m in messages)
    assert any("'Bestaat niet'" in m for m in messages)


def test_missing_template_file(brand_copy: Path) -> None:
    (brand_copy / "template.pptx").unlink()
    with pytest.raises(DeckError, match="template build"):
        load_template(brand_copy, NEEDS)


def test_bad_brand_colour(brand_copy: Path) -> None:
    text = _edit(brand_copy / "brand.yaml", 'accent: "E5761A"', "accent: oranje")
    with pytest.raises(DeckError) as caught:
        load_template(brand_copy, NEEDS)
    (problem,) = caught.value.problems
    assert problem.where is not None
    assert (problem.where.line, problem.where.column) == locate_in(text, "oranje")


def test_a_template_that_is_not_a_pptx_is_a_clean_error(brand_copy: Path) -> None:
    (brand_copy / "template.pptx").write_text("geen zip", encoding="utf-8")
    with pytest.raises(DeckError,
                       match=r"template\.pptx: cannot open template: the file is not a readable"):
        load_template(brand_copy, NEEDS)


def test_a_template_that_claims_gigabytes_is_refused_unread(brand_copy: Path) -> None:
    # A zip member whose declared size is huge: refused from the directory alone.
    import zipfile

    path = brand_copy / "template.pptx"
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ppt/media/padding.bin", b"\0" * 250_000_000)
    with pytest.raises(DeckError, match="unpacks to"):
        load_template(brand_copy, NEEDS)


# -- any template file, mapped automatically ------------------------------------------------


def test_our_brand_folder_is_used_as_it_is() -> None:
    # Nothing to prepare, nothing left to chance: the file itself is rendered on.
    template, report = check_template(TEMPLATE_DIR, NEEDS)
    assert template.pptx == TEMPLATE_DIR / "template.pptx"
    assert template.prepared is None
    assert template.warnings == ()
    assert report.changes == ()
    assert all(origin.startswith("layouts.yaml:") for origin in report.origins.values())
    assert all(not role.free for spec in template.layouts.values() for role in spec.roles.values())


def _stock(path: Path, slides: int = 0) -> Path:
    """python-pptx's own template, optionally with sample slides (notes, a picture)."""
    prs = Presentation()
    for number in range(slides):
        slide = prs.slides.add_slide(prs.slide_layouts[number % 2])
        slide.shapes.title.text = f"Voorbeeld {number}"
        slide.notes_slide.notes_text_frame.text = "Notitie"
        slide.shapes.add_picture(str(make_png(path.parent / f"p{number}.png")), 0, 0)
    prs.save(str(path))
    return path


def test_resolve_template_accepts_pptx_and_potx_files(tmp_path: Path) -> None:
    pptx_file = _stock(tmp_path / "huisstijl.pptx")
    potx_file = tmp_path / "huisstijl.potx"
    shutil.copy(pptx_file, potx_file)
    assert resolve_template(str(pptx_file), tmp_path, is_path=True) == pptx_file
    assert resolve_template("huisstijl.potx", tmp_path, is_path=True) == potx_file
    folder = tmp_path / "alleen-bestand"
    folder.mkdir()
    shutil.copy(pptx_file, folder / "corporate.pptx")
    assert resolve_template(str(folder), tmp_path) == folder
    assert check_template(folder, NEEDS).report.path == folder / "corporate.pptx"


def test_a_potx_is_read_without_changing_it(tmp_path: Path) -> None:
    source = _stock(tmp_path / "stock.pptx")
    potx = tmp_path / "huisstijl.potx"
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(potx, "w") as target:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml",
                                    b"presentationml.template.main+xml")
            target.writestr(info, data)
    before = potx.read_bytes()
    with pytest.raises(ValueError, match="not a PowerPoint file"):
        Presentation(str(potx))  # what python-pptx itself says
    template = load_template(potx, NEEDS)
    assert potx.read_bytes() == before
    assert template.pptx == potx
    assert template.prepared is not None  # a presentation's content type, in memory
    assert len(Presentation(io.BytesIO(template.prepared)).slides) == 0
    assert template.layouts["bullets"].name == "Title and Content"


def test_sample_slides_go_with_their_notes_and_pictures(tmp_path: Path) -> None:
    source = _stock(tmp_path / "voorbeelden.pptx", slides=3)
    template, report = check_template(source, NEEDS)
    assert "removed 3 sample slide(s)" in report.changes
    assert template.prepared is not None
    with zipfile.ZipFile(io.BytesIO(template.prepared)) as archive:
        names = archive.namelist()
    assert not [n for n in names if n.startswith(("ppt/slides/", "ppt/notesSlides/",
                                                  "ppt/media/"))]
    assert check_package(template.prepared) == []  # no orphans, no dangling relationships
    assert len(Presentation(str(source)).slides) == 3  # the user's file keeps them


def test_repeated_placeholder_idx_values_are_made_unique(tmp_path: Path) -> None:
    # LibreOffice writes no idx (so 0) for every content placeholder; slides find
    # their layout's placeholders by idx, so a title and a body both at 0 would clash.
    prs = Presentation()
    for layout in prs.slide_layouts:
        for ph in layout._element.iter(f"{{{P}}}ph"):
            if ph.get("type") not in ("dt", "ftr", "sldNum"):
                ph.attrib.pop("idx", None)
    path = tmp_path / "zonder-idx.pptx"
    prs.save(str(path))
    template, report = check_template(path, NEEDS)
    for kind, spec in template.layouts.items():
        idx = [role.idx for role in spec.roles.values()]
        assert len(idx) == len(set(idx)), (kind, idx)
    assert any("an idx of their own" in change for change in report.changes)


def _with_mapping(tmp_path: Path, text: str) -> tuple[Path, Path]:
    source = _stock(tmp_path / "template.pptx")
    layouts = tmp_path / "layouts.yaml"
    layouts.write_text(text, encoding="utf-8")
    return source, layouts


def test_a_partial_mapping_overrides_per_kind_and_role(tmp_path: Path) -> None:
    source, _ = _with_mapping(tmp_path, """\
kinds:
  bullets:
    layout: Two Content
    roles:
      body: {idx: 2, max_pt: 20}
  closing:
    layout: Title Slide
""")
    template, report = check_template(source, NEEDS)
    bullets = template.layouts["bullets"]
    assert bullets.name == "Two Content"
    assert bullets.roles["body"].idx == 2
    assert bullets.roles["body"].max_pt == 20
    assert bullets.roles["title"].idx == 0  # a required role left out: automatic
    assert template.layouts["closing"].name.startswith("Title Slide")
    assert template.layouts["agenda"].name == "Title and Content"  # not listed: automatic
    assert report.origins["bullets"] == "layouts.yaml:2"
    assert report.origins["agenda"] == "automatic"


def test_a_role_can_name_its_placeholder_or_be_left_automatic(tmp_path: Path) -> None:
    source, _ = _with_mapping(tmp_path, """\
kinds:
  quote:
    layout: Comparison
    roles:
      quote: {name: Content Placeholder 5}
      attribution: auto
""")
    template = load_template(source, NEEDS)
    quote = template.layouts["quote"]
    assert quote.roles["quote"].idx == 4
    assert "attribution" in quote.roles
    assert "caption" not in quote.roles  # optional and not listed: no place (as documented)


@pytest.mark.parametrize(
    ("mapping", "needle", "fragment"),
    [
        ("kinds:\n  bullets:\n    layout: Titel en inhoud\n", "layout: Titel", "'Titel en inhoud'"),
        ("kinds:\n  bullets:\n    layout: Title and Content\n    roles:\n      body: {idx: 7}\n",
         "body:", "no placeholder idx 7"),
        ("kinds:\n  bullets:\n    layout: Comparison\n    roles:\n      body: {name: Body}\n",
         "body:", "named 'Body'"),
        ("kinds:\n  bulets:\n    layout: Comparison\n", "bulets:", "did you mean 'bullets'"),
        ("master: 3\nkinds: {}\n", "master:", "master 3 does not exist"),
        ("kinds:\n  bullets:\n    roles:\n      body: {idx: 1}\n", "body:", "has no `layout:`"),
    ],
    ids=["layout", "idx", "name", "kind", "master", "no-layout"],
)
def test_a_mapping_naming_what_does_not_exist_is_a_located_error(
    tmp_path: Path, mapping: str, needle: str, fragment: str
) -> None:
    source, layouts = _with_mapping(tmp_path, mapping)
    with pytest.raises(DeckError) as caught:
        load_template(source, NEEDS)
    (problem,) = caught.value.problems
    assert fragment in problem.message
    assert problem.where is not None
    assert problem.where.path == layouts
    assert (problem.where.line, problem.where.column) == locate_in(mapping, needle)


def test_a_mapping_for_another_file_is_not_applied(tmp_path: Path) -> None:
    source, _ = _with_mapping(tmp_path, "template: ander.pptx\nkinds:\n  bullets:\n"
                              "    layout: Bestaat niet\n")
    template = load_template(source, NEEDS)  # the layouts.yaml is ander.pptx's
    assert template.layouts["bullets"].name == "Title and Content"


def test_brand_colours_and_fonts_come_from_the_theme(tmp_path: Path) -> None:
    template, report = check_template(_stock(tmp_path / "stock.pptx"), NEEDS)
    brand = template.brand
    assert brand.colours["text"] == "000000"
    assert brand.colours["background"] == "FFFFFF"
    assert brand.colours["primary"] == "1F497D"  # the theme's dk2 (tx2): headings
    assert brand.colours["accent"] == "4F81BD"  # accent1
    assert brand.font_family == "Calibri"
    assert report.theme is not None
    assert report.fonts is not None
    assert report.theme.minor_font == "Calibri"
    assert report.fonts.requested == "Calibri"
    if report.fonts.source != "system":  # Calibri itself is rarely installed
        assert any("Calibri" in warning for warning in template.warnings)


def test_checking_writes_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A template that had to be prepared is kept in memory: the check writes nothing,
    not even in the cache folder (remembering it is the caller's business)."""
    source = _stock(tmp_path / "voorbeelden.pptx", slides=2)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    before = sorted(tmp_path.rglob("*"))
    template = load_template(source, NEEDS)
    assert template.prepared is not None
    assert sorted(tmp_path.rglob("*")) == before
