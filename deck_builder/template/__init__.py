"""A template (brand folder, .pptx or .potx) → a checked, immutable Template value."""
