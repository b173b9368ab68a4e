"""The `deck-builder` command line: parses arguments, calls the pipeline, reports."""

from __future__ import annotations

import contextlib
import json
import sys
import time
from pathlib import Path
from typing import Any

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
    "-o", "--output", type=click.Path(path_type=Path),
    help="Deck file to write (default: output/<deck-slug>.pptx); with --afdeling or "
    "--all-afdelingen, the folder to write the decks in (default: output/).",
)
@click.option(
    "--template", "template_path", type=click.Path(path_type=Path, exists=True),
    help="Brand folder to use instead of the deck's `template:`.",
)
@click.option(
    "--afdeling", "afdelingen", multiple=True, metavar="SLUG",
    help="Build the deck of this afdeling (repeatable); see content/afdelingen.yaml.",
)
@click.option("--all-afdelingen", is_flag=True, help="Build one deck per afdeling.")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None,
    help="Decks built at the same time (default: the number of cores).",
)
def build(
    content_dir: Path,
    output: Path | None,
    template_path: Path | None,
    afdelingen: tuple[str, ...],
    all_afdelingen: bool,
    jobs: int | None,
) -> None:
    """Build the deck in CONTENT_DIR (default: content/), or one deck per afdeling.

    \b
    Examples:
      deck-builder build
      deck-builder build content -o output/actualiteiten.pptx
      deck-builder build --afdeling drenthe --afdeling zeeland
      deck-builder build --all-afdelingen --jobs 4
    """
    if afdelingen or all_afdelingen:
        if afdelingen and all_afdelingen:
            raise click.UsageError("give --afdeling or --all-afdelingen, not both")
        _build_variants(content_dir, output, template_path,
                        None if all_afdelingen else list(afdelingen), jobs)
        return
    from deck_builder.pipeline import build as run_build

    result = run_build(content_dir, output, template_path)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(
        f"wrote {result.output} ({result.slides} slides, {_size(result.size)}, "
        f"{result.seconds:.2f} s)"
    )


def _build_variants(content_dir: Path, output: Path | None, template_path: Path | None,
                    slugs: list[str] | None, jobs: int | None) -> None:
    from deck_builder.batch import DeckOutcome, build_variants

    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        on_done = None
        if sys.stderr.isatty():
            bars: list[Any] = []

            def on_done(outcome: DeckOutcome, done: int, total: int) -> None:
                # The number of decks is known once the afdelingen are loaded.
                if not bars:
                    bars.append(stack.enter_context(
                        click.progressbar(length=total, label="decks", file=sys.stderr)
                    ))
                bars[0].update(1)

        outcomes = build_variants(content_dir, slugs, jobs, output or Path("output"),
                                  template_path, on_done)
    failed = [o for o in outcomes if not o.ok]
    for outcome in outcomes:
        if outcome.ok:
            for warning in outcome.warnings:
                click.echo(f"warning: {outcome.slug}: {warning}", err=True)
            click.echo(f"wrote {outcome.output} ({outcome.slides} slides, "
                       f"{_size(outcome.size)})")
    for outcome in failed:
        for problem in outcome.problems:
            click.echo(f"error: {outcome.slug}: {problem}", err=True)
    click.echo(f"{len(outcomes) - len(failed)} of {len(outcomes)} decks written in "
               f"{time.perf_counter() - started:.2f} s", err=bool(failed))
    if failed:
        click.echo(f"failed: {', '.join(o.slug for o in failed)}", err=True)
        raise SystemExit(1)


@main.group()
def variants() -> None:
    """Review the decks of the afdelingen.

    \b
    Example:
      deck-builder variants diff --afdeling drenthe
    """


@variants.command("diff")
@click.argument(
    "content_dir", default="content", type=click.Path(path_type=Path), required=False
)
@click.option("--afdeling", "afdelingen", multiple=True, metavar="SLUG",
              help="Only this afdeling (repeatable; default: all).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]),
              default="text", show_default=True, help="Report format.")
def variants_diff(content_dir: Path, afdelingen: tuple[str, ...], output_format: str) -> None:
    """Show, per afdeling, what differs from the base deck.

    Slides added and dropped, and every changed field with its old and new text.

    \b
    Examples:
      deck-builder variants diff
      deck-builder variants diff --afdeling utrecht --format json
    """
    from deck_builder.diff import DeckDiff, DiffFailure, format_text, variant_diffs

    results = variant_diffs(content_dir, list(afdelingen) or None)
    diffs = [r for r in results if isinstance(r, DeckDiff)]
    broken = [r for r in results if isinstance(r, DiffFailure)]
    if output_format == "json":
        click.echo(json.dumps({"afdelingen": [d.as_dict() for d in diffs]},
                              ensure_ascii=False, indent=2))
    else:
        click.echo(format_text(diffs), nl=False)
    for failure in broken:
        for problem in failure.problems:
            click.echo(f"error: {failure.slug}: {problem}", err=True)
    if broken:
        click.echo(f"failed: {', '.join(f.slug for f in broken)}", err=True)
        raise SystemExit(1)


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


@main.command()
@click.argument("name", default="deck",
                type=click.Choice(["deck", "section", "partners", "afdelingen"]))
@click.option("--write", "folder", type=click.Path(path_type=Path, file_okay=False),
              help="Write the schemas of all content files into this folder instead.")
def schema(name: str, folder: Path | None) -> None:
    """Print the JSON Schema of a content file (deck, section, partners, afdelingen).

    Editors check and complete YAML against it when the file starts with a
    `# yaml-language-server: $schema=<path>` comment.

    \b
    Examples:
      deck-builder schema                       # the deck file's schema
      deck-builder schema --write content/schemas
    """
    from deck_builder.content_schema import FILES, render
    from deck_builder.save import write_atomically

    if folder is None:
        click.echo(render(name), nl=False)
        return
    for key, file_name in FILES.items():
        write_atomically(render(key).encode(), folder / file_name)
        click.echo(f"wrote {folder / file_name}")


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
