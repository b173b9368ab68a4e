"""Sending over SMTP to a real server (aiosmtpd) on 127.0.0.1, and the settings."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from deck_builder.delivery.invitation import AMSTERDAM, POLICY, Person, message
from deck_builder.delivery.smtp import SmtpSettings, send, settings_from_env
from deck_builder.errors import DeckError
from tests.delivery.test_invitation import make_meeting, parse_back

LOOPBACK = "127.0.0.1"
USER, PASSWORD = "deck", "juist-wachtwoord"


@pytest.fixture(autouse=True)
def only_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every connection these tests open goes to 127.0.0.1; anything else fails the test."""
    real = socket.create_connection

    def guarded(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        assert address[0] == LOOPBACK, f"test tried to connect to {address}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)


@dataclass
class Received:
    """What the test server accepted: one envelope per message."""

    envelopes: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)
    drops: int = 0  # the next this many messages: the connection is cut after their data
    goodbyes: int = 0  # the next this many messages: 421, and the connection is closed


class Handler:
    """Collects every message; refuses recipients at refused.example.org and messages
    whose subject says "Geweigerd"; cuts the connection when `received` asks it to."""

    def __init__(self, received: Received) -> None:
        self.received = received

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address.endswith("@refused.example.org"):
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        assert isinstance(envelope.content, bytes)
        if self.received.drops:
            self.received.drops -= 1
            assert server.transport is not None
            server.transport.abort()  # gone, without a reply
            return "451 never heard"
        if self.received.goodbyes:
            self.received.goodbyes -= 1
            return "421 4.3.2 shutting down"
        if b"Subject: Geweigerd" in envelope.content:
            return "554 5.6.0 message refused"
        self.received.envelopes.append(
            (str(envelope.mail_from), list(envelope.rcpt_tos), envelope.content)
        )
        return "250 Message accepted"


@dataclass
class Server:
    port: int
    received: Received

    def settings(self, **changes: Any) -> SmtpSettings:
        return replace(SmtpSettings(LOOPBACK, self.port, security="none", timeout=10), **changes)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


def start_server(received: Received | None = None, **options: Any) -> Iterator[Server]:
    """A real SMTP server on 127.0.0.1 (aiosmtpd in a thread) until the generator ends."""
    received = received if received is not None else Received()
    port = free_port()
    controller = Controller(Handler(received), hostname=LOOPBACK, port=port, **options)
    controller.start()
    try:
        yield Server(port, received)
    finally:
        controller.stop()


@pytest.fixture
def server() -> Iterator[Server]:
    """A plain SMTP server without STARTTLS or AUTH."""
    yield from start_server()


@pytest.fixture
def auth_server() -> Iterator[Server]:
    """An SMTP server that offers AUTH without TLS and knows one user."""
    received = Received()

    def authenticator(
        server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        assert isinstance(data, LoginPassword)
        ok = data.login.decode() == USER and data.password.decode() == PASSWORD
        if ok:
            received.logins.append(data.login.decode())
        # handled=False: the server itself answers 535 to a failed login.
        return AuthResult(success=ok, handled=False)

    yield from start_server(received, authenticator=authenticator, auth_require_tls=False)


def afdeling_messages() -> list[EmailMessage]:
    """Two invitations, for two afdelingen, sent by the VNG office."""
    drenthe = make_meeting(
        uid_seed="actualiteiten/drenthe/2025-12-10",
        summary="Ledenvergadering VDG",
        location="Assen",
        attendees=(Person("Secretariaat VDG", "secretariaat@vdg.example.org"),),
    )
    fryslan = make_meeting()
    sender = Person("VNG Bureau", "bureau@vng.nl")
    body = "Beste leden,\n\nTot dan."
    return [
        message(meeting, f"Uitnodiging {meeting.summary}", body, sender=sender)
        for meeting in (drenthe, fryslan)
    ]


def test_messages_arrive_byte_for_byte_with_the_right_envelope(server: Server) -> None:
    messages = afdeling_messages()
    ids = send(messages, server.settings())
    assert ids == [str(m["Message-ID"]) for m in messages]
    assert len(server.received.envelopes) == 2
    (from_1, to_1, data_1), (from_2, to_2, data_2) = server.received.envelopes
    assert from_1 == from_2 == "bureau@vng.nl"
    assert to_1 == ["secretariaat@vdg.example.org"]
    assert to_2 == ["secretariaat@xn--frysln-0ta.nl", "jan.de.vries@example.org"]
    for msg, data in ((messages[0], data_1), (messages[1], data_2)):
        assert data == msg.as_bytes(policy=POLICY)
        parsed = parse_back(data)
        assert parsed["Message-ID"] == msg["Message-ID"]
        assert parsed["Subject"] == msg["Subject"]


def test_bcc_recipients_get_the_message_without_the_header(server: Server) -> None:
    msg = afdeling_messages()[0]
    msg["Bcc"] = "archief@vng.nl"
    send([msg], server.settings())
    ((_, recipients, data),) = server.received.envelopes
    assert recipients == ["secretariaat@vdg.example.org", "archief@vng.nl"]
    assert b"archief@vng.nl" not in data
    assert "Bcc" not in email.message_from_bytes(data, policy=email.policy.default)


def test_login_with_the_right_password_sends(auth_server: Server) -> None:
    settings = auth_server.settings(user=USER, password=PASSWORD)
    send(afdeling_messages()[:1], settings)
    assert auth_server.received.logins == [USER]
    assert len(auth_server.received.envelopes) == 1


def test_a_wrong_password_fails_clearly_and_sends_nothing(auth_server: Server) -> None:
    settings = auth_server.settings(user=USER, password="fout")
    with pytest.raises(DeckError) as caught:
        send(afdeling_messages(), settings)
    text = str(caught.value)
    assert f"login as {USER} at {LOOPBACK}:{auth_server.port} failed: 535" in text
    assert "DECK_BUILDER_SMTP_PASSWORD" in text
    assert "nothing was sent" in text
    assert auth_server.received.envelopes == []


def test_a_login_on_a_server_without_auth_is_explained(server: Server) -> None:
    with pytest.raises(DeckError, match=r"does not offer a login \(AUTH\)"):
        send(afdeling_messages(), server.settings(user=USER, password=PASSWORD))
    assert server.received.envelopes == []


def test_starttls_against_a_server_without_it_fails_clearly(server: Server) -> None:
    with pytest.raises(DeckError) as caught:
        send(afdeling_messages(), server.settings(security="starttls"))
    assert f"{LOOPBACK}:{server.port} does not offer STARTTLS" in str(caught.value)
    assert server.received.envelopes == []


def test_ssl_against_a_plain_server_fails_clearly(server: Server) -> None:
    with pytest.raises(DeckError) as caught:
        send(afdeling_messages(), server.settings(security="ssl"))
    assert f"TLS with {LOOPBACK}:{server.port} failed" in str(caught.value)
    assert "starttls" in str(caught.value)
    assert server.received.envelopes == []


def test_a_refused_connection_is_explained() -> None:
    port = free_port()  # nothing listens there
    settings = SmtpSettings(LOOPBACK, port, security="none", timeout=5)
    with pytest.raises(DeckError) as caught:
        send(afdeling_messages(), settings)
    assert str(caught.value) == (
        f"cannot connect to SMTP server {LOOPBACK}:{port}: connection refused "
        "(wrong host or port?) (nothing was sent)"
    )


def _subjects(server: Server) -> list[str]:
    return [str(parse_back(data)["Subject"]) for _, _, data in server.received.envelopes]


def _numbered(count: int) -> list[EmailMessage]:
    """`count` invitations with the subjects "Uitnodiging 1", "Uitnodiging 2", ..."""
    return [message(make_meeting(uid_seed=f"vergadering/{number}"),
                    f"Uitnodiging {number}", "Tekst") for number in range(1, count + 1)]


def _recorder() -> tuple[list[tuple[int, str, tuple[str, ...]]],
                         Callable[[int, str, tuple[str, ...]], None]]:
    calls: list[tuple[int, str, tuple[str, ...]]] = []
    return calls, lambda index, message_id, refused: calls.append((index, message_id, refused))


def test_all_recipients_refused_goes_on_with_the_next_message(server: Server) -> None:
    first, second = afdeling_messages()
    refused = message(
        make_meeting(attendees=(Person("", "weg@refused.example.org"),)),
        "Uitnodiging",
        "Tekst",
    )
    calls, on_sent = _recorder()
    with pytest.raises(DeckError) as caught:
        send([first, refused, second], server.settings(), on_sent)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{LOOPBACK}:{server.port} refused every recipient of message 2 (Uitnodiging): "
        "weg@refused.example.org (550 5.1.1 no such mailbox)",
        f"sent: {first['Message-ID']}, {second['Message-ID']}",
        "not sent: message 2 (Uitnodiging)",
    ]
    assert len(server.received.envelopes) == 2  # the third went out after the refusal
    assert calls == [(0, str(first["Message-ID"]), ()), (2, str(second["Message-ID"]), ())]


def test_a_rejected_message_does_not_stop_the_others(server: Server) -> None:
    messages = _numbered(3)
    messages[0].replace_header("Subject", "Geweigerd")
    calls, on_sent = _recorder()
    with pytest.raises(DeckError) as caught:
        send(messages, server.settings(), on_sent)
    problems = [str(problem) for problem in caught.value.problems]
    assert problems[0] == (f"{LOOPBACK}:{server.port} rejected message 1 (Geweigerd): "
                           "554 5.6.0 message refused")
    assert problems[-1] == "not sent: message 1 (Geweigerd)"
    assert _subjects(server) == ["Uitnodiging 2", "Uitnodiging 3"]
    assert [index for index, _, _ in calls] == [1, 2]


@pytest.mark.parametrize("how", ["drops", "goodbyes"])
def test_a_dropped_connection_is_opened_again_once(server: Server, how: str) -> None:
    """The message the connection dropped on is sent again on a new one: a calendar
    takes the same invitation twice as one entry, and it may not have arrived."""
    messages = _numbered(4)
    calls, on_sent = _recorder()
    send(messages[:1], server.settings())
    setattr(server.received, how, 1)
    assert send(messages[1:], server.settings(), on_sent) == [
        str(m["Message-ID"]) for m in messages[1:]]
    assert _subjects(server) == [f"Uitnodiging {number}" for number in range(1, 5)]
    assert [index for index, _, _ in calls] == [0, 1, 2]


@pytest.mark.parametrize("how", ["drops", "goodbyes"])
def test_a_connection_that_drops_again_stops_and_says_what_was_not_sent(
    server: Server, how: str
) -> None:
    messages = _numbered(4)
    calls, on_sent = _recorder()
    send(messages[:1], server.settings())  # the first goes through
    setattr(server.received, how, 2)
    with pytest.raises(DeckError) as caught:
        send(messages, server.settings(), on_sent)
    problems = [str(problem) for problem in caught.value.problems]
    assert len(problems) == 3, problems
    assert problems[0].startswith(f"SMTP server {LOOPBACK}:{server.port} ")
    assert problems[0].endswith(", again, while sending message 1 (Uitnodiging 1); sending "
                                "stopped")
    assert problems[1] == "sent: nothing"
    assert problems[2] == ("not sent: message 1 (Uitnodiging 1), message 2 (Uitnodiging 2), "
                           "message 3 (Uitnodiging 3), message 4 (Uitnodiging 4)")
    assert calls == []
    assert _subjects(server) == ["Uitnodiging 1"]


def test_a_server_that_goes_away_stops_and_says_so() -> None:
    """A server that cuts the connection during the first message and then no longer
    listens: connecting again fails, and sending stops there."""
    import threading

    listener = socket.socket()
    listener.bind((LOOPBACK, 0))
    listener.listen()
    port = listener.getsockname()[1]

    def serve_once() -> None:
        connection, _ = listener.accept()
        listener.close()  # nobody listens any more
        with connection, connection.makefile("rb") as lines:
            connection.sendall(b"220 kort leven\r\n")
            for line in lines:
                command = line[:4].upper()
                if command == b"DATA":
                    connection.sendall(b"354 go on\r\n")
                    for data in lines:
                        if data == b".\r\n":
                            return  # cut off before the reply
                elif command == b"EHLO":
                    connection.sendall(b"250 kort leven\r\n")
                else:
                    connection.sendall(b"250 OK\r\n")

    thread = threading.Thread(target=serve_once, daemon=True)
    thread.start()
    calls, on_sent = _recorder()
    settings = SmtpSettings(LOOPBACK, port, security="none", timeout=10)
    with pytest.raises(DeckError) as caught:
        send(_numbered(2), settings, on_sent)
    thread.join(10)
    problems = [str(problem) for problem in caught.value.problems]
    assert problems[0].startswith(f"SMTP server {LOOPBACK}:{port} closed the connection "
                                  "unexpectedly")
    assert ("while sending message 1 (Uitnodiging 1), and connecting again failed: cannot "
            f"connect to SMTP server {LOOPBACK}:{port}: connection refused") in problems[0]
    assert problems[0].endswith("; sending stopped")
    assert problems[1:] == ["sent: nothing",
                            "not sent: message 1 (Uitnodiging 1), message 2 (Uitnodiging 2)"]
    assert calls == []


def test_some_recipients_refused_still_reach_the_others(server: Server) -> None:
    people = (Person("", "weg@refused.example.org"), Person("", "blijft@example.org"))
    partly = message(make_meeting(attendees=people), "Uitnodiging", "Tekst")
    later = afdeling_messages()[0]
    with pytest.raises(DeckError) as caught:
        send([partly, later], server.settings())
    assert "weg@refused.example.org (550 5.1.1 no such mailbox)" in str(caught.value)
    assert "the other recipients got it" in str(caught.value)
    assert [to for _, to, _ in server.received.envelopes] == [
        ["blijft@example.org"],
        ["secretariaat@vdg.example.org"],
    ]


def test_a_password_is_never_sent_unencrypted_to_another_host() -> None:
    settings = SmtpSettings("smtp.example.org", 25, USER, PASSWORD, "none")
    with pytest.raises(DeckError, match="refusing to send the password"):
        send(afdeling_messages(), settings)


def test_a_message_without_recipients_is_refused_before_connecting() -> None:
    msg = EmailMessage(policy=POLICY)
    msg["From"] = "bureau@vng.nl"
    msg["Subject"] = "Leeg"
    settings = SmtpSettings("smtp.example.org", 25, security="none")
    with pytest.raises(DeckError, match=r"message 1 \(Leeg\) has no recipients"):
        send([msg], settings)


def test_nothing_to_send_opens_no_connection() -> None:
    # The only-loopback guard would fail the test if this connected anywhere.
    assert send([], SmtpSettings("smtp.example.org", 587)) == []


@pytest.mark.parametrize(("security", "port"), [("tls", 587), ("starttls", 0), ("ssl", 70000)])
def test_settings_refuse_an_unknown_security_or_port(security: Any, port: int) -> None:
    with pytest.raises(DeckError, match=r"SMTP (security|port) must be"):
        SmtpSettings("smtp.example.org", port, security=security)


# -- settings ----------------------------------------------------------------------------

Env = dict[str, str]


@pytest.mark.parametrize(
    ("security", "port"), [(None, 587), ("starttls", 587), ("ssl", 465), ("none", 25)]
)
def test_default_port_follows_security(security: str | None, port: int) -> None:
    env: Env = {"DECK_BUILDER_SMTP_HOST": "smtp.example.org"}
    if security:
        env["DECK_BUILDER_SMTP_SECURITY"] = security
    settings = settings_from_env(environ=env)
    assert (settings.host, settings.port, settings.security) == (
        "smtp.example.org",
        port,
        security or "starttls",
    )
    assert settings.user is None
    assert settings.password is None


def test_settings_come_from_the_environment_and_arguments_win() -> None:
    env: Env = {
        "DECK_BUILDER_SMTP_HOST": "smtp.example.org",
        "DECK_BUILDER_SMTP_PORT": "2525",
        "DECK_BUILDER_SMTP_USER": "env-user",
        "DECK_BUILDER_SMTP_SECURITY": "SSL",
        "DECK_BUILDER_SMTP_PASSWORD": "geheim",
    }
    settings = settings_from_env(environ=env)
    assert settings == SmtpSettings("smtp.example.org", 2525, "env-user", "geheim", "ssl", 60)
    chosen = settings_from_env("mail.vng.nl", 587, "wieger", "starttls", timeout=5, environ=env)
    assert chosen == SmtpSettings("mail.vng.nl", 587, "wieger", "geheim", "starttls", 5)


def test_the_password_is_asked_for_when_not_in_the_environment() -> None:
    questions: list[str] = []

    def prompt(question: str) -> str:
        questions.append(question)
        return "gevraagd"

    env: Env = {"DECK_BUILDER_SMTP_HOST": "smtp.example.org", "DECK_BUILDER_SMTP_USER": "w"}
    settings = settings_from_env(environ=env, prompt=prompt)
    assert settings.password == "gevraagd"
    # No colon: the prompt adds its own (it used to show "::").
    assert questions == ["SMTP password for w at smtp.example.org"]
    assert "gevraagd" not in repr(settings)
    assert "gevraagd" not in str(settings)


def test_no_prompt_is_made_without_a_user() -> None:
    def prompt(question: str) -> str:
        raise AssertionError("asked for a password without a user")

    settings = settings_from_env(
        environ={"DECK_BUILDER_SMTP_HOST": "smtp.example.org"}, prompt=prompt
    )
    assert settings.password is None


@pytest.mark.parametrize(
    ("env", "arguments", "fragments"),
    [
        ({}, {}, ["no SMTP server: set DECK_BUILDER_SMTP_HOST"]),
        ({"DECK_BUILDER_SMTP_HOST": "  "}, {}, ["no SMTP server"]),
        (
            {"DECK_BUILDER_SMTP_HOST": "h.example.org", "DECK_BUILDER_SMTP_PORT": "smtp"},
            {},
            ["DECK_BUILDER_SMTP_PORT must be a number from 1 to 65535, not 'smtp'"],
        ),
        ({"DECK_BUILDER_SMTP_HOST": "h.example.org"}, {"port": 70000}, ["port must be"]),
        (
            {"DECK_BUILDER_SMTP_HOST": "h.example.org", "DECK_BUILDER_SMTP_SECURITY": "tls"},
            {},
            ["DECK_BUILDER_SMTP_SECURITY must be one of starttls, ssl, none, not 'tls'"],
        ),
        (
            {"DECK_BUILDER_SMTP_HOST": "h.example.org", "DECK_BUILDER_SMTP_USER": "w"},
            {},
            ["no password for SMTP user w: set DECK_BUILDER_SMTP_PASSWORD"],
        ),
        ({"DECK_BUILDER_SMTP_HOST": "h.example.org\r\nX"}, {}, ["is not a host name"]),
        ({"DECK_BUILDER_SMTP_HOST": "h.example.org"}, {"timeout": 0}, ["timeout must be"]),
        ({}, {"security": "x", "port": "y"}, ["no SMTP server", "security must", "port must"]),
    ],
)
def test_bad_settings_name_the_variable(
    env: Env, arguments: dict[str, Any], fragments: list[str]
) -> None:
    with pytest.raises(DeckError) as caught:
        settings_from_env(environ=env, **arguments)
    text = str(caught.value)
    for fragment in fragments:
        assert fragment in text
    assert len(caught.value.problems) == len(fragments)


def test_the_date_passed_in_is_what_arrives(server: Server) -> None:
    sent_at = datetime(2025, 11, 20, 9, 30, tzinfo=AMSTERDAM)
    msg = message(make_meeting(), "Uitnodiging", "Tekst", date=sent_at)
    send([msg], server.settings())
    ((_, _, data),) = server.received.envelopes
    assert parse_back(data)["Date"].datetime == sent_at
