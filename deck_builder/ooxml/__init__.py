"""OOXML knowledge, written once: namespaces, units, placeholder and style inheritance, colours."""
