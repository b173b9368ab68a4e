"""Rewrite the default theme: the brand's colour scheme and font for both font slots."""

from __future__ import annotations

from lxml import etree

from deck_builder.brandkit.colour import mix
from deck_builder.ooxml import parsing
from deck_builder.ooxml.namespaces import NSMAP, A
from deck_builder.template.load import Brand


def theme_blob(blob: bytes, brand: Brand) -> bytes:
    """The theme part `blob` with the brand's colours, font family and name.

    Raises ValueError when the default theme lacks a slot this rewrite fills.
    """
    root = parsing.parse(blob)
    ns = NSMAP
    c = brand.colours
    root.set("name", brand.name)
    # Chart and table colours come from accent1..6 in order: the accent first, then the
    # primary, muted grey and tints, so generated charts stay within the calm palette.
    slots = {
        "dk1": c["text"],
        "lt1": c["background"],
        "dk2": c["primary"],
        "lt2": c["light"],
        "accent1": c["accent"],
        "accent2": c["primary"],
        "accent3": c["muted"],
        "accent4": mix(c["primary"], "FFFFFF", 0.45),
        "accent5": mix(c["accent"], "FFFFFF", 0.45),
        "accent6": mix(c["muted"], "FFFFFF", 0.45),
        "hlink": c["primary"],
        "folHlink": c["muted"],
    }
    scheme = root.find("a:themeElements/a:clrScheme", ns)
    if scheme is None:
        raise ValueError("default theme has no colour scheme")
    scheme.set("name", brand.name)
    for slot, value in slots.items():
        holder = scheme.find(f"a:{slot}", ns)
        if holder is None:
            raise ValueError(f"default theme lacks colour slot {slot}")
        for child in list(holder):
            holder.remove(child)
        etree.SubElement(holder, f"{A}srgbClr", val=value)
    fonts = root.find("a:themeElements/a:fontScheme", ns)
    if fonts is None:
        raise ValueError("default theme has no font scheme")
    fonts.set("name", brand.name)
    for slot in ("a:majorFont", "a:minorFont"):
        latin = fonts.find(f"{slot}/a:latin", ns)
        if latin is None:
            raise ValueError(f"default theme lacks {slot}/latin")
        latin.set("typeface", brand.font_family)
        for attr in ("panose", "pitchFamily", "charset"):
            if attr in latin.attrib:
                del latin.attrib[attr]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
