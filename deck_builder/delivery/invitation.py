"""A meeting invitation by e-mail: calendar request, message with the deck attached.

Pure functions: no content is parsed here and nothing is sent (mailer.py sends). Every
value that ends up in a header is checked first, so a line break in a subject or a
second address hidden in an address field is an error, never a header injection.

Decisions:

- **Addresses** are plain `local@domain` (no display names, comments, quotes or lists):
  the local part is RFC 5322 dot-atom in ASCII, because a non-ASCII local part needs
  SMTPUTF8 on every server on the way, which is rarely there. The domain needs a dot and
  may be international (`fryslân.nl`): it is written as its IDNA A-label
  (`xn--frysln-0ta.nl`, Python's IDNA 2003 codec) in headers and the calendar.
- **Times** are aware datetimes in Europe/Amsterdam. A time that does not exist (the hour
  skipped when summer time starts) is an error. A time that occurs twice (02:00–02:59 on
  the day summer time ends) is accepted with fold=0 only, its first occurrence (summer
  time): RFC 5545 defines a local time with a TZID as its first occurrence, so the second
  one (fold=1) cannot be written with a TZID and is an error rather than silently moved.
- **Reproducible**: UID, DTSTAMP, Date, Message-ID and the MIME boundaries derive from
  the meeting, not the clock or the host, so the same input gives the same bytes.
  DTSTAMP and Date default to the meeting's start in UTC; a sender should pass the
  moment of sending as `date` (a Date in the future counts against a message in spam
  filters). A changed meeting must be sent with a higher `sequence` so calendars replace
  the earlier one.
- **Address headers** (From, To, Reply-To) are folded by this module, not by the email
  package: Python 3.11's folder can put the comma between two addresses inside an
  encoded word when a long list holds a non-ASCII name, which garbles the list.
  Display names are written as words, a quoted string, or encoded words.
- **Attachment names** that are not ASCII are written per RFC 2231 in
  Content-Disposition (`filename*=utf-8''…`) with an ASCII fallback as the `name`
  parameter of Content-Type. The fallback is deliberately not a second `filename=`
  in the same header: Python's own parser (and others that follow RFC 2231's error
  recovery) then treats `filename*` as a duplicate and uses the ASCII fallback.
"""

from __future__ import annotations

import base64
import html
import io
import math
import re
import string
import unicodedata
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress

from deck_builder.content.addresses import (
    _text_problem,
    address_problem,
    ascii_address,
    header_problem,
)
from deck_builder.errors import DeckError, Problem
from deck_builder.files import human_size, largest_members, write_atomically

TIMEZONE_NAME = "Europe/Amsterdam"
AMSTERDAM = ZoneInfo(TIMEZONE_NAME)
PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
PRODID = "-//VNG//deck-builder//NL"
UID_DOMAIN = "deck-builder"
# A fixed namespace: the same uid_seed gives the same UID on every machine.
_UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:deck-builder:meeting")

MIME_TYPES = {
    ".pptx": PPTX_TYPE,
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".ics": "text/calendar",
    ".txt": "text/plain",
}
_MIME_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*\Z", re.I)

Method = Literal["REQUEST", "CANCEL"]


# -- values ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """Someone with an e-mail address; `name` may be empty."""

    name: str
    email: str


@dataclass(frozen=True)
class Meeting:
    """One meeting: start and end are aware datetimes in Europe/Amsterdam.

    `uid_seed` names the meeting for good (e.g. `<deck slug>/<afdeling slug>/<date>`):
    the calendar UID is derived from it, so a resent invitation updates the same entry;
    `uid`, when given, is the UID instead (one sent before, for a meeting since moved).
    `sequence` counts revisions: raise it when sending a changed meeting.
    """

    uid_seed: str
    summary: str
    description: str
    location: str
    start: datetime
    end: datetime
    organiser: Person
    attendees: tuple[Person, ...]
    sequence: int = 0
    uid: str = ""


@dataclass(frozen=True)
class Attachment:
    """A file to attach: its name as the recipient sees it, its bytes, its MIME type."""

    name: str
    data: bytes = field(repr=False)
    mime_type: str

    @classmethod
    def from_path(
        cls, path: Path, mime_type: str | None = None, name: str | None = None
    ) -> Attachment:
        """The file at `path`; the type defaults from its suffix (MIME_TYPES, else octet-stream).

        Raises DeckError when the file cannot be read.
        """
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DeckError(f"cannot read attachment {path}: {exc.strerror or exc}") from None
        return cls(name or path.name, data, mime_type or guess_type(path.name))


def guess_type(name: str) -> str:
    """The MIME type of a file name by its suffix; application/octet-stream if unknown.

    A fixed table rather than `mimetypes`, which reads the machine's own tables.
    """
    return MIME_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")


class InvitationProblem(DeckError, ValueError):
    """Values an invitation cannot be built from; `fields` holds (field name, message) pairs.

    A DeckError, so the command line reports it like any other problem.
    """

    def __init__(self, fields: Sequence[tuple[str, str]]) -> None:
        self.fields: tuple[tuple[str, str], ...] = tuple(fields)
        super().__init__([Problem(f"{name}: {message}") for name, message in self.fields])


# -- checks ------------------------------------------------------------------------------


def meeting_problems(meeting: Meeting) -> list[tuple[str, str]]:
    """Every (field, message) that keeps `meeting` from being written as an invitation."""
    problems: list[tuple[str, str]] = []

    def check(name: str, value: str, *, required: bool = False, multiline: bool = False) -> None:
        problem = (_text_problem if multiline else header_problem)(value)
        if problem is None and required and not value.strip():
            problem = "is empty"
        if problem:
            problems.append((name, problem))

    check("uid_seed", meeting.uid_seed, required=True)
    check("summary", meeting.summary, required=True)
    check("description", meeting.description, multiline=True)
    check("location", meeting.location)
    for name in ("start", "end"):
        problem = _time_problem(getattr(meeting, name))
        if problem:
            problems.append((name, problem))
    if not any(name in ("start", "end") for name, _ in problems) and meeting.end <= meeting.start:
        problems.append(("end", "must be after the start"))
    if not isinstance(meeting.sequence, int) or meeting.sequence < 0:
        problems.append(("sequence", "must be a whole number, 0 or more"))
    problems.extend(_person_problems("organiser", meeting.organiser))
    if not meeting.attendees:
        problems.append(("attendees", "lists nobody to invite"))
    seen: set[str] = set()
    for index, person in enumerate(meeting.attendees):
        found = _person_problems(f"attendees[{index}]", person)
        problems.extend(found)
        if not found:
            key = ascii_address(person.email).lower()
            if key in seen:
                problems.append((f"attendees[{index}].email", f"{person.email} is listed twice"))
            seen.add(key)
    return problems


def _person_problems(name: str, person: Person) -> list[tuple[str, str]]:
    problems = []
    problem = header_problem(person.name)
    if problem:
        problems.append((f"{name}.name", problem))
    problem = address_problem(person.email)
    if problem:
        problems.append((f"{name}.email", f"{person.email!r} {problem}"))
    return problems


def _time_problem(value: datetime) -> str | None:
    if not isinstance(value, datetime):
        return f"must be a date and time, not {type(value).__name__}"
    if getattr(value.tzinfo, "key", None) != TIMEZONE_NAME:
        return f"must be a time in {TIMEZONE_NAME} (ZoneInfo), not {value.tzinfo!r}"
    wall = value.replace(tzinfo=None, fold=0)
    if value.astimezone(UTC).astimezone(AMSTERDAM).replace(tzinfo=None, fold=0) != wall:
        return f"{wall:%Y-%m-%d %H:%M} does not exist in {TIMEZONE_NAME} (clocks go forward)"
    twice = value.replace(fold=0).utcoffset() != value.replace(fold=1).utcoffset()
    if twice and value.fold == 1:
        return (
            f"{wall:%Y-%m-%d %H:%M} occurs twice in {TIMEZONE_NAME} (clocks go back); only "
            "its first occurrence (summer time, fold=0) can be written in a calendar"
        )
    return None


def _raise_if(problems: list[tuple[str, str]]) -> None:
    if problems:
        raise InvitationProblem(problems)


# -- the calendar ------------------------------------------------------------------------


def uid(meeting: Meeting) -> str:
    """The calendar UID: the meeting's `uid`, else a name-based UUID of uid_seed,
    `@deck-builder`."""
    return meeting.uid or f"{uuid.uuid5(_UID_NAMESPACE, meeting.uid_seed)}@{UID_DOMAIN}"


def default_stamp(meeting: Meeting) -> datetime:
    """DTSTAMP and Date when none is given: the meeting's start in UTC."""
    return meeting.start.astimezone(UTC)


def calendar(meeting: Meeting, method: Method = "REQUEST", stamp: datetime | None = None) -> bytes:
    """The meeting as an iCalendar object (RFC 5545/5546) with one VEVENT and a VTIMEZONE.

    METHOD is REQUEST (an invitation) or CANCEL (STATUS:CANCELLED). DTSTAMP is `stamp`
    (aware) or default_stamp(meeting), so the bytes are reproducible.
    Raises InvitationProblem for anything meeting_problems finds.
    """
    problems = meeting_problems(meeting)
    if method not in ("REQUEST", "CANCEL"):
        problems.append(("method", f"must be REQUEST or CANCEL, not {method!r}"))
    if stamp is not None and (not isinstance(stamp, datetime) or stamp.utcoffset() is None):
        problems.append(("stamp", "must be an aware date and time"))
    _raise_if(problems)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    cal.add_component(amsterdam_vtimezone())

    event = Event()
    event.add("uid", uid(meeting))
    event.add("dtstamp", (stamp or default_stamp(meeting)).astimezone(UTC).replace(microsecond=0))
    event.add("sequence", meeting.sequence)
    event.add("dtstart", meeting.start.replace(microsecond=0))
    event.add("dtend", meeting.end.replace(microsecond=0))
    event.add("summary", meeting.summary)
    if meeting.description.strip():
        event.add("description", meeting.description.replace("\r\n", "\n"))
    if meeting.location.strip():
        event.add("location", meeting.location)
    event.add("organizer", _cal_address(meeting.organiser))
    for person in meeting.attendees:
        attendee = _cal_address(person)
        attendee.params["ROLE"] = "REQ-PARTICIPANT"
        attendee.params["PARTSTAT"] = "NEEDS-ACTION"
        attendee.params["RSVP"] = "TRUE"
        event.add("attendee", attendee)
    event.add("status", "CONFIRMED" if method == "REQUEST" else "CANCELLED")
    event.add("transp", "OPAQUE")
    cal.add_component(event)
    ics: bytes = cal.to_ical()
    return ics


def _cal_address(person: Person) -> vCalAddress:
    address = vCalAddress(f"mailto:{ascii_address(person.email)}")
    if person.name.strip():
        # icalendar quotes the value and writes a double quote as ^' (RFC 6868).
        address.params["CN"] = person.name.strip()
    return address


def amsterdam_vtimezone() -> Timezone:
    """VTIMEZONE for Europe/Amsterdam with the EU rules (since 1996) as yearly RRULEs.

    Summer time (CEST, +02:00) from the last Sunday of March 02:00 to the last Sunday of
    October 03:00 local time. Written with rules, as Outlook and Google do, rather than
    a list of transitions, so it stays short and covers every future year.
    """
    zone = Timezone()
    zone.add("tzid", TIMEZONE_NAME)
    standard = TimezoneStandard()
    standard.add("dtstart", datetime(1996, 10, 27, 3, 0, 0))
    standard.add("tzoffsetfrom", timedelta(hours=2))
    standard.add("tzoffsetto", timedelta(hours=1))
    standard.add("tzname", "CET")
    standard.add("rrule", {"FREQ": "YEARLY", "BYMONTH": 10, "BYDAY": "-1SU"})
    daylight = TimezoneDaylight()
    daylight.add("dtstart", datetime(1981, 3, 29, 2, 0, 0))
    daylight.add("tzoffsetfrom", timedelta(hours=1))
    daylight.add("tzoffsetto", timedelta(hours=2))
    daylight.add("tzname", "CEST")
    daylight.add("rrule", {"FREQ": "YEARLY", "BYMONTH": 3, "BYDAY": "-1SU"})
    zone.add_component(standard)
    zone.add_component(daylight)
    return zone


# -- the message -------------------------------------------------------------------------

_ADDRESS_HEADERS = frozenset({"from", "to", "cc", "bcc", "reply-to", "sender"})
_PLAIN_WORDS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?: [A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*\Z")
_MAX_LINE = 78  # RFC 5322's recommended line length


class InvitationPolicy(EmailPolicy):
    """email.policy.SMTP (CRLF line ends), with address headers folded by fold_addresses."""

    def fold(self, name: str, value: str) -> str:
        """The header as text to write, folded; address headers and the subject built by
        this module."""
        addresses = getattr(value, "addresses", None)
        if name.lower() in _ADDRESS_HEADERS and addresses is not None:
            return fold_addresses(name, addresses, self.linesep)
        if name.lower() == "subject":
            return fold_text(name, str(value), self.linesep)
        if name.lower() == "message-id":
            return _unfolded(name, str(value), self.linesep)
        folded: str = super().fold(name, value)
        return folded

    def fold_binary(self, name: str, value: str) -> bytes:
        """As fold, as bytes (what BytesGenerator and smtplib write)."""
        addresses = getattr(value, "addresses", None)
        if name.lower() in _ADDRESS_HEADERS and addresses is not None:
            return fold_addresses(name, addresses, self.linesep).encode("ascii")
        if name.lower() == "subject":
            return fold_text(name, str(value), self.linesep).encode("ascii")
        if name.lower() == "message-id":
            return _unfolded(name, str(value), self.linesep).encode("ascii")
        return super().fold_binary(name, value)


def _unfolded(name: str, value: str, linesep: str) -> str:
    """A header of one token on one line (RFC 5322 allows 998 characters): a Message-ID
    folded before its `<` reads back with a leading space in some programs."""
    return f"{name}: {value.strip()}{linesep}"


POLICY = InvitationPolicy(linesep="\r\n")


def fold_addresses(name: str, addresses: Iterable[Address], linesep: str = "\r\n") -> str:
    """`Name: a, b` in ASCII lines of at most 78 characters (longer only for a long address).

    A display name of plain words stays as is, one with other ASCII characters becomes a
    quoted string, anything else encoded words (RFC 2047) of whole characters.
    """
    tokens: list[str] = []
    items = list(addresses)
    for index, address in enumerate(items):
        item = [*_display_tokens(address.display_name), f"<{address.addr_spec}>"]
        if not address.display_name:
            item = [address.addr_spec]
        if index < len(items) - 1:
            item[-1] += ","
        tokens.extend(item)
    lines = [f"{name}:"]
    for token in tokens:
        # A token that does not fit starts a new line, even right after the name: an
        # empty first line is valid (folding white space) and keeps every line short.
        if len(lines[-1]) + 1 + len(token) <= _MAX_LINE:
            lines[-1] += " " + token
        else:
            lines.append(" " + token)
    return linesep.join(lines) + linesep


def fold_text(name: str, text: str, linesep: str = "\r\n") -> str:
    """`Name: text` (a subject) in ASCII lines of at most 78 characters that unfold to
    the text with single spaces (Python 3.11's folder leaves a space before a fold, so
    the subject shows two).

    Words of plain ASCII stay as they are; each run of other words becomes encoded words
    (RFC 2047) covering the run with its spaces, as whitespace between two encoded words
    does not count. A fold always stands in for one space between two words.
    """
    words = text.split()
    tokens: list[str] = []
    run: list[str] = []

    def plain(word: str) -> bool:
        return word.isascii() and word.isprintable() and "=?" not in word and len(word) < 70

    # Short enough to follow the header's name on its first line.
    limit = min(75, _MAX_LINE - len(name) - 2)

    def close_run() -> None:
        if run:
            joined = " ".join(run)
            q_words = _encoded_words(joined, "q", limit)
            b_words = _encoded_words(joined, "b", limit)
            tokens.extend(q_words if len(q_words) <= len(b_words) else b_words)
            run.clear()

    for word in words:
        if plain(word):
            close_run()
            tokens.append(word)
        else:
            run.append(word)
    close_run()
    lines = [f"{name}:"]
    for index, token in enumerate(tokens):
        # The first word stays beside the name: a fold may only replace a space.
        if index == 0 or len(lines[-1]) + 1 + len(token) <= _MAX_LINE:
            lines[-1] += " " + token
        else:
            lines.append(" " + token)
    return linesep.join(lines) + linesep


def _display_tokens(name: str) -> list[str]:
    """A display name as tokens that may be put on separate lines.

    Plain words stay words; other ASCII text becomes one quoted string; anything else
    becomes encoded words covering the whole name, spaces included, as whitespace
    between two encoded words does not count (RFC 2047, 6.2).
    """
    if not name:
        return []
    # A name holding "=?" is encoded too, or a reader might decode what merely looks
    # like an encoded word.
    literal = "=?" not in name
    if literal and _PLAIN_WORDS.match(name) and all(len(w) < 60 for w in name.split(" ")):
        return name.split(" ")
    if literal and name.isascii() and name.isprintable() and len(name) < 60:
        return ['"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"']
    q_words = _encoded_words(name, "q")
    b_words = _encoded_words(name, "b")
    # Q keeps Latin names readable in the raw message; B is shorter for other scripts.
    return q_words if len(q_words) <= len(b_words) else b_words


def _encoded_words(text: str, encoding: Literal["q", "b"], limit: int = 75) -> list[str]:
    """`text` as encoded words of at most `limit` characters (RFC 2047: 75), split between
    characters."""
    start = f"=?utf-8?{encoding}?"
    room = limit - len(start) - len(_EW_END)
    chunks: list[str] = []
    chunk = ""
    for char in text:
        if _encoded_length(chunk + char, encoding) > room:
            chunks.append(chunk)
            chunk = ""
        chunk += char
    chunks.append(chunk)
    if encoding == "q":
        return [start + "".join(map(_q_encode, c)) + _EW_END for c in chunks]
    return [start + base64.b64encode(c.encode("utf-8")).decode("ascii") + _EW_END for c in chunks]


def _encoded_length(text: str, encoding: Literal["q", "b"]) -> int:
    if encoding == "q":
        return sum(len(_q_encode(char)) for char in text)
    return 4 * math.ceil(len(text.encode("utf-8")) / 3)


_EW_END = "?="
# What an encoded word in a phrase may show as is (RFC 2047, 5 (3)).
_Q_AS_IS = frozenset(string.ascii_letters + string.digits + "!*+-/")


def _q_encode(char: str) -> str:
    if char == " ":
        return "_"
    if char in _Q_AS_IS:
        return char
    return "".join(f"={byte:02X}" for byte in char.encode("utf-8"))


def message(
    meeting: Meeting,
    subject: str,
    text_body: str,
    html_body: str | None = None,
    attachments: Sequence[Attachment] = (),
    sender: Person | None = None,
    *,
    method: Method = "REQUEST",
    date: datetime | None = None,
    unique: str | None = None,
    to: Sequence[Person] | None = None,
) -> EmailMessage:
    """The invitation e-mail: From `sender` (default: the organiser), To every attendee
    (or only `to`, e.g. attendees added since it was sent; the calendar still lists
    every attendee).

    multipart/mixed of multipart/alternative (text/plain, text/html, text/calendar with
    the method) and the attachments. `html_body` defaults to html_from_text(text_body).
    Date and the calendar's DTSTAMP are `date` (aware) or default_stamp(meeting);
    Message-ID is made of the meeting, method and sequence, and `unique` (a token new
    for each message sent: see clock.unique) when given. Raises InvitationProblem
    naming every field that is wrong before anything is built.
    """
    problems = meeting_problems(meeting)
    if sender is not None:
        problems.extend(_person_problems("sender", sender))
    sender = sender or meeting.organiser
    problem = header_problem(subject)
    if problem is None and not subject.strip():
        problem = "is empty"
    if problem:
        problems.append(("subject", problem))
    for name, body in (("text_body", text_body), ("html_body", html_body or "")):
        problem = _text_problem(body)
        if problem:
            problems.append((name, problem))
    for index, attachment in enumerate(attachments):
        problems.extend(_attachment_problems(f"attachments[{index}]", attachment))
    if date is not None and (not isinstance(date, datetime) or date.utcoffset() is None):
        problems.append(("date", "must be an aware date and time"))
    if unique is not None and not re.fullmatch(r"[A-Za-z0-9-]{1,64}", unique):
        problems.append(("unique", "must be 1 to 64 letters, digits or dashes"))
    if to is not None and not to:
        problems.append(("to", "lists nobody to send it to"))
    _raise_if(problems)

    stamp = date or default_stamp(meeting)
    ics = calendar(meeting, method, stamp)
    msg = EmailMessage(policy=POLICY)  # CRLF line ends, as the calendar has
    msg["From"] = _header_address(sender)
    msg["To"] = [_header_address(person) for person in (meeting.attendees if to is None
                                                          else to)]
    if ascii_address(sender.email).lower() != ascii_address(meeting.organiser.email).lower():
        msg["Reply-To"] = _header_address(meeting.organiser)
    msg["Subject"] = subject.strip()
    msg["Date"] = format_datetime(stamp.astimezone(AMSTERDAM).replace(microsecond=0))
    sender_domain = ascii_address(sender.email).split("@")[1]
    ident = uuid.uuid5(_UID_NAMESPACE, meeting.uid_seed)
    token = f".{unique}" if unique else ""
    msg["Message-ID"] = f"<{method.lower()}.{meeting.sequence}.{ident}{token}@{sender_domain}>"

    # Quoted-printable keeps the text parts 7-bit (no need for 8BITMIME on any server)
    # and copes with long HTML lines; base64 keeps the calendar's CRLFs byte for byte.
    msg.set_content(text_body.replace("\r\n", "\n"), cte="quoted-printable")
    msg.add_alternative(
        (html_body if html_body is not None else html_from_text(text_body)).replace("\r\n", "\n"),
        subtype="html",
        cte="quoted-printable",
    )
    msg.add_alternative(
        ics.decode("utf-8"), subtype="calendar", params={"method": method}, cte="base64"
    )
    for attachment in attachments:
        _attach(msg, attachment)
    for part in msg.walk():
        if part is not msg:
            del part["MIME-Version"]  # only the top level carries it (RFC 2045)
    # Fixed boundaries make the bytes reproducible. "=_" cannot occur in quoted-printable
    # or base64 text, the only encodings used here, so no part can contain them.
    for part in msg.walk():
        if part.is_multipart():
            part.set_boundary(f"=_{part.get_content_subtype()}_{ident.hex}")
    # Last: the email package moves Content-* headers into the first part as it nests.
    msg["Content-Language"] = "nl"
    return msg


def _header_address(person: Person) -> Address:
    local, domain = ascii_address(person.email).split("@")
    # Runs of spaces in a name would not survive folding and unfolding; one space does.
    return Address(display_name=" ".join(person.name.split()), username=local, domain=domain)


def _attachment_problems(name: str, attachment: Attachment) -> list[tuple[str, str]]:
    problems = []
    problem = header_problem(attachment.name)
    if problem is None and not attachment.name.strip():
        problem = "is empty"
    if problem is None and ("/" in attachment.name or "\\" in attachment.name):
        problem = "must be a file name, without folders"
    if problem is None and attachment.name != attachment.name.strip():
        # Mail programs drop the spaces, and Windows cannot save such a name anyway.
        problem = "starts or ends with a space"
    if problem:
        problems.append((f"{name}.name", problem))
    if not isinstance(attachment.mime_type, str) or not _MIME_TYPE.match(attachment.mime_type):
        problems.append((f"{name}.mime_type", f"{attachment.mime_type!r} is not a MIME type"))
    if not isinstance(attachment.data, bytes):
        problems.append((f"{name}.data", "must be bytes"))
    return problems


def _attach(msg: EmailMessage, attachment: Attachment) -> None:
    maintype, subtype = attachment.mime_type.lower().split("/")
    msg.add_attachment(
        attachment.data, maintype=maintype, subtype=subtype, filename=attachment.name
    )
    part = list(msg.iter_attachments())[-1]
    # The email package writes a non-ASCII filename as RFC 2231 `filename*` only; older
    # clients read Content-Type's `name`, which gets the ASCII spelling.
    part.set_param("name", ascii_filename(attachment.name))


_ASCII_SUBSTITUTES = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "‘": "'",
        "’": "'",
        "‚": "'",
        "“": "'",
        "”": "'",
        "„": "'",
        "…": "...",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "ø": "o",
        "Ø": "O",
        "ĳ": "ij",
        "Ĳ": "IJ",
        "€": "EUR",
    }
)


def ascii_filename(name: str) -> str:
    """An ASCII spelling of a file name: accents dropped, dashes and quotes simplified.

    `Actualiteiten – Fryslân.pptx` → `Actualiteiten - Fryslan.pptx`; other characters
    become `_`.
    """
    decomposed = unicodedata.normalize("NFKD", name.translate(_ASCII_SUBSTITUTES))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c if " " <= c <= "~" and c not in '"\\/' else "_" for c in plain)


# -- HTML --------------------------------------------------------------------------------

_LINKABLE = re.compile(
    r"(?P<url>\b(?:https?://|www\.)[^\s<>\"]+)"
    # An address starts where no address character (or @) comes before it.
    r"|(?<![\w.!#$%&'*+/=?^`{|}~@-])"
    r"(?P<email>[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[\w-]+\.)+[\w-]*\w)",
)
_TRAILING = ".,;:!?'\""


def html_from_text(text: str, lang: str = "nl") -> str:
    """A small HTML document of plain text: blank lines part paragraphs, lines break.

    Everything is escaped; web addresses (`https://…`, `www.…`) and e-mail addresses
    become links.
    """
    text = text.replace("\r\n", "\n").strip()
    paragraphs = [p.strip("\n") for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
    body = "\n".join(
        "<p>" + "<br>\n".join(_linked(line) for line in p.split("\n")) + "</p>" for p in paragraphs
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _linked(line: str) -> str:
    out: list[str] = []
    position = 0
    for match in _LINKABLE.finditer(line):
        found = match.group()
        if match.group("url"):
            found = _trim_url(found)
            target = found if "://" in found else f"https://{found}"
        else:
            if address_problem(found):
                continue
            target = f"mailto:{found}"
        start = match.start()
        out.append(html.escape(line[position:start], quote=False))
        out.append(f'<a href="{html.escape(target)}">{html.escape(found, quote=False)}</a>')
        position = start + len(found)
    out.append(html.escape(line[position:], quote=False))
    return "".join(out)


def _trim_url(url: str) -> str:
    """Drop sentence punctuation after a URL, and a closing parenthesis it did not open."""
    while url and (url[-1] in _TRAILING or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


# -- sizes, files and a dry run ----------------------------------------------------------


def encoded_size(size: int) -> int:
    """Bytes a file of `size` bytes takes in an e-mail: base64, lines of 76 plus CRLF."""
    encoded = 4 * math.ceil(size / 3)
    return encoded + 2 * math.ceil(encoded / 76)


def attachment_budget(attachments: Sequence[Attachment], max_bytes: int,
                      parts: Mapping[str, str] | None = None) -> str | None:
    """A message when the files take more than `max_bytes` in an e-mail, else None.

    Sizes are counted as sent (base64, about 4/3 of the file), as mail servers count
    them. The message names the largest file and, for a .pptx, its largest parts (e.g.
    `ppt/media/image3.png 6.1 MB`), so the user knows what makes the deck large; a part
    in `parts` by what it says there (`images/kaart.jpg, used on slide 3`).
    """
    total = sum(len(item.data) for item in attachments)
    in_mail = sum(encoded_size(len(item.data)) for item in attachments)
    if in_mail <= max_bytes:
        return None
    largest = max(attachments, key=lambda item: len(item.data))
    text = (
        f"the attachments take {human_size(in_mail)} in the e-mail ({human_size(total)} "
        f"of files), more than the limit of {human_size(max_bytes)}; the largest is "
        f"{largest.name} ({human_size(len(largest.data))})"
    )
    is_deck = Path(largest.name).suffix.lower() == ".pptx"
    members = largest_members(io.BytesIO(largest.data)) if is_deck else []
    if members and parts:
        text += "; mostly " + "; ".join(f"{parts.get(name, name)}: {human_size(size)}"
                                        for name, size in members)
    elif members:
        text += ", mostly " + ", ".join(f"{name} {human_size(size)}" for name, size in members)
    return text


def write_eml(msg: EmailMessage, path: Path) -> Path:
    """Write the message as an .eml file (CRLF line ends) atomically; returns `path`."""
    path = Path(path)
    if path.is_dir():
        raise DeckError(f"cannot write {path}: it is a folder")
    write_atomically(msg.as_bytes(policy=POLICY), path)
    return path


def dry_run_lines(msg: EmailMessage) -> list[str]:
    """What sending `msg` would do, one line per fact: sender, each recipient, subject,
    when and where, each attachment with its type and size, and the message's size."""
    lines = [f"from: {msg['From']}"]
    lines += [f"to: {address}" for address in _addresses(msg, "To")]
    lines += [f"cc: {address}" for address in _addresses(msg, "Cc")]
    lines += [f"bcc: {address}" for address in _addresses(msg, "Bcc")]
    lines.append(f"subject: {msg['Subject']}")
    for part in msg.walk():
        if part.get_content_type() == "text/calendar" and not part.is_attachment():
            lines.extend(_calendar_lines(part.get_content()))
    for part in msg.iter_attachments():
        data = part.get_payload(decode=True) or b""
        lines.append(
            f"attachment: {part.get_filename()} ({part.get_content_type()}, "
            f"{human_size(len(data))})"
        )
    lines.append(f"message size: {human_size(len(msg.as_bytes(policy=POLICY)))}")
    return lines


def _addresses(msg: EmailMessage, name: str) -> Iterable[str]:
    for header in msg.get_all(name, []):
        yield from (str(address) for address in getattr(header, "addresses", ()))


def _calendar_lines(ics: str | bytes) -> list[str]:
    cal = Calendar.from_ical(ics)
    lines = []
    for event in cal.walk("VEVENT"):
        start = event.decoded("dtstart")
        end = event.decoded("dtend")
        when = f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"
        if end.date() != start.date():
            when = f"{start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M}"
        where = f", {event['location']}" if event.get("location") else ""
        lines.append(f"meeting ({cal.get('method')}): {when} {TIMEZONE_NAME}{where}")
    return lines
