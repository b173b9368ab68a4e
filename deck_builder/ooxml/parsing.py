"""Parsing the XML of a package that may come from anywhere.

A .pptx is a zip of XML parts, and either can be made to blow up: entities that
expand a few bytes into gigabytes, a DTD or entity fetched over the network, a
member that inflates to far more than the archive's size. So every part is parsed
by `parse`: no entity is resolved, nothing is loaded from the network or from a DTD,
and lxml's limits on tree depth and text size stay on (`huge_tree` off); and what a
package unpacks to is limited (`MAX_UNPACKED_BYTES`), counted as it inflates by
`reading`, whatever the zip's headers claim.
"""

from __future__ import annotations

import threading

from lxml import etree

MAX_UNPACKED_BYTES = 200_000_000
"""The most a package's parts may unpack to, together; real decks and templates hold a
few megabytes of XML and some tens of pictures."""

_local = threading.local()


def parser() -> etree.XMLParser:
    """The safe parser of this thread (an lxml parser must not be shared by threads)."""
    found: etree.XMLParser | None = getattr(_local, "parser", None)
    if found is None:
        found = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                huge_tree=False)
        _local.parser = found
    return found


def parse(data: bytes) -> etree._Element:
    """The root of an XML part; raises etree.XMLSyntaxError when it is not well-formed."""
    return etree.fromstring(data, parser())
