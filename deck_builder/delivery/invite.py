"""Meeting invitations per afdeling: content → checked e-mails with the deck attached.

The text of the invitation lives in the content folder (`uitnodiging.yaml`: subject,
body, organiser), the recipients in `afdelingen.yaml` (`recipients:` or a CSV file
`recipients_file:` with the columns naam,email). Everything is checked before anything
is written or sent, and every mistake is reported at its file and line.

The deck (and its PDF) of each afdeling are attached as they are in the output folder,
rebuilt first when stale; a dry run builds stale ones in memory instead, so it checks
the same attachments and writes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from deck_builder import pipeline
from deck_builder.content import loader, overlays, variables
from deck_builder.content import validate as parse
from deck_builder.content.i18n import LANGUAGES
from deck_builder.content.records import Contact, HeaderText, NonEmpty
from deck_builder.content.schema import Record, validate
from deck_builder.content.source import Mapping, Scalar, load_file
from deck_builder.errors import DeckError, Problem, ProblemCollector, SourceRef
from deck_builder.kinds import KINDS
from deck_builder.render.sources import picture_sources
from deck_builder.template.model import resolve_template

if TYPE_CHECKING:
    from email.message import EmailMessage

    from deck_builder.content.records import Deck
    from deck_builder.content.source import Node
    from deck_builder.delivery.invitation import Attachment, Meeting, Person

INVITATION_FILE = "uitnodiging.yaml"
DEFAULT_MAX_BYTES = 10_000_000  # attachments together: what most mail servers accept
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


class InvitationText(Record):
    """uitnodiging.yaml: the subject and text of the invitation and who sends it.

    Subject and body may use the deck's variables and {afdeling}, {datum}, {tijd},
    {locatie}, {vergadering}.
    """

    subject: HeaderText
    body: NonEmpty
    organiser: Contact
    sender: Contact | None = None  # when someone else sends it for the organiser


@dataclass(frozen=True)
class Invitation:
    """One afdeling's invitation, ready to write or send."""

    slug: str
    message: EmailMessage
    meeting: Meeting


def prepare(
    content_path: Path,
    slugs: list[str],
    attachments: dict[str, list[Attachment]],
    max_bytes: int = DEFAULT_MAX_BYTES,
    sent_at: dt.datetime | None = None,
    variant_set: overlays.VariantSet | None = None,
) -> list[Invitation]:
    """The invitations of `slugs`, each with its `attachments` (the deck, maybe a PDF).

    `sent_at` stamps the messages (default: the meeting, for reproducible files);
    `variant_set` is the afdelingen file when the caller has already read it.
    Raises DeckError listing every problem of every afdeling: text, recipients,
    meeting times, attachment budget.
    """
    from deck_builder.delivery import invitation as mail

    problems = ProblemCollector()
    text_path = loader.find_deck_file(content_path).resolve().parent / INVITATION_FILE
    if not text_path.is_file():
        raise DeckError(
            f"{text_path}: no invitation text found; write {INVITATION_FILE} beside the deck "
            "file with `subject:`, `body:` and `organiser: {name, email}`"
        )
    text_node = load_file(text_path)
    raw = loader.load_content(content_path, problems)
    variant_set = variant_set or overlays.load_variants(content_path)
    result: list[Invitation] = []
    for slug in slugs:
        if slug in variant_set.problems:
            for entry_problem in variant_set.problems[slug]:
                problems.add(entry_problem)
            continue
        variant = variant_set.variants[slug]
        deck_problems = ProblemCollector()
        deck = parse.parse_deck(overlays.apply_variant(raw, variant, KINDS, deck_problems),
                                KINDS, deck_problems)
        meta = deck.meta
        afdeling = variant.afdeling
        lang = LANGUAGES[meta.language]
        names = parse.deck_variables(meta) | {
            "datum": lang.long_date(afdeling.date),
            "tijd": lang.time_span(afdeling.start, afdeling.end),
            "locatie": afdeling.place or "",
        }
        text = validate(InvitationText, variables.substitute(text_node, names, problems),
                        problems)
        recipients = _recipients(variant, variant_set.path, problems)
        times = _times(variant, problems)
        files = attachments[slug]
        budget = mail.attachment_budget(files, max_bytes)
        if budget:
            # Said as the content names the pictures that make the deck large.
            budget = mail.attachment_budget(files, max_bytes, _picture_parts(deck, files))
            problems.add(f"{slug}: {budget}")
        if text is None or recipients is None or times is None or budget:
            continue
        meeting = mail.Meeting(
            uid_seed=f"{meta.deck_slug}/{slug}/{afdeling.date.isoformat()}",
            summary=text.subject,
            description=text.body,
            location=afdeling.place or "",
            start=times[0],
            end=times[1],
            organiser=_person(text.organiser),
            attendees=tuple(_person(contact) for contact in recipients),
        )
        try:
            message = mail.message(meeting, text.subject, text.body, None, files,
                                   _person(text.sender) if text.sender else None, date=sent_at)
        except mail.InvitationProblem as error:
            for problem in error.problems:
                problems.add(f"{slug}: {problem.message}", text_node.where)
            continue
        result.append(Invitation(slug, message, meeting))
    problems.raise_if_any()
    return result


def write(invitations: list[Invitation], folder: Path) -> list[Path]:
    """Write `<slug>.eml` and `<slug>.ics` of each invitation into `folder` (atomically)."""
    from deck_builder.delivery import invitation as mail
    from deck_builder.files import write_atomically

    written = []
    for item in invitations:
        written.append(mail.write_eml(item.message, folder / f"{item.slug}.eml"))
        ics = folder / f"{item.slug}.ics"
        write_atomically(mail.calendar(item.meeting), ics)
        written.append(ics)
    return written


def deck_files(
    content_path: Path, output: Path, slugs: list[str], variant_set: overlays.VariantSet
) -> tuple[dict[str, Path], list[str]]:
    """Each afdeling's deck in `output`, and the slugs whose deck must be built first.

    Those are the decks that are missing or older than the content or the template, and
    the afdelingen whose entry has problems (building them reports the problems).
    Raises DeckError when the base deck is invalid.
    """
    base = pipeline.load_deck(content_path)
    decks = {
        slug: output / overlays.output_name(base.meta.deck_slug, variant_set.variants[slug])
        for slug in slugs if slug in variant_set.variants
    }
    template = resolve_template(base.meta.template, base.source.parent)
    sources = [*_files(loader.find_deck_file(content_path).resolve().parent),
               *(_files(template) if template.is_dir() else [template])]
    stale = [slug for slug in slugs if slug not in decks or older(decks[slug], sources)]
    return decks, stale


def older(target: Path, sources: list[Path]) -> bool:
    """Whether `target` is missing or older than any of `sources`."""
    if not target.exists():
        return True
    built = target.stat().st_mtime_ns
    return any(source.stat().st_mtime_ns > built for source in sources)


def _files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def read_attachments(
    decks: dict[str, Path], pdfs: dict[str, Path]
) -> dict[str, list[Attachment]]:
    """Each afdeling's deck, and its PDF when there is one in `pdfs`, read from disk.

    Raises DeckError when a file cannot be read.
    """
    from deck_builder.delivery.invitation import Attachment

    return {
        slug: [Attachment.from_path(path)
               for path in (deck, *([pdfs[slug]] if slug in pdfs else []))]
        for slug, deck in decks.items()
    }


def attachments_in_memory(
    content_path: Path,
    decks: dict[str, Path],
    stale: list[str],
    variant_set: overlays.VariantSet,
    pdf: bool = False,
) -> dict[str, list[Attachment]]:
    """What a real run would attach, with nothing written: the current decks as they are,
    the `stale` ones built in memory; with `pdf`, each deck's PDF, converted in a private
    temporary folder unless the one on disk is current.

    Raises DeckError with the problems of every deck that cannot be built.
    """
    from deck_builder.delivery import invitation as mail
    from deck_builder.delivery.pdf import pdf_bytes

    built = build_in_memory(content_path, stale, variant_set)
    result: dict[str, list[Attachment]] = {}
    for slug, path in decks.items():
        data = built[slug] if slug in built else _read(path)
        files = [mail.Attachment(path.name, data, mail.PPTX_TYPE)]
        if pdf:
            pdf_path = path.with_suffix(".pdf")
            current = slug not in built and not older(pdf_path, [path])
            pdf_data = _read(pdf_path) if current else pdf_bytes(data, path)
            files.append(mail.Attachment(pdf_path.name, pdf_data, mail.guess_type(pdf_path.name)))
        result[slug] = files
    return result


def build_in_memory(
    content_path: Path, slugs: list[str], variant_set: overlays.VariantSet
) -> dict[str, bytes]:
    """The decks of `slugs` built as `build --afdeling` would write them, kept in memory.

    Raises DeckError listing every problem of every afdeling whose deck fails.
    """
    if not slugs:
        return {}
    problems = ProblemCollector()
    raw = loader.load_content(content_path, problems)
    brand = pipeline.open_template(parse.parse_deck(raw, KINDS, problems))
    built: dict[str, bytes] = {}
    failed: list[str] = []
    for slug in slugs:
        if slug in variant_set.problems:
            failed.extend(f"{slug}: {problem}" for problem in variant_set.problems[slug])
            continue
        deck_problems = ProblemCollector()
        try:
            raw_variant = overlays.apply_variant(raw, variant_set.variants[slug], KINDS,
                                                 deck_problems)
            deck = parse.parse_deck(raw_variant, KINDS, deck_problems)
            built[slug] = pipeline.build_bytes(deck, brand)[0]
        except DeckError as error:
            failed.extend(f"{slug}: {problem}" for problem in error.problems)
    if failed:
        raise DeckError([Problem(message) for message in failed])
    return built


def _picture_parts(deck: Deck, files: list[Attachment]) -> dict[str, str]:
    """The picture parts of the deck among `files` as the content names them (see
    render.sources); {} when the deck cannot be planned again."""
    from deck_builder.delivery.invitation import PPTX_TYPE

    decks = [item for item in files if item.mime_type == PPTX_TYPE]
    if not decks:
        return {}
    try:
        plans = pipeline.plan_slides(deck, pipeline.open_template(deck))
    except DeckError:
        return {}
    return picture_sources(decks[0].data, plans, deck.source.parent)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DeckError(f"cannot read attachment {path}: {exc.strerror or exc}") from None


def _person(contact: Contact) -> Person:
    from deck_builder.delivery.invitation import Person

    return Person(contact.name or "", contact.email)


def _recipients(
    variant: overlays.Variant, afdelingen_file: Path, problems: ProblemCollector
) -> list[Contact] | None:
    afdeling = variant.afdeling
    where = variant.node.where
    found = list(afdeling.recipients)
    if afdeling.recipients_file is not None:
        key_where = variant.node.keys.get("recipients_file", where)
        path = loader.inside(afdelingen_file.parent, afdelingen_file.parent,
                              afdeling.recipients_file)
        if path is None:
            problems.add(f"recipients file {str(afdeling.recipients_file)!r} is outside the "
                         "content folder; put it in it", key_where)
            return None
        from_file = _read_csv(path, key_where, problems)
        if from_file is None:
            return None
        found.extend(from_file)
    if not found:
        problems.add(
            f"afdeling {afdeling.slug!r} has no recipients; add `recipients:` "
            "(name and email) or `recipients_file:` (a CSV with naam,email)",
            where,
        )
        return None
    return found


def _read_csv(path: Path, where: SourceRef, problems: ProblemCollector) -> list[Contact] | None:
    """Contacts from a CSV with a header row naam,email (name,email also works)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        problems.add(f"recipients file {path.name!r} not found", where)
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.add(f"cannot read recipients file {path.name!r}: {exc}", where)
        return None
    reader = csv.reader(text.splitlines())
    header = [cell.strip().lower() for cell in next(reader, [])]
    columns = {"naam": "name", "name": "name", "email": "email", "e-mail": "email"}
    fields = [columns.get(cell) for cell in header]
    if "email" not in fields:
        problems.add("the first line must name the columns: naam,email", SourceRef(path, 1, 1))
        return None
    contacts: list[Contact] = []
    failed = False
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        entries: dict[str, Node] = {}
        keys: dict[str, SourceRef] = {}
        for index, (field, cell) in enumerate(zip(fields, row, strict=False)):
            if field is None or not cell.strip():
                continue
            column = sum(len(c) + 1 for c in row[:index]) + 1
            here = SourceRef(path, line, column)
            entries[field], keys[field] = Scalar(here, cell.strip()), here
        node = Mapping(SourceRef(path, line, 1), entries, keys)
        contact = validate(Contact, node, problems)
        if contact is None:
            failed = True
        else:
            contacts.append(contact)
    return None if failed else contacts


def _times(
    variant: overlays.Variant, problems: ProblemCollector
) -> tuple[dt.datetime, dt.datetime] | None:
    from deck_builder.delivery.invitation import AMSTERDAM

    afdeling = variant.afdeling
    moments = []
    for key in ("start", "end"):
        value = getattr(afdeling, key)
        where = variant.node.keys.get(key, variant.node.where)
        match = _TIME.match(value or "")
        if value is None or match is None:
            shown = f"{value!r} is not a time" if value else "missing"
            problems.add(f"{key}: {shown}; an invitation needs start and end as HH:MM", where)
            return None
        moments.append(dt.datetime.combine(
            afdeling.date, dt.time(int(match.group(1)), int(match.group(2))), AMSTERDAM))
    if moments[1] <= moments[0]:
        problems.add("end: the meeting must end after it starts",
                     variant.node.keys.get("end", variant.node.where))
        return None
    return moments[0], moments[1]
