"""The XML namespaces of a PowerPoint package, written once.

Each namespace is here as its URI (`A_NS`), in the prefix map `NSMAP` (for `find`
paths with prefixes and for new elements), and for the three used on every shape as a
Clark prefix (`A + "xfrm"` is `{…drawingml/2006/main}xfrm`); `qn("a:xfrm")` makes the
same from any prefix in `NSMAP`.
"""

from __future__ import annotations

import functools

# PresentationML, DrawingML and relationships (ECMA-376 part 1).
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# The package itself (ECMA-376 part 2): [Content_Types].xml and the .rels parts.
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
PR_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
# Document properties: core (Dublin Core), extended (docProps/app.xml) and its value types.
DC_NS = "http://purl.org/dc/elements/1.1/"
EP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# Markup compatibility (mc:AlternateContent) and Microsoft's extensions.
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
P14_NS = "http://schemas.microsoft.com/office/powerpoint/2010/main"
ADEC_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
AHYP_NS = "http://schemas.microsoft.com/office/drawing/2018/hyperlinkcolor"

# What a graphic frame holds, by its `a:graphicData/@uri`.
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
DIAGRAM_URI = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"
OLE_URI = "http://schemas.openxmlformats.org/presentationml/2006/ole"

# Extensions (`a:ext/@uri`) of Microsoft's namespaces above.
DECORATIVE_EXT_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"  # adec:decorative
HYPERLINK_COLOUR_EXT_URI = "{A12FA001-AC4F-418D-AE19-62706E023703}"  # ahyp:hlinkClr

NSMAP: dict[str, str] = {
    "a": A_NS,
    "p": P_NS,
    "r": R_NS,
    "ct": CT_NS,
    "pr": PR_NS,
    "dc": DC_NS,
    "ep": EP_NS,
    "vt": VT_NS,
    "mc": MC_NS,
    "p14": P14_NS,
    "adec": ADEC_NS,
    "ahyp": AHYP_NS,
}
"""Prefix → namespace URI; the prefixes PowerPoint writes, where it has one."""

A = f"{{{A_NS}}}"
P = f"{{{P_NS}}}"
R = f"{{{R_NS}}}"


@functools.cache
def qn(name: str) -> str:
    """The Clark name of a prefixed name: `qn("a:t")` is `{…drawingml/2006/main}t`.

    Raises KeyError for a prefix not in `NSMAP`.
    """
    prefix, _, local = name.partition(":")
    return f"{{{NSMAP[prefix]}}}{local}"
