"""DrawingML colours: luminance and contrast (WCAG), theme colours through a colour map."""

from __future__ import annotations

import pytest
from lxml import etree

from deck_builder.ooxml.colours import Paint, Palette, Theme, contrast_ratio, luminance
from deck_builder.ooxml.namespaces import A_NS

THEME = f"""<a:theme xmlns:a="{A_NS}"><a:themeElements><a:clrScheme name="t">
<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>
<a:lt1><a:srgbClr val="FFFFFF"/></a:lt1>
<a:accent1><a:srgbClr val="E5761A"/></a:accent1>
</a:clrScheme></a:themeElements></a:theme>"""


def test_wcag_contrast_of_known_pairs() -> None:
    assert luminance((0.0, 0.0, 0.0)) == 0.0
    assert luminance((1.0, 1.0, 1.0)) == pytest.approx(1.0)
    assert contrast_ratio((0.0, 0.0, 0.0), (1.0, 1.0, 1.0)) == pytest.approx(21.0)
    assert contrast_ratio((1.0, 1.0, 1.0), (0.0, 0.0, 0.0)) == pytest.approx(21.0)
    grey = (0x76 / 255,) * 3  # #767676: the lightest grey with 4.5:1 on white
    assert contrast_ratio(grey, (1.0, 1.0, 1.0)) == pytest.approx(4.54, abs=0.01)


def test_scheme_colours_follow_the_colour_map_and_transforms() -> None:
    palette = Palette(Theme.read(etree.fromstring(THEME)), {"tx1": "dk1", "bg1": "lt1"})

    def colour(xml: str) -> Paint | None:
        return palette.colour(etree.fromstring(f'<a:x xmlns:a="{A_NS}">{xml}</a:x>')[0])

    assert colour('<a:schemeClr val="tx1"/>').rgb == (0.0, 0.0, 0.0)
    assert colour('<a:schemeClr val="bg1"/>').rgb == (1.0, 1.0, 1.0)
    accent = colour('<a:schemeClr val="accent1"/>').rgb
    darker = colour('<a:schemeClr val="accent1"><a:lumMod val="88000"/></a:schemeClr>').rgb
    assert luminance(darker) < luminance(accent)
    assert colour('<a:schemeClr val="accent6"/>') is None  # not in the theme: unknown
