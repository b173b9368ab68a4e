"""OOXML knowledge, written once: namespaces, slide geometry and units, safe parsing,
placeholder and style inheritance, colours, reproducible serialisation."""
