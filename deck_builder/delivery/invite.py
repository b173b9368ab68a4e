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
import io
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from deck_builder import pipeline
from deck_builder.content import loader, overlays, variables
from deck_builder.content import validate as parse
from deck_builder.content.addresses import ascii_address
from deck_builder.content.i18n import LANGUAGES
from deck_builder.content.overlays import Line
from deck_builder.content.records import Contact, HeaderText, NonEmpty
from deck_builder.content.schema import Record, validate
from deck_builder.content.source import Mapping, Scalar, load_file
from deck_builder.delivery import clock
from deck_builder.delivery.sentlog import Sent, SentLog
from deck_builder.errors import DeckError, Problem, ProblemCollector, SourceRef
from deck_builder.files import read_regular
from deck_builder.kinds import KINDS
from deck_builder.render.sources import picture_sources
from deck_builder.template.model import resolve_template

if TYPE_CHECKING:
    from email.message import EmailMessage

    from deck_builder.content.records import Deck
    from deck_builder.content.source import Node
    from deck_builder.delivery.invitation import Attachment, Meeting, Method, Person

INVITATION_FILE = "uitnodiging.yaml"
DEFAULT_MAX_BYTES = 10_000_000  # attachments together: what most mail servers accept
# A recipients CSV of a few thousand people is some hundreds of kB; the limit keeps a
# wrong file (an export of everything) from being read whole.
MAX_RECIPIENTS_BYTES = 5_000_000
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


class InvitationText(Record):
    """uitnodiging.yaml: the subject and text of the invitation and who sends it.

    Subject and body may use the deck's variables and {afdeling}, {datum}, {tijd},
    {locatie}, {vergadering}.
    """

    subject: HeaderText
    """The e-mail's subject and the meeting's title in calendars (one line).
    Example: 'Uitnodiging {vergadering} {afdeling} – {datum}'"""
    body: NonEmpty
    """The e-mail's text (also sent as HTML: web and e-mail addresses become links) and
    the meeting's description."""
    organiser: Contact
    """Who organises the meeting: the calendar's organiser, and the sender.
    Example: {name: VNG team Landelijk gebied, email: landelijkgebied@example.org}"""
    sender: Contact | None = None
    """Who sends it when someone else sends it for the organiser (the organiser then
    gets the replies)."""
    cancel_subject: HeaderText | None = None
    """The subject of a cancellation (invite --cancel); by default "Geannuleerd: " and
    the subject it was sent with."""
    cancel_body: NonEmpty | None = None
    """The text of a cancellation; by default a line that the meeting does not take
    place."""


class MeetingFile(Record):
    """A meeting a deck is presented at once (`invite --meeting FILE`), and who is
    invited. Fields left out come from the deck file (its meeting, date, start, end,
    place and recipients).
    """

    meeting: Line | None = None
    """The meeting's name: {vergadering}; by default the deck file's `meeting`, else
    its title.
    Example: Regiobijeenkomst"""
    name: Line | None = None
    """Who holds it: {afdeling}; by default the deck file's `host`, else its
    organisation."""
    date: dt.date | None = None
    """The meeting's date, YYYY-MM-DD; by default the deck's date.
    Example: 2026-03-12"""
    start: Line | None = None
    """When it starts, HH:MM in quotes (required here or in the deck file).
    Example: '19:30'"""
    end: Line | None = None
    """When it ends, HH:MM in quotes (required here or in the deck file).
    Example: '21:00'"""
    place: Line | None = None
    """Where it is: {locatie}.
    Example: Zwolle"""
    chair: Line | None = None
    """The chair: {voorzitter}."""
    contact: Line | None = None
    """A contact for questions: {contactpersoon}."""
    recipients: list[Contact] = []  # noqa: RUF012 (records copy mutable defaults)
    """Who is invited: a list of {name, email}.
    Example: [{name: Wethouder, email: wethouder@example.org}]"""
    recipients_file: Path | None = None
    """Who is invited, from a CSV file with the columns naam,email (or naam;email),
    relative to this file."""


# The subject and text of a cancellation when uitnodiging.yaml gives none.
CANCELLED = {
    "nl": ("Geannuleerd: {subject}",
           "De uitnodiging voor {vergadering} op {datum} is ingetrokken: de vergadering "
           "gaat niet door."),
    "en": ("Cancelled: {subject}",
           "The invitation to {vergadering} on {datum} is withdrawn: the meeting is "
           "cancelled."),
}

Mode = Literal["write", "send", "update", "resend", "cancel"]
"""What a run does: write the files only, or send a first invitation (`send`), an
update, the same again (`resend`) or a cancellation."""


@dataclass(frozen=True)
class Occasion:
    """A meeting to invite to: an afdeling's, or the deck's own (`one_off`).

    `name` names its files and messages (the afdeling's slug or the deck's); `key`
    identifies the invitation in the sent log; `fields` are where its date and times
    are written, for messages.
    """

    name: str
    key: str
    uid_seed: str
    deck: Deck
    date: dt.date
    start: str | None
    end: str | None
    place: str | None
    variables: dict[str, str]
    recipients: list[Contact] | None  # None: their problems are reported
    fields: dict[str, SourceRef]


@dataclass(frozen=True)
class Invitation:
    """One invitation, ready to write or send: the message, the meeting in it, what it
    is (method, the recipients of this message) and where the sent log files it."""

    slug: str
    message: EmailMessage
    meeting: Meeting
    method: Method = "REQUEST"
    stamp: dt.datetime | None = None
    to: tuple[str, ...] = ()
    key: str = ""
    uid: str = ""


@dataclass(frozen=True)
class Skipped:
    """An invitation the run leaves alone, and why (said to the user)."""

    slug: str
    reason: str


class Decision(NamedTuple):
    """What to send for a meeting: method, sequence, the recipients of this message
    (None: every attendee), and the meeting as last sent (for a cancellation)."""

    method: Method
    sequence: int
    to: tuple[Person, ...] | None = None
    last: Sent | None = None


class Refusal(Exception):
    """The mode asked for does not fit what was sent before (the message says why)."""


class Skip(Exception):
    """Nothing to send for this meeting in this mode (the message says why)."""


def decide(mode: Mode, meeting: Meeting, history: list[Sent]) -> Decision:
    """What `mode` sends for `meeting`, given what was sent before (`history`).

    A first invitation has SEQUENCE 0; a change of time, place or title raises it (an
    update); a cancellation raises it too. Raises Refusal when the mode does not fit
    (an update of what was never sent, `send` for a changed meeting) and Skip when
    there is nothing to send (an unchanged meeting everyone has).
    """
    from deck_builder.delivery.invitation import Person

    last = history[-1] if history else None
    attendees = meeting.attendees
    if last is None:
        if mode in ("update", "resend"):
            raise Refusal("was not sent yet; send the invitation with --send")
        if mode == "cancel":
            raise Refusal("was never sent, so there is nothing to cancel")
        return Decision("REQUEST", 0)
    when = _when(last.at)
    if last.method == "CANCEL":
        if mode in ("write", "send"):
            return Decision("REQUEST", last.sequence + 1)  # invited again
        if mode == "cancel":
            raise Skip(f"was cancelled already, on {when}")
        raise Refusal(f"was cancelled on {when}; invite again with --send")
    requests = [item for item in history if item.method == "REQUEST"]
    changes = _changes(requests[-1], meeting)
    sent_to = {address.lower() for item in requests for address in item.to}
    new = tuple(p for p in attendees if ascii_address(p.email).lower() not in sent_to)
    if mode == "write":
        return Decision("REQUEST", last.sequence + (1 if changes else 0))
    if mode == "cancel":
        to = tuple(Person("", address) for address in dict.fromkeys(
            address for item in requests for address in item.to))
        return Decision("CANCEL", last.sequence + 1, to, requests[-1])
    if changes and mode in ("send", "resend"):
        raise Refusal(f"changed since the invitation sent on {when} ({changes}); send the "
                      "change to its attendees with --update")
    if mode == "send":
        if new:
            return Decision("REQUEST", last.sequence, new)  # only the attendees added
        everyone = "its attendee" if len(attendees) == 1 else f"all {len(attendees)} attendees"
        raise Skip(f"sent on {when} to {everyone} and unchanged; --resend sends it again")
    if mode == "update":
        if not changes:
            extra = "; new attendees get it with --send" if new else ""
            raise Skip(f"unchanged since it was sent on {when} (time, place and title)"
                       f"{extra}")
        return Decision("REQUEST", last.sequence + 1)
    return Decision("REQUEST", last.sequence)  # resend


def _changes(sent: Sent, meeting: Meeting) -> str:
    """What differs between the meeting as sent and as it is now, in words ('' if none)."""
    found = []
    if (sent.start, sent.end) != (meeting.start, meeting.end):
        found.append(f"time {_span(sent.start, sent.end)} → {_span(meeting.start, meeting.end)}")
    if sent.location != meeting.location:
        found.append(f"place {sent.location!r} → {meeting.location!r}")
    if sent.summary != meeting.summary:
        found.append(f"title {sent.summary!r} → {meeting.summary!r}")
    return "; ".join(found)


def _span(start: dt.datetime, end: dt.datetime) -> str:
    from deck_builder.delivery.invitation import AMSTERDAM

    start, end = start.astimezone(AMSTERDAM), end.astimezone(AMSTERDAM)
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"


def _when(moment: dt.datetime) -> str:
    from deck_builder.delivery.invitation import AMSTERDAM

    return f"{moment.astimezone(AMSTERDAM):%Y-%m-%d %H:%M}"


def occasions(
    content_path: Path, slugs: list[str], variant_set: overlays.VariantSet | None,
    problems: ProblemCollector,
) -> list[Occasion]:
    """The afdelingen's meetings of `slugs`, each with its deck (the base deck with its
    overlay) and recipients; problems of an afdeling go to `problems`."""
    raw = loader.load_content(content_path, problems)
    base = pipeline.load_deck(content_path)
    variant_set = variant_set or overlays.load_variants(content_path)
    found = []
    for slug in slugs:
        if slug in variant_set.located:
            for entry_problem in variant_set.located[slug]:
                problems.add(f"{slug}: {entry_problem.message}", entry_problem.where)
            continue
        variant = variant_set.variants[slug]
        deck_problems = ProblemCollector()
        deck = parse.parse_deck(overlays.apply_variant(raw, variant, KINDS, deck_problems),
                                KINDS, deck_problems)
        afdeling = variant.afdeling
        keys = variant.node.keys
        recipients = _recipients(afdeling.recipients, afdeling.recipients_file,
                                 variant_set.path.parent, keys.get("recipients_file"),
                                 variant.node.where, f"afdeling {slug!r}", problems)
        found.append(Occasion(
            slug, f"{base.meta.deck_slug}/{slug}",
            f"{base.meta.deck_slug}/{slug}/{afdeling.date.isoformat()}", deck,
            afdeling.date, afdeling.start,
            afdeling.end, afdeling.place, {}, recipients,
            {name: keys.get(name, variant.node.where) for name in ("date", "start", "end")}))
    return found


def one_off(content_path: Path, meeting_file: Path | None,
            problems: ProblemCollector) -> Occasion:
    """The meeting the deck is presented at once: from `meeting_file` (a MeetingFile),
    its fields left out taken from the deck file; or from the deck file alone.

    Raises DeckError when the deck or the meeting file cannot be read.
    """
    deck = pipeline.load_deck(content_path)
    meta = deck.meta
    given: MeetingFile | None = None
    node: Mapping | None = None
    if meeting_file is not None:
        root = load_file(meeting_file)
        if not isinstance(root, Mapping):
            raise DeckError(f"{root.where}: a meeting file must be a mapping of the "
                            "meeting's fields (meeting, date, start, end, place, recipients)")
        node = root
        given = validate(MeetingFile, node, problems)
        if given is None:
            problems.raise_if_any()
            raise DeckError(f"{meeting_file}: not a meeting file")  # pragma: no cover
    meta_keys = _meta_keys(deck)

    def pick(name: str, deck_name: str | None = None) -> Any:
        if given is not None and getattr(given, name) not in (None, []):
            return getattr(given, name)
        return getattr(meta, deck_name or name)

    def where(name: str) -> SourceRef:
        if node is not None and name in node.keys and getattr(given, name) is not None:
            return node.keys[name]
        return meta_keys.get(name, SourceRef(deck.source))

    listed = list(pick("recipients"))
    listed_file = pick("recipients_file")
    base_folder = (meeting_file.resolve().parent if meeting_file is not None and given
                   is not None and given.recipients_file is not None else deck.source.parent)
    recipients = _recipients(listed, listed_file, base_folder, where("recipients_file"),
                             where("start"), "the meeting", problems)
    variables = {
        "afdeling": pick("name", "host") or meta.organisation,
        "vergadering": pick("meeting") or meta.title,
        "plaats": pick("place") or "",
        "begintijd": pick("start") or "",
        "eindtijd": pick("end") or "",
    }
    if given is not None:
        variables |= {"voorzitter": given.chair or "", "contactpersoon": given.contact or ""}
    date = pick("date")
    return Occasion(meta.deck_slug, meta.deck_slug, f"{meta.deck_slug}/{date.isoformat()}",
                    deck, date, pick("start"),
                    pick("end"), pick("place"), variables, recipients,
                    {name: where(name) for name in ("date", "start", "end")})


def has_meeting(deck: Deck) -> bool:
    """Whether the deck file says when its meeting is (`start:`), for a one-off invite."""
    return deck.meta.start is not None


def _meta_keys(deck: Deck) -> dict[str, SourceRef]:
    """Where the deck file writes its metadata fields (for messages)."""
    root = load_file(deck.source)
    return dict(root.keys) if isinstance(root, Mapping) else {}


def prepare(
    content_path: Path,
    targets: list[Occasion],
    attachments: dict[str, list[Attachment]],
    max_bytes: int = DEFAULT_MAX_BYTES,
    now: dt.datetime | None = None,
    mode: Mode = "write",
    log: SentLog | None = None,
    allow_past: bool = False,
    problems: ProblemCollector | None = None,
) -> tuple[list[Invitation], list[Skipped]]:
    """The invitations to the meetings `targets`, each with its `attachments` (the deck,
    maybe a PDF), and the meetings `mode` has nothing to send for.

    `now` is the moment the invitations are made (Date, DTSTAMP; default: the meeting,
    for reproducible files); `log` what was sent before (see `decide`). A meeting
    that has begun by `now` is an error unless `allow_past`.
    Raises DeckError listing every problem of every meeting (those already in
    `problems` too): text, recipients, times, attachment budget, a mode that does not
    fit what was sent.
    """
    from deck_builder.delivery import invitation as mail

    problems = problems if problems is not None else ProblemCollector()
    text_path = loader.find_deck_file(content_path).resolve().parent / INVITATION_FILE
    if not text_path.is_file():
        raise DeckError(
            f"{text_path}: no invitation text found; write {INVITATION_FILE} beside the deck "
            "file with `subject:`, `body:` and `organiser: {name, email}`"
        )
    text_node = load_file(text_path)
    log = log or SentLog(Path(os.devnull))
    result: list[Invitation] = []
    skipped: list[Skipped] = []
    for target in targets:
        meta = target.deck.meta
        lang = LANGUAGES[meta.language]
        names = parse.deck_variables(meta) | target.variables | {
            "datum": lang.long_date(target.date),
            "tijd": lang.time_span(target.start, target.end),
            "locatie": target.place or "",
        }
        text = validate(InvitationText, variables.substitute(text_node, names, problems),
                        problems)
        times = _times(target, problems)
        if times is not None and now is not None and times[0] < now and not allow_past:
            problems.add(_past(target, times[0]), target.fields["date"])
            times = None
        files = attachments[target.name]
        budget = mail.attachment_budget(files, max_bytes)
        if budget:
            # Said as the content names the pictures that make the deck large.
            budget = mail.attachment_budget(files, max_bytes, _picture_parts(target.deck, files))
            problems.add(f"{target.name}: {budget}")
        if text is None or target.recipients is None or times is None or budget:
            continue
        meeting = mail.Meeting(
            uid_seed=target.uid_seed,
            summary=text.subject,
            description=text.body,
            location=target.place or "",
            start=times[0],
            end=times[1],
            organiser=_person(text.organiser),
            attendees=tuple(_person(contact) for contact in target.recipients),
        )
        uid = (log.current_uid(target.key, now) if now is not None else None) \
            or mail.uid(meeting)
        try:
            decision = decide(mode, meeting, log.history(uid))
        except Refusal as refusal:
            problems.add(f"{target.name}: {refusal}")
            continue
        except Skip as skip:
            skipped.append(Skipped(target.name, str(skip)))
            continue
        meeting = replace(meeting, sequence=decision.sequence, uid=uid)
        subject, body = text.subject, text.body
        if decision.method == "CANCEL":
            last = decision.last
            assert last is not None
            assert decision.to is not None
            meeting = replace(meeting, summary=last.summary, location=last.location,
                              start=last.start.astimezone(mail.AMSTERDAM),
                              end=last.end.astimezone(mail.AMSTERDAM), attendees=decision.to)
            default_subject, default_body = CANCELLED.get(meta.language, CANCELLED["en"])
            subject = text.cancel_subject or default_subject.format(subject=last.summary)
            body = text.cancel_body or _substituted(default_body, names, text_node.where,
                                                    problems)
        try:
            message = mail.message(
                meeting, subject, body, None, files if decision.method == "REQUEST" else (),
                _person(text.sender) if text.sender else None, method=decision.method,
                date=now, to=decision.to if decision.method == "REQUEST" else None,
                unique=None if now is None else clock.unique(
                    f"{uid}|{decision.method}|{decision.sequence}", now))
        except mail.InvitationProblem as error:
            for problem in error.problems:
                problems.add(f"{target.name}: {problem.message}", text_node.where)
            continue
        recipients = tuple(ascii_address(p.email) for p in (decision.to or meeting.attendees))
        result.append(Invitation(target.name, message, meeting, decision.method, now,
                                 recipients, target.key, uid))
    problems.raise_if_any()
    return result, skipped


def _substituted(text: str, names: dict[str, str], where: SourceRef,
                 problems: ProblemCollector) -> str:
    """`text` with its variables filled in from `names`."""
    node = variables.substitute(Scalar(where, text), names, problems)
    return node.value or "" if isinstance(node, Scalar) else text


def record_sent(log: SentLog, item: Invitation, message_id: str,
                refused: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Write to the sent log that `item` went out (the server accepted it) to its
    recipients but the `refused` ones, who get it with the next `--send`; returns
    those it went to."""
    meeting = item.meeting
    left_out = {_comparable(address) for address in refused}
    to = tuple(address for address in item.to if _comparable(address) not in left_out)
    log.record(item.key, item.uid, Sent(
        item.stamp or dt.datetime.now(dt.UTC), item.method, meeting.sequence, to,
        message_id, meeting.summary, meeting.location, meeting.start, meeting.end))
    return to


def _comparable(address: str) -> str:
    """An address as the sent log compares it (domain as IDNA, any case)."""
    try:
        return ascii_address(address).lower()
    except ValueError:
        return address.lower()


def write(invitations: list[Invitation], folder: Path) -> list[Path]:
    """Write `<slug>.eml` and `<slug>.ics` of each invitation into `folder` (atomically)."""
    from deck_builder.delivery import invitation as mail
    from deck_builder.files import write_atomically

    written = []
    for item in invitations:
        written.append(mail.write_eml(item.message, folder / f"{item.slug}.eml"))
        ics = folder / f"{item.slug}.ics"
        write_atomically(mail.calendar(item.meeting, item.method, item.stamp), ics)
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


def deck_file(content_path: Path, output: Path) -> tuple[Path, bool]:
    """The base deck in `output` (for a meeting the deck is presented at once) and
    whether it must be built first (missing or older than the content or template)."""
    base = pipeline.load_deck(content_path)
    deck = output / f"{base.meta.deck_slug}.pptx"
    template = resolve_template(base.meta.template, base.source.parent)
    sources = [*_files(loader.find_deck_file(content_path).resolve().parent),
               *(_files(template) if template.is_dir() else [template])]
    return deck, older(deck, sources)


def refuse_past(targets: list[Occasion], now: dt.datetime, allow_past: bool) -> None:
    """Raise DeckError for every meeting of `targets` that has begun by `now` (unless
    `allow_past`), at its date; before anything is built, written or sent."""
    if allow_past:
        return
    problems = ProblemCollector()
    for target in targets:
        times = _times(target, ProblemCollector())
        if times is not None and times[0] < now:
            problems.add(_past(target, times[0]), target.fields["date"])
    problems.raise_if_any()


def _past(target: Occasion, start: dt.datetime) -> str:
    return (f"{target.name}: the meeting ({start:%Y-%m-%d %H:%M}) is in the past; correct "
            "its date, or give --allow-past to invite to it anyway")


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
    pdf: bool = False,
    one_off: bool = False,
) -> dict[str, list[Attachment]]:
    """What a real run would attach, with nothing written: the current decks as they are,
    the `stale` ones built in memory (afdelingen's, or with `one_off` the base deck);
    with `pdf`, each deck's PDF, converted in a private temporary folder unless the one
    on disk is current.

    Raises DeckError with the problems of every deck that cannot be built.
    """
    from deck_builder.delivery import invitation as mail
    from deck_builder.delivery.pdf import pdf_bytes

    if one_off:
        built = {name: _base_in_memory(content_path) for name in stale}
    else:
        built = build_in_memory(content_path, stale, overlays.load_variants(content_path))
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


def _base_in_memory(content_path: Path) -> bytes:
    """The base deck as `build` would write it, kept in memory."""
    deck = pipeline.load_deck(content_path)
    return pipeline.build_bytes(deck, pipeline.open_session(pipeline.open_template(deck)))[0]


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
    session = pipeline.open_session(pipeline.open_template(parse.parse_deck(raw, KINDS, problems)),
                                    batch=True)
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
            built[slug] = pipeline.build_bytes(deck, session)[0]
        except DeckError as error:
            failed.extend(f"{slug}: {problem}" for problem in error.problems)
    if failed:
        raise DeckError([Problem(message) for message in failed])
    return built


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DeckError(f"cannot read attachment {path}: {exc.strerror or exc}") from None


def _picture_parts(deck: Deck, files: list[Attachment]) -> dict[str, str]:
    """The picture parts of the deck among `files` as the content names them (see
    render.sources); {} when the deck cannot be planned again."""
    from deck_builder.delivery.invitation import PPTX_TYPE

    decks = [item for item in files if item.mime_type == PPTX_TYPE]
    if not decks:
        return {}
    try:
        plans = pipeline.plan_slides(deck, pipeline.open_session(pipeline.open_template(deck)))
    except DeckError:
        return {}
    return picture_sources(decks[0].data, plans, deck.source.parent)


def _person(contact: Contact) -> Person:
    from deck_builder.delivery.invitation import Person

    return Person(contact.name or "", contact.email)


def _recipients(
    listed: list[Contact], listed_file: Path | None, folder: Path, file_where: SourceRef | None,
    where: SourceRef, whose: str, problems: ProblemCollector,
) -> list[Contact] | None:
    """The contacts listed, and those of the CSV file `listed_file` (relative to
    `folder`, and inside it); None after reporting a problem, or when there are none."""
    found = list(listed)
    if listed_file is not None:
        key_where = file_where or where
        path = loader.inside(folder, folder, listed_file)
        if path is None:
            problems.add(f"recipients file {str(listed_file)!r} is outside the content "
                         "folder; put it in it", key_where)
            return None
        from_file = _read_csv(path, key_where, problems)
        if from_file is None:
            return None
        found.extend(from_file)
    if not found:
        problems.add(
            f"{whose} has no recipients; add `recipients:` (name and email) or "
            "`recipients_file:` (a CSV with naam,email)",
            where,
        )
        return None
    return found


def _read_csv(path: Path, where: SourceRef, problems: ProblemCollector) -> list[Contact] | None:
    """Contacts from a CSV with a header row naam,email (name,email also works)."""
    try:
        text = read_regular(path, MAX_RECIPIENTS_BYTES).decode("utf-8-sig")
    except FileNotFoundError:
        problems.add(f"recipients file {path.name!r} not found", where)
        return None
    except OSError as exc:
        problems.add(f"cannot read recipients file {path.name!r}: {exc.strerror or exc}", where)
        return None
    except UnicodeDecodeError as exc:
        problems.add(f"cannot read recipients file {path.name!r}: not valid UTF-8 ({exc.reason} "
                     f"at byte {exc.start}); save it as UTF-8", where)
        return None
    # Only the file's real line ends (\n, \r\n, \r) end a row: str.splitlines would also
    # split at \x0b, \x1c-\x1e, \x85, U+2028 and U+2029, which no spreadsheet and no
    # `wc -l` sees as a line, and so invite a person the file does not show.
    first = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(first))
    header = [cell.strip().lower() for cell in next(reader, [])]
    columns = {"naam": "name", "name": "name", "email": "email", "e-mail": "email"}
    fields = [columns.get(cell) for cell in header]
    if "email" not in fields:
        problems.add("the first line must name the columns: naam,email (or naam;email)",
                     SourceRef(path, 1, 1))
        return None
    contacts: list[Contact] = []
    failed = False
    read = reader.line_num
    for row in reader:
        line, read = read + 1, reader.line_num  # where the row starts; where it ended
        if any("\n" in cell or "\r" in cell for cell in row):
            problems.add("a line break inside a quoted field: write each person on one line",
                         SourceRef(path, line, 1))
            failed = True
            continue
        if not any(cell.strip() for cell in row):
            continue
        entries: dict[str, Node] = {}
        keys: dict[str, SourceRef] = {}
        for index, (field, cell) in enumerate(zip(fields, row, strict=False)):
            if field is None or not cell.strip():
                continue
            column = sum(len(c) + 1 for c in row[:index]) + 1  # quotes aside
            here = SourceRef(path, line, column)
            entries[field], keys[field] = Scalar(here, cell.strip()), here
        node = Mapping(SourceRef(path, line, 1), entries, keys)
        contact = validate(Contact, node, problems)
        if contact is None:
            failed = True
        else:
            contacts.append(contact)
    return None if failed else contacts


def _separator(header: str) -> str:
    """The column separator of a CSV by its header line: `,`, or `;` as Excel writes CSV
    where the comma is the decimal sign (Dutch settings), or a tab."""
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _times(
    target: Occasion, problems: ProblemCollector
) -> tuple[dt.datetime, dt.datetime] | None:
    from deck_builder.delivery.invitation import AMSTERDAM

    moments = []
    for key in ("start", "end"):
        value = getattr(target, key)
        where = target.fields[key]
        match = _TIME.match(value or "")
        if value is None or match is None:
            shown = f"{value!r} is not a time" if value else "missing"
            problems.add(f"{key}: {shown}; an invitation needs start and end as HH:MM", where)
            return None
        moments.append(dt.datetime.combine(
            target.date, dt.time(int(match.group(1)), int(match.group(2))), AMSTERDAM))
    if moments[1] <= moments[0]:
        problems.add("end: the meeting must end after it starts", target.fields["end"])
        return None
    return moments[0], moments[1]
