"""Entry point for `python -m deck_builder`."""

from deck_builder.cli import main

if __name__ == "__main__":
    main(prog_name="deck-builder")
