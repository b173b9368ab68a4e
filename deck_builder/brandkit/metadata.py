"""Fixed package metadata and zip entries, so an unchanged brand rebuilds byte-identically."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import OpcPackage, Part
from pptx.presentation import Presentation

from deck_builder.brandkit.ooxml import LANG
from deck_builder.ooxml import parsing
from deck_builder.ooxml.namespaces import EP_NS, VT_NS
from deck_builder.template.load import Brand

# Fixed package metadata keeps the generated package identical from run to run, so a
# rebuild only shows up in git when the design changed.
_FIXED_TIME = dt.datetime(2025, 1, 1, 0, 0, 0)


def tidy_package(prs: Presentation, brand: Brand) -> None:
    """Drop leftovers of the default package and describe the template in its metadata."""
    package = prs.part.package
    # The default thumbnail shows an empty 4:3 Office slide, and the Mac printer
    # settings mean nothing here; neither is referenced from any XML, so dropping the
    # relationship removes the part.
    thumbnail = _related(package, RT.THUMBNAIL)
    if thumbnail is not None:
        # relate_to answers the Id of the relationship the package already has.
        package.drop_rel(package.relate_to(thumbnail, RT.THUMBNAIL))
    app = _related(package, RT.EXTENDED_PROPERTIES)
    if app is not None:
        app.blob = _app_blob(app.blob, brand.name)
    for rid, rel in list(prs.part.rels.items()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.drop_rel(rid)

    props = prs.core_properties
    props.title = f"{brand.name} – sjabloon"
    props.subject = "PowerPoint-sjabloon gegenereerd door deck-builder"
    props.author = "deck-builder"
    props.last_modified_by = "deck-builder"
    props.keywords = "sjabloon; huisstijl; stand-in"
    props.comments = "Stand-in huisstijl; het logo is een voorbeeldlogo, geen officieel logo."
    props.language = LANG
    props.revision = 1
    props.created = _FIXED_TIME
    props.modified = _FIXED_TIME


def _related(package: OpcPackage, reltype: str) -> Part | None:
    """The part the package relates to with `reltype`, None when there is none."""
    try:
        return package.part_related_by(reltype)
    except KeyError:
        return None


def normalised_zip(data: bytes) -> bytes:
    """The same zip with fixed entry timestamps and permissions."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def _app_blob(blob: bytes, theme_name: str) -> bytes:
    """docProps/app.xml: widescreen format, theme name (the default says 4:3, Office)."""
    root = parsing.parse(blob)
    fmt = root.find(f"{{{EP_NS}}}PresentationFormat")
    if fmt is not None:
        fmt.text = "Breedbeeld"
    titles = root.find(f"{{{EP_NS}}}TitlesOfParts")
    if titles is not None:
        for lpstr in titles.iter(f"{{{VT_NS}}}lpstr"):
            lpstr.text = theme_name
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
