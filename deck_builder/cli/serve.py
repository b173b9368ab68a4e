"""`deck-builder serve`: parse its options and run the preview server."""

from __future__ import annotations

from pathlib import Path

import click


def _content_folder(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    """`content/` by default, or the working folder when it is a content folder itself."""
    default = Path("content")
    if value == default and not default.exists() and Path("deck.yaml").is_file():
        return Path(".")
    return value


@click.command()
@click.argument("content_dir", default="content", callback=_content_folder,
                type=click.Path(path_type=Path, exists=True))
@click.option("--template", "template_path", type=click.Path(path_type=Path, exists=True),
              help="A brand folder, .pptx or .potx instead of the deck's own template.")
@click.option("--afdeling", metavar="SLUG", help="Open the page on this afdeling's deck.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port to listen on (0: any free port).")
@click.option("--host", default=None, metavar="ADDRESS",
              help="Listen on this address instead of 127.0.0.1 and ::1 (other machines "
                   "can then reach the page; a warning says so).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the browser.")
@click.option("--no-pictures", is_flag=True,
              help="Show each slide's planned text instead of pictures (no LibreOffice).")
def serve(content_dir: Path, template_path: Path | None, afdeling: str | None, port: int,
          host: str | None, open_browser: bool, no_pictures: bool) -> None:
    """Preview the deck in the browser while you edit its content.

    Prints the page's address and keeps running until Ctrl-C. Every change to a
    content file, section, picture, afdelingen.yaml or the template rebuilds the deck;
    the page shows the new pictures of the changed slides (drawn by LibreOffice), the
    warnings beside their slides and every content error at the top.

    \b
    Examples:
      deck-builder serve                      # http://127.0.0.1:8000/<token>/
      deck-builder serve content --open --afdeling drenthe
      deck-builder serve --port 0             # any free port
    """
    from deck_builder.serve.app import run

    run(content_dir, template_path, afdeling, host, port, open_browser, not no_pictures,
        lambda line: click.echo(line, err=line.startswith("warning:")))
