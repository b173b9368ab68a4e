"""Assemble the pptx: default package, new theme, one master, the designed layouts."""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.parts.slide import SlideLayoutPart, SlideMasterPart
from pptx.presentation import Presentation as PresentationObject
from pptx.util import Emu

from deck_builder.brandkit.metadata import normalised_zip, tidy_package
from deck_builder.brandkit.ooxml import LANG, NSDECL
from deck_builder.brandkit.parts import layout_xml, master_xml
from deck_builder.brandkit.theme import theme_blob
from deck_builder.ooxml.namespaces import A, P, R
from deck_builder.template.design import SLIDE_H_EMU, SLIDE_W_EMU, LayoutDesign
from deck_builder.template.load import Brand, KindConfig

# sldLayoutId values share one id space with sldMasterId (2147483648, the default's).
_FIRST_LAYOUT_ID = 2147483649


def build_package(
    brand: Brand,
    kinds: dict[str, KindConfig],
    designs: dict[str, LayoutDesign],
    logo: Path,
    negative_logo: Path,
) -> bytes:
    """The template's pptx bytes: one master and, in `kinds` order, one layout per kind.

    `kinds` must already be checked against `designs` (every kind designed, layout
    names unique). Deterministic: the same inputs give the same bytes.
    """
    # The default package has every part PowerPoint expects; what it gets wrong for a
    # brand is rewritten below.
    prs = Presentation()
    _widescreen_dutch(prs)

    master = prs.slide_master
    # Remove the eleven default layouts through python-pptx: it drops the sldLayoutId
    # entry and the master's relationship, after which the part is unreachable and is
    # not written. New layouts are added as fresh parts below.
    for layout in list(master.slide_layouts):
        master.slide_layouts.remove(layout)

    master_part: SlideMasterPart = master.part
    theme_part = master_part.part_related_by(RT.THEME)
    theme_part.blob = theme_blob(theme_part.blob, brand)  # a plain (blob) part

    # Rebuild the master in place (same part, same theme relationship).
    _, master_logo_rid = master_part.get_or_add_image_part(str(logo))
    new_master = parse_xml(master_xml(brand.footer, master_logo_rid))
    _replace_content(master.element, new_master)
    id_list = master.element.find(f"{P}sldLayoutIdLst")
    assert id_list is not None  # master_xml writes one

    package = prs.part.package
    for next_id, (kind, config) in enumerate(kinds.items(), start=_FIRST_LAYOUT_ID):
        design = designs[kind]
        partname = package.next_partname("/ppt/slideLayouts/slideLayout%d.xml")
        part = SlideLayoutPart(
            PackURI(partname),
            CT.PML_SLIDE_LAYOUT,
            package,
            parse_xml(f"<p:sldLayout {NSDECL}><p:cSld/></p:sldLayout>"),
        )
        part.relate_to(master_part, RT.SLIDE_MASTER)
        logo_rid = None
        if design.logo is not None:
            image = negative_logo if design.logo.negative else logo
            _, logo_rid = part.get_or_add_image_part(str(image))
        assert config.layout is not None, "load_inputs requires a layout name"
        _replace_content(part.slide_layout.element, parse_xml(
            layout_xml(config.layout, design, config.roles, logo_rid, brand.footer)
        ))
        rid = master_part.relate_to(part, RT.SLIDE_LAYOUT)
        entry = etree.SubElement(id_list, f"{P}sldLayoutId")
        entry.set("id", str(next_id))
        entry.set(f"{R}id", rid)

    tidy_package(prs, brand)
    buffer = io.BytesIO()
    prs.save(buffer)
    return normalised_zip(buffer.getvalue())


def _widescreen_dutch(prs: PresentationObject) -> None:
    """16:9 slide size and Dutch as the default text language."""
    prs.slide_width = Emu(SLIDE_W_EMU)
    prs.slide_height = Emu(SLIDE_H_EMU)
    # python-pptx has no API for the rest; edit the presentation XML directly.
    pres_el = prs.element
    sld_sz = pres_el.find(f"{P}sldSz")
    if sld_sz is not None and "type" in sld_sz.attrib:
        del sld_sz.attrib["type"]  # the default says "screen4x3"; 16:9 has no type
    for def_rpr in pres_el.iter(f"{A}defRPr"):
        if def_rpr.get("lang"):
            def_rpr.set("lang", LANG)


def _replace_content(element: etree._Element, new: etree._Element) -> None:
    """Give a part's root element the attributes and children of `new`, in place (the
    part keeps its element; python-pptx offers no way to give it another)."""
    for child in list(element):
        element.remove(child)
    for key, value in new.attrib.items():
        element.set(key, value)
    for child in list(new):
        element.append(child)
