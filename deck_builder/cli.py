"""The `deck-builder` command line: parses arguments, calls the pipeline, reports."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from deck_builder import __version__
from deck_builder.errors import DeckError


class _Group(click.Group):
    """Turns DeckError into plain messages and exit status 1 (traceback with --debug)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except DeckError as error:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            for problem in error.problems:
                click.echo(f"error: {problem}", err=True)
            count = len(error.problems)
            if count > 1:
                click.echo(f"{count} problems; nothing was written.", err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deck-builder")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Build branded PowerPoint decks from plain YAML content files.

    \b
    Example:
      deck-builder build                 # content/ → output/<deck-slug>.pptx
    """
    ctx.obj = {"debug": debug}


@main.command()
@click.argument(
    "content_dir", default="content", type=click.Path(path_type=Path), required=False
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the deck (default: output/<deck-slug>.pptx).",
)
@click.option(
    "--template", "template_path", type=click.Path(path_type=Path, exists=True),
    help="Brand folder to use instead of the deck's `template:`.",
)
def build(content_dir: Path, output: Path | None, template_path: Path | None) -> None:
    """Build the deck in CONTENT_DIR (default: content/).

    \b
    Examples:
      deck-builder build
      deck-builder build content -o output/actualiteiten.pptx
      deck-builder build --template templates/vng
    """
    from deck_builder.pipeline import build as run_build

    result = run_build(content_dir, output, template_path)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(
        f"wrote {result.output} ({result.slides} slides, {_size(result.size)}, "
        f"{result.seconds:.2f} s)"
    )


@main.group()
def template() -> None:
    """Work with brand templates.

    \b
    Example:
      deck-builder template build templates/vng
    """


@template.command("build")
@click.argument("brand_dir", type=click.Path(path_type=Path, exists=True, file_okay=False))
def template_build(brand_dir: Path) -> None:
    """Generate template.pptx and the logo of BRAND_DIR from its brand.yaml.

    \b
    Example:
      deck-builder template build templates/vng
    """
    from deck_builder.brandkit import build_template

    path = build_template(brand_dir)
    click.echo(f"wrote {path}")


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
