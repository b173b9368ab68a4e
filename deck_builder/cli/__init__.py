"""The command line: parses arguments, calls the pipeline, turns errors into messages."""

from deck_builder.cli.commands import main, run

__all__ = ["main", "run"]
