"""Render and write: the presentation model → .pptx bytes, checked and written atomically."""
