"""Load and validate: YAML with positions → typed, frozen content records."""
