"""`deck-builder invite`: meeting requests per afdeling with the deck attached."""

from __future__ import annotations

import email
import email.policy
import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest

from deck_builder.delivery.invitation import PPTX_TYPE
from tests.conftest import Cli, error_lines, locate_in
from tests.delivery.test_smtp import Server, start_server
from tests.variants_support import copy_content

AMSTERDAM_OFFSETS = {"winter": "+0100", "summer": "+0200"}


# The default content's meetings are in December 2025 and January 2026: the clock is
# set before them (see delivery.clock), so they are not in the past.
BEFORE_THE_MEETINGS = "1764000000"  # 2025-11-24 16:00 UTC


@pytest.fixture(autouse=True)
def clock_before_the_meetings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BEFORE_THE_MEETINGS)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return copy_content(tmp_path)


@pytest.fixture
def server() -> Iterator[Server]:
    yield from start_server()


def parse(path: Path) -> email.message.EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


def assert_sound(message: email.message.EmailMessage) -> None:
    """No defects anywhere; one meeting request; the deck attached under its exact type."""
    for part in message.walk():
        assert not part.defects, (part.get_content_type(), part.defects)
    calendars = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert len(calendars) == 1
    assert calendars[0].get_param("method") == "REQUEST"
    decks = [p for p in message.walk() if p.get_content_type() == PPTX_TYPE]
    assert len(decks) == 1


def event(message: email.message.EmailMessage) -> icalendar.Event:
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    calendar = icalendar.Calendar.from_ical(part.get_content())
    assert str(calendar["METHOD"]) == "REQUEST"
    (vevent,) = calendar.walk("VEVENT")
    return vevent


def test_all_afdelingen_out_of_the_box(cli: Cli, content: Path) -> None:
    run = cli("invite", "--all-afdelingen", "-j", "2")
    assert run.exit_code == 0, run.stderr
    folder = Path("output/uitnodigingen")
    emls = sorted(folder.glob("*.eml"))
    assert len(emls) == 12
    assert len(sorted(folder.glob("*.ics"))) == 12
    afdelingen = (content / "afdelingen.yaml").read_text(encoding="utf-8")
    for path in emls:
        message = parse(path)
        assert_sound(message)
        slug = path.stem
        vevent = event(message)
        block = afdelingen[afdelingen.index(f"- slug: {slug}\n"):]
        date = re.search(r"date: (\S+)", block).group(1)
        start = re.search(r'start: "(\S+)"', block).group(1)
        begins = vevent.decoded("DTSTART")
        assert begins.isoformat().startswith(f"{date}T{start}")
        assert str(begins.tzinfo) == "Europe/Amsterdam"
        assert all(str(a).startswith("mailto:") and "@example.org" in str(a)
                   for a in vevent.get("ATTENDEE"))
        attachment = next(p for p in message.walk() if p.get_content_type() == PPTX_TYPE)
        deck = Path("output") / attachment.get_filename()
        assert attachment.get_content() == deck.read_bytes()
        assert slug in deck.name


def test_the_csv_recipients_are_invited(cli: Cli, content: Path) -> None:
    assert cli("invite", "--afdeling", "zeeland").exit_code == 0
    message = parse(Path("output/uitnodigingen/zeeland.eml"))
    csv_lines = (content / "ontvangers" / "zeeland.csv").read_text().splitlines()[1:]
    expected = {line.split(",")[1] for line in csv_lines}
    assert {a.addr_spec for a in message["To"].addresses} == expected


def test_decks_are_built_only_when_stale(cli: Cli, content: Path) -> None:
    assert cli("invite", "--afdeling", "drenthe").exit_code == 0
    (deck,) = Path("output").glob("*drenthe.pptx")
    first = deck.stat().st_mtime_ns
    time.sleep(0.01)
    assert cli("invite", "--afdeling", "drenthe").exit_code == 0
    assert deck.stat().st_mtime_ns == first
    later = time.time() + 5
    os.utime(content / "sections" / "02-formatie.yaml", (later, later))
    assert cli("invite", "--afdeling", "drenthe").exit_code == 0
    assert deck.stat().st_mtime_ns > first


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under `folder` with its modification time and contents."""
    return {
        str(path.relative_to(folder)): (path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_dry_run_writes_nothing(cli: Cli, content: Path) -> None:
    run = cli("invite", "--afdeling", "drenthe", "--dry-run")
    assert run.exit_code == 0, run.stderr
    assert "secretariaat.drenthe@example.org" in run.stdout
    assert re.search(r"\.pptx \(.*, \d+ kB\)", run.stdout)
    assert "nothing written or sent" in run.stdout
    assert not Path("output").exists()
    # The deck it would attach is the one a real run builds, byte for byte.
    dry_lines = [line for line in run.stdout.splitlines() if "attachment:" in line]
    assert cli("invite", "--afdeling", "drenthe").exit_code == 0
    (deck,) = Path("output").glob("*drenthe.pptx")
    attachment = next(p for p in parse(Path("output/uitnodigingen/drenthe.eml")).walk()
                      if p.get_content_type() == PPTX_TYPE)
    assert attachment.get_content() == deck.read_bytes()
    assert [line for line in cli("invite", "--afdeling", "drenthe", "--dry-run").stdout
            .splitlines() if "attachment:" in line] == dry_lines


def test_dry_run_leaves_stale_decks_and_invitations_as_they_are(
    cli: Cli, content: Path
) -> None:
    assert cli("invite", "--afdeling", "drenthe", "--afdeling", "zeeland").exit_code == 0
    before = snapshot(Path("output"))
    later = time.time() + 5
    os.utime(content / "sections" / "02-formatie.yaml", (later, later))  # decks now stale
    run = cli("invite", "--afdeling", "drenthe", "--afdeling", "zeeland", "--dry-run")
    assert run.exit_code == 0, run.stderr
    assert run.stdout.count("attachment: ") == 2
    assert snapshot(Path("output")) == before


def test_dry_run_checks_the_budget_of_decks_it_builds_in_memory(
    cli: Cli, content: Path
) -> None:
    run = cli("invite", "--afdeling", "drenthe", "--max-size", "50KB", "--dry-run")
    errors = error_lines(run)
    assert any("drenthe" in e and ".pptx" in e and "limit of 50 kB" in e
               for e in errors), errors
    # The deck's pictures as the content names them, not as parts of the package.
    assert any("mostly images/ontwerp-nota-ruimte.png, used on slide " in e
               for e in errors), errors
    assert not Path("output").exists()


def test_dry_run_reports_a_deck_that_cannot_be_built(cli: Cli, content: Path) -> None:
    path = content / "afdelingen.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - slug: drenthe\n")
    path.write_text(text[:start] + "  - slug: drenthe\n    date: morgen\n"
                    + text[text.index("\n  - slug:", start + 1) + 1:], encoding="utf-8")
    errors = error_lines(cli("invite", "--afdeling", "drenthe", "--dry-run"))
    line, column = locate_in(path.read_text(encoding="utf-8"), "morgen")
    assert f"error: content/afdelingen.yaml:{line}:{column}: drenthe: date: 'morgen' is not " \
           "a valid date; write it as YYYY-MM-DD, e.g. 2025-12-04" in errors, errors
    assert not Path("output").exists()


def test_sent_over_smtp_to_a_local_server(cli: Cli, content: Path, server: Server) -> None:
    run = cli("invite", "--afdeling", "drenthe", "--afdeling", "zeeland", "--send",
              "--smtp-host", "127.0.0.1", "--smtp-port", str(server.port),
              "--smtp-security", "none")
    assert run.exit_code == 0, run.stderr
    assert len(server.received.envelopes) == 2
    for sender, recipients, data in server.received.envelopes:
        assert sender == "landelijkgebied@example.org"
        message = email.message_from_bytes(data, policy=email.policy.default)
        assert_sound(message)
        assert sorted(recipients) == sorted(a.addr_spec for a in message["To"].addresses)


def replace_in(path: Path, old: str, new: str, count: int = 1) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, count)
    path.write_text(text, encoding="utf-8")
    return text


def assert_nothing_written(run_stdout: str) -> None:
    assert not Path("output/uitnodigingen").exists(), run_stdout


def test_header_injection_in_the_subject_is_refused(cli: Cli, content: Path) -> None:
    path = content / "uitnodiging.yaml"
    injected = 'subject: "Bcc: x@evil.example\\r\\nUitnodiging'
    text = replace_in(path, 'subject: "Uitnodiging', injected)
    line, column = locate_in(text, '"Bcc')
    run = cli("invite", "--afdeling", "drenthe", "--send", "--smtp-host", "127.0.0.1")
    errors = error_lines(run)
    assert any(e.startswith(f"error: content/uitnodiging.yaml:{line}:{column}: subject: ")
               and "line break" in e for e in errors), errors
    assert_nothing_written(run.stdout)


def test_a_malformed_address_is_refused_at_its_line(cli: Cli, content: Path) -> None:
    path = content / "afdelingen.yaml"
    # What Python 3.11's parseaddr would silently shorten to the first address.
    text = replace_in(path, "voorzitter.drenthe@example.org",
                      "'voorzitter.drenthe@example.org>iemand@evil.example'")
    line, column = locate_in(text, "'voorzitter.drenthe@example.org>")
    run = cli("invite", "--afdeling", "drenthe", "--dry-run")
    errors = error_lines(run)
    assert any(f"afdelingen.yaml:{line}:{column}" in e and "not a usable e-mail address" in e
               for e in errors), errors


def test_a_malformed_address_in_the_csv_is_refused_at_its_line(cli: Cli, content: Path) -> None:
    path = content / "ontvangers" / "zeeland.csv"
    replace_in(path, "wethouder.ruimte@example.org", "wethouder ruimte@example.org")
    run = cli("invite", "--afdeling", "zeeland")
    errors = error_lines(run)
    assert any(e.startswith("error: content/ontvangers/zeeland.csv:4:") for e in errors), errors
    assert_nothing_written(run.stdout)


def test_an_afdeling_without_recipients_is_refused(cli: Cli, content: Path) -> None:
    path = content / "afdelingen.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - slug: drenthe\n")
    block_end = text.index("\n  - slug:", start + 1)
    block = text[start:block_end]
    trimmed = re.sub(r"    recipients:\n(      - .*\n)+", "", block + "\n").rstrip("\n")
    path.write_text(text[:start] + trimmed + text[block_end:], encoding="utf-8")
    run = cli("invite", "--afdeling", "drenthe")
    errors = error_lines(run)
    assert any("has no recipients" in e and "afdelingen.yaml:" in e for e in errors), errors
    assert_nothing_written(run.stdout)


def test_an_over_budget_deck_is_refused_before_anything_is_written(
    cli: Cli, content: Path, server: Server
) -> None:
    run = cli("invite", "--afdeling", "drenthe", "--max-size", "50KB", "--send",
              "--smtp-host", "127.0.0.1", "--smtp-port", str(server.port),
              "--smtp-security", "none")
    errors = error_lines(run)
    assert any("drenthe" in e and ".pptx" in e for e in errors), errors
    assert_nothing_written(run.stdout)
    assert server.received.envelopes == []


def test_usage_errors(cli: Cli, content: Path) -> None:
    assert cli("invite").exit_code == 2
    assert cli("invite", "--afdeling", "drenthe", "--send", "--dry-run").exit_code == 2
    assert cli("invite", "--afdeling", "drenthe", "--max-size", "veel").exit_code == 2
    run = cli("invite", "--afdeling", "drente")
    assert run.exit_code == 2
    assert "unknown afdeling 'drente' (did you mean 'drenthe'?)" in run.stderr


def test_a_recipients_file_outside_the_content_folder_is_refused(
    cli: Cli, content: Path
) -> None:
    (content.parent / "elders.csv").write_text("naam,email\nA,a@example.org\n", "utf-8")
    path = content / "afdelingen.yaml"
    text = replace_in(path, "recipients_file: ontvangers/zeeland.csv",
                      "recipients_file: ../elders.csv")
    line, column = locate_in(text, "recipients_file: ../elders.csv")
    errors = error_lines(cli("invite", "--afdeling", "zeeland"))
    assert any(f"afdelingen.yaml:{line}:{column}" in e and "outside the content folder" in e
               for e in errors), errors


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
def test_the_pdf_is_attached_with_pdf(cli: Cli, content: Path) -> None:
    run = cli("invite", "--afdeling", "drenthe", "--pdf")
    assert run.exit_code == 0, run.stderr
    message = parse(Path("output/uitnodigingen/drenthe.eml"))
    assert_sound(message)
    (pdf_part,) = [p for p in message.walk() if p.get_content_type() == "application/pdf"]
    (pdf,) = Path("output").glob("*drenthe.pdf")
    assert pdf_part.get_content() == pdf.read_bytes()
    assert pdf.read_bytes().startswith(b"%PDF-")


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
def test_a_dry_run_with_pdf_converts_in_memory_and_writes_nothing(
    cli: Cli, content: Path
) -> None:
    run = cli("invite", "--afdeling", "drenthe", "--pdf", "--dry-run")
    assert run.exit_code == 0, run.stderr
    assert re.search(r"attachment: .*drenthe\.pdf \(application/pdf, \d+ kB\)", run.stdout)
    assert not Path("output").exists()


@pytest.mark.skipif(os.name != "posix", reason="links and pipes as POSIX has them")
@pytest.mark.parametrize("kind", ["link outside", "pipe"])
@pytest.mark.usefixtures("no_hang")
def test_a_recipients_file_that_links_outside_or_is_a_pipe_is_refused(
    cli: Cli, content: Path, kind: str
) -> None:
    listed = content / "ontvangers" / "zeeland.csv"
    listed.unlink()
    if kind == "pipe":
        os.mkfifo(listed)
    else:
        (content.parent / "elders.csv").write_text("naam,email\nA,a@example.org\n", "utf-8")
        listed.symlink_to(content.parent / "elders.csv")
    text = (content / "afdelingen.yaml").read_text(encoding="utf-8")
    line, column = locate_in(text, "recipients_file: ontvangers/zeeland.csv")
    expected = "not a regular file" if kind == "pipe" else "outside the content folder"
    errors = error_lines(cli("invite", "--afdeling", "zeeland"))
    assert any(f"afdelingen.yaml:{line}:{column}" in e and expected in e
               for e in errors), errors


@pytest.mark.parametrize("separator", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85",
                                       "\u2028", "\u2029"])
def test_a_character_no_spreadsheet_ends_a_line_with_invites_nobody_hidden(
    cli: Cli, content: Path, separator: str
) -> None:
    path = content / "ontvangers" / "zeeland.csv"
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{text}\nSec,a@example.org{separator}Hidden,hidden@elsewhere.example\n",
                    encoding="utf-8")
    run = cli("invite", "--afdeling", "zeeland", "--dry-run")
    assert "hidden@elsewhere.example" not in run.stdout
    errors = error_lines(run)
    # The whole line is one row: its address is not an address, and said so at line 5.
    assert any(e.startswith("error: content/ontvangers/zeeland.csv:5:") for e in errors), errors


def test_a_line_break_inside_a_quoted_name_is_refused_at_its_line(
    cli: Cli, content: Path
) -> None:
    path = content / "ontvangers" / "zeeland.csv"
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f'{text}\n"Twee\nregels",twee@example.org\n', encoding="utf-8")
    run = cli("invite", "--afdeling", "zeeland", "--dry-run")
    errors = error_lines(run)
    assert any(e.startswith("error: content/ontvangers/zeeland.csv:5:") and "line break" in e
               for e in errors), errors
    assert "twee@example.org" not in run.stdout


@pytest.mark.parametrize("mistake", ["subject", "recipients", "smtp"])
def test_everything_is_checked_before_a_deck_is_built(
    cli: Cli, content: Path, monkeypatch: pytest.MonkeyPatch, mistake: str
) -> None:
    """A mistake in the invitation, its recipients or the SMTP settings is found
    before the (missing) decks are built and written."""
    for name in ("HOST", "PORT", "USER", "SECURITY", "PASSWORD"):
        monkeypatch.delenv(f"DECK_BUILDER_SMTP_{name}", raising=False)
    args = ["invite", "--afdeling", "drenthe", "--afdeling", "zeeland"]
    if mistake == "subject":
        replace_in(content / "uitnodiging.yaml", 'subject: "Uitnodiging',
                   'subject: "{onbekend} Uitnodiging')
    elif mistake == "recipients":
        replace_in(content / "ontvangers" / "zeeland.csv", "wethouder.ruimte@example.org",
                   "wethouder ruimte@example.org")
    else:
        args.append("--send")  # and no SMTP server given
    run = cli(*args)
    assert run.exit_code == 1
    expected = {"subject": "onbekend", "recipients": "zeeland.csv:4:",
                "smtp": "no SMTP server: set DECK_BUILDER_SMTP_HOST"}[mistake]
    assert any(expected in line for line in error_lines(run)), run.stderr
    assert not Path("output").exists(), sorted(map(str, Path("output").rglob("*")))
