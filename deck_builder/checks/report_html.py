"""The accessibility report as one self-contained, accessible HTML page.

No scripts, fonts, pictures or style sheets are fetched: the styles are in the page, so
it can be mailed, archived next to the accessibility statement and opened offline. The
page is itself accessible: its language set, one h1 and headings in order, tables with
captions and header cells (`scope`), status said in words (colour only repeats it, with
at least 4.5:1 contrast), English finding details marked `lang="en"` in a Dutch report.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from deck_builder.checks.findings import Finding
from deck_builder.checks.wcag import (
    CODE_TEXT_NL,
    STATUSES,
    AccessibilityReport,
    Language,
    Status,
    Verdict,
)

_LABELS: dict[str, tuple[str, str]] = {
    "title": ("Toegankelijkheidsrapport", "Accessibility report"),
    "intro": (
        "Dit rapport toetst de presentatie aan de succescriteria van WCAG 2.1 op niveau A en "
        "AA, zoals EN 301 549 (clausule 10) ze op documenten toepast; naar die norm "
        "verwijst het Besluit digitale toegankelijkheid overheid. Gebruik het bij het "
        "opstellen van de toegankelijkheidsverklaring.",
        "This report tests the deck against the WCAG 2.1 level A and AA success criteria as "
        "EN 301 549 (clause 10) applies them to documents, the standard the Dutch Besluit "
        "digitale toegankelijkheid overheid points to. Use it for the accessibility "
        "statement."),
    "summary": ("Samenvatting", "Summary"),
    "summary_caption": ("Aantal succescriteria per resultaat",
                        "Number of success criteria per result"),
    "result": ("Resultaat", "Result"),
    "count": ("Aantal", "Number"),
    "person": ("Beoordelen door een mens", "To be judged by a person"),
    "person_intro": ("Bij deze criteria kan een programma niet alles vaststellen. Kijk naar:",
                     "For these criteria a program cannot establish everything. Look at:"),
    "none_person": ("Geen.", "None."),
    "criteria": ("Alle succescriteria", "All success criteria"),
    "criteria_caption": ("Resultaat per succescriterium van WCAG 2.1 (A en AA)",
                         "Result per WCAG 2.1 success criterion (A and AA)"),
    "criterion": ("Succescriterium", "Success criterion"),
    "level": ("Niveau", "Level"),
    "clause": ("EN 301 549", "EN 301 549"),
    "note": ("Toelichting", "Explanation"),
    "findings": ("Bevindingen", "Findings"),
    "no_findings": ("Geen bevindingen.", "No findings."),
    "findings_caption": ("Bevindingen bij {name}", "Findings for {name}"),
    "where": ("Plaats", "Location"),
    "slide": ("Dia", "Slide"),
    "shape": ("Vorm", "Shape"),
    "code": ("Code", "Code"),
    "finding": ("Bevinding", "Finding"),
    "other": ("Overige meldingen", "Other findings"),
    "other_intro": ("Meldingen die niet bij een succescriterium horen (opmaak, bouwen).",
                    "Findings that belong to no success criterion (layout, building)."),
    "facts": ("Over de presentatie", "About the deck"),
    "deck": ("Bestand", "File"),
    "deck_title": ("Titel", "Title"),
    "language": ("Taal", "Language"),
    "slides": ("Dia's", "Slides"),
    "pictures": ("Afbeeldingen en grafieken met alt-tekst",
                 "Pictures and charts with alt text"),
    "decorative": ("Decoratieve afbeeldingen", "Decorative pictures"),
    "links": ("Links", "Links"),
    "drawn": ("Contrast op afbeeldingen gemeten", "Contrast over pictures measured"),
    "pdf": ("PDF mee gecontroleerd", "PDF checked too"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "made": ("Gemaakt met deck-builder {version}.", "Made with deck-builder {version}."),
}
_STATUS: dict[Status, tuple[str, str]] = {
    "fail": ("Voldoet niet", "Fails"),
    "review": ("Beoordelen", "Needs review"),
    "pass": ("Voldoet", "Passes"),
    "not-applicable": ("Niet van toepassing", "Not applicable"),
}
_STYLE = """
body{font-family:Arial,Helvetica,sans-serif;font-size:1rem;line-height:1.5;color:#1b1b1b;
background:#fff;margin:0 auto;max-width:64rem;padding:1rem 1.5rem}
h1{font-size:1.8rem;margin:.5rem 0}h2{font-size:1.4rem;margin-top:2rem;
border-bottom:2px solid #14365d}h3{font-size:1.15rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:bold;padding:.25rem 0}
th,td{border:1px solid #767676;padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:#e8edf3}
a{color:#0b4f8a}a:focus{outline:3px solid #1b1b1b;outline-offset:2px}
.status{font-weight:bold;white-space:nowrap}
.fail{color:#9b1c1c}.review{color:#7a4b00}.pass{color:#1e5e2a}.not-applicable{color:#4a4a4a}
dl{display:grid;grid-template-columns:max-content auto;gap:.25rem 1rem}dt{font-weight:bold}
dd{margin:0}code{font-family:Consolas,monospace;font-size:.95em}
"""


def to_html(report: AccessibilityReport, language: Language = "nl", version: str = "") -> str:
    """The report as a complete HTML document in `language` (nl or en)."""
    index = 0 if language == "nl" else 1

    def label(key: str, **values: str) -> str:
        return escape(_LABELS[key][index].format(**values))

    facts = report.facts
    heading = label("title") + (f": {escape(facts.title)}" if facts.title else "")
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{language}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{heading}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{heading}</h1>",
        f"<p>{label('intro')}</p>",
        "</header>",
        "<main>",
        f'<h2 id="summary">{label("summary")}</h2>',
        "<table>",
        f"<caption>{label('summary_caption')}</caption>",
        f'<thead><tr><th scope="col">{label("result")}</th>'
        f'<th scope="col">{label("count")}</th></tr></thead>',
        "<tbody>",
    ]
    for status in STATUSES:
        out.append(f'<tr><th scope="row"><span class="status {status}">'
                   f"{escape(_STATUS[status][index])}</span></th>"
                   f"<td>{report.count(status)}</td></tr>")
    out += ["</tbody>", "</table>", f'<h2 id="person">{label("person")}</h2>']
    review = [v for v in report.verdicts if v.status == "review"]
    if review:
        out.append(f"<p>{label('person_intro')}</p>")
        out.append("<ul>")
        for verdict in review:
            out.append(f"<li><strong>{_name(verdict, index)}</strong>: "
                       f"{escape(verdict.note[index])}</li>")
        out.append("</ul>")
    else:
        out.append(f"<p>{label('none_person')}</p>")
    out += [
        f'<h2 id="criteria">{label("criteria")}</h2>',
        "<table>",
        f"<caption>{label('criteria_caption')}</caption>",
        "<thead><tr>"
        f'<th scope="col">{label("criterion")}</th><th scope="col">{label("level")}</th>'
        f'<th scope="col">{label("clause")}</th><th scope="col">{label("result")}</th>'
        f'<th scope="col">{label("note")}</th></tr></thead>',
        "<tbody>",
    ]
    for verdict in report.verdicts:
        criterion = verdict.criterion
        out.append(
            f'<tr><th scope="row"><a href="{escape(criterion.url)}">{_name(verdict, index)}'
            f"</a></th><td>{criterion.level}</td><td>{criterion.clause}</td>"
            f'<td><span class="status {verdict.status}">'
            f"{escape(_STATUS[verdict.status][index])}</span></td>"
            f"<td>{escape(verdict.note[index])}</td></tr>")
    out += ["</tbody>", "</table>", f'<h2 id="findings">{label("findings")}</h2>']
    with_findings = [v for v in report.verdicts if v.findings]
    if not with_findings:
        out.append(f"<p>{label('no_findings')}</p>")
    for verdict in with_findings:
        name = _name(verdict, index)
        out.append(f"<h3>{name}</h3>")
        out += _findings_table(verdict.findings, label("findings_caption", name=""), name,
                               language, label)
    if report.other:
        out += [f'<h2 id="other">{label("other")}</h2>', f"<p>{label('other_intro')}</p>"]
        out += _findings_table(report.other, label("other"), "", language, label)
    out += [
        f'<h2 id="facts">{label("facts")}</h2>',
        "<dl>",
        f"<dt>{label('deck')}</dt><dd>{escape(report.name)}</dd>",
        f"<dt>{label('deck_title')}</dt><dd>{escape(facts.title)}</dd>",
        f"<dt>{label('language')}</dt><dd>{escape(facts.language)}</dd>",
        f"<dt>{label('slides')}</dt><dd>{facts.slides}</dd>",
        f"<dt>{label('pictures')}</dt><dd>{facts.pictures}</dd>",
        f"<dt>{label('decorative')}</dt><dd>{facts.decorative}</dd>",
        f"<dt>{label('links')}</dt><dd>{facts.links}</dd>",
        f"<dt>{label('drawn')}</dt><dd>"
        f"{label('yes') if facts.drawn else label('no')}</dd>",
        f"<dt>{label('pdf')}</dt><dd>{escape(facts.pdf) if facts.pdf else label('no')}</dd>",
        "</dl>",
        "</main>",
        f"<footer><p>{label('made', version=version)}</p></footer>" if version else "",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(line for line in out if line)


def _name(verdict: Verdict, index: int) -> str:
    criterion = verdict.criterion
    return escape(f"{criterion.number} {criterion.name[index]}")


def _findings_table(findings: tuple[Finding, ...], caption: str, name: str,
                    language: Language, label: Callable[[str], str]) -> list[str]:
    out = [
        "<table>",
        f"<caption>{caption}{name}</caption>",
        "<thead><tr>"
        f'<th scope="col">{label("where")}</th><th scope="col">{label("slide")}</th>'
        f'<th scope="col">{label("shape")}</th><th scope="col">{label("code")}</th>'
        f'<th scope="col">{label("finding")}</th></tr></thead>',
        "<tbody>",
    ]
    for item in findings:
        where = str(item.where) if item.where is not None else (item.part or "")
        out.append(
            f"<tr><td>{escape(where)}</td><td>{item.slide or ''}</td>"
            f"<td>{escape(item.shape or '')}</td><td><code>{escape(item.code)}</code></td>"
            f"<td>{_finding_text(item, language)}</td></tr>")
    out += ["</tbody>", "</table>"]
    return out


def _finding_text(item: Finding, language: Language) -> str:
    """The finding in the report's language: in Dutch, what its code means in Dutch, then
    the check's own (English) message, marked as English."""
    message = escape(item.message)
    if language == "en":
        return message
    meaning = CODE_TEXT_NL.get(item.code)
    if meaning is None:
        return f'<span lang="en">{message}</span>'
    return f'{escape(meaning[0].upper() + meaning[1:])}: <span lang="en">{message}</span>'
