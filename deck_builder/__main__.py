"""Entry point for `python -m deck_builder`."""

from deck_builder.cli import run

if __name__ == "__main__":
    run()
