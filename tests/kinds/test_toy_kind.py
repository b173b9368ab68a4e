"""A slide kind that exists only in this test: registered, matched, planned, drawn.

`banner` declares everything a kind of the package does (record, planner, roles with
size classes, layout words and hints, a recipe, a file field and a literal field, a
brand-template layout design) and brings a shape of its own (`Stamp`, an ellipse the
renderer has never heard of). Nothing in the package names it: it is registered for the
length of each test only.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, NamedTuple

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide

from deck_builder import pipeline
from deck_builder.brandkit import build_template
from deck_builder.content import pictures, richtext
from deck_builder.content.records import PlainText, SlideBase, Text
from deck_builder.errors import DeckError
from deck_builder.kinds import KINDS, SlideKind
from deck_builder.planning.model import (
    EMU_PER_INCH,
    Canvas,
    Para,
    PictureShape,
    Rect,
    SlidePlan,
    TextBlock,
    contain,
)
from deck_builder.planning.planner import PlanContext, one
from deck_builder.template.design import (
    DARK_MOTIF,
    DARK_TEXT_W,
    DARK_TITLE_STYLE,
    MARGIN,
    NEGATIVE_LOGO,
    Box,
    LayoutDesign,
    Ph,
    Style,
)
from deck_builder.template.needs import Role
from deck_builder.template.placement import Placement
from tests.conftest import (
    TEMPLATE_DIR,
    ContentMaker,
    descr,
    png_bytes,
    slide_name,
    slide_texts,
)
from tests.fixtures.third_party import ThirdParty, third_party_templates

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
INCH = EMU_PER_INCH
STAMP_LINK = "https://example.org/spandoek"


class BannerSlide(SlideBase):
    """A headline with a slogan, a numbered stamp and an emblem picture."""

    kind: Literal["banner"]
    title: Text
    slogan: Text
    code: PlainText  # a reference: `{…}` in it is not a variable
    emblem: Path  # a picture beside the YAML file


class Stamp(NamedTuple):
    """A filled ellipse with a short centred label, linked: a shape of this kind only."""

    rect: Rect
    label: str
    fill: str
    link: str

    def draw(self, canvas: Canvas) -> None:
        """Written as XML, with the canvas's ids, text, links and colours."""
        sp = etree.Element(f"{{{P}}}sp", nsmap={"p": P, "a": A, "r": R})
        nv = etree.SubElement(sp, f"{{{P}}}nvSpPr")
        c_nv_pr = etree.SubElement(nv, f"{{{P}}}cNvPr", id=str(canvas.next_shape_id()),
                                   name="Stempel")
        etree.SubElement(c_nv_pr, f"{{{A}}}hlinkClick").set(f"{{{R}}}id",
                                                           canvas.link(self.link))
        etree.SubElement(nv, f"{{{P}}}cNvSpPr")
        etree.SubElement(nv, f"{{{P}}}nvPr")
        sp_pr = etree.SubElement(sp, f"{{{P}}}spPr")
        xfrm = etree.SubElement(sp_pr, f"{{{A}}}xfrm")
        etree.SubElement(xfrm, f"{{{A}}}off", x=str(self.rect.x), y=str(self.rect.y))
        etree.SubElement(xfrm, f"{{{A}}}ext", cx=str(self.rect.w), cy=str(self.rect.h))
        etree.SubElement(etree.SubElement(sp_pr, f"{{{A}}}prstGeom", prst="ellipse"),
                         f"{{{A}}}avLst")
        etree.SubElement(etree.SubElement(sp_pr, f"{{{A}}}solidFill"), f"{{{A}}}srgbClr",
                         val=self.fill)
        body = etree.SubElement(sp, f"{{{P}}}txBody")
        etree.SubElement(body, f"{{{A}}}bodyPr", anchor="ctr")
        etree.SubElement(body, f"{{{A}}}lstStyle")
        label = richtext.parse(richtext.escape(self.label))
        canvas.write_text(sp, TextBlock((Para(label, align="ctr"),), 14.0,
                                        canvas.colour("background"), True))
        canvas.append(sp)


def plan(slide: BannerSlide, ctx: PlanContext) -> list[SlidePlan]:
    """One slide: headline and slogan in their roles, the stamp and emblem bottom right."""
    texts = {"title": ctx.fit("banner", "title", one(slide.title)),
             "slogan": ctx.fit("banner", "slogan", one(slide.slogan))}
    right = ctx.template.slide_width - INCH // 2
    bottom = ctx.template.slide_height - INCH
    stamp = Stamp(Rect(right - INCH, bottom - INCH, INCH, INCH), slide.code,
                  ctx.colour("accent"), STAMP_LINK)
    width, height = pictures.inspect(slide.emblem)
    emblem = PictureShape(contain(Rect(right - 2 * INCH - INCH // 4, bottom - INCH, INCH, INCH),
                                  width, height), "Embleem", slide.emblem, "Embleem van de regio")
    layout = ctx.template.layouts["banner"].name
    return [SlidePlan("banner", layout, ctx.slide_name(slide), texts, (stamp, emblem),
                      ctx.notes(slide))]


def recipe(r: Placement) -> None:
    """A centred title; the slogan in the subtitle, else the largest text area."""
    r.title(centred=True)
    if r.info.subtitle is not None:
        r.take("slogan", r.info.subtitle, "exact", "subtitle placeholder")
    elif r.area("slogan") is None:
        r.region_box("slogan", "the content area")


BANNER = SlideKind(
    name="banner",
    model=BannerSlide,
    plan=plan,
    roles=(Role("title", "display", required=True), Role("slogan", "subtitle", required=True)),
    layout_names=("banner", "spandoek"),
    hints={"banner": 8, "title_slide": 1},
    recipe=recipe,
    files=frozenset({"emblem"}),
    literal=frozenset({"code"}),
    design=LayoutDesign(
        dark=True,
        logo=NEGATIVE_LOGO,
        decorations=DARK_MOTIF,
        placeholders={
            "title": Ph("Kop", Box(MARGIN, 1.4, DARK_TEXT_W, 2.2), DARK_TITLE_STYLE, "Kop",
                        "title"),
            "slogan": Ph("Slogan", Box(MARGIN, 3.9, DARK_TEXT_W, 1.2), Style(colour="light"),
                         "Slogan"),
        },
    ),
)

SLIDES = """\
- kind: title
- kind: banner
  id: spandoek
  title: Samen sterk in {organisatie}
  slogan: Elke gemeente telt
  code: NR-{regio}
  emblem: beeld/embleem.png
"""


@pytest.fixture
def banner() -> Iterator[SlideKind]:
    """The banner kind, known for one test."""
    with KINDS.registered(BANNER):
        yield BANNER
    assert "banner" not in KINDS


@pytest.fixture(scope="module")
def third_party(tmp_path_factory: pytest.TempPathFactory) -> ThirdParty:
    return third_party_templates(tmp_path_factory)


def _build(make_content: ContentMaker, out: Path, template: Path | None = None,
           **meta: str) -> PresentationType:
    content = make_content(SLIDES, meta=meta or None,
                           files={"beeld/embleem.png": png_bytes((80, 40))})
    pipeline.build(content.dir, out, template)
    return Presentation(str(out))


def _banner_slide(prs: PresentationType) -> Slide:
    (slide,) = [s for s in prs.slides if slide_name(s).startswith("banner:")]
    return slide


def _check_banner(slide: Slide) -> None:
    """The banner's roles hold their text, its stamp and emblem are drawn."""
    assert slide_name(slide) == "banner:spandoek"
    title = slide.shapes.title
    assert title is not None
    assert title.text_frame.text == "Samen sterk in VNG"  # a variable, substituted
    assert "Elke gemeente telt" in slide_texts(slide)
    shapes: list[Any] = list(slide.shapes)
    (stamp,) = [s for s in shapes if s.name == "Stempel"]
    assert stamp.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
    assert stamp.auto_shape_type == MSO_SHAPE.OVAL
    assert stamp.text_frame.text == "NR-{regio}"  # literal: never a variable
    assert stamp.click_action.hyperlink.address == STAMP_LINK
    (emblem,) = [s for s in shapes if s.name == "Embleem"]
    assert emblem.shape_type == MSO_SHAPE_TYPE.PICTURE
    assert descr(emblem) == "Embleem van de regio"


def test_a_kind_is_unknown_until_it_is_registered(make_content: ContentMaker,
                                                  tmp_path: Path) -> None:
    with pytest.raises(DeckError, match="unknown slide kind 'banner'"):
        _build(make_content, tmp_path / "deck.pptx")


def test_a_registered_kind_builds_on_the_vng_template(banner: SlideKind, tmp_path: Path,
                                                      make_content: ContentMaker) -> None:
    prs = _build(make_content, tmp_path / "deck.pptx")
    slide = _banner_slide(prs)
    _check_banner(slide)
    # VNG's layouts.yaml does not map it: it gets the best layout for its roles.
    assert slide.slide_layout.name in {layout.name for layout in prs.slide_layouts}


@pytest.mark.parametrize("name", ["python-pptx", "pandoc"])
def test_a_registered_kind_builds_on_a_foreign_template(
    banner: SlideKind, tmp_path: Path, make_content: ContentMaker, third_party: ThirdParty,
    name: str,
) -> None:
    source = third_party.get(name)
    prs = _build(make_content, tmp_path / "deck.pptx", source)
    slide = _banner_slide(prs)
    _check_banner(slide)
    # Its recipe put the slogan in the subtitle of the title slide layout.
    assert slide.slide_layout.name == "Title Slide"
    subtitle = [s for s in slide.placeholders if s.placeholder_format.type == 4]  # SUBTITLE
    assert [s.text_frame.text for s in subtitle] == ["Elke gemeente telt"]


def test_a_layout_named_for_the_kind_is_chosen(banner: SlideKind, tmp_path: Path,
                                               make_content: ContentMaker) -> None:
    # "Section Header" renamed in Dutch after the kind: the name decides between
    # layouts that both hold a title and a slogan.
    stock = Presentation()
    for layout in stock.slide_layouts:
        if layout.name == "Section Header":
            layout._element.find(f"{{{P}}}cSld").set("name", "Spandoek")
    source = tmp_path / "stock.pptx"
    stock.save(str(source))
    slide = _banner_slide(_build(make_content, tmp_path / "deck.pptx", source))
    _check_banner(slide)
    assert slide.slide_layout.name == "Spandoek"


def test_the_brand_template_draws_the_kinds_design(banner: SlideKind, tmp_path: Path,
                                                   make_content: ContentMaker) -> None:
    brand = tmp_path / "vng"
    shutil.copytree(TEMPLATE_DIR, brand)
    layouts = brand / "layouts.yaml"
    layouts.write_text(layouts.read_text(encoding="utf-8") + """\
  banner:
    layout: Spandoek
    dark: true
    roles:
      title: {idx: 0, max_pt: 48, min_pt: 28}
      slogan: {idx: 13, max_pt: 28, min_pt: 16}
""", encoding="utf-8")
    build_template(brand)
    prs = _build(make_content, tmp_path / "deck.pptx", brand)
    slide = _banner_slide(prs)
    _check_banner(slide)
    assert slide.slide_layout.name == "Spandoek"
    slogan = [s for s in slide.placeholders if s.placeholder_format.idx == 13]
    assert [s.text_frame.text for s in slogan] == ["Elke gemeente telt"]
    assert slogan[0].text_frame.paragraphs[0].runs[0].font.size.pt <= 28


def test_a_missing_file_of_the_kind_is_reported_at_its_line(
    banner: SlideKind, tmp_path: Path, make_content: ContentMaker,
) -> None:
    content = make_content(SLIDES)  # no beeld/embleem.png
    line, column = content.where("beeld/embleem.png")
    with pytest.raises(DeckError) as caught:
        pipeline.build(content.dir, tmp_path / "deck.pptx")
    assert f"deck.yaml:{line}:{column}: picture file not found: embleem.png" in str(caught.value)


def test_registration_refuses_a_second_kind_of_a_name(banner: SlideKind) -> None:
    with pytest.raises(ValueError, match="registered already"):
        KINDS.register(BANNER)
    with pytest.raises(ValueError, match="unknown size class 'huge'"):
        KINDS.register(SlideKind("poster", BannerSlide, plan, (Role("title", "huge"),)))
    assert "poster" not in KINDS
