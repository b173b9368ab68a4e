"""Invitations that calendar and mail clients trust: real times, a Message-ID per send,
SEQUENCE kept in the sent log, updates and cancellations, never the same mail twice,
meetings in the past refused; sent to a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import icalendar
import pytest

from deck_builder.delivery.invitation import PPTX_TYPE
from tests.conftest import Cli, error_lines, locate_in, subprocess_env
from tests.delivery.test_smtp import PASSWORD, USER, Received, Server, start_server
from tests.variants_support import copy_content

SMTP = ("--smtp-host", "127.0.0.1", "--smtp-security", "none")
IN_A_MONTH = dt.date.today() + dt.timedelta(days=30)


@pytest.fixture(autouse=True)
def real_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for name in ("HOST", "PORT", "USER", "SECURITY", "PASSWORD"):
        monkeypatch.delenv(f"DECK_BUILDER_SMTP_{name}", raising=False)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The default content with drenthe's and zeeland's meetings a month from now."""
    folder = copy_content(tmp_path)
    move(folder, "drenthe", IN_A_MONTH)
    move(folder, "zeeland", IN_A_MONTH + dt.timedelta(days=1))
    return folder


@pytest.fixture
def server() -> Iterator[Server]:
    yield from start_server()


def block(text: str, slug: str) -> tuple[int, int]:
    start = text.index(f"  - slug: {slug}\n")
    following = text.find("\n  - slug:", start + 1)
    return start, following if following != -1 else len(text)


def change(content: Path, slug: str, old: str, new: str) -> str:
    """Replace `old` by `new` in the block of afdeling `slug`; the new text."""
    path = content / "afdelingen.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = block(text, slug)
    part = text[start:end]
    assert old in part, (slug, old)
    text = text[:start] + part.replace(old, new, 1) + text[end:]
    path.write_text(text, encoding="utf-8")
    return text


def move(content: Path, slug: str, day: dt.date) -> None:
    text = (content / "afdelingen.yaml").read_text(encoding="utf-8")
    start, end = block(text, slug)
    found = re.search(r"date: (\S+)", text[start:end])
    assert found
    change(content, slug, f"date: {found.group(1)}", f"date: {day.isoformat()}")


def parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def vevent(message: EmailMessage) -> tuple[str, icalendar.Event]:
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    calendar = icalendar.Calendar.from_ical(part.get_content())
    (event,) = calendar.walk("VEVENT")
    return str(calendar["METHOD"]), event


def received(server: Server, start: int = 0) -> list[tuple[list[str], EmailMessage]]:
    return [(recipients, parse(data))
            for _, recipients, data in server.received.envelopes[start:]]


def send(cli: Cli, server: Server, *args: str) -> tuple[int, str, str]:
    run = cli("invite", *args, *SMTP, "--smtp-port", str(server.port))
    return run.exit_code, run.stdout, run.stderr


# -- times and Message-IDs ----------------------------------------------------------------


def test_date_and_dtstamp_are_the_time_it_is_made_and_message_ids_are_new(
    cli: Cli, content: Path
) -> None:
    ids = []
    for _ in range(2):
        before = dt.datetime.now(dt.UTC).replace(microsecond=0)
        assert cli("invite", "--afdeling", "drenthe").exit_code == 0
        after = dt.datetime.now(dt.UTC)
        message = parse(Path("output/uitnodigingen/drenthe.eml").read_bytes())
        assert before <= message["Date"].datetime <= after
        _, event = vevent(message)
        assert before <= event.decoded("DTSTAMP") <= after
        ics = icalendar.Calendar.from_ical(Path("output/uitnodigingen/drenthe.ics").read_bytes())
        assert ics.walk("VEVENT")[0].decoded("DTSTAMP") == event.decoded("DTSTAMP")
        ids.append(str(message["Message-ID"]))
    assert ids[0] != ids[1]


def test_a_fixed_clock_makes_the_files_reproducible(
    cli: Cli, content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    made = []
    for _ in range(2):
        assert cli("invite", "--afdeling", "drenthe").exit_code == 0
        made.append({p.name: p.read_bytes() for p in Path("output/uitnodigingen").iterdir()})
    assert made[0] == made[1]
    message = parse(made[0]["drenthe.eml"])
    assert message["Date"].datetime == dt.datetime(2025, 11, 24, 16, 0, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "gisteren")
    (line,) = error_lines(cli("invite", "--afdeling", "drenthe"))
    assert "SOURCE_DATE_EPOCH must be a whole number of seconds" in line


# -- the sent log: send once, update, resend, cancel --------------------------------------


def test_the_life_of_an_invitation(cli: Cli, content: Path, server: Server) -> None:
    code, out, err = send(cli, server, "--afdeling", "drenthe", "--send")
    assert code == 0, err
    ((to, first),) = received(server)
    method, event = vevent(first)
    assert (method, int(event["SEQUENCE"])) == ("REQUEST", 0)
    assert sorted(to) == ["secretariaat.drenthe@example.org", "voorzitter.drenthe@example.org"]
    assert "sent drenthe: invitation (sequence 0) to 2 recipients" in out
    uid = str(event["UID"])
    log = json.loads(Path("output/uitnodigingen/sent.json").read_text(encoding="utf-8"))
    (entry,) = log["invitations"][uid]["sent"]
    assert (entry["method"], entry["sequence"], sorted(entry["to"])) == ("REQUEST", 0, sorted(to))
    assert entry["message_id"] == str(first["Message-ID"])

    # Nothing changed: asking to send again mails nobody and says how to.
    code, out, err = send(cli, server, "--afdeling", "drenthe", "--send")
    assert code == 1
    assert "nothing to send: drenthe: sent on " in err
    assert "--resend sends it again" in err
    assert len(server.received.envelopes) == 1

    code, out, err = send(cli, server, "--afdeling", "drenthe", "--resend")
    assert code == 0, err
    ((_, again),) = received(server, 1)
    assert str(again["Message-ID"]) != str(first["Message-ID"])
    assert int(vevent(again)[1]["SEQUENCE"]) == 0

    # A new time is a change: --send refuses, --update sends it with a higher SEQUENCE.
    change(content, "drenthe", 'start: "13:00"', 'start: "14:00"')
    code, out, err = send(cli, server, "--afdeling", "drenthe", "--send")
    assert code == 1
    assert "drenthe: changed since the invitation sent on " in err
    assert "time " in err
    assert "--update" in err
    assert len(server.received.envelopes) == 2
    code, out, err = send(cli, server, "--afdeling", "drenthe", "--update")
    assert code == 0, err
    ((_, update),) = received(server, 2)
    _, event = vevent(update)
    assert (str(event["UID"]), int(event["SEQUENCE"])) == (uid, 1)
    assert event.decoded("DTSTART").hour == 14

    # Moved to another day: still the same meeting in the calendars.
    move(content, "drenthe", IN_A_MONTH + dt.timedelta(days=7))
    code, out, err = send(cli, server, "--afdeling", "drenthe", "--update")
    assert code == 0, err
    ((_, moved),) = received(server, 3)
    _, event = vevent(moved)
    assert (str(event["UID"]), int(event["SEQUENCE"])) == (uid, 2)

    # Someone added: --send mails only them.
    change(content, "drenthe", "    recipients:\n",
           "    recipients:\n      - {name: Griffier, email: griffier.drenthe@example.org}\n")
    code, out, err = send(cli, server, "--afdeling", "drenthe", "--send")
    assert code == 0, err
    ((to, added),) = received(server, 4)
    assert to == ["griffier.drenthe@example.org"]
    _, event = vevent(added)
    assert int(event["SEQUENCE"]) == 2
    assert len(event.get("ATTENDEE")) == 3  # the calendar lists everyone

    # Cancelled: to everyone it was sent to, a higher SEQUENCE, nothing attached.
    code, out, err = send(cli, server, "--afdeling", "drenthe", "--cancel")
    assert code == 0, err
    ((to, cancel),) = received(server, 5)
    method, event = vevent(cancel)
    assert (method, str(event["UID"]), int(event["SEQUENCE"])) == ("CANCEL", uid, 3)
    assert str(event["STATUS"]) == "CANCELLED"
    assert sorted(to) == sorted(["secretariaat.drenthe@example.org",
                                 "voorzitter.drenthe@example.org",
                                 "griffier.drenthe@example.org"])
    assert str(cancel["Subject"]).startswith("Geannuleerd: ")
    assert not [p for p in cancel.walk() if p.get_content_type() == PPTX_TYPE]
    code, out, err = send(cli, server, "--afdeling", "drenthe", "--cancel")
    assert code == 1
    assert "drenthe: was cancelled already" in err
    log = json.loads(Path("output/uitnodigingen/sent.json").read_text(encoding="utf-8"))
    assert [e["sequence"] for e in log["invitations"][uid]["sent"]] == [0, 0, 1, 2, 2, 3]


def test_an_update_of_some_meetings_leaves_the_others_alone(
    cli: Cli, content: Path, server: Server
) -> None:
    assert send(cli, server, "--afdeling", "drenthe", "--afdeling", "zeeland",
                "--send")[0] == 0
    change(content, "zeeland", "place: Middelburg", "place: Goes")
    code, out, err = send(cli, server, "--afdeling", "drenthe", "--afdeling", "zeeland",
                          "--update")
    assert code == 0, err
    ((_, update),) = received(server, 2)
    assert "zeeland" in str(update["Subject"]).lower() or "Zeeuwse" in str(update["Subject"])
    assert "skipped drenthe: unchanged since it was sent on " in out
    assert "sent 1 message via 127.0.0.1" in out
    # Never sent: an update or a cancellation is refused before anything is sent.
    code, _, err = send(cli, server, "--afdeling", "utrecht", "--cancel", "--allow-past")
    assert code == 1
    assert "utrecht: was never sent, so there is nothing to cancel" in err
    assert len(server.received.envelopes) == 3


def test_a_damaged_sent_log_stops_sending(cli: Cli, content: Path, server: Server) -> None:
    log = Path("output/uitnodigingen/sent.json")
    log.parent.mkdir(parents=True)
    log.write_text("{kapot", encoding="utf-8")
    code, _, err = send(cli, server, "--afdeling", "drenthe", "--send")
    assert code == 1
    assert "sent.json: the sent log cannot be read" in err
    assert server.received.envelopes == []


def _logged() -> dict[str, list[str]]:
    """The sent log as {afdeling: [recipients of each message, comma-joined]}."""
    path = Path("output/uitnodigingen/sent.json")
    if not path.exists():
        return {}
    log = json.loads(path.read_text(encoding="utf-8"))["invitations"]
    return {entry["key"].rsplit("/", 1)[1]: [",".join(sorted(m["to"])) for m in entry["sent"]]
            for entry in log.values()}


def test_a_refused_message_does_not_stop_the_others_and_a_rerun_sends_only_it(
    cli: Cli, content: Path, server: Server
) -> None:
    for person in ("secretariaat", "voorzitter"):  # every recipient of drenthe's message
        change(content, "drenthe", f"email: {person}.drenthe@example.org",
               f"email: {person}.drenthe@refused.example.org")
    code, out, err = send(cli, server, "--afdeling", "drenthe", "--afdeling", "zeeland",
                          "--send")
    assert code == 1
    assert "sent zeeland: invitation (sequence 0) to 3 recipients" in out
    errors = error_lines_of(err)
    assert any("refused every recipient of message 1" in line for line in errors), err
    assert any(line.startswith("error: not sent: drenthe; the same command with --send "
                               "sends only those") for line in errors), err
    assert [sorted(to) for to, _ in received(server)] == [
        ["secretariaat.zeeland@example.org", "voorzitter.zeeland@example.org",
         "wethouder.ruimte@example.org"]]
    assert list(_logged()) == ["zeeland"]

    for person in ("secretariaat", "voorzitter"):
        change(content, "drenthe", f"email: {person}.drenthe@refused.example.org",
               f"email: {person}.drenthe@example.org")
    code, out, err = send(cli, server, "--afdeling", "drenthe", "--afdeling", "zeeland",
                          "--send")
    assert code == 0, err
    assert "skipped zeeland: sent on " in out
    assert [sorted(to) for to, _ in received(server, 1)] == [
        ["secretariaat.drenthe@example.org", "voorzitter.drenthe@example.org"]]
    assert sorted(_logged()) == ["drenthe", "zeeland"]


def test_a_refused_recipient_is_not_logged_as_sent_and_gets_it_next_time(
    cli: Cli, content: Path, server: Server
) -> None:
    change(content, "drenthe", "email: voorzitter.drenthe@example.org",
           "email: voorzitter.drenthe@refused.example.org")
    code, out, err = send(cli, server, "--afdeling", "drenthe", "--send")
    assert code == 1
    assert "sent drenthe: invitation (sequence 0) to 1 recipient" in out
    assert "voorzitter.drenthe@refused.example.org (550 5.1.1 no such mailbox) (the other " \
           "recipients got it)" in err
    assert _logged() == {"drenthe": ["secretariaat.drenthe@example.org"]}
    change(content, "drenthe", "email: voorzitter.drenthe@refused.example.org",
           "email: voorzitter.drenthe@example.org")
    code, out, err = send(cli, server, "--afdeling", "drenthe", "--send")
    assert code == 0, err
    ((to, _),) = received(server, 1)
    assert to == ["voorzitter.drenthe@example.org"]  # only the one who did not get it


def test_a_connection_that_drops_twice_stops_and_a_rerun_sends_the_rest(
    cli: Cli, content: Path, server: Server
) -> None:
    server.received.drops = 2
    code, _, err = send(cli, server, "--afdeling", "drenthe", "--afdeling", "zeeland",
                          "--send")
    assert code == 1
    assert "sending stopped" in err
    assert "not sent: drenthe, zeeland; the same command with --send sends only those" in err
    assert _logged() == {}
    code, _, err = send(cli, server, "--afdeling", "drenthe", "--afdeling", "zeeland",
                          "--send")
    assert code == 0, err
    assert len(received(server)) == 2
    assert sorted(_logged()) == ["drenthe", "zeeland"]


def error_lines_of(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("error: ")]


# -- a meeting in the past ----------------------------------------------------------------


def test_a_meeting_in_the_past_is_refused_unless_allowed(cli: Cli, content: Path) -> None:
    text = change(content, "drenthe", f"date: {IN_A_MONTH.isoformat()}", "date: 2024-03-04")
    line, column = locate_in(text, "date: 2024-03-04")
    (error,) = error_lines(cli("invite", "--afdeling", "drenthe"))
    assert error == (f"error: content/afdelingen.yaml:{line}:{column}: drenthe: the meeting "
                     "(2024-03-04 13:00) is in the past; correct its date, or give "
                     "--allow-past to invite to it anyway")
    assert not Path("output").exists()  # refused before any deck was built
    assert cli("invite", "--afdeling", "drenthe", "--allow-past").exit_code == 0


# -- headers, CSV, the password -----------------------------------------------------------


def test_a_semicolon_csv_as_dutch_excel_writes_it_is_read(cli: Cli, content: Path) -> None:
    (content / "ontvangers" / "zeeland.csv").write_text(
        "naam;email\nJansen, P.;p.jansen@example.org\nSecretariaat;secretariaat@example.org\n",
        encoding="utf-8-sig")
    assert cli("invite", "--afdeling", "zeeland").exit_code == 0
    message = parse(Path("output/uitnodigingen/zeeland.eml").read_bytes())
    assert [(a.display_name, a.addr_spec) for a in message["To"].addresses] == [
        ("Jansen, P.", "p.jansen@example.org"), ("Secretariaat", "secretariaat@example.org")]


def test_without_a_terminal_the_password_is_not_asked_for(
    content: Path, tmp_path: Path, server: Server
) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "deck_builder", "invite", "--afdeling", "drenthe", "--send",
         *SMTP, "--smtp-port", str(server.port), "--smtp-user", USER],
        cwd=tmp_path, env={k: v for k, v in subprocess_env().items()
                           if not k.startswith(("DECK_BUILDER_SMTP", "SOURCE_DATE"))},
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 1
    assert "Warning" not in run.stderr
    assert "::" not in run.stderr
    assert "error: no password for SMTP user deck: set DECK_BUILDER_SMTP_PASSWORD, or run " \
           "the command in a terminal to type it" in run.stderr
    assert server.received.envelopes == []


@pytest.mark.parametrize("how", ["option", "environment"])
def test_a_failed_login_names_what_the_user_set(
    cli: Cli, content: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    received = Received()
    for server in _auth_server(received):
        monkeypatch.setenv("DECK_BUILDER_SMTP_PASSWORD", PASSWORD + "-fout")
        args = ["--smtp-user", USER] if how == "option" else []
        if how == "environment":
            monkeypatch.setenv("DECK_BUILDER_SMTP_USER", USER)
        code, _, err = send(cli, server, "--afdeling", "drenthe", "--send", *args)
        assert code == 1
        named = "--smtp-user" if how == "option" else "DECK_BUILDER_SMTP_USER"
        assert f"check {named} and DECK_BUILDER_SMTP_PASSWORD" in err, err
        assert received.envelopes == []


def _auth_server(received: Received) -> Iterator[Server]:
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def authenticator(server: object, session: object, envelope: object, mechanism: str,
                      data: object) -> AuthResult:
        assert isinstance(data, LoginPassword)
        return AuthResult(success=data.password.decode() == PASSWORD, handled=False)

    yield from start_server(received, authenticator=authenticator, auth_require_tls=False)


# -- a meeting the deck is presented at once ------------------------------------------------

INVITATION = """\
subject: "Uitnodiging {vergadering} – {datum}"
body: |
  Beste collega's,

  Welkom bij {vergadering} op {datum}, {tijd}, in {locatie}.
organiser: {name: Team Ruimte, email: ruimte@example.org}
"""


@pytest.fixture
def one_off(cli: Cli) -> Path:
    """A new content folder without afdelingen, with an invitation text."""
    assert cli("new").exit_code == 0
    folder = Path("content")
    (folder / "uitnodiging.yaml").write_text(INVITATION, encoding="utf-8")
    return folder


def test_a_one_off_meeting_from_a_meeting_file(cli: Cli, one_off: Path, server: Server) -> None:
    day = IN_A_MONTH.isoformat()
    Path("vergadering.yaml").write_text(
        f"meeting: Regiobijeenkomst\ndate: {day}\nstart: '19:30'\nend: '21:00'\n"
        "place: Zwolle\nrecipients:\n  - {name: Wethouder, email: wethouder@example.org}\n",
        encoding="utf-8")
    run = cli("invite", "--meeting", "vergadering.yaml")
    assert run.exit_code == 0, run.stderr
    assert "wrote output/mijn-presentatie.pptx" in run.stdout  # the deck, built first
    assert "wrote 1 invitation (.eml and .ics)" in run.stdout
    message = parse(Path("output/uitnodigingen/mijn-presentatie.eml").read_bytes())
    _, event = vevent(message)
    assert event.decoded("DTSTART").isoformat().startswith(f"{day}T19:30")
    assert str(event["LOCATION"]) == "Zwolle"
    assert str(message["Subject"]).startswith("Uitnodiging Regiobijeenkomst – ")
    (deck,) = [p for p in message.walk() if p.get_content_type() == PPTX_TYPE]
    assert deck.get_content() == Path("output/mijn-presentatie.pptx").read_bytes()
    code, _, err = send(cli, server, "--meeting", "vergadering.yaml", "--send")
    assert code == 0, err
    ((to, _),) = received(server)
    assert to == ["wethouder@example.org"]


def test_a_one_off_meeting_written_in_the_deck_file(cli: Cli, one_off: Path) -> None:
    deck = one_off / "deck.yaml"
    text = deck.read_text(encoding="utf-8")
    text = re.sub(r"^date: \S+", f"date: {IN_A_MONTH.isoformat()}", text, flags=re.MULTILINE)
    text = text.replace("\nslides:", "\nmeeting: Werkbezoek\nstart: '10:00'\nend: '11:30'\n"
                        "place: Assen\nrecipients: [{email: gast@example.org}]\n\nslides:")
    deck.write_text(text, encoding="utf-8")
    assert cli("check").exit_code == 0  # the fields belong to the deck file
    run = cli("invite")
    assert run.exit_code == 0, run.stderr
    message = parse(Path("output/uitnodigingen/mijn-presentatie.eml").read_bytes())
    _, event = vevent(message)
    assert event.decoded("DTSTART").isoformat().startswith(f"{IN_A_MONTH.isoformat()}T10:00")
    assert [a.addr_spec for a in message["To"].addresses] == ["gast@example.org"]


def test_without_a_meeting_invite_says_what_to_give(cli: Cli, one_off: Path) -> None:
    run = cli("invite")
    assert run.exit_code == 2
    assert "give --afdeling SLUG (repeatable), --all-afdelingen or --meeting FILE" in run.stderr


@pytest.mark.usefixtures("content")
def test_a_server_that_does_not_answer_is_given_up_after_the_timeout(cli: Cli) -> None:
    import socket
    import threading
    import time

    with socket.socket() as listener:  # accepts on loopback, then never says a word
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        held: list[socket.socket] = []
        threading.Thread(target=lambda: held.append(listener.accept()[0]), daemon=True).start()
        started = time.monotonic()
        run = cli("invite", "--afdeling", "drenthe", "--send", *SMTP,
                  "--smtp-port", str(listener.getsockname()[1]), "--smtp-timeout", "0.5")
        took = time.monotonic() - started
        for connection in held:
            connection.close()
    assert run.exit_code == 1
    assert any("did not answer within 0.5 s" in line for line in error_lines(run)), run.stderr
    assert took < 30


def test_a_timeout_that_is_no_time_is_refused(cli: Cli, content: Path) -> None:
    run = cli("invite", "--afdeling", "drenthe", "--send", *SMTP, "--smtp-port", "25",
              "--smtp-timeout", "0")
    assert run.exit_code != 0
    assert "timeout must be more than 0 seconds" in run.stderr
