"""The accessibility report: every WCAG 2.1 A/AA success criterion, as EN 301 549 applies it
to documents, with the deck's verdict, what a person must look at, and the findings.

EN 301 549 (the standard the Besluit digitale toegankelijkheid overheid points to) applies
WCAG 2.1 levels A and AA to non-web documents in clause 10, criterion for criterion, except
four that concern sets of web pages and are void for documents: 2.4.1 Bypass Blocks, 2.4.5
Multiple Ways, 3.2.3 Consistent Navigation and 3.2.4 Consistent Identification.

Each criterion gets one status:

- `fail`: a finding shows the deck does not meet it (a picture without alt text);
- `review`: no finding fails it, but a person must judge something a program cannot (is
  the alt text right, are the titles descriptive), or a finding asks for a look;
- `pass`: what the criterion asks is checked completely, or the deck has nothing it is
  about that a person would have to judge;
- `not-applicable`: void for documents, or the deck has nothing it applies to (no audio
  or video, no form fields).

`build_report` makes the report from a check's findings and the deck's facts
(`deck_facts`); `AccessibilityReport.to_json` and `report_html.to_html` write it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from lxml import etree

from deck_builder.checks.decorative import is_decorative
from deck_builder.checks.findings import Finding
from deck_builder.checks.package import Package
from deck_builder.checks.slide_text import deck_language, slide_shapes
from deck_builder.ooxml.namespaces import CHART_URI, DC_NS, DIAGRAM_URI, OLE_URI, TABLE_URI, A, P

Status = Literal["pass", "fail", "review", "not-applicable"]
STATUSES: tuple[Status, ...] = ("fail", "review", "pass", "not-applicable")
Language = Literal["nl", "en"]


@dataclass(frozen=True)
class DeckFacts:
    """What the report needs to know about a deck besides its findings."""

    slides: int = 0
    title: str = ""
    language: str = ""
    pictures: int = 0  # pictures, charts, diagrams and objects that are not decorative
    decorative: int = 0
    charts: int = 0
    tables: int = 0
    links: int = 0
    media: int = 0  # audio and video
    controls: int = 0  # form controls (ActiveX) and embedded objects
    timed_slides: int = 0  # slides that advance by themselves
    animated_slides: int = 0
    foreign_runs: int = 0  # runs marked with another language than the deck's
    text_over_pictures: int = 0
    drawn: bool = False  # whether text over pictures was measured on drawn slides
    pdf: str = ""  # the PDF checked with the deck, if any


def deck_facts(package: Package, drawn: bool = False, pdf: str = "") -> DeckFacts:
    """Count in the deck what the criteria depend on."""
    from deck_builder.checks.contrast import text_over_pictures

    language = deck_language(package) or ""
    counts = {"pictures": 0, "decorative": 0, "charts": 0, "tables": 0, "links": 0,
              "foreign_runs": 0}
    for shape in slide_shapes(package):
        kind = _content_kind(shape.element)
        if kind == "table":
            counts["tables"] += 1
        elif kind is not None:
            counts["decorative" if is_decorative(shape) else "pictures"] += 1
            if kind == "chart":
                counts["charts"] += 1
        for para in shape.paragraphs:
            for run in para:
                if run.lang and language and run.lang.split("-")[0].casefold() != \
                        language.split("-")[0].casefold():
                    counts["foreign_runs"] += 1
    media = controls = timed = animated = 0
    for part in package.slides():
        kinds = [rel.kind for rel in package.rels(part)]
        media += sum(kind in {"video", "audio", "media"} for kind in kinds)
        root = package.xml(part)
        if root is None:
            continue
        controls += len(root.findall(f".//{P}control"))
        transition = root.find(f"{P}transition")
        timed += transition is not None and transition.get("advTm") is not None
        animated += root.find(f"{P}timing//{P}par") is not None
    links = sum(rel.kind == "hyperlink" for part in package.slides()
                for rel in package.rels(part))
    core = package.xml("docProps/core.xml")
    title = (core.findtext(f"{{{DC_NS}}}title") or "").strip() if core is not None else ""
    return DeckFacts(
        slides=len(package.slides()), title=title, language=language,
        pictures=counts["pictures"], decorative=counts["decorative"],
        charts=counts["charts"], tables=counts["tables"], links=links, media=media,
        controls=controls, timed_slides=timed, animated_slides=animated,
        foreign_runs=counts["foreign_runs"],
        text_over_pictures=len(text_over_pictures(package)), drawn=drawn, pdf=pdf)


def _content_kind(element: etree._Element) -> str | None:
    """What non-text content a shape is (picture, chart, table, …), or None."""
    if element.tag == P + "pic":
        return "picture"
    if element.tag == P + "graphicFrame":
        data = element.find(f"{A}graphic/{A}graphicData")
        uri = data.get("uri", "") if data is not None else ""
        return {TABLE_URI: "table", CHART_URI: "chart", DIAGRAM_URI: "diagram",
                OLE_URI: "object"}.get(uri, "graphic")
    if element.tag == P + "sp" and element.find(f"{P}spPr/{A}blipFill") is not None:
        return "picture"
    return None


Text = tuple[str, str]  # (Dutch, English)
Judge = Callable[[DeckFacts], tuple[Status, Text] | None]


@dataclass(frozen=True)
class Criterion:
    """A WCAG 2.1 success criterion as the report judges it.

    `fails` and `reviews` are the finding codes that fail it or ask a person to look;
    `judge` decides from the facts when no finding does (None: `pass`).
    """

    number: str
    level: Literal["A", "AA"]
    name: Text
    fails: frozenset[str] = frozenset()
    reviews: frozenset[str] = frozenset()
    judge: Judge | None = None
    void: bool = False

    @property
    def clause(self) -> str:
        """Its number in EN 301 549 clause 10 (10.1.1.1 for 1.1.1)."""
        return f"10.{self.number}"

    @property
    def url(self) -> str:
        """Its page in the WCAG 2.1 Understanding documents."""
        return f"https://www.w3.org/WAI/WCAG21/Understanding/{_SLUGS[self.number]}"


def _na(nl: str, en: str) -> tuple[Status, Text]:
    return "not-applicable", (nl, en)


def _person(nl: str, en: str) -> tuple[Status, Text]:
    return "review", (nl, en)


def _ok(nl: str, en: str) -> tuple[Status, Text]:
    return "pass", (nl, en)


def _no_media(facts: DeckFacts) -> tuple[Status, Text] | None:
    if facts.media:
        return _person("Controleer ondertiteling, audiodescriptie of een tekstalternatief "
                       "van de audio en video in de presentatie.",
                       "Check the captions, audio description or text alternative of the "
                       "audio and video in the deck.")
    return _na("De presentatie bevat geen audio of video.", "The deck has no audio or video.")


def _no_forms(facts: DeckFacts) -> tuple[Status, Text] | None:
    if facts.controls:
        return _person("De presentatie bevat formulierelementen of ingesloten objecten: "
                       "controleer ze met het toetsenbord en een schermlezer.",
                       "The deck has form controls or embedded objects: check them with "
                       "the keyboard and a screen reader.")
    return _na("De presentatie bevat geen formulieren of invoervelden.",
               "The deck has no forms or input fields.")


def _alt_text(facts: DeckFacts) -> tuple[Status, Text] | None:
    if facts.pictures or facts.decorative:
        return _person(
            f"{facts.pictures} afbeelding(en) of grafiek(en) met alternatieve tekst en "
            f"{facts.decorative} als decoratief gemarkeerd: beschrijft elke alt-tekst wat "
            "de afbeelding zegt, en zegt elke decoratieve afbeelding echt niets?",
            f"{facts.pictures} picture(s) or chart(s) with alt text and {facts.decorative} "
            "marked decorative: does each alt text say what the picture says, and does each "
            "decorative picture really say nothing?")
    return _ok("Geen afbeeldingen of grafieken.", "No pictures or charts.")


def _structure(facts: DeckFacts) -> tuple[Status, Text] | None:
    extra = (f" De presentatie heeft {facts.tables} tabel(len): hebben ze een kopregel?"
             if facts.tables else "")
    extra_en = (f" The deck has {facts.tables} table(s): do they have a header row?"
                if facts.tables else "")
    return _person(
        "Elke dia heeft een titel in de titelplaatshouder en opsommingen zijn echte lijsten "
        "(automatisch gecontroleerd). Kijk of vet, kleur of plaats nergens een betekenis "
        "draagt die niet ook in de tekst staat." + extra,
        "Every slide has a title in its title placeholder and bullets are real lists "
        "(checked automatically). Check that bold, colour or position carry no meaning the "
        "text does not also give." + extra_en)


def _sensory(facts: DeckFacts) -> tuple[Status, Text] | None:
    return _person("Verwijst de tekst naar vorm, kleur, grootte of plaats (‘de rode "
                   "balk’, ‘rechts’)? Noem dan ook wat er staat.",
                   "Does the text refer to shape, colour, size or position (‘the red "
                   "bar’, ‘on the right’)? Then also say what is meant.")


def _colour(facts: DeckFacts) -> tuple[Status, Text] | None:
    if facts.charts or facts.pictures:
        return _person("Is kleur ergens het enige middel om iets te onderscheiden, zoals "
                       "in een grafiek of kaart? Voeg dan labels, patronen of tekst toe.",
                       "Is colour the only means to tell things apart anywhere, such as in "
                       "a chart or map? Then add labels, patterns or text.")
    return _person("Is kleur ergens het enige middel om iets te onderscheiden (een rood "
                   "gemarkeerd woord)?",
                   "Is colour the only means to tell something apart anywhere (a word "
                   "marked in red)?")


def _contrast(facts: DeckFacts) -> tuple[Status, Text] | None:
    if facts.text_over_pictures and not facts.drawn:
        return _person(
            f"{facts.text_over_pictures} tekstvak(ken) staan op een afbeelding of "
            "kleurverloop; zonder LibreOffice is dat contrast niet gemeten: beoordeel het.",
            f"{facts.text_over_pictures} text box(es) lie over a picture or gradient; "
            "without LibreOffice that contrast was not measured: judge it.")
    return _ok("Het contrast van alle tekst is gemeten (4,5:1, grote tekst 3:1).",
               "The contrast of all text was measured (4.5:1, large text 3:1).")


def _images_of_text(facts: DeckFacts) -> tuple[Status, Text] | None:
    if facts.pictures:
        return _person("Staat er tekst in afbeeldingen die ook als echte tekst kan (geen "
                       "logo)? Zet die dan als tekst op de dia.",
                       "Do pictures contain text that could be real text (not a logo)? "
                       "Then put it on the slide as text.")
    return _ok("Geen afbeeldingen.", "No pictures.")


def _reflow(facts: DeckFacts) -> tuple[Status, Text] | None:
    return _person("Dia's hebben een vaste opmaak. Controleer of de getagde PDF leesbaar "
                   "blijft bij 400% zoom of in de herschik-weergave van een PDF-lezer.",
                   "Slides have a fixed layout. Check that the tagged PDF stays readable at "
                   "400% zoom or in a PDF reader's reflow view.")


def _non_text_contrast(facts: DeckFacts) -> tuple[Status, Text] | None:
    if facts.pictures or facts.charts:
        return _person("Hebben lijnen, vlakken en symbolen in grafieken en afbeeldingen die "
                       "nodig zijn om ze te begrijpen een contrast van 3:1?",
                       "Do lines, areas and symbols in charts and pictures that are needed "
                       "to understand them have a contrast of 3:1?")
    return _ok("Geen grafieken of afbeeldingen met betekenis.",
               "No charts or meaningful pictures.")


def _spacing(facts: DeckFacts) -> tuple[Status, Text] | None:
    return _ok("PowerPoint en PDF laten lezers de tekstafstand niet aanpassen; de "
               "presentatie zet zelf geen tekst vast in afbeeldingen.",
               "PowerPoint and PDF do not let readers change text spacing; the deck puts "
               "no text in pictures itself.")


def _links(facts: DeckFacts) -> tuple[Status, Text] | None:
    if not facts.links:
        return _na("De presentatie bevat geen links.", "The deck has no links.")
    return _ok(f"{facts.links} link(s): de linkteksten zijn gecontroleerd (geen kale "
               "webadressen of ‘klik hier’).",
               f"{facts.links} link(s): the link texts were checked (no bare web addresses "
               "or ‘click here’).")


def _headings(facts: DeckFacts) -> tuple[Status, Text] | None:
    return _person("Elke dia heeft een eigen titel (automatisch gecontroleerd). Zeggen de "
                   "titels waar de dia over gaat? Schermlezers navigeren erlangs.",
                   "Every slide has a title of its own (checked automatically). Do the "
                   "titles say what each slide is about? Screen readers navigate by them.")


def _language_parts(facts: DeckFacts) -> tuple[Status, Text] | None:
    marked = (f" {facts.foreign_runs} tekstdeel/-delen zijn als andere taal gemarkeerd."
              if facts.foreign_runs else "")
    marked_en = (f" {facts.foreign_runs} run(s) are marked as another language."
                 if facts.foreign_runs else "")
    return _person("Zinnen in een andere taal worden herkend vanaf vier woorden; controleer "
                   "losse woorden en korte citaten in een andere taal (in content: "
                   "[woord](lang:en))." + marked,
                   "Sentences in another language are recognised from four words on; check "
                   "single words and short quotes in another language (in content: "
                   "[word](lang:en))." + marked_en)


def _timing(facts: DeckFacts) -> tuple[Status, Text] | None:
    if facts.timed_slides:
        return _person(f"{facts.timed_slides} dia('s) gaan vanzelf verder: kan de lezer dat "
                       "uitzetten of de tijd verlengen?",
                       f"{facts.timed_slides} slide(s) advance by themselves: can the reader "
                       "turn that off or extend the time?")
    return _ok("Geen dia gaat vanzelf verder.", "No slide advances by itself.")


def _moving(facts: DeckFacts) -> tuple[Status, Text] | None:
    if facts.animated_slides or facts.media:
        return _person("Animaties of video: kan bewegende inhoud die langer dan 5 seconden "
                       "duurt gepauzeerd worden?",
                       "Animations or video: can moving content that lasts more than 5 "
                       "seconds be paused?")
    return _ok("Geen animaties of video.", "No animations or video.")


def _flashes(facts: DeckFacts) -> tuple[Status, Text] | None:
    if facts.animated_slides or facts.media:
        return _person("Flitst er iets vaker dan drie keer per seconde?",
                       "Does anything flash more than three times a second?")
    return _ok("Geen animaties of video.", "No animations or video.")


def _viewer(nl: str = "", en: str = "") -> Judge:
    def judge(facts: DeckFacts) -> tuple[Status, Text] | None:
        return _ok(nl or "Wordt geregeld door de weergavesoftware (PowerPoint, PDF-lezer); "
                   "de presentatie bevat niets wat dit verhindert.",
                   en or "Provided by the viewer (PowerPoint, PDF reader); the deck contains "
                   "nothing that prevents it.")
    return judge


def _void(facts: DeckFacts) -> tuple[Status, Text] | None:
    return _na("Geldt volgens EN 301 549 (clausule 10) niet voor losse documenten: het gaat "
               "over reeksen webpagina's.",
               "Void for documents in EN 301 549 (clause 10): it concerns sets of web "
               "pages.")


_PICTURE_FAIL = frozenset({"A11Y-ALT-MISSING", "A11Y-DECORATIVE-UNREAD", "A11Y-PDF-FIGURE-ALT"})
_TITLE_FAIL = frozenset({"A11Y-NO-TITLE"})

CRITERIA: tuple[Criterion, ...] = (
    Criterion("1.1.1", "A", ("Niet-tekstuele content", "Non-text Content"),
              fails=_PICTURE_FAIL, reviews=frozenset({"A11Y-DECORATIVE-ALT"}), judge=_alt_text),
    Criterion("1.2.1", "A", ("Louter-geluid en louter-video (vooraf opgenomen)",
                             "Audio-only and Video-only (Prerecorded)"), judge=_no_media),
    Criterion("1.2.2", "A", ("Ondertitels voor doven en slechthorenden (vooraf opgenomen)",
                             "Captions (Prerecorded)"), judge=_no_media),
    Criterion("1.2.3", "A", ("Audiodescriptie of media-alternatief (vooraf opgenomen)",
                             "Audio Description or Media Alternative (Prerecorded)"),
              judge=_no_media),
    Criterion("1.2.4", "AA", ("Ondertitels voor doven en slechthorenden (live)",
                              "Captions (Live)"), judge=_no_media),
    Criterion("1.2.5", "AA", ("Audiodescriptie (vooraf opgenomen)",
                              "Audio Description (Prerecorded)"), judge=_no_media),
    Criterion("1.3.1", "A", ("Info en relaties", "Info and Relationships"),
              fails=_TITLE_FAIL | {"A11Y-PDF-UNTAGGED"}, reviews=frozenset({"A11Y-PDF-NOT-UA"}),
              judge=_structure),
    Criterion("1.3.2", "A", ("Betekenisvolle volgorde", "Meaningful Sequence"),
              reviews=frozenset({"A11Y-READING-ORDER"}),
              judge=lambda f: _ok("De leesvolgorde van elke dia volgt de plaats van de "
                                  "vormen (titel eerst).",
                                  "Each slide's reading order follows where its shapes "
                                  "stand (title first).")),
    Criterion("1.3.3", "A", ("Zintuiglijke eigenschappen", "Sensory Characteristics"),
              judge=_sensory),
    Criterion("1.3.4", "AA", ("Weergavestand", "Orientation"),
              judge=_viewer("De presentatie legt geen weergavestand vast.",
                            "The deck does not lock the display orientation.")),
    Criterion("1.3.5", "AA", ("Identificeer het doel van de input", "Identify Input Purpose"),
              judge=_no_forms),
    Criterion("1.4.1", "A", ("Gebruik van kleur", "Use of Color"), judge=_colour),
    Criterion("1.4.2", "A", ("Geluidsbediening", "Audio Control"), judge=_no_media),
    Criterion("1.4.3", "AA", ("Contrast (minimum)", "Contrast (Minimum)"),
              fails=frozenset({"A11Y-CONTRAST", "A11Y-CONTRAST-RENDERED"}), judge=_contrast),
    Criterion("1.4.4", "AA", ("Herschalen van tekst", "Resize text"),
              judge=_viewer("Alle tekst is echte tekst en schaalt mee met zoomen.",
                            "All text is real text and scales with zoom.")),
    Criterion("1.4.5", "AA", ("Afbeeldingen van tekst", "Images of Text"),
              judge=_images_of_text),
    Criterion("1.4.10", "AA", ("Reflow", "Reflow"), judge=_reflow),
    Criterion("1.4.11", "AA", ("Contrast van niet-tekstuele content", "Non-text Contrast"),
              judge=_non_text_contrast),
    Criterion("1.4.12", "AA", ("Tekstafstand", "Text Spacing"), judge=_spacing),
    Criterion("1.4.13", "AA", ("Content bij hover of focus", "Content on Hover or Focus"),
              judge=_viewer("De presentatie toont niets bij aanwijzen of focus.",
                            "The deck shows nothing on hover or focus.")),
    Criterion("2.1.1", "A", ("Toetsenbord", "Keyboard"),
              judge=_viewer("Links en dia's zijn met het toetsenbord te bedienen in "
                            "PowerPoint en PDF-lezers; er zijn geen andere bedieningselementen.",
                            "Links and slides can be operated by keyboard in PowerPoint and "
                            "PDF readers; there are no other controls.")),
    Criterion("2.1.2", "A", ("Geen toetsenbordval", "No Keyboard Trap"),
              judge=lambda f: _no_forms(f) if f.controls else _ok(
                  "Geen ingesloten objecten die de focus vasthouden.",
                  "No embedded objects that could hold the focus.")),
    Criterion("2.1.4", "A", ("Enkel teken sneltoetsen", "Character Key Shortcuts"),
              judge=lambda f: _na("De presentatie definieert geen sneltoetsen.",
                                  "The deck defines no keyboard shortcuts.")),
    Criterion("2.2.1", "A", ("Timing aanpasbaar", "Timing Adjustable"), judge=_timing),
    Criterion("2.2.2", "A", ("Pauzeren, stoppen, verbergen", "Pause, Stop, Hide"),
              judge=_moving),
    Criterion("2.3.1", "A", ("Drie flitsen of beneden drempelwaarde",
                             "Three Flashes or Below Threshold"), judge=_flashes),
    Criterion("2.4.1", "A", ("Blokken omzeilen", "Bypass Blocks"), judge=_void, void=True),
    Criterion("2.4.2", "A", ("Paginatitel", "Page Titled"),
              fails=frozenset({"A11Y-NO-DOC-TITLE", "A11Y-PDF-NO-TITLE"}),
              judge=lambda f: _ok(f"De documenttitel is ‘{f.title}’; de PDF toont hem in de "
                                  "titelbalk.",
                                  f"The document title is ‘{f.title}’; the PDF shows it in "
                                  "the title bar.")),
    Criterion("2.4.3", "A", ("Focusvolgorde", "Focus Order"),
              reviews=frozenset({"A11Y-READING-ORDER"}),
              judge=lambda f: _ok("De volgorde van de vormen volgt de leesvolgorde.",
                                  "The order of the shapes follows the reading order.")),
    Criterion("2.4.4", "A", ("Linkdoel (in context)", "Link Purpose (In Context)"),
              reviews=frozenset({"A11Y-LINK-BARE-URL", "A11Y-LINK-TEXT"}), judge=_links),
    Criterion("2.4.5", "AA", ("Meerdere manieren", "Multiple Ways"), judge=_void, void=True),
    Criterion("2.4.6", "AA", ("Koppen en labels", "Headings and Labels"),
              fails=_TITLE_FAIL, reviews=frozenset({"A11Y-DUP-TITLE"}), judge=_headings),
    Criterion("2.4.7", "AA", ("Focus zichtbaar", "Focus Visible"), judge=_viewer()),
    Criterion("2.5.1", "A", ("Aanwijzergebaren", "Pointer Gestures"),
              judge=_viewer("Er zijn geen gebaren nodig; links werken met één klik.",
                            "No gestures are needed; links work with a single click.")),
    Criterion("2.5.2", "A", ("Aanwijzerannulering", "Pointer Cancellation"), judge=_viewer()),
    Criterion("2.5.3", "A", ("Label in naam", "Label in Name"),
              reviews=frozenset({"A11Y-LINK-TEXT"}),
              judge=lambda f: _ok("Links heten zoals hun zichtbare tekst.",
                                  "Links are named by their visible text.") if f.links else
              _na("De presentatie bevat geen links.", "The deck has no links.")),
    Criterion("2.5.4", "A", ("Bewegingsactivering", "Motion Actuation"),
              judge=lambda f: _na("Niets reageert op beweging van het apparaat.",
                                  "Nothing responds to moving the device.")),
    Criterion("3.1.1", "A", ("Taal van de pagina", "Language of Page"),
              fails=frozenset({"A11Y-NO-LANGUAGE", "A11Y-PDF-NO-LANGUAGE"}),
              judge=lambda f: _ok(f"De taal van de presentatie is {f.language}; de PDF "
                                  "neemt die over.",
                                  f"The deck's language is {f.language}; the PDF carries it.")),
    Criterion("3.1.2", "AA", ("Taal van onderdelen", "Language of Parts"),
              reviews=frozenset({"A11Y-LANGUAGE-UNMARKED", "A11Y-LANGUAGE-MISMATCH"}),
              judge=_language_parts),
    Criterion("3.2.1", "A", ("Bij focus", "On Focus"),
              judge=_viewer("Focus verandert niets aan de presentatie.",
                            "Focus changes nothing in the deck.")),
    Criterion("3.2.2", "A", ("Bij input", "On Input"), judge=_no_forms),
    Criterion("3.2.3", "AA", ("Consistente navigatie", "Consistent Navigation"),
              judge=_void, void=True),
    Criterion("3.2.4", "AA", ("Consistente identificatie", "Consistent Identification"),
              judge=_void, void=True),
    Criterion("3.3.1", "A", ("Foutidentificatie", "Error Identification"), judge=_no_forms),
    Criterion("3.3.2", "A", ("Labels of instructies", "Labels or Instructions"),
              judge=_no_forms),
    Criterion("3.3.3", "AA", ("Foutsuggestie", "Error Suggestion"), judge=_no_forms),
    Criterion("3.3.4", "AA", ("Foutpreventie (wettelijk, financieel, gegevens)",
                              "Error Prevention (Legal, Financial, Data)"), judge=_no_forms),
    Criterion("4.1.1", "A", ("Parsen", "Parsing"),
              judge=lambda f: _ok("Het bestand is een geldig pakket: niets wat PowerPoint "
                                  "zou laten ‘herstellen’.",
                                  "The file is a valid package: nothing that would make "
                                  "PowerPoint ‘repair’ it.")),
    Criterion("4.1.2", "A", ("Naam, rol, waarde", "Name, Role, Value"),
              judge=lambda f: _no_forms(f) if f.controls else _ok(
                  "Links hebben een naam; er zijn geen andere bedieningselementen.",
                  "Links have a name; there are no other controls.")),
    Criterion("4.1.3", "AA", ("Statusberichten", "Status Messages"),
              judge=lambda f: _na("Een presentatie toont geen statusberichten.",
                                  "A deck shows no status messages.")),
)

_SLUGS = {
    "1.1.1": "non-text-content", "1.2.1": "audio-only-and-video-only-prerecorded",
    "1.2.2": "captions-prerecorded", "1.2.3": "audio-description-or-media-alternative-prerecorded",
    "1.2.4": "captions-live", "1.2.5": "audio-description-prerecorded",
    "1.3.1": "info-and-relationships", "1.3.2": "meaningful-sequence",
    "1.3.3": "sensory-characteristics", "1.3.4": "orientation",
    "1.3.5": "identify-input-purpose", "1.4.1": "use-of-color", "1.4.2": "audio-control",
    "1.4.3": "contrast-minimum", "1.4.4": "resize-text", "1.4.5": "images-of-text",
    "1.4.10": "reflow", "1.4.11": "non-text-contrast", "1.4.12": "text-spacing",
    "1.4.13": "content-on-hover-or-focus", "2.1.1": "keyboard", "2.1.2": "no-keyboard-trap",
    "2.1.4": "character-key-shortcuts", "2.2.1": "timing-adjustable",
    "2.2.2": "pause-stop-hide", "2.3.1": "three-flashes-or-below-threshold",
    "2.4.1": "bypass-blocks", "2.4.2": "page-titled", "2.4.3": "focus-order",
    "2.4.4": "link-purpose-in-context", "2.4.5": "multiple-ways",
    "2.4.6": "headings-and-labels", "2.4.7": "focus-visible", "2.5.1": "pointer-gestures",
    "2.5.2": "pointer-cancellation", "2.5.3": "label-in-name", "2.5.4": "motion-actuation",
    "3.1.1": "language-of-page", "3.1.2": "language-of-parts", "3.2.1": "on-focus",
    "3.2.2": "on-input", "3.2.3": "consistent-navigation",
    "3.2.4": "consistent-identification", "3.3.1": "error-identification",
    "3.3.2": "labels-or-instructions", "3.3.3": "error-suggestion",
    "3.3.4": "error-prevention-legal-financial-data", "4.1.1": "parsing",
    "4.1.2": "name-role-value", "4.1.3": "status-messages",
}

# Finding codes in the reader's words, for the Dutch report (English: CODES' descriptions).
CODE_TEXT_NL: dict[str, str] = {
    "A11Y-NO-TITLE": "een dia heeft geen titel",
    "A11Y-DUP-TITLE": "twee dia's hebben dezelfde titel",
    "A11Y-ALT-MISSING": "een afbeelding, grafiek of diagram heeft geen alternatieve tekst",
    "A11Y-READING-ORDER": "de leesvolgorde wijkt af van de volgorde op het scherm",
    "A11Y-CONTRAST": "het contrast van tekst is lager dan WCAG 2.1 AA vraagt",
    "A11Y-CONTRAST-RENDERED": "het contrast van tekst op een afbeelding of kleurverloop is "
                              "te laag (gemeten op de getekende dia)",
    "A11Y-SMALL-TEXT": "tekst is kleiner dan 12 pt",
    "A11Y-NO-DOC-TITLE": "de documenttitel ontbreekt",
    "A11Y-NO-LANGUAGE": "de taal van het document is niet ingesteld",
    "A11Y-LINK-BARE-URL": "de tekst van een link is een webadres in plaats van een naam",
    "A11Y-LINK-TEXT": "de tekst van een link zegt niet waar hij heen gaat",
    "A11Y-LANGUAGE-UNMARKED": "tekst in een andere taal is niet als die taal gemarkeerd",
    "A11Y-LANGUAGE-MISMATCH": "tekst is gemarkeerd als een taal waarin hij niet geschreven is",
    "A11Y-DECORATIVE-UNREAD": "een decoratief-markering staat er zo dat PowerPoint en "
                              "schermlezers haar niet lezen",
    "A11Y-DECORATIVE-ALT": "een als decoratief gemarkeerde vorm heeft ook alternatieve tekst",
    "A11Y-PDF-UNTAGGED": "de PDF is niet getagd (geen structuur voor schermlezers)",
    "A11Y-PDF-NO-LANGUAGE": "de PDF heeft geen documenttaal",
    "A11Y-PDF-NO-TITLE": "de PDF heeft geen titel, of toont hem niet",
    "A11Y-PDF-FIGURE-ALT": "een figuur in de PDF heeft geen alternatieve tekst",
    "A11Y-PDF-NOT-UA": "de PDF meldt niet dat hij aan PDF/UA-1 voldoet",
}


@dataclass(frozen=True)
class Verdict:
    """One criterion's status, what it rests on or what a person should look at, and the
    findings about it."""

    criterion: Criterion
    status: Status
    note: Text
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class AccessibilityReport:
    """The verdict on every criterion, and the findings no criterion is about."""

    name: str
    facts: DeckFacts
    verdicts: tuple[Verdict, ...]
    other: tuple[Finding, ...] = field(default=())

    def count(self, status: Status) -> int:
        """How many criteria have `status`."""
        return sum(verdict.status == status for verdict in self.verdicts)

    def to_json(self) -> str:
        """The report as JSON: the facts, each criterion with its status, note in both
        languages and findings, and the other findings."""
        document = {
            "name": self.name,
            "standard": "WCAG 2.1 A/AA as applied to documents by EN 301 549 clause 10",
            "facts": self.facts.__dict__,
            "summary": {status: self.count(status) for status in STATUSES},
            "criteria": [
                {
                    "criterion": v.criterion.number,
                    "en_301_549": v.criterion.clause,
                    "level": v.criterion.level,
                    "name": {"nl": v.criterion.name[0], "en": v.criterion.name[1]},
                    "status": v.status,
                    "note": {"nl": v.note[0], "en": v.note[1]},
                    "findings": [f.to_dict() for f in v.findings],
                }
                for v in self.verdicts
            ],
            "other_findings": [f.to_dict() for f in self.other],
        }
        return json.dumps(document, indent=2, ensure_ascii=False)


def build_report(name: str, findings: Iterable[Finding], facts: DeckFacts) -> AccessibilityReport:
    """Judge every criterion from the findings and the facts."""
    found = tuple(findings)
    used: set[Finding] = set()
    verdicts = []
    for criterion in CRITERIA:
        failing = tuple(f for f in found if f.code in criterion.fails)
        asking = tuple(f for f in found if f.code in criterion.reviews)
        own = failing + asking
        used.update(own)
        judged = criterion.judge(facts) if criterion.judge is not None else None
        status, note = judged if judged is not None else ("pass", ("", ""))
        if criterion.number == "4.1.1":
            failing = tuple(f for f in found if f.code.startswith("PKG-")
                            and f.severity == "error")
            asking = tuple(f for f in found if f.code.startswith("PKG-")
                           and f.severity == "warning")
            own = failing + asking
            used.update(own)
        if failing:
            status = "fail"
            note = ("Zie de bevindingen hieronder.", "See the findings below.")
        elif asking:
            status = "review"
            note = ("Bekijk de bevindingen hieronder. " + note[0],
                    "Look at the findings below. " + note[1])
        verdicts.append(Verdict(criterion, status, note, own))
    other = tuple(f for f in found if f not in used)
    return AccessibilityReport(name, facts, tuple(verdicts), other)
