"""`deck-builder template check` and `template init`: any corporate template, inspected
and turned into a brand folder.

Both are plain click commands; the CLI attaches them to its `template` group. A
DeckError raised here is reported by the CLI like any other (exit status 1).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from deck_builder.errors import DeckError
from deck_builder.ooxml.geometry import Rect

if TYPE_CHECKING:
    from deck_builder.template.needs import LayoutNeed

EMU_PER_CM = 360000
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _needs() -> tuple[LayoutNeed, ...]:
    from deck_builder.kinds import KINDS

    return KINDS.layout_needs()


@click.command("check")
@click.argument("path", type=click.Path(path_type=Path, exists=True))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]),
              default="text", show_default=True, help="Report as text or as JSON.")
@click.option("--overlay", "overlay_dir", type=click.Path(path_type=Path, file_okay=False),
              metavar="DIR",
              help="Also write a picture of each layout into DIR, its free area tinted green "
              "and its artwork outlined red (needs LibreOffice and poppler).")
def check(path: Path, output_format: str, overlay_dir: Path | None) -> None:
    """Show how a template is read and which layout each slide kind would use.

    PATH is a .pptx or .potx file, or a brand folder. Prints the masters, the layouts
    with their placeholders (type, idx, position and size in cm), the kind → layout
    mapping and why, what is missing (drawn in free boxes), the theme's colours and
    fonts, and a verdict: good (every kind on placeholders of the template's own, exact
    font metrics), usable (with the warnings listed) or unusable (errors; exit 1).
    With --overlay, one PNG per layout shows where the free area and the artwork are.

    \b
    Examples:
      deck-builder template check huisstijl.potx
      deck-builder template check templates/vng --format json
      deck-builder template check huisstijl.potx --overlay output/lagen
    """
    from deck_builder.template.load import check_template

    try:
        checked = check_template(path.resolve() if path.is_file() else path,
                                 _needs())
    except DeckError as error:
        problems = [str(problem) for problem in error.problems]
        if output_format == "json":
            click.echo(json.dumps({"template": str(path), "verdict": "unusable",
                                   "errors": problems}, indent=2, ensure_ascii=False))
        else:
            for problem in problems:
                click.echo(f"error: {problem}", err=True)
            click.echo("verdict: unusable")
        raise SystemExit(1) from None
    data = report_data(checked)
    if output_format == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(report_text(data))
    if overlay_dir is not None:
        from deck_builder.delivery.overlay import write_overlays
        from deck_builder.delivery.pdf import interruptible

        with interruptible():
            written = write_overlays(checked, overlay_dir)
        # On stderr with --format json, so that stdout stays one JSON document.
        click.echo(f"wrote {len(written)} layout picture{'' if len(written) == 1 else 's'} "
                   f"in {overlay_dir} (free area green, artwork red, placeholders blue)",
                   err=output_format == "json")


@click.command("init")
@click.argument("path", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("name")
@click.option("--templates", "templates_dir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("templates"), show_default=True,
              help="Folder to create the brand folder NAME in.")
def init(path: Path, name: str, templates_dir: Path) -> None:
    """Make a brand folder templates/NAME from the template at PATH.

    The folder gets a copy of the template (PATH itself is not changed) and a
    layouts.yaml with the mapping `template check` shows: every kind's layout and, per
    role, its placeholder and size range; `auto` where a role has no placeholder and
    is drawn in a free box. Review and edit it, then build with --template.

    \b
    Example:
      deck-builder template init huisstijl.potx gemeente
      deck-builder template check templates/gemeente
      deck-builder build --template templates/gemeente
    """
    from deck_builder.template.load import check_template, load_template

    if not _NAME.match(name):
        raise click.BadParameter("use lower-case letters, digits, - and _ (e.g. gemeente)",
                                 param_hint="NAME")
    target = templates_dir / name
    if target.exists():
        raise DeckError(f"{target} already exists; choose another NAME or remove it first")
    copy_name = f"template{path.suffix.lower()}"
    text = mapping_yaml(check_template(path.resolve(), _needs()), copy_name, path.name)
    target.mkdir(parents=True)
    shutil.copyfile(path, target / copy_name)
    (target / "layouts.yaml").write_text(text, encoding="utf-8")
    # The folder must load as it stands: a mapping that does not would be a bug here.
    checked = load_template(target, _needs())
    click.echo(f"created {target} ({copy_name}, layouts.yaml: {len(checked.layouts)} kinds)")
    click.echo(f"review {target / 'layouts.yaml'}, then: deck-builder template check {target}")


# -- the report ----------------------------------------------------------------------------


def report_data(checked: Any) -> dict[str, Any]:
    """Everything `template check` reports, as plain data (what --format json prints)."""
    template, report = checked.template, checked.report
    width, height = template.slide_width, template.slide_height
    mapping: dict[str, Any] = {}
    missing: dict[str, list[str]] = {}
    for kind, match in report.matches.items():
        spec = template.layouts[kind]
        roles = {}
        for role, slot in match.slots.items():
            role_spec = spec.roles[role]
            placeholder = slot.placeholder
            roles[role] = {
                "placeholder": None if placeholder is None else {
                    "idx": placeholder.idx, "type": placeholder.type, "name": placeholder.name},
                "free": slot.free,
                "quality": slot.quality,
                "why": slot.note,
                "box": _box(role_spec.rect),
                "max_pt": role_spec.max_pt,
                "min_pt": role_spec.min_pt,
            }
        mapping[kind] = {
            "layout": match.layout.name,
            "drawn_on": spec.name,
            "origin": report.origins[kind],
            "score": round(match.score, 1),
            "reasons": list(match.reasons),
            "dark": spec.dark,
            "roles": roles,
        }
        if match.free_roles:
            missing[kind] = match.free_roles
    theme = report.theme
    fonts = report.fonts
    warnings = list(template.warnings)
    exact = fonts is None or fonts.exact
    verdict = "good" if not missing and exact else "usable"
    if report.crowded:
        verdict = "cramped"
    slide_area = max(width * height, 1)
    return {
        "template": str(report.path),
        "mapping_file": str(report.mapping_file) if report.mapping_file else None,
        "brand_file": str(report.brand_file) if report.brand_file else None,
        "slide": {"width_cm": round(width / EMU_PER_CM, 2),
                  "height_cm": round(height / EMU_PER_CM, 2),
                  "ratio": aspect_ratio(width, height), "width_emu": width,
                  "height_emu": height},
        "prepared": list(report.changes),
        "masters": [{"number": m.number, "name": m.name, "layouts": list(m.layouts),
                     "used": m.used} for m in report.masters],
        "layouts": [
            {"name": info.name, "dark": info.dark, "placeholders": [
                {"type": p.type, "idx": p.idx, "name": p.name,
                 "box": _box(p.rect) if p.rect is not None else None}
                for p in info.placeholders],
             "content_area": _box(info.region),
             "free_area": _box(free) if (free := report.free_areas.get(info.name)) else None,
             "free_share": (round(free.w * free.h / slide_area, 3) if free is not None
                            else None),
             "artwork": [{"what": art.what, "name": art.name, "box": _box(art.rect)}
                         for art in report.artwork.get(info.name, ())]}
            for info in report.layouts
        ],
        "mapping": mapping,
        "missing": missing,
        "theme": None if theme is None else {
            "name": theme.name, "colours": theme.colours,
            "fonts": {"major": theme.major_font, "minor": theme.minor_font,
                      "titles": theme.title_font, "body": theme.body_font}},
        "brand_colours": {key: f"#{value}" for key, value in template.brand.colours.items()},
        "measuring_fonts": {
            "family": template.brand.font_family if fonts is None else fonts.family,
            "source": "brand.yaml" if fonts is None else fonts.source,
            "files": {face: str(getattr(template.brand.fonts, face))
                      for face in ("regular", "bold", "italic", "bold_italic")},
            "note": None if fonts is None else fonts.note,
        },
        "warnings": warnings,
        "remarks": list(report.remarks),
        "verdict": verdict,
        "errors": [],
    }


def report_text(data: dict[str, Any]) -> str:
    """The report of `template check` as text, from `report_data`."""
    lines = [f"template: {data['template']}"]
    slide = data["slide"]
    lines.append(f"slide size: {slide['width_cm']:g} × {slide['height_cm']:g} cm "
                 f"({slide['ratio']})")
    if data["mapping_file"]:
        lines.append(f"mapping: {data['mapping_file']} (the rest automatic)")
    if data["prepared"]:
        lines.append("prepared (in memory; the file is not changed): "
                     + "; ".join(data["prepared"]))
    lines.append("")
    lines.append("masters:")
    for master in data["masters"]:
        mark = "*" if master["used"] else " "
        used = "  ← the deck uses this one" if master["used"] else ""
        lines.append(f" {mark} {master['number']}. {master['name']} "
                     f"({len(master['layouts'])} layouts){used}")
    lines.append("")
    lines.append("layouts (of the master in use):")
    for layout in data["layouts"]:
        dark = " (dark)" if layout["dark"] else ""
        lines.append(f"  {layout['name']!r}{dark}")
        for ph in layout["placeholders"]:
            box = ph["box"]
            where = ("no position" if box is None else
                     f"at {box['x_cm']:5.2f}, {box['y_cm']:5.2f} cm  "
                     f"size {box['w_cm']:5.2f} × {box['h_cm']:5.2f} cm")
            lines.append(f"      {ph['type']:9} idx {ph['idx']:<3} {where}  {ph['name']!r}")
        free = layout.get("free_area")
        if free is not None:
            artwork = layout["artwork"]
            what = (f"clear of {len(artwork)} piece{'s' if len(artwork) != 1 else ''} of "
                    "artwork" if artwork else "no artwork")
            lines.append(f"      free area at {free['x_cm']:5.2f}, {free['y_cm']:5.2f} cm  "
                         f"size {free['w_cm']:5.2f} × {free['h_cm']:5.2f} cm  "
                         f"({layout['free_share']:.0%} of the slide; {what})")
    lines.append("")
    lines.append("kind → layout:")
    for kind, entry in data["mapping"].items():
        drawn = (f" (drawn on its copy {entry['drawn_on']!r})"
                 if entry["drawn_on"] != entry["layout"] else "")
        score = f", score {entry['score']:g}" if entry["reasons"] != ["as layouts.yaml says"] \
            else ""
        lines.append(f"  {kind:11} → {entry['layout']!r}{drawn}, {entry['origin']}{score}")
        if entry["reasons"]:
            lines.append(f"      why: {'; '.join(entry['reasons'])}")
        for role, slot in entry["roles"].items():
            ph = slot["placeholder"]
            place = (f"free box ({slot['why']})" if ph is None else
                     f"{ph['type']} idx {ph['idx']} ({slot['quality']}: {slot['why']})")
            size = f"{slot['max_pt']:g}–{slot['min_pt']:g} pt"
            lines.append(f"      {role:14} {place}, {size}")
    lines.append("")
    if data["missing"]:
        lines.append("missing (drawn in free boxes in the template's fonts and colours):")
        for kind, roles in data["missing"].items():
            lines.append(f"  {kind}: {', '.join(roles)}")
    else:
        lines.append("missing: nothing; every role has a placeholder of the template's own")
    theme = data["theme"]
    if theme is not None:
        lines.append("")
        name = f" {theme['name']!r}" if theme["name"] else ""
        lines.append(f"theme{name} colours: " + ", ".join(
            f"{slot} {value}" for slot, value in theme["colours"].items()))
        fonts = theme["fonts"]
        lines.append(f"theme fonts: headings {fonts['major']}, body {fonts['minor']}; "
                     f"text is set in {fonts['titles']} (titles) and {fonts['body']} (body)")
    lines.append("brand colours used: " + ", ".join(
        f"{key} {value}" for key, value in data["brand_colours"].items()))
    measuring = data["measuring_fonts"]
    lines.append(f"text is measured with {measuring['family']} ({measuring['source']}): "
                 f"{measuring['files']['regular']}")
    if data["warnings"] or data["remarks"]:
        lines.append("")
        lines.extend(f"warning: {warning}" for warning in data["warnings"])
        lines.extend(f"remark: {remark}" for remark in data["remarks"])
    lines.append("")
    count = len(data["warnings"])
    detail = f" ({count} warning{'s' if count != 1 else ''})" if count else ""
    lines.append(f"verdict: {data['verdict']}{detail}")
    return "\n".join(lines)


def aspect_ratio(width: int, height: int) -> str:
    """A slide's shape as people name it ("16:9", "4:3"), or the ratio to two decimals."""
    if not height:
        return "?"
    ratio = width / height
    for name, value in (("16:9", 16 / 9), ("4:3", 4 / 3), ("16:10", 16 / 10), ("1:1", 1.0),
                        ("A4", 297 / 210)):
        if abs(ratio - value) < 0.01:
            return name
    return f"{ratio:.2f}:1"


def _box(rect: Rect) -> dict[str, float]:
    return {"x_cm": round(rect.x / EMU_PER_CM, 2), "y_cm": round(rect.y / EMU_PER_CM, 2),
            "w_cm": round(rect.w / EMU_PER_CM, 2), "h_cm": round(rect.h / EMU_PER_CM, 2),
            "x": rect.x, "y": rect.y, "w": rect.w, "h": rect.h}


# -- the mapping file ------------------------------------------------------------------------


def mapping_yaml(checked: Any, file_name: str, source_name: str) -> str:
    """A layouts.yaml for a checked template (loaded from `source_name`, copied as
    `file_name`) that fixes the mapping it was loaded with, commented for review."""
    template, report = checked.template, checked.report
    used = next((m for m in report.masters if m.used), None)
    lines = [
        f"# How deck-builder uses {source_name}: written by `deck-builder template init`,",
        "# to review and edit. Each slide kind names a layout of the template and, per role,",
        "# the placeholder that holds it (idx, as `deck-builder template check` lists them)",
        "# with the text's size range in points. `auto`: the layout has no placeholder for",
        "# the role; deck-builder draws a box in the template's fonts and colours. A kind or",
        "# role left out is chosen automatically. Colours and fonts come from the theme;",
        "# a brand.yaml beside this file (see templates/vng) would set them instead.",
        f"template: {_quote(file_name)}",
    ]
    if used is not None and len(report.masters) > 1:
        lines.append(f"master: {used.number}  # {_comment(used.name)}")
    lines.append("kinds:")
    for kind, match in report.matches.items():
        spec = template.layouts[kind]
        lines.append(f"  {kind}:")
        lines.append(f"    layout: {_quote(match.layout.name)}  # score {match.score:.1f}")
        if spec.dark:
            lines.append("    dark: true  # light text: links are drawn light")
        lines.append("    roles:")
        for role, slot in match.slots.items():
            role_spec = spec.roles[role]
            sizes = ("" if role in ("picture", "logo") else
                     f", max_pt: {role_spec.max_pt:g}, min_pt: {role_spec.min_pt:g}")
            if slot.placeholder is None:
                value = "auto" if not sizes else f"{{{sizes[2:]}}}"
                note = f"free box: {slot.note}"
            else:
                value = f"{{idx: {slot.placeholder.idx}{sizes}}}"
                note = f"{slot.placeholder.type} {slot.placeholder.name!r}"
            lines.append(f"      {role}: {value}  # {_comment(note)}")
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    # JSON strings are valid YAML: layout names with commas or colons stay intact.
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    return " ".join(text.split())
