"""The invitation: calendar request, e-mail message, checks against header injection."""

from __future__ import annotations

import email
import email.policy
import io
import random
import re
import string
import zipfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.header import decode_header, make_header
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from deck_builder.delivery.invitation import (
    AMSTERDAM,
    POLICY,
    PPTX_TYPE,
    Attachment,
    InvitationProblem,
    Meeting,
    Person,
    address_problem,
    amsterdam_vtimezone,
    ascii_address,
    ascii_filename,
    attachment_budget,
    calendar,
    dry_run_lines,
    fold_addresses,
    header_problem,
    html_from_text,
    human_size,
    message,
    uid,
    write_eml,
)
from deck_builder.errors import DeckError
from tests.conftest import unwritable_folder

DECK_NAME = "Actualiteiten – Fryslân.pptx"
ORGANISER = Person("Wieger Zwikstra", "wieger.zwikstra@vng.nl")
ATTENDEES = (
    Person("Secretariaat VFG, Fryslân", "secretariaat@fryslân.nl"),
    Person('Jan "Hans" de Vries', "jan.de.vries@example.org"),
)


def make_meeting(**changes: Any) -> Meeting:
    """A winter afternoon meeting of the Frisian afdeling; `changes` replace fields."""
    meeting = Meeting(
        uid_seed="actualiteiten/fryslan/2025-12-10",
        summary="Ledenvergadering VFG – Fryslân",
        description="Agenda:\n1. Opening\n2. Actualiteiten; stikstof, ruimte\n\nTot dan!",
        location="Leeuwarden, Provinsjehûs",
        start=datetime(2025, 12, 10, 13, 30, tzinfo=AMSTERDAM),
        end=datetime(2025, 12, 10, 16, 0, tzinfo=AMSTERDAM),
        organiser=ORGANISER,
        attendees=ATTENDEES,
    )
    return replace(meeting, **changes)


def at(*fields: int, fold: int = 0) -> datetime:
    """A time in Europe/Amsterdam."""
    return datetime(*fields, tzinfo=AMSTERDAM, fold=fold)  # type: ignore[misc]


def parse_back(data: bytes) -> EmailMessage:
    """The message parsed as a receiver would, after checking nothing in it is defective."""
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    for part in parsed.walk():
        assert part.defects == [], (part.get_content_type(), part.defects)
        for name, value in part.items():
            assert not value.defects, (name, value, value.defects)
    return parsed


def the_event(ics: bytes) -> tuple[Calendar, Any]:
    """The calendar and its one VEVENT."""
    cal = Calendar.from_ical(ics)
    events = cal.walk("VEVENT")
    assert len(events) == 1
    return cal, events[0]


def content_lines(ics: bytes) -> list[str]:
    """The calendar's content lines, unfolded."""
    return ics.decode("utf-8").replace("\r\n ", "").split("\r\n")


def deck_bytes(size: int = 4000) -> bytes:
    """A small zip that looks like a deck, with incompressible media."""
    noise = random.Random(size).randbytes(size)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/media/image1.png", noise)
    return buffer.getvalue()


def invitation(tmp_path: Path, **changes: Any) -> tuple[EmailMessage, bytes, bytes]:
    """The default meeting's message with a .pptx and a .pdf attached; (msg, pptx, pdf)."""
    pptx = tmp_path / DECK_NAME
    pptx.write_bytes(deck_bytes())
    pdf = tmp_path / "Actualiteiten – Fryslân.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    arguments: dict[str, Any] = {
        "meeting": make_meeting(),
        "subject": "Uitnodiging ledenvergadering 10 december – Fryslân",
        "text_body": "Beste leden,\n\nBijgaand de presentatie. Zie https://vng.nl of mail "
        "info@vng.nl.\n\nMet vriendelijke groet,\nWieger",
        "attachments": [Attachment.from_path(pptx), Attachment.from_path(pdf)],
    }
    arguments.update(changes)
    return message(**arguments), pptx.read_bytes(), pdf.read_bytes()


# -- the calendar ------------------------------------------------------------------------


def test_calendar_is_one_request_with_everything_a_client_needs() -> None:
    meeting = make_meeting()
    cal, event = the_event(calendar(meeting))
    assert cal["method"] == "REQUEST"
    assert cal["version"] == "2.0"
    assert cal["prodid"] == "-//VNG//deck-builder//NL"
    assert event["uid"] == uid(meeting)
    assert re.fullmatch(r"[0-9a-f-]{36}@deck-builder", uid(meeting))
    assert event["sequence"] == 0
    assert event["status"] == "CONFIRMED"
    assert event["summary"] == meeting.summary
    assert event["description"] == meeting.description
    assert event["location"] == meeting.location
    assert str(event["organizer"]) == "mailto:wieger.zwikstra@vng.nl"
    assert event["organizer"].params["CN"] == "Wieger Zwikstra"
    attendees = event["attendee"]
    assert [str(a) for a in attendees] == [
        "mailto:secretariaat@xn--frysln-0ta.nl",
        "mailto:jan.de.vries@example.org",
    ]
    assert [a.params["CN"] for a in attendees] == [p.name for p in ATTENDEES]
    for attendee in attendees:
        assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
        assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
        assert attendee.params["RSVP"] == "TRUE"


@pytest.mark.parametrize(
    ("start", "end", "local", "utc_offset"),
    [
        pytest.param(
            at(2025, 12, 10, 13, 30), at(2025, 12, 10, 16), "20251210T133000", 1, id="winter"
        ),
        pytest.param(
            at(2026, 6, 17, 19, 30), at(2026, 6, 17, 22), "20260617T193000", 2, id="summer"
        ),
        pytest.param(
            at(2026, 10, 25, 13, 30), at(2026, 10, 25, 16), "20261025T133000", 1, id="dst-ends"
        ),
        # 02:30 on 25 October 2026 happens twice; fold=0 is the first time, still in
        # summer time, which is also what RFC 5545 reads the written local time as.
        pytest.param(
            at(2026, 10, 25, 2, 30), at(2026, 10, 25, 4), "20261025T023000", 2, id="ambiguous"
        ),
    ],
)
def test_times_are_written_local_with_the_amsterdam_tzid(
    start: datetime, end: datetime, local: str, utc_offset: int
) -> None:
    ics = calendar(make_meeting(start=start, end=end))
    assert f"DTSTART;TZID=Europe/Amsterdam:{local}" in content_lines(ics)
    _, event = the_event(ics)
    read = event.decoded("dtstart")
    assert read.tzinfo.key == "Europe/Amsterdam"
    assert read.replace(tzinfo=None) == start.replace(tzinfo=None)
    assert read.utcoffset() == timedelta(hours=utc_offset)
    assert read.astimezone(UTC) == start.astimezone(UTC)
    assert event.decoded("dtend").astimezone(UTC) == end.astimezone(UTC)


def test_the_ambiguous_half_hour_is_an_hour_before_its_second_occurrence() -> None:
    first = at(2026, 10, 25, 2, 30)
    _, event = the_event(calendar(make_meeting(start=first, end=at(2026, 10, 25, 5))))
    assert event.decoded("dtstart").astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert at(2026, 10, 25, 2, 30, fold=1).astimezone(UTC) == datetime(
        2026, 10, 25, 1, 30, tzinfo=UTC
    )


def test_the_second_occurrence_of_an_ambiguous_time_is_refused() -> None:
    second = at(2026, 10, 25, 2, 30, fold=1)
    with pytest.raises(InvitationProblem) as caught:
        calendar(make_meeting(start=second, end=at(2026, 10, 25, 5)))
    assert [name for name, _ in caught.value.fields] == ["start"]
    assert "occurs twice" in str(caught.value)


def test_a_time_skipped_when_summer_time_starts_is_refused() -> None:
    with pytest.raises(InvitationProblem, match="does not exist"):
        calendar(make_meeting(start=at(2026, 3, 29, 2, 30), end=at(2026, 3, 29, 4)))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start": datetime(2025, 12, 10, 13, 30)}, "start"),  # naive
        ({"start": datetime(2025, 12, 10, 12, 30, tzinfo=UTC)}, "start"),
        ({"end": datetime(2025, 12, 10, 16, tzinfo=ZoneInfo("Europe/Brussels"))}, "end"),
        ({"end": at(2025, 12, 10, 13, 30)}, "end"),  # not after the start
        ({"summary": " "}, "summary"),
        ({"summary": "Vergadering\r\nATTENDEE:mailto:evil@example.org"}, "summary"),
        ({"location": "Assen\nDESCRIPTION:x"}, "location"),
        ({"description": "ok\x0bnot ok"}, "description"),
        ({"uid_seed": ""}, "uid_seed"),
        ({"attendees": ()}, "attendees"),
        ({"sequence": -1}, "sequence"),
        ({"organiser": Person("Wieger", "wieger@vng")}, "organiser.email"),
        ({"attendees": (Person("A\nB", "a@example.org"),)}, "attendees[0].name"),
        (
            {"attendees": (Person("", "a@example.org"), Person("", "A@EXAMPLE.org"))},
            "attendees[1].email",
        ),
    ],
)
def test_meeting_problems_name_the_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(InvitationProblem) as caught:
        calendar(make_meeting(**changes))
    assert [name for name, _ in caught.value.fields] == [field]
    assert str(caught.value).startswith(f"{field}: ")


def test_every_problem_is_reported_at_once_as_a_deck_error() -> None:
    meeting = make_meeting(summary="", organiser=Person("x", "nope"), end=at(2025, 12, 10, 9))
    with pytest.raises(DeckError) as caught:
        calendar(meeting)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, InvitationProblem)
    assert {name for name, _ in caught.value.fields} == {"summary", "organiser.email", "end"}
    assert len(caught.value.problems) == 3


def test_calendar_bytes_are_reproducible_and_dtstamp_comes_from_the_meeting() -> None:
    meeting = make_meeting()
    assert calendar(meeting) == calendar(make_meeting())
    _, event = the_event(calendar(meeting))
    assert event.decoded("dtstamp") == datetime(2025, 12, 10, 12, 30, tzinfo=UTC)
    sent = datetime(2025, 11, 1, 9, 15, 42, tzinfo=AMSTERDAM)
    _, event = the_event(calendar(meeting, stamp=sent))
    assert event.decoded("dtstamp") == sent.astimezone(UTC)
    assert "DTSTAMP:20251101T081542Z" in content_lines(calendar(meeting, stamp=sent))


def test_uid_is_stable_per_seed_and_differs_between_seeds() -> None:
    assert uid(make_meeting()) == uid(make_meeting(summary="Anders", sequence=3))
    assert uid(make_meeting()) != uid(make_meeting(uid_seed="actualiteiten/drenthe/2025-12-10"))


def test_a_cancellation_keeps_the_uid_and_says_cancelled() -> None:
    meeting = make_meeting(sequence=1)
    cal, event = the_event(calendar(meeting, method="CANCEL"))
    assert cal["method"] == "CANCEL"
    assert event["status"] == "CANCELLED"
    assert event["sequence"] == 1
    assert event["uid"] == uid(make_meeting())


def test_vtimezone_has_yearly_rules_that_match_the_tz_database() -> None:
    cal = Calendar.from_ical(calendar(make_meeting()))
    (zone,) = cal.walk("VTIMEZONE")
    assert zone["tzid"] == "Europe/Amsterdam"
    kinds = {sub.name: sub for sub in zone.subcomponents}
    assert set(kinds) == {"STANDARD", "DAYLIGHT"}
    assert kinds["STANDARD"]["rrule"]["BYMONTH"] == [10]
    assert kinds["DAYLIGHT"]["rrule"]["BYMONTH"] == [3]
    # Built from the VTIMEZONE's own rules, not looked up by its TZID.
    ours = zone.to_tz(lookup_tzid=False)
    assert not isinstance(ours, ZoneInfo)
    # Every hour of the days around both changes, 2025 to 2040, and two plain days a year.
    for year in range(2025, 2041):
        days = []
        for month in (3, 10):
            sundays = [datetime(year, month, day) for day in range(25, 32)]
            last_sunday = max(day for day in sundays if day.weekday() == 6)
            days += [last_sunday + timedelta(days=shift) for shift in (-1, 0, 1)]
        days += [datetime(year, 1, 15), datetime(year, 7, 15)]
        for day in days:
            for hour in range(24):
                instant = (day + timedelta(hours=hour)).replace(tzinfo=UTC)
                assert (
                    instant.astimezone(ours).utcoffset()
                    == instant.astimezone(AMSTERDAM).utcoffset()
                ), instant


def test_vtimezone_is_the_one_written() -> None:
    assert amsterdam_vtimezone().to_ical() in calendar(make_meeting())


def test_calendar_lines_are_folded_to_75_octets() -> None:
    long = "Actualiteiten – Fryslân: ruimte, landbouw en natuur " * 4
    ics = calendar(make_meeting(summary=long.strip(), description=long * 3))
    for line in ics.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # folds never split a character
    _, event = the_event(ics)
    assert event["summary"] == long.strip()


# -- the message -------------------------------------------------------------------------


def test_message_structure_and_attachments(tmp_path: Path) -> None:
    msg, pptx, pdf = invitation(tmp_path)
    parsed = parse_back(msg.as_bytes())
    assert parsed.get_content_type() == "multipart/mixed"
    alternative, *attached = parsed.iter_parts()
    assert alternative.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in alternative.iter_parts()] == [
        "text/plain",
        "text/html",
        "text/calendar",
    ]
    cal_part = list(alternative.iter_parts())[2]
    assert cal_part.get_param("method") == "REQUEST"
    assert cal_part.get_content_charset() == "utf-8"
    cal, event = the_event(cal_part.get_payload(decode=True))
    assert cal["method"] == "REQUEST"
    assert event["uid"] == uid(make_meeting())
    assert [p.get_content_type() for p in attached] == [PPTX_TYPE, "application/pdf"]
    assert PPTX_TYPE == "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    assert attached[0].get_content() == pptx
    assert attached[1].get_content() == pdf
    assert all(p.get_content_disposition() == "attachment" for p in attached)
    text_part, html_part, _ = alternative.iter_parts()
    assert "Bijgaand de presentatie" in text_part.get_content()
    assert '<a href="mailto:info@vng.nl">info@vng.nl</a>' in html_part.get_content()


def test_calendar_part_keeps_its_crlf_line_ends(tmp_path: Path) -> None:
    msg, _, _ = invitation(tmp_path)
    parsed = parse_back(msg.as_bytes())
    (cal_part,) = [p for p in parsed.walk() if p.get_content_type() == "text/calendar"]
    assert cal_part["Content-Transfer-Encoding"] == "base64"
    assert cal_part.get_payload(decode=True) == calendar(make_meeting())


def test_non_ascii_attachment_names_use_rfc_2231_with_an_ascii_fallback(tmp_path: Path) -> None:
    msg, _, _ = invitation(tmp_path)
    raw = msg.as_bytes()
    unfolded = raw.replace(b"\r\n ", b" ")
    assert b"filename*=utf-8''Actualiteiten%20%E2%80%93%20Frysl%C3%A2n.pptx" in unfolded
    assert b'name="Actualiteiten - Fryslan.pptx"' in unfolded
    assert raw.isascii()
    parsed = parse_back(raw)
    names = [part.get_filename() for part in parsed.iter_attachments()]
    assert names == [DECK_NAME, "Actualiteiten – Fryslân.pdf"]
    first = next(parsed.iter_attachments())
    assert first["Content-Type"].params["name"] == "Actualiteiten - Fryslan.pptx"


def test_both_filename_forms_in_one_header_would_hide_the_real_name() -> None:
    # Why the ASCII fallback goes into Content-Type's name= instead: with both forms in
    # Content-Disposition, Python's parser keeps the first and drops filename*.
    raw = (
        b"Content-Type: application/pdf\r\n"
        b'Content-Disposition: attachment; filename="Fryslan.pdf";\r\n'
        b" filename*=utf-8''Frysl%C3%A2n.pdf\r\n\r\nx"
    )
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed.get_filename() == "Fryslan.pdf"


def test_an_ascii_attachment_name_is_plain(tmp_path: Path) -> None:
    deck = Attachment("actualiteiten.pptx", b"PK", PPTX_TYPE)
    msg, _, _ = invitation(tmp_path, attachments=[deck])
    raw = msg.as_bytes()
    assert b'filename="actualiteiten.pptx"' in raw
    assert b"filename*" not in raw
    assert next(parse_back(raw).iter_attachments()).get_filename() == "actualiteiten.pptx"


def test_headers_round_trip_with_non_ascii_names(tmp_path: Path) -> None:
    msg, _, _ = invitation(tmp_path)
    raw = msg.as_bytes()
    for line in raw.split(b"\r\n\r\n")[0].split(b"\r\n"):
        assert len(line) <= 78, line
    parsed = parse_back(raw)
    assert parsed["Subject"] == "Uitnodiging ledenvergadering 10 december – Fryslân"
    assert [(a.display_name, a.addr_spec) for a in parsed["To"].addresses] == [
        ("Secretariaat VFG, Fryslân", "secretariaat@xn--frysln-0ta.nl"),
        ('Jan "Hans" de Vries', "jan.de.vries@example.org"),
    ]
    (sender,) = parsed["From"].addresses
    assert (sender.display_name, sender.addr_spec) == (ORGANISER.name, ORGANISER.email)
    assert "Reply-To" not in parsed
    assert parsed["Content-Language"] == "nl"
    assert parsed["Date"].datetime == make_meeting().start
    assert parsed["Date"] == "Wed, 10 Dec 2025 13:30:00 +0100"


@pytest.mark.parametrize("name", ["Plain Name", "Quoted, Name", 'Fryslân (VFG) \\ "'])
def test_display_names_are_shown_literally(tmp_path: Path, name: str) -> None:
    meeting = make_meeting(attendees=(Person(name, "a@example.org"),))
    msg, _, _ = invitation(tmp_path, meeting=meeting)
    raw = msg.as_bytes()
    assert rfc2047_text(raw_header(raw, "To")) in (
        f"{name} <a@example.org>",
        f'"{name}" <a@example.org>',
    )
    assert parse_back(raw)["To"].addresses[0].display_name == name


def test_fold_addresses_encodes_what_looks_like_an_encoded_word() -> None:
    folded = fold_addresses("To", [Address("=?utf-8?q?Bestuur?=", "a", "example.org")])
    assert "=?utf-8?q?=3D=3Futf-8=3Fq=3FBestuur=3F=3D?=" in folded
    assert rfc2047_text(folded.removeprefix("To: ").strip()) == (
        "=?utf-8?q?Bestuur?= <a@example.org>"
    )


def test_a_long_list_of_non_ascii_names_keeps_every_address(tmp_path: Path) -> None:
    people = tuple(
        Person(f"Gemeente Súdwest-Fryslân, team {n}", f"team{n}@example.org") for n in range(12)
    )
    msg, _, _ = invitation(tmp_path, meeting=make_meeting(attendees=people))
    parsed = parse_back(msg.as_bytes())
    assert [(a.display_name, a.addr_spec) for a in parsed["To"].addresses] == [
        (p.name, p.email) for p in people
    ]


def test_message_bytes_are_reproducible(tmp_path: Path) -> None:
    first, _, _ = invitation(tmp_path)
    second, _, _ = invitation(tmp_path)
    assert first.as_bytes() == second.as_bytes()
    assert first["Message-ID"] == second["Message-ID"]
    assert re.fullmatch(r"<request\.0\.[0-9a-f-]{36}@vng\.nl>", first["Message-ID"])
    updated, _, _ = invitation(tmp_path, meeting=make_meeting(sequence=1))
    assert updated["Message-ID"] != first["Message-ID"]


def test_date_may_be_given_and_sets_dtstamp_too(tmp_path: Path) -> None:
    sent = datetime(2025, 11, 20, 10, 0, 5, tzinfo=UTC)
    msg, _, _ = invitation(tmp_path, date=sent)
    parsed = parse_back(msg.as_bytes())
    assert parsed["Date"].datetime == sent
    (cal_part,) = [p for p in parsed.walk() if p.get_content_type() == "text/calendar"]
    _, event = the_event(cal_part.get_payload(decode=True))
    assert event.decoded("dtstamp") == sent


def test_a_different_sender_gets_the_organiser_as_reply_to(tmp_path: Path) -> None:
    office = Person("VNG Bureau", "bureau@vng.nl")
    msg, _, _ = invitation(tmp_path, sender=office)
    parsed = parse_back(msg.as_bytes())
    assert [a.addr_spec for a in parsed["From"].addresses] == ["bureau@vng.nl"]
    assert [a.addr_spec for a in parsed["Reply-To"].addresses] == [ORGANISER.email]
    assert parsed["Message-ID"].endswith("@vng.nl>")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"subject": "Uitnodiging\r\nBcc: evil@example.org"}, "subject"),
        ({"subject": "Uitnodiging\nBcc: evil@example.org"}, "subject"),
        ({"subject": "Uitnodiging\rX-Evil: 1"}, "subject"),
        ({"subject": "Uitnodiging\u2028X-Evil: 1"}, "subject"),
        ({"subject": "  "}, "subject"),
        ({"subject": "=?utf-8?q?Anders?="}, "subject"),
        ({"sender": Person("=?utf-8?b?QQ==?=", "bureau@vng.nl")}, "sender.name"),
        ({"sender": Person("Bureau\r\nBcc: evil@example.org", "bureau@vng.nl")}, "sender.name"),
        ({"sender": Person("Bureau", "bureau@vng.nl\r\nBcc: evil@example.org")}, "sender.email"),
        ({"sender": Person("Bureau", "bureau@vng.nl, evil@example.org")}, "sender.email"),
        (
            {"meeting": make_meeting(attendees=(Person("X", "x@example.org\nBcc: y@z.org"),))},
            "attendees[0].email",
        ),
        (
            {"meeting": make_meeting(organiser=Person("Wieger\n", "wieger.zwikstra@vng.nl"))},
            "organiser.name",
        ),
        ({"attachments": [Attachment("deck\r\n.pptx", b"PK", PPTX_TYPE)]}, "attachments[0].name"),
        ({"attachments": [Attachment("../deck.pptx", b"PK", PPTX_TYPE)]}, "attachments[0].name"),
        ({"attachments": [Attachment("deck.pptx ", b"PK", PPTX_TYPE)]}, "attachments[0].name"),
        ({"attachments": [Attachment("deck.pptx", b"PK", "pptx")]}, "attachments[0].mime_type"),
        (
            {"attachments": [Attachment("deck.pptx", b"PK", "text/plain\r\nX: y")]},
            "attachments[0].mime_type",
        ),
        ({"text_body": "Hallo\x00"}, "text_body"),
        ({"date": datetime(2025, 11, 20, 10, 0)}, "date"),
    ],
)
def test_header_injection_and_bad_values_are_refused(
    tmp_path: Path, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvitationProblem) as caught:
        invitation(tmp_path, **changes)
    assert [name for name, _ in caught.value.fields] == [field]


@pytest.mark.parametrize(
    "text",
    [
        "Uitnodiging\r\nBcc: x@y.org",
        "a\nb",
        "a\rb",
        "tab\there",
        "nul\x00",
        "escape\x1b[31m",
        "del\x7f",
        "next line\x85",
        "line\u2028separator",
        "paragraph\u2029separator",
        "gnp\u202eexe.pptx",
        "isolate\u2066x\u2069",
        "=?utf-8?q?encoded?=",
    ],
)
def test_header_problem_rejects_control_characters(text: str) -> None:
    assert header_problem(text)


@pytest.mark.parametrize(
    "text", ["", "Ledenvergadering VFG – Fryslân", "Café 👍", "“quotes” & <tags>", "a, b; c: d"]
)
def test_header_problem_accepts_ordinary_text(text: str) -> None:
    assert header_problem(text) is None


# -- addresses ---------------------------------------------------------------------------

MALFORMED_ADDRESSES = [
    "a@b.org, c@d.org",
    "alice@example.org>bob@evil.org",
    "<alice@example.org>",
    "Alice <alice@example.org>",
    "a@b@c.org",
    "a b@c.org",
    " alice@example.org",
    "alice@example.org ",
    "alice@example.org\r\nBcc: x@y.org",
    "alice@example.org\n",
    "alice@example.org\x00",
    "alice\t@example.org",
    "alice@localhost",
    '"alice"@example.org',
    '"alice@example.org"',
    "alice(comment)@example.org",
    "alice@[127.0.0.1]",
    "alice@127.0.0.1",
    "alice@example.org;bob@example.org",
    "alice:bob@example.org",
    "a\\b@example.org",
    "alice..b@example.org",
    ".alice@example.org",
    "alice.@example.org",
    "alice@-example.org",
    "alice@example-.org",
    "alice@example..org",
    "alice@.example.org",
    "alice@example.org.",
    "alice@exa_mple.org",
    "",
    "@example.org",
    "alice@",
    "alice",
    "jösé@example.org",
    "x" * 65 + "@example.org",
    "alice@" + "a" * 64 + ".org",
    "alice@xn--ab-.org",
    "alice@exa\u202emple.org",
]


@pytest.mark.parametrize("text", MALFORMED_ADDRESSES)
def test_malformed_addresses_are_rejected(text: str) -> None:
    problem = address_problem(text)
    assert problem
    assert isinstance(problem, str)
    with pytest.raises(ValueError, match=re.escape(problem)):
        ascii_address(text)


def test_rejected_addresses_include_what_parseaddr_silently_changes() -> None:
    mangled = [t for t in MALFORMED_ADDRESSES if parseaddr(t) != ("", t)]
    assert len(mangled) >= 10  # the checks catch what the stdlib would quietly rewrite


@pytest.mark.parametrize(
    ("text", "ascii"),
    [
        ("wieger.zwikstra@vng.nl", "wieger.zwikstra@vng.nl"),
        ("o'brien@example.org", "o'brien@example.org"),
        ("a+agenda@sub.example.co.uk", "a+agenda@sub.example.co.uk"),
        ("Secretariaat@VNG.NL", "Secretariaat@vng.nl"),
        ("secretariaat@fryslân.nl", "secretariaat@xn--frysln-0ta.nl"),
        ("info@xn--frysln-0ta.nl", "info@xn--frysln-0ta.nl"),
        ("x_y-z@a-b.c-d.example", "x_y-z@a-b.c-d.example"),
    ],
)
def test_well_formed_addresses_are_accepted(text: str, ascii: str) -> None:
    assert address_problem(text) is None
    assert ascii_address(text) == ascii


ATEXT = string.ascii_letters + string.digits + "!#$%&'*+/=?^_`{|}~-"
atoms = st.text(alphabet=ATEXT, min_size=1, max_size=10)
labels = st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)
well_formed = st.builds(
    lambda local, middle, tld: f"{'.'.join(local)}@{'.'.join(middle)}.{tld}",
    st.lists(atoms, min_size=1, max_size=3),
    st.lists(labels, min_size=1, max_size=3),
    st.from_regex(r"[a-z]{2,6}", fullmatch=True),
)


@given(well_formed)
def test_generated_well_formed_addresses_are_accepted(text: str) -> None:
    assert address_problem(text) is None, (text, address_problem(text))
    assert parseaddr(text) == ("", text)


@given(
    st.text(max_size=20),
    st.sampled_from(["\r", "\n", ",", "\r\n", " ", "<", '"']),
    st.text(max_size=20),
)
def test_any_text_with_a_break_or_separator_is_rejected(before: str, bad: str, after: str) -> None:
    assert address_problem(before + bad + after)


@given(st.one_of(well_formed, st.text(alphabet=ATEXT + '@.,<> "()[]\r\n\\:;é', max_size=30)))
def test_accepted_addresses_survive_parsing_unchanged(text: str) -> None:
    if address_problem(text) is None:
        assert parseaddr(text) == ("", text)
        parsed = email.message_from_string(f"To: {text}\n\n", policy=email.policy.default)
        assert [a.addr_spec for a in parsed["To"].addresses] == [text]


# -- round trips of arbitrary names and subjects -----------------------------------------

header_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
        blacklist_characters="\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    ),
    min_size=1,
    max_size=90,
).filter(lambda t: t.strip() != "" and "=?" not in t)


def raw_header(data: bytes, name: str) -> str:
    """A header's value as written in the message, unfolded."""
    head = data.split(b"\r\n\r\n")[0].decode("ascii")
    (value,) = re.findall(rf"^{name}: ?([^\r\n]*(?:\r\n[ \t][^\r\n]*)*)", head, re.MULTILINE)
    return re.sub(r"\r\n(?=[ \t])", "", value)


def rfc2047_text(value: str) -> str:
    """A header value decoded per RFC 2047 (whitespace between encoded words dropped)."""
    return str(make_header(decode_header(value)))


def test_a_long_non_ascii_name_is_split_into_encoded_words_correctly(tmp_path: Path) -> None:
    name = "Gemeente Súdwest-Fryslân, team Ruimte, Landbouw en Natuur (Ljouwert)"
    meeting = make_meeting(attendees=(Person(name, "a@example.org"),))
    msg, _, _ = invitation(tmp_path, meeting=meeting)
    raw = msg.as_bytes()
    parse_back(raw)
    value = raw_header(raw, "To")
    assert value.count("=?utf-8?q?") == 2
    for line in raw.split(b"\r\n\r\n")[0].split(b"\r\n"):
        assert len(line) <= 78, line
    assert rfc2047_text(value) == f"{name} <a@example.org>"


@given(name=header_text, subject=header_text, filename=header_text)
def test_any_name_subject_and_file_name_round_trip(
    tmp_path: Path, name: str, subject: str, filename: str
) -> None:
    filename = filename.replace("/", "_").replace("\\", "_").strip() or "x"
    meeting = make_meeting(attendees=(Person(name, "a@example.org"),))
    msg = message(meeting, subject, "Tekst", attachments=[Attachment(filename, b"x", PPTX_TYPE)])
    raw = msg.as_bytes()
    assert raw.isascii()
    parsed = parse_back(raw)
    shown = " ".join(name.split())
    (address,) = parsed["To"].addresses
    assert address.addr_spec == "a@example.org"
    to = raw_header(raw, "To")
    if to.count("=?") > 1:
        # Python's address parser keeps the space between two encoded words, which
        # RFC 2047 tells readers to drop; so read the header as the RFC says.
        assert rfc2047_text(to) == f"{shown} <a@example.org>"
    else:
        assert address.display_name == shown
    assert parsed["Subject"] == subject.strip()
    assert next(parsed.iter_attachments()).get_filename() == filename


# -- HTML --------------------------------------------------------------------------------


def test_html_from_text_makes_escaped_paragraphs_with_links() -> None:
    text = (
        "Beste leden,\n\nZie https://vng.nl/nieuws?a=1&b=2. Of www.ipo.nl, of mail\n"
        "info@vng.nl.\r\n\r\n<script>alert('x')</script> & (https://example.org/x)"
    )
    html = html_from_text(text)
    assert html.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert html.count("<p>") == 3
    link = "https://vng.nl/nieuws?a=1&amp;b=2"
    assert f'<a href="{link}">{link}</a>.' in html
    assert '<a href="https://www.ipo.nl">www.ipo.nl</a>,' in html
    assert 'mail<br>\n<a href="mailto:info@vng.nl">info@vng.nl</a>.' in html
    assert "&lt;script&gt;alert('x')&lt;/script&gt; &amp;" in html
    assert '(<a href="https://example.org/x">https://example.org/x</a>)' in html
    assert "<script>" not in html


def test_html_from_text_does_not_link_what_is_no_address() -> None:
    html = html_from_text("naam@intranet of a@b@c.nl")
    assert "<a " not in html.replace("a@b@c.nl", "")
    assert "naam@intranet" in html


# -- sizes, files, dry run ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 B"),
        (999, "999 B"),
        (1000, "1 kB"),
        (152_000, "152 kB"),
        (999_499, "999 kB"),
        (999_500, "1.0 MB"),
        (6_100_000, "6.1 MB"),
        (2_500_000_000, "2.5 GB"),
    ],
)
def test_human_size(size: int, text: str) -> None:
    assert human_size(size) == text


def test_attachment_budget_names_the_largest_file_and_its_parts(tmp_path: Path) -> None:
    deck = tmp_path / "deck.pptx"
    noise = random.Random(3)
    with zipfile.ZipFile(deck, "w") as archive:
        archive.writestr("ppt/slides/slide1.xml", "<sld/>" * 10)
        archive.writestr("ppt/media/image1.png", noise.randbytes(2_000_000))
        archive.writestr("ppt/media/image3.png", noise.randbytes(6_100_000))
        archive.writestr("ppt/media/image2.jpeg", noise.randbytes(900_000))
    pdf = tmp_path / "deck.pdf"
    pdf.write_bytes(b"%PDF" + bytes(500_000))
    files = [Attachment.from_path(deck), Attachment.from_path(pdf)]
    assert attachment_budget(files, 20_000_000) is None
    problem = attachment_budget(files, 10_000_000)
    assert problem is not None
    assert "the largest is deck.pptx (9.0 MB)" in problem
    assert "ppt/media/image3.png 6.1 MB, ppt/media/image1.png 2.0 MB" in problem
    assert "limit of 10.0 MB" in problem


def test_attachment_budget_counts_the_size_in_the_mail(tmp_path: Path) -> None:
    pdf = Attachment("deck.pdf", bytes(900_000), "application/pdf")  # 1.2 MB in base64
    problem = attachment_budget([pdf], 1_000_000)
    assert problem is not None
    assert "1.2 MB in the e-mail (900 kB of files)" in problem
    assert attachment_budget([pdf], 1_300_000) is None


def test_attachment_types_follow_the_suffix(tmp_path: Path) -> None:
    for name, kind in [
        ("a.pptx", PPTX_TYPE),
        ("b.PDF", "application/pdf"),
        ("c.xyz", "application/octet-stream"),
    ]:
        (tmp_path / name).write_bytes(b"1")
        assert Attachment.from_path(tmp_path / name).mime_type == kind
    with pytest.raises(DeckError, match="cannot read attachment"):
        Attachment.from_path(tmp_path / "missing.pptx")


def test_ascii_filename() -> None:
    assert ascii_filename(DECK_NAME) == "Actualiteiten - Fryslan.pptx"
    assert ascii_filename("Straße ’25 “x”.pdf") == "Strasse '25 'x'.pdf"
    assert ascii_filename('日本"\\.pdf') == "____.pdf"


def test_write_eml_writes_the_message_atomically(tmp_path: Path) -> None:
    msg, pptx, _ = invitation(tmp_path)
    target = tmp_path / "out" / "drenthe.eml"
    assert write_eml(msg, target) == target
    data = target.read_bytes()
    assert data == msg.as_bytes(policy=POLICY)
    assert next(parse_back(data).iter_attachments()).get_content() == pptx
    target.write_bytes(b"old")
    write_eml(msg, target)
    assert target.read_bytes() == data
    assert sorted(p.name for p in target.parent.iterdir()) == ["drenthe.eml"]


def test_write_eml_failure_leaves_nothing_behind(tmp_path: Path) -> None:
    msg, _, _ = invitation(tmp_path)
    folder = unwritable_folder(tmp_path)
    before = sorted(folder.iterdir())
    with pytest.raises(DeckError):
        write_eml(msg, folder / "x.eml")
    assert sorted(folder.iterdir()) == before
    with pytest.raises(DeckError, match="is a folder"):
        write_eml(msg, tmp_path)


def test_dry_run_lines_list_recipients_subject_and_attachment_sizes(tmp_path: Path) -> None:
    deck = Attachment(DECK_NAME, bytes(152_000), PPTX_TYPE)
    msg, _, _ = invitation(tmp_path, attachments=[deck])
    lines = dry_run_lines(msg)
    assert lines[0] == "from: Wieger Zwikstra <wieger.zwikstra@vng.nl>"
    assert lines[1] == 'to: "Secretariaat VFG, Fryslân" <secretariaat@xn--frysln-0ta.nl>'
    assert lines[2] == 'to: "Jan \\"Hans\\" de Vries" <jan.de.vries@example.org>'
    assert "subject: Uitnodiging ledenvergadering 10 december – Fryslân" in lines
    assert (
        "meeting (REQUEST): 2025-12-10 13:30–16:00 Europe/Amsterdam, Leeuwarden, Provinsjehûs"
        in lines
    )
    assert f"attachment: {DECK_NAME} ({PPTX_TYPE}, 152 kB)" in lines
    assert re.fullmatch(r"message size: 2\d\d kB", lines[-1]), lines[-1]


@pytest.mark.parametrize(
    "subject",
    [
        "Uitnodiging Ledenvergadering Vereniging van Groninger Gemeenten – 5 december 2025",
        "Uitnodiging Algemene ledenvergadering VNG Afdeling Utrecht – 15 december 2025",
        "Uitnodiging – Fryslân – Ledenvergadering – Provinsjehûs Leeuwarden, 10 december 2025",
        "Kort",
        "Ééntje " * 20 + "en verder",
    ],
)
def test_a_subject_folds_without_a_double_space(tmp_path: Path, subject: str) -> None:
    # Python 3.11's folder leaves a space before a fold next to an encoded word, so
    # "Gemeenten – 5 december" read back as "Gemeenten  – 5 december".
    msg, _, _ = invitation(tmp_path, subject=subject.strip())
    raw = msg.as_bytes()
    header = re.search(rb"^Subject:.*?\r\n(?=[^ \t])", raw, re.MULTILINE | re.DOTALL)
    assert header is not None
    lines = header.group().decode("ascii").split("\r\n")[:-1]
    assert all(len(line) <= 78 for line in lines), lines
    assert all(not line.endswith(" ") for line in lines), lines
    assert str(parse_back(raw)["Subject"]) == subject.strip()


def test_the_message_id_is_on_one_line_and_may_be_made_unique(tmp_path: Path) -> None:
    first, _, _ = invitation(tmp_path, unique="a1b2c3")
    second, _, _ = invitation(tmp_path, unique="d4e5f6")
    assert first["Message-ID"] != second["Message-ID"]
    assert re.search(rb"\r\nMessage-ID: <request\.0\.[0-9a-f-]{36}\.a1b2c3@vng\.nl>\r\n",
                     first.as_bytes())
