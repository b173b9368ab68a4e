"""The `deck-builder` command line: parses arguments, calls the pipeline, reports."""

from __future__ import annotations

import contextlib
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import click

from deck_builder import __version__
from deck_builder.errors import DeckError
from deck_builder.files import human_size

if TYPE_CHECKING:
    from deck_builder.variants.batch import DeckOutcome


def _whole_descriptions(group: click.Group, ctx: click.Context,
                        formatter: click.HelpFormatter) -> None:
    """The group's commands with the first sentence of each description whole (click
    cuts them to the terminal's width with "..."), wrapped instead."""
    rows = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is not None and not command.hidden:
            rows.append((name, command.get_short_help_str(limit=1000)))
    if rows:
        with formatter.section("Commands"):
            formatter.write_dl(rows)


class _Group(click.Group):
    """Turns DeckError into plain messages and exit status 1 (traceback with --debug)."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _whole_descriptions(self, ctx, formatter)

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
    Examples:
      deck-builder build                    # content/ → output/<deck-slug>.pptx
      deck-builder check                    # is the content ready to send?
      deck-builder build --all-afdelingen   # one deck per afdeling
      deck-builder invite --all-afdelingen --dry-run
    """
    ctx.obj = {"debug": debug}


def _content_folder(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    """The content folder: as given; by default `content/`, or the working folder when
    it has no `content/` but is a content folder itself (holds deck.yaml), as after
    `deck-builder new` and `cd` into it."""
    default = Path("content")
    if value == default and not default.exists() and Path("deck.yaml").is_file():
        return Path(".")
    return value


@main.command()
@click.argument(
    "content_dir", default="content", type=click.Path(path_type=Path), required=False,
    callback=_content_folder,
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path),
    help="Deck file to write (default: output/<deck-slug>.pptx); with --afdeling or "
    "--all-afdelingen, the folder to write the decks in (default: output/).",
)
@click.option(
    "--template", "template_path", type=click.Path(path_type=Path, exists=True),
    help="Brand folder, or a .pptx/.potx file, to use instead of the deck's `template:`.",
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
@click.option("--pdf", type=click.Choice(["slides", "handout"]), is_flag=False,
              flag_value="slides", default=None,
              help="Also write a tagged, accessible PDF (PDF/UA) next to each deck (needs "
              "LibreOffice); `--pdf handout` adds the speaker notes pages.")
@click.option("--strict", is_flag=True,
              help="Text that had to shrink more than 15 % or continue on a (vervolg) slide "
              "is an error.")
@click.option("--max-size", default="10MB", show_default=True, metavar="SIZE",
              help="Largest deck allowed (e-mail friendly); 0 for no limit.")
def build(
    content_dir: Path,
    output: Path | None,
    template_path: Path | None,
    afdelingen: tuple[str, ...],
    all_afdelingen: bool,
    jobs: int | None,
    pdf: Literal["slides", "handout"] | None,
    strict: bool,
    max_size: str,
) -> None:
    """Build the deck in CONTENT_DIR (default: content/), or one deck per afdeling.

    Warns of text set more than 15 % under the template's size and of text continued
    on (vervolg) slides; a batch says each warning once, naming the afdelingen. A deck
    with accessibility findings gets one line saying how many, and the command that
    lists them (deck-builder check).

    \b
    Examples:
      deck-builder build
      deck-builder build content -o output/actualiteiten.pptx
      deck-builder build --afdeling drenthe --afdeling zeeland
      deck-builder build --all-afdelingen --jobs 4 --pdf
      deck-builder build --pdf handout        # the PDF with the speaker notes pages
    """
    _content_argument(content_dir)
    max_bytes = _parse_size(max_size) or None
    if afdelingen and all_afdelingen:
        raise click.UsageError("give --afdeling or --all-afdelingen, not both")
    if afdelingen:
        _known_afdelingen(content_dir, afdelingen)
    one_file = (output is not None and output.suffix.lower() in _DECK_SUFFIXES
                and len(set(afdelingen)) == 1)
    if (afdelingen or all_afdelingen) and not one_file:
        if output is not None and output.suffix.lower() in _DECK_SUFFIXES:
            raise click.BadParameter(
                f"{str(output)!r} is a file name, but several decks are built; give a "
                "folder to write them in (or one --afdeling for one file)",
                param_hint="'-o' / '--output'")
        written = _build_variants(content_dir, output, template_path,
                                  None if all_afdelingen else list(afdelingen), jobs,
                                  strict, max_bytes)
        if pdf:
            _write_pdfs(written, jobs, pdf)
        return
    if output is not None:
        _deck_file_option(output)
    from deck_builder.pipeline import build as run_build

    result = run_build(content_dir, output, template_path, strict, max_bytes,
                       afdelingen[0] if afdelingen else None)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(
        f"wrote {result.output} ({_plural(result.slides, 'slide')}, {human_size(result.size)}, "
        f"{result.seconds:.2f} s)"
    )
    errors = sum(1 for item in result.accessibility if item.severity == "error")
    line = _accessibility_line(errors, len(result.accessibility) - errors, result.output)
    if line is not None:
        click.echo(line, err=True)
    if pdf:
        _write_pdfs([result.output], jobs, pdf)


# What people name decks (and their PDFs): a content folder or an output folder with
# one of these suffixes is almost certainly a mistake.
_DECK_SUFFIXES = frozenset({".pptx", ".ppt", ".potx", ".pot", ".ppsx", ".pps", ".pptm",
                            ".odp", ".key", ".pdf"})


def _content_argument(content_dir: Path) -> None:
    """Refuse a deck given where content is expected (a usage mistake, exit 2)."""
    if content_dir.suffix.lower() in _DECK_SUFFIXES and not content_dir.is_dir():
        raise click.BadParameter(
            f"{str(content_dir)!r} is a deck, not content: give the content folder (with "
            f"deck.yaml; default content/); to check a deck, run: deck-builder check "
            f"{content_dir}",
            param_hint="CONTENT_DIR")


def _deck_file_option(output: Path) -> None:
    """A deck is written as .pptx: any other name is a usage mistake (exit 2)."""
    if output.suffix.lower() != ".pptx":
        shown = f"ends in {output.suffix!r}" if output.suffix else "has no suffix"
        raise click.BadParameter(
            f"{str(output)!r} {shown}; a deck is written as .pptx (e.g. "
            f"{output.with_suffix('.pptx') if output.suffix else output / 'deck.pptx'})",
            param_hint="'-o' / '--output'")


def _known_afdelingen(content_dir: Path, slugs: tuple[str, ...] | list[str]) -> None:
    """Refuse an afdeling slug that afdelingen.yaml does not list (a usage mistake,
    exit 2), with the closest one as a hint and every valid one."""
    from deck_builder.content.overlays import load_variants
    from deck_builder.errors import close_matches

    known = load_variants(content_dir).slugs()
    unknown = [slug for slug in dict.fromkeys(slugs) if slug not in known]
    if not unknown:
        return
    hints = []
    for slug in unknown:
        close = close_matches(slug, known)
        hints.append(f"{slug!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
    raise click.BadParameter(
        f"unknown afdeling {', '.join(hints)}; valid slugs: {', '.join(known)}",
        param_hint="'--afdeling'")


def _write_pdfs(decks: list[Path], jobs: int | None,
                kind: Literal["slides", "handout"] = "slides") -> list[Path]:
    """A PDF beside each deck, several LibreOffice processes at once (each has its own
    profile); the decks are already written when LibreOffice is missing or fails."""
    from concurrent.futures import ThreadPoolExecutor

    from deck_builder.delivery.pdf import LibreOfficeMissing, find_soffice, to_pdf

    if decks and find_soffice() is None:
        raise LibreOfficeMissing()
    with ThreadPoolExecutor(max_workers=max(1, min(jobs or 2, len(decks) or 1))) as pool:
        pdfs = list(pool.map(lambda deck: to_pdf(deck, kind=kind), decks))
    for path in pdfs:
        click.echo(f"wrote {path} ({human_size(path.stat().st_size)})")
    return pdfs


def _build_variants(content_dir: Path, output: Path | None, template_path: Path | None,
                    slugs: list[str] | None, jobs: int | None, strict: bool = False,
                    max_bytes: int | None = 10_000_000) -> list[Path]:
    """Build the decks, report each; returns the decks written (exit 1 if any failed).

    Stopped by Ctrl-C, SIGTERM or SIGHUP, it says which decks were written and which were
    not, and exits with 128 + the signal's number (130 for Ctrl-C).
    """
    from deck_builder.variants.batch import Interrupted, build_variants

    started = time.perf_counter()
    try:
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
                                      template_path, on_done, strict, max_bytes)
    except Interrupted as stop:
        failed = _report_decks(stop.outcomes)
        total = len(stop.outcomes) + len(stop.pending)
        written = [str(o.output) for o in stop.outcomes if o.output is not None]
        click.echo(f"interrupted by {signal.Signals(stop.signum).name}: {len(written)} of "
                   f"{_plural(total, 'deck')} written in "
                   f"{time.perf_counter() - started:.2f} s", err=True)
        click.echo(f"written: {', '.join(written) or 'none'}", err=True)
        click.echo(f"not written: {', '.join(stop.pending) or 'none'}", err=True)
        if failed:
            click.echo(f"failed: {', '.join(o.slug for o in failed)}", err=True)
        _report_set_aside(stop.outcomes)
        raise SystemExit(128 + stop.signum) from None
    failed = _report_decks(outcomes)
    click.echo(f"{len(outcomes) - len(failed)} of {_plural(len(outcomes), 'deck')} written in "
               f"{time.perf_counter() - started:.2f} s", err=bool(failed))
    # One line for the batch: `deck-builder check` on the content reports every deck's.
    flagged = [o for o in outcomes if o.accessibility_errors or o.accessibility_warnings]
    line = _accessibility_line(sum(o.accessibility_errors for o in flagged),
                               sum(o.accessibility_warnings for o in flagged), content_dir)
    if line is not None:
        where, _, hint = line.partition(": ")
        click.echo(f"{where} in {_plural(len(flagged), 'deck')}: {hint}", err=True)
    if failed:
        click.echo(f"failed: {', '.join(o.slug for o in failed)}", err=True)
        _report_set_aside(outcomes)
        raise SystemExit(1)
    return [o.output for o in outcomes if o.output is not None]


def _report_decks(outcomes: list[DeckOutcome]) -> list[DeckOutcome]:
    """Say what each deck's build did: written, or its errors; the warnings of the
    decks written, each once, by place, with the afdelingen it concerns (see
    variants.grouping). Returns the outcomes of the decks that failed."""
    from deck_builder.variants.grouping import group

    failed = [o for o in outcomes if not o.ok]
    for outcome in outcomes:
        if outcome.ok:
            click.echo(f"wrote {outcome.output} ({_plural(outcome.slides, 'slide')}, "
                       f"{human_size(outcome.size)})")
    everyone = [o.slug for o in outcomes]
    for shared in group({o.slug: o.warnings for o in outcomes if o.ok}):
        click.echo(f"warning: {shared.text(everyone)}", err=True)
    for outcome in failed:
        for problem in outcome.problems:
            click.echo(f"error: {outcome.slug}: {problem}", err=True)
    return failed


def _accessibility_line(errors: int, warnings: int, target: Path | str) -> str | None:
    """`3 accessibility warnings: deck-builder check TARGET` (errors named first when
    there are any); None for a deck without findings: nothing to say."""
    counts = [_plural(count, f"accessibility {noun}")
              for count, noun in ((errors, "error"), (warnings, "warning")) if count]
    return f"{' and '.join(counts)}: deck-builder check {target}" if counts else None


def _report_set_aside(outcomes: list[DeckOutcome]) -> None:
    """Name each file of an earlier run that a failed deck renamed to .stale."""
    for outcome in outcomes:
        for before, after in outcome.set_aside:
            click.echo(f"renamed {before} to {after.name}: {outcome.slug} failed, and this "
                       "file is from an earlier run", err=True)


@main.command()
@click.argument("folder", default="content", type=click.Path(path_type=Path), required=False)
def new(folder: Path) -> None:
    """Create a content folder to start from, in FOLDER (default: content/).

    A commented deck.yaml, one section file, one picture, the JSON Schemas for
    editors and a README; it builds and passes `check` as it is. An existing folder
    with files in it is never overwritten.

    \b
    Examples:
      deck-builder new                      # content/, then: deck-builder build
      deck-builder new mijn-deck            # then: deck-builder build mijn-deck
    """
    from deck_builder.scaffold import create

    written = create(folder)
    target = "" if folder == Path("content") else f" {folder}"
    click.echo(f"wrote {folder}/ ({len(written)} files)")
    click.echo(f"next: edit {folder / 'deck.yaml'}, then run deck-builder check{target} "
               f"and deck-builder build{target}")


@main.command("import")
@click.argument("deck", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", "folder", type=click.Path(path_type=Path), default=None,
              help="The content folder to write (default: the deck's name, beside it).")
@click.option("--force", is_flag=True, help="Replace the folder if it exists.")
@click.option("--update", "update_dir", type=click.Path(path_type=Path), default=None,
              metavar="CONTENT",
              help="DECK is an edited copy of a deck built from CONTENT: write its text "
                   "edits back into CONTENT's YAML files, in place.")
@click.option("--afdeling", metavar="SLUG", default=None,
              help="With --update: DECK is this afdeling's deck (edits go into its overlay).")
@click.option("--dry-run", is_flag=True, help="With --update: print the edits, write nothing.")
@click.option("--template", "template_path", type=click.Path(path_type=Path, exists=True),
              default=None, help="With --update: the template DECK was built with.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]),
              default="text", show_default=True, help="How the import report is printed.")
def import_(deck: Path, folder: Path | None, force: bool, update_dir: Path | None,
            afdeling: str | None, dry_run: bool, template_path: Path | None,
            output_format: str) -> None:
    """Turn DECK (any .pptx, .potx or .ppsx) into a content folder that builds.

    Each slide becomes the kind it is (title, agenda, section, bullets, quote,
    statistic, two-column, partners, image, table, chart, closing); pictures go to
    images/ with their alt text, speaker notes are kept. A slide no kind holds (such
    as a SmartArt diagram or an area chart) is shown as it was, from a copy of DECK in
    bronnen/ (kind: slides-from). All of it is listed in the report with its slide,
    with the share of DECK's text the content keeps. A deck deck-builder made comes
    back as the content it was built from. An existing folder with files in it is
    never overwritten without --force; a failed import writes nothing.

    With --update CONTENT, DECK is a copy of a deck built from CONTENT that someone
    edited in PowerPoint: each changed text is written back into the YAML line it came
    from (comments, order and style kept), printed as `file:line: old → new`; what
    cannot be placed (a slide added or deleted, bullets added, a new picture, a moved
    shape) is listed.

    \b
    Examples:
      deck-builder import oud.pptx                 # writes oud/
      deck-builder import oud.pptx -o mijn-deck    # then: deck-builder build mijn-deck
      deck-builder import bewerkt.pptx --update content --dry-run
    """
    if update_dir is not None:
        from deck_builder.importing.update import update

        result = update(deck, update_dir, afdeling, template_path, dry_run)
        click.echo(result.as_json() if output_format == "json" else result.as_text())
        return
    from deck_builder.importing import import_deck

    target = folder if folder is not None else deck.with_suffix("")
    report = import_deck(deck, target, force=force)
    click.echo(report.as_json() if output_format == "json" else report.as_text())


@main.group()
def variants() -> None:
    """Review the decks of the afdelingen.

    \b
    Example:
      deck-builder variants diff --afdeling drenthe
    """


@variants.command("diff")
@click.argument(
    "content_dir", default="content", type=click.Path(path_type=Path), required=False,
    callback=_content_folder,
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
    from deck_builder.variants.diff import DeckDiff, DiffFailure, format_text, variant_diffs

    _content_argument(content_dir)
    if afdelingen:
        _known_afdelingen(content_dir, afdelingen)
    results = variant_diffs(content_dir, list(afdelingen) or None)
    diffs = [r for r in results if isinstance(r, DeckDiff)]
    broken = [r for r in results if isinstance(r, DiffFailure)]
    if output_format == "json":
        import json

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


class _TemplateGroup(click.Group):
    """`template` subcommands; `check` and `init` live in cli_template and are imported
    only when used (they pull in the layout matcher)."""

    _elsewhere = ("check", "init")

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _whole_descriptions(self, ctx, formatter)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self._elsewhere])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self._elsewhere:
            from deck_builder.cli import template as cli_template

            command = getattr(cli_template, cmd_name)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)


@main.group(cls=_TemplateGroup)
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
@click.argument("target", default="content", type=click.Path(path_type=Path), required=False,
                callback=_content_folder)
@click.option("--template", "template_path", type=click.Path(path_type=Path, exists=True),
              help="Brand folder to use instead of the deck's `template:` (content only).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]),
              default="text", show_default=True, help="Report as text or as JSON.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
@click.option("--max-size", default="10MB", show_default=True, metavar="SIZE",
              help="Largest deck a build may write, as for build (content only).")
@click.option("--report", "report_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Also write the accessibility report (every WCAG 2.1 A/AA criterion, as "
              "EN 301 549 applies it to documents) to this file: HTML, or JSON with "
              "--format json or a .json name.")
def check(target: Path, template_path: Path | None, output_format: str, strict: bool,
          max_size: str, report_path: Path | None) -> None:
    """Say whether content or a deck is ready to send.

    TARGET is a content folder (default: content/) — validated, then built in memory
    and checked, nothing written: the base deck and every afdeling's deck, so it
    reports everything `build` and `build --all-afdelingen` would fail on or warn
    about — or any .pptx, also one made by hand in PowerPoint.
    Checks package integrity (what makes PowerPoint "repair" a file) and
    accessibility (titles, alt text, reading order, contrast, text size, language,
    link text; text over pictures measured on the drawn slides when LibreOffice is
    installed), and the PDF beside a deck (tagged, language, title, alt text).
    Exit status 0 when clean, 1 on errors (or warnings with --strict).

    \b
    Examples:
      deck-builder check
      deck-builder check output/actualiteiten.pptx --format json
      deck-builder check --report toegankelijkheid.html
    """
    # A folder, a YAML file, or a name without suffix that does not exist is content.
    is_content = target.is_dir() or target.suffix.lower() in {".yaml", ".yml"} or (
        not target.exists() and not target.suffix)
    if not is_content and not target.exists():
        raise DeckError(f"{target}: file not found")
    if is_content:
        from deck_builder.content.loader import find_deck_file

        find_deck_file(target, must_exist=True)  # the messages `build` gives
        from deck_builder.content_check import check_content

        report = check_content(target, template_path, _parse_size(max_size) or None,
                               draw=_slide_drawer())
    else:
        from deck_builder.checks import check_deck

        report = check_deck(target, draw=_slide_drawer())
        from deck_builder.checks import Report
        from deck_builder.checks.pdf_ua import check_pdf, pdf_beside

        pdf = pdf_beside(target)
        if pdf is not None:  # the deck's PDF: what `build --pdf` made of it
            report = Report([*report.findings, *check_pdf(pdf)])
    if report_path is not None:
        _write_accessibility_report(report, target, is_content, template_path, report_path,
                                    output_format == "json")
    text = report.to_json() if output_format == "json" else report.to_text()
    click.echo(text.rstrip("\n"))
    code = report.exit_code(strict)
    if code:
        raise SystemExit(code)


def _slide_drawer() -> Any:
    """What draws slides for the contrast of text over pictures: LibreOffice and poppler,
    or None when they are not installed (that contrast is then left to a person)."""
    from deck_builder.delivery.slide_pictures import can_draw, slide_pictures

    return slide_pictures if can_draw() else None


def _write_accessibility_report(report: Any, target: Path, is_content: bool,
                                template_path: Path | None, path: Path, as_json: bool) -> None:
    from deck_builder.delivery.slide_pictures import can_draw
    from deck_builder.report import content_report, deck_report, write_report

    drawn = can_draw()
    if is_content:
        made, language = content_report(target, report, drawn, template_path)
    else:
        made, language = deck_report(target, report, drawn)
    write_report(made, language, path, as_json)
    click.echo(f"wrote {path}", err=True)


@main.command()
@click.argument("deck", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("-o", "--output", "folder", type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the PNGs (default: output/preview/<deck name>/).")
@click.option("--dpi", type=click.IntRange(min=20, max=300), default=50, show_default=True,
              help="Resolution of the slide pictures.")
def preview(deck: Path, folder: Path | None, dpi: int) -> None:
    """Write one PNG per slide of DECK and a contact sheet of all slides.

    Needs LibreOffice and poppler (pdftoppm).

    \b
    Example:
      deck-builder preview output/actualiteiten.pptx
    """
    from deck_builder.delivery.pdf import interruptible
    from deck_builder.delivery.preview import preview as make_preview

    with interruptible():
        result = make_preview(deck, folder or Path("output") / "preview" / deck.stem, dpi)
    click.echo(f"wrote {_plural(len(result.slides), 'slide picture')} and {result.sheet}")


@main.command()
@click.argument(
    "content_dir", default="content", type=click.Path(path_type=Path), required=False,
    callback=_content_folder,
)
@click.option("--afdeling", "afdelingen", multiple=True, metavar="SLUG",
              help="Invite this afdeling's meeting (repeatable).")
@click.option("--all-afdelingen", is_flag=True, help="Invite every afdeling's meeting.")
@click.option("--meeting", "meeting_file", type=click.Path(path_type=Path, dir_okay=False),
              metavar="FILE",
              help="A meeting the deck is presented at once (meeting, date, start, end, "
              "place, recipients); fields left out come from deck.yaml.")
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False),
              default=Path("output"), show_default=True,
              help="Folder of the decks; the e-mails and the sent log go into its "
              "uitnodigingen/.")
@click.option("--pdf", is_flag=True, help="Attach a PDF copy too (needs LibreOffice).")
@click.option("--max-size", default="10MB", show_default=True, metavar="SIZE",
              help="Most the attachments of one e-mail may weigh together (e.g. 5MB).")
@click.option("--dry-run", is_flag=True, help="Show who would get what; write and send nothing.")
@click.option("--send", is_flag=True,
              help="Send the invitations over SMTP (each only once; see --resend).")
@click.option("--update", is_flag=True,
              help="Send the meetings whose time, place or title changed since they were "
              "sent, as an update (a higher SEQUENCE) to their attendees.")
@click.option("--resend", is_flag=True, help="Send invitations that were sent before again.")
@click.option("--cancel", is_flag=True,
              help="Send a cancellation to everyone an invitation was sent to.")
@click.option("--allow-past", is_flag=True,
              help="Invite to a meeting that has already begun (otherwise an error).")
@click.option("--smtp-host", envvar="DECK_BUILDER_SMTP_HOST", help="SMTP server.")
@click.option("--smtp-port", envvar="DECK_BUILDER_SMTP_PORT", type=int, help="SMTP port.")
@click.option("--smtp-user", envvar="DECK_BUILDER_SMTP_USER", help="SMTP user name.")
@click.option("--smtp-security", envvar="DECK_BUILDER_SMTP_SECURITY",
              type=click.Choice(["starttls", "ssl", "none"]), default="starttls",
              show_default=True, help="How the connection is secured.")
@click.option("--smtp-timeout", envvar="DECK_BUILDER_SMTP_TIMEOUT", type=float,
              default=60.0, show_default=True, metavar="SECONDS",
              help="How long to wait for the SMTP server before giving up.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Decks built at the same time (default: the number of cores).")
def invite(content_dir: Path, afdelingen: tuple[str, ...], all_afdelingen: bool,
           meeting_file: Path | None, output: Path, pdf: bool, max_size: str, dry_run: bool,
           send: bool, update: bool, resend: bool, cancel: bool, allow_past: bool,
           smtp_host: str | None, smtp_port: int | None, smtp_user: str | None,
           smtp_security: str, smtp_timeout: float, jobs: int | None) -> None:
    """Write (and optionally send) meeting invitations with the deck attached.

    Each afdeling's meeting (--afdeling, --all-afdelingen), or a meeting the deck is
    presented at once (--meeting FILE, or start:, end: and recipients: in deck.yaml).
    Decks that are missing or older than the content are built first (in memory with
    --dry-run, which checks everything and writes nothing). The e-mails (with a
    calendar invitation) go to output/uitnodigingen/<name>.eml, each with an .ics
    beside it. What is sent is kept in output/uitnodigingen/sent.json: --send never
    mails anyone the same invitation twice, a changed meeting goes out with --update,
    and --cancel withdraws it. A message the server refuses does not stop the others,
    and the same command run again sends only what did not go out (a dropped
    connection is opened again once). A meeting that has begun is refused unless
    --allow-past. The SMTP password is read from DECK_BUILDER_SMTP_PASSWORD or asked
    for; it is never taken from the content.

    \b
    Examples:
      deck-builder invite --all-afdelingen --dry-run
      deck-builder invite --afdeling drenthe --pdf
      deck-builder invite --all-afdelingen --send --smtp-host smtp.example.org
      deck-builder invite --all-afdelingen --update      # after a meeting moved
      deck-builder invite --meeting vergadering.yaml --send
    """
    from deck_builder.delivery import clock
    from deck_builder.delivery import invite as invitations
    from deck_builder.delivery.sentlog import SentLog
    from deck_builder.errors import Problem, ProblemCollector

    _content_argument(content_dir)
    chosen = [name for name, given in (("--send", send), ("--update", update),
                                       ("--resend", resend), ("--cancel", cancel)) if given]
    if len(chosen) > 1:
        raise click.UsageError(f"give one of {', '.join(chosen)}, not several")
    if chosen and dry_run:
        raise click.UsageError(f"give {chosen[0]} or --dry-run, not both")
    if afdelingen and all_afdelingen:
        raise click.UsageError("give --afdeling SLUG (repeatable) or --all-afdelingen, not both")
    if meeting_file is not None and (afdelingen or all_afdelingen):
        raise click.UsageError("give --meeting FILE or afdelingen, not both")
    if afdelingen:
        _known_afdelingen(content_dir, afdelingen)
    if meeting_file is not None and not meeting_file.is_file():
        raise click.BadParameter(f"{str(meeting_file)!r} does not exist",
                                 param_hint="'--meeting'")
    mode: invitations.Mode = "write"
    for name in ("send", "update", "resend", "cancel"):
        if f"--{name}" in chosen:
            mode = name
    max_bytes = _parse_size(max_size)
    one_off = not (afdelingen or all_afdelingen)
    problems = ProblemCollector()
    if one_off:
        from deck_builder.pipeline import load_deck

        if meeting_file is None and not invitations.has_meeting(load_deck(content_dir)):
            raise click.UsageError(
                "give --afdeling SLUG (repeatable), --all-afdelingen or --meeting FILE (or "
                "write the meeting's start:, end: and recipients: in deck.yaml)")
        targets = [invitations.one_off(content_dir, meeting_file, problems)]
    else:
        from deck_builder.content import overlays
        from deck_builder.variants.batch import select

        variant_set = overlays.load_variants(content_dir)
        slugs = select(variant_set, None if all_afdelingen else list(afdelingen))
        targets = invitations.occasions(content_dir, slugs, variant_set, problems)
    now = clock.now()
    invitations.refuse_past(targets, now, allow_past)
    folder = output / "uitnodigingen"
    log = SentLog.load(folder)
    # Everything but the attachments is checked before a deck is built or written.
    prepared, skipped = invitations.prepare(content_dir, targets, {
        target.name: [] for target in targets}, max_bytes, now, mode, log, allow_past, problems)
    if mode != "write" and not dry_run:
        if not prepared:
            raise DeckError("nothing to send: " + "; ".join(f"{left.slug}: {left.reason}"
                                                            for left in skipped))
        settings = _smtp_settings(smtp_host, smtp_port, smtp_user, smtp_security, smtp_timeout)
    if mode != "cancel":
        attachments = _invitation_attachments(content_dir, output, targets, one_off, dry_run,
                                              pdf, jobs)
        prepared, skipped = invitations.prepare(content_dir, targets, attachments, max_bytes,
                                                now, mode, log, allow_past, problems)
    if dry_run:
        from deck_builder.delivery.invitation import dry_run_lines

        for item in prepared:
            click.echo(f"[{item.slug}]")
            for line in dry_run_lines(item.message):
                click.echo(f"  {line}")
        click.echo(f"{_plural(len(prepared), 'invitation')}; nothing written or sent "
                   "(--dry-run)")
        return
    if mode == "write":
        invitations.write(prepared, folder)
        click.echo(f"wrote {_plural(len(prepared), 'invitation')} (.eml and .ics) in {folder}")
        return
    invitations.write(prepared, folder)
    from deck_builder.delivery.smtp import send as send_all

    for left in skipped:
        click.echo(f"skipped {left.slug}: {left.reason}")
    done: set[int] = set()

    def sent(index: int, message_id: str, refused: tuple[str, ...]) -> None:
        done.add(index)
        item = prepared[index]
        to = invitations.record_sent(log, item, message_id, refused)
        what = {"REQUEST": "invitation", "CANCEL": "cancellation"}[item.method]
        click.echo(f"sent {item.slug}: {what} (sequence {item.meeting.sequence}) to "
                   f"{_plural(len(to), 'recipient')}")

    try:
        send_all([item.message for item in prepared], settings, sent)
    except DeckError as error:
        # What went out is in the sent log already, so the same command sends the rest
        # (a resend is repeated by --resend of those afdelingen only).
        unsent = [item.slug for index, item in enumerate(prepared) if index not in done]
        again = ("give --resend for those only" if mode == "resend" else
                 f"the same command with --{mode} sends only those")
        hint = (f"not sent: {', '.join(unsent)}; {again} (what was sent is in {log.path})"
                if unsent else f"what was sent is in {log.path}")
        if _debug():
            raise
        # Not the usual summary ("nothing was written"): some messages went out.
        for problem in [*error.problems, Problem(hint)]:
            click.echo(f"error: {problem}", err=True)
        click.echo(f"sent {len(done)} of {_plural(len(prepared), 'message')}.", err=True)
        click.get_current_context().exit(1)
    click.echo(f"sent {_plural(len(prepared), 'message')} via {settings.host}; the sent log "
               f"is {log.path}")


def _debug() -> bool:
    """Whether the command runs with --debug (errors with their traceback)."""
    obj = click.get_current_context().find_root().obj
    return bool(obj and obj.get("debug"))


def _invitation_attachments(content_dir: Path, output: Path, targets: list[Any],
                            one_off: bool, dry_run: bool, pdf: bool,
                            jobs: int | None) -> dict[str, list[Any]]:
    """Each invitation's deck (and PDF): current ones as they are in `output`, stale
    ones built first (in memory with `dry_run`)."""
    from deck_builder.delivery import invite as invitations

    if one_off:
        path, stale = invitations.deck_file(content_dir, output)
        decks = {targets[0].name: path}
        if stale and not dry_run:
            from deck_builder.pipeline import build as run_build

            result = run_build(content_dir, path)
            click.echo(f"wrote {result.output} ({_plural(result.slides, 'slide')}, "
                       f"{human_size(result.size)}, {result.seconds:.2f} s)")
        stale_names = [targets[0].name] if stale else []
    else:
        from deck_builder.content import overlays

        variant_set = overlays.load_variants(content_dir)
        decks, stale_names = invitations.deck_files(
            content_dir, output, [target.name for target in targets], variant_set)
        if stale_names and not dry_run:
            _build_variants(content_dir, output, None, stale_names, jobs)
    if dry_run:
        # The same attachments a real run would send, built in memory: nothing written.
        return invitations.attachments_in_memory(content_dir, decks, stale_names, pdf,
                                                 one_off)
    pdfs: dict[str, Path] = {}
    if pdf:
        old = [deck for deck in decks.values()
               if invitations.older(deck.with_suffix(".pdf"), [deck])]
        if old:
            _write_pdfs(old, jobs)
        pdfs = {name: deck.with_suffix(".pdf") for name, deck in decks.items()}
    return invitations.read_attachments(decks, pdfs)


def _smtp_settings(host: str | None, port: int | None, user: str | None,
                   security: str, timeout: float) -> Any:
    """SMTP settings from the options the user gave on the command line, else from the
    environment (click fills options from their variables too; those are left to
    settings_from_env, so a message names the variable)."""
    from click.core import ParameterSource

    from deck_builder.delivery.smtp import settings_from_env

    ctx = click.get_current_context()

    def given(name: str, value: Any) -> Any:
        return value if ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE else None

    # Without a terminal there is nobody to ask (and getpass would read the input).
    prompt = _password_prompt if sys.stdin.isatty() else None
    return settings_from_env(
        given("smtp_host", host), given("smtp_port", port), given("smtp_user", user),
        given("smtp_security", security), timeout, prompt=prompt,
        labels={"host": "--smtp-host", "port": "--smtp-port", "user": "--smtp-user",
                "security": "--smtp-security"},
    )


def _password_prompt(question: str) -> str:
    answer: str = click.prompt(question, hide_input=True, default="", show_default=False)
    return answer


def _plural(number: int, noun: str) -> str:
    """`1 invitation`, `2 invitations`."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _parse_size(text: str) -> int:
    """`10MB`, `512KB`, `2.5 MB` or a number of bytes (decimal units, as mail servers)."""
    import re

    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)[bB]?\s*", text)
    if match is None:
        raise click.BadParameter(f"{text!r} is not a size such as 10MB",
                                 param_hint="'--max-size'")
    factor = {"": 1, "k": 1_000, "m": 1_000_000, "g": 1_000_000_000}[match.group(2).lower()]
    return int(float(match.group(1)) * factor)


@main.command()
@click.argument("name", default="deck", metavar="[NAME]",
                type=click.Choice(["deck", "section", "partners", "afdelingen", "invitation",
                                   "meeting"]))
@click.option("--write", "folder", type=click.Path(path_type=Path, file_okay=False),
              help="Write the schemas of all content files into this folder instead.")
def schema(name: str, folder: Path | None) -> None:
    """Print the JSON Schema of a content file, or write them all with --write.

    \b
    The schemas, by NAME:
      deck        deck.yaml: the deck's metadata and slides
      section     a section file: a list of slides
      partners    partners.yaml: the partner registry
      afdelingen  afdelingen.yaml: the afdelingen, their meetings and overlays
      invitation  uitnodiging.yaml: the text of the meeting invitation
      meeting     a meeting file for invite --meeting

    Editors check and complete YAML against them when the file starts with a
    `# yaml-language-server: $schema=<path>` comment; every field is described.

    \b
    Examples:
      deck-builder schema                       # the deck file's schema
      deck-builder schema --write content/schemas
    """
    from deck_builder.files import write_atomically
    from deck_builder.schemas import FILES, render

    if folder is None:
        click.echo(render(name), nl=False)
        return
    for key, file_name in FILES.items():
        write_atomically(render(key).encode(), folder / file_name)
        click.echo(f"wrote {folder / file_name}")


# `serve` lives in its own module; registered here so the group lists it.
from deck_builder.cli.serve import serve as _serve  # noqa: E402

main.add_command(_serve)


def run() -> None:
    """The `deck-builder` command: `main`, in a process that does its work and exits."""
    main(prog_name="deck-builder")


if __name__ == "__main__":  # pragma: no cover
    run()
