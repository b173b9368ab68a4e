"""Send messages over SMTP, with settings from the environment and clear errors.

Nothing here runs on import and nothing is sent unless `send` is called. The password
comes only from the environment or from a prompt, never from content files, and is
never sent over an unencrypted connection to another machine.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import smtplib
import socket
import ssl
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Literal, cast

from deck_builder.errors import DeckError, Problem

Security = Literal["starttls", "ssl", "none"]
SECURITIES: tuple[Security, ...] = ("starttls", "ssl", "none")
DEFAULT_PORTS: dict[Security, int] = {"starttls": 587, "ssl": 465, "none": 25}
DEFAULT_TIMEOUT = 60.0

ENV_HOST = "DECK_BUILDER_SMTP_HOST"
ENV_PORT = "DECK_BUILDER_SMTP_PORT"
ENV_USER = "DECK_BUILDER_SMTP_USER"
ENV_SECURITY = "DECK_BUILDER_SMTP_SECURITY"
ENV_PASSWORD = "DECK_BUILDER_SMTP_PASSWORD"


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send: server, port, login (optional) and transport security."""

    host: str
    port: int
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    security: Security = "starttls"
    timeout: float = DEFAULT_TIMEOUT
    # How the user gave the login and the password, for messages that ask to check them.
    user_given_as: str = field(default=ENV_USER, compare=False)
    password_given_as: str = field(default=ENV_PASSWORD, compare=False)

    def __post_init__(self) -> None:
        # Checked here too, not only in settings_from_env: a misspelt security must never
        # quietly become an unencrypted connection.
        if self.security not in SECURITIES:
            raise DeckError(
                f"SMTP security must be one of {', '.join(SECURITIES)}, not {self.security!r}"
            )
        if not isinstance(self.port, int) or not 1 <= self.port <= 65535:
            raise DeckError(f"SMTP port must be a number from 1 to 65535, not {self.port!r}")

    def __str__(self) -> str:
        login = f"{self.user}@" if self.user else ""
        return f"{login}{self.host}:{self.port} ({self.security})"


def settings_from_env(
    host: str | None = None,
    port: int | str | None = None,
    user: str | None = None,
    security: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    *,
    environ: Mapping[str, str] | None = None,
    prompt: Callable[[str], str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> SmtpSettings:
    """Settings from explicit arguments, else DECK_BUILDER_SMTP_HOST/PORT/USER/SECURITY.

    Security defaults to starttls and the port to its usual one (587, 465 or 25). With a
    user, the password is DECK_BUILDER_SMTP_PASSWORD or, if that is unset, what
    `prompt(question)` returns (no prompt: there is no terminal to ask in); there is
    deliberately no password argument. `labels` names the explicit arguments as the
    user gave them (`{"user": "--smtp-user"}`), so every message names what the user
    actually set: that, or the environment variable. Raises DeckError naming it for a
    missing host, a bad port or security value, or a missing password.
    """
    env = os.environ if environ is None else environ
    labels = labels or {}
    problems: list[str] = []

    host = _given(host) or _given(env.get(ENV_HOST))
    if not host:
        problems.append(f"no SMTP server: set {ENV_HOST} (e.g. smtp.example.nl)")
    elif any(c.isspace() for c in host) or "/" in host:
        problems.append(f"SMTP server {host!r} is not a host name")

    raw_security = _given(security) or _given(env.get(ENV_SECURITY)) or "starttls"
    chosen: Security = "starttls"
    if raw_security.lower() in SECURITIES:
        chosen = cast(Security, raw_security.lower())
    else:
        source = labels.get("security", "security") if _given(security) else ENV_SECURITY
        problems.append(f"{source} must be one of {', '.join(SECURITIES)}, not {raw_security!r}")

    raw_port = port if port is not None and port != "" else _given(env.get(ENV_PORT))
    number = DEFAULT_PORTS[chosen]
    if raw_port is not None:
        source = labels.get("port", "port") if port is not None and port != "" else ENV_PORT
        try:
            number = int(str(raw_port).strip())
        except ValueError:
            number = 0
        if not 1 <= number <= 65535:
            problems.append(f"{source} must be a number from 1 to 65535, not {raw_port!r}")

    if timeout <= 0:
        problems.append(f"timeout must be more than 0 seconds, not {timeout!r}")

    login = _given(user) or _given(env.get(ENV_USER))
    user_given_as = labels.get("user", "user") if _given(user) else ENV_USER
    password: str | None = None
    password_given_as = ENV_PASSWORD
    if login and not problems:
        password = env.get(ENV_PASSWORD) or None
        if password is None and prompt is not None:
            password = prompt(f"SMTP password for {login} at {host}") or None
            password_given_as = "the password you typed"
        if password is None:
            hint = "" if prompt is not None else (
                ", or run the command in a terminal to type it")
            problems.append(f"no password for SMTP user {login}: set {ENV_PASSWORD}{hint}")
    if problems:
        raise DeckError([Problem(text) for text in problems])
    assert host is not None
    return SmtpSettings(host, number, login, password, chosen, timeout, user_given_as,
                        password_given_as)


def _given(value: str | None) -> str | None:
    """The value stripped, or None when it is unset or blank."""
    if value is None:
        return None
    value = value.strip()
    return value or None


OnSent = Callable[[int, str, tuple[str, ...]], None]
"""Called as `on_sent(index, message_id, refused)` as soon as the server has accepted
message `index`; `refused` are the recipients it refused (the others got it)."""


def send(messages: Iterable[EmailMessage], settings: SmtpSettings,
         on_sent: OnSent | None = None) -> list[str]:
    """Send every message, in order; returns the Message-IDs of those the server took.

    `on_sent` is told of each message as soon as the server has accepted it (for a log
    of what went out, kept right whatever happens to the messages after it).

    The envelope sender is the Sender or From address, the recipients every To, Cc and
    Bcc address (Bcc is not transmitted). A failure that concerns one message (every
    recipient refused, the message rejected, the sender refused for it) does not stop
    the others. When the connection drops, it is opened again once and the message it
    dropped on is sent again (an invitation sent twice is one calendar entry: the same
    UID and SEQUENCE); when it drops again, or cannot be opened again, sending stops.
    Raises DeckError at the end with one line per message that failed or reached only
    some recipients, naming what was sent and what was not; at once, with nothing sent,
    for a refused or failed connection, TLS problems and a failed login.
    """
    messages = list(messages)
    if not messages:
        return []
    envelopes = [_envelope(msg, index) for index, msg in enumerate(messages)]
    if settings.security == "none" and settings.user and not _is_loopback(settings.host):
        raise DeckError(
            f"refusing to send the password for {settings.user} unencrypted to "
            f"{settings.host}; use security starttls or ssl"
        )
    where = f"{settings.host}:{settings.port}"
    sent: list[str] = []
    done: set[int] = set()  # the indexes of the messages sent
    problems: list[str] = []
    try:
        smtp = _open(settings)
    except DeckError as error:
        raise DeckError(_with_progress(str(error), sent)) from None
    reconnected = False
    index = 0
    try:
        while index < len(messages):
            msg, (sender, recipients) = messages[index], envelopes[index]
            which = _which(msg, index)
            try:
                refused = smtp.send_message(msg, from_addr=sender, to_addrs=recipients)
            except (smtplib.SMTPServerDisconnected, smtplib.SMTPException, OSError) as exc:
                # smtplib closes the connection on a 421 reply (the server is going away):
                # that is a lost connection too, whatever the exception says.
                if smtp.sock is not None and isinstance(exc, smtplib.SMTPException) \
                        and not isinstance(exc, smtplib.SMTPServerDisconnected):
                    problems.append(_message_problem(exc, which, where))
                    index += 1
                    continue
                smtp.close()
                lost = _connection_problem(exc, settings)
                if reconnected:
                    problems.append(f"{lost}, again, while sending {which}; sending stopped")
                    break
                reconnected = True
                try:
                    smtp = _open(settings)
                except DeckError as error:
                    problems.append(f"{lost} while sending {which}, and connecting again "
                                    f"failed: {error}; sending stopped")
                    break
                continue  # the same message again, on the new connection
            else:
                message_id = str(msg.get("Message-ID", ""))
                sent.append(message_id)
                done.add(index)
                if on_sent is not None:
                    on_sent(index, message_id, tuple(refused))
                if refused:
                    problems.append(f"{which}: {where} refused {_refusals(refused)} (the "
                                    "other recipients got it)")
            index += 1
    finally:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            smtp.quit()
        smtp.close()
    if problems:
        unsent = [_which(messages[i], i) for i in range(len(messages)) if i not in done]
        lines = [*problems, f"sent: {', '.join(sent) if sent else 'nothing'}"]
        if unsent:
            lines.append(f"not sent: {', '.join(unsent)}")
        raise DeckError([Problem(line) for line in lines])
    return sent


def _message_problem(exc: smtplib.SMTPException, which: str, where: str) -> str:
    """What the server said about one message it would not take."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return f"{where} refused every recipient of {which}: {_refusals(exc.recipients)}"
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return (f"{where} refused the sender {exc.sender} of {which}: "
                f"{_reply(exc.smtp_code, exc.smtp_error)}")
    if isinstance(exc, smtplib.SMTPDataError):
        return f"{where} rejected {which}: {_reply(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{where} did not take {which}: {_reply(exc.smtp_code, exc.smtp_error)}"
    return f"{where} did not take {which}: {exc}"


def _open(settings: SmtpSettings) -> smtplib.SMTP:
    """A connection, logged in when the settings have a user. Raises DeckError saying
    what went wrong."""
    try:
        smtp = _connect(settings)
    except (smtplib.SMTPException, OSError) as exc:
        raise DeckError(_connection_problem(exc, settings)) from None
    try:
        if settings.user:
            _login(smtp, settings)
    except (smtplib.SMTPException, OSError) as exc:
        smtp.close()
        raise DeckError(_connection_problem(exc, settings)) from None
    except BaseException:
        smtp.close()
        raise
    return smtp


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    """An open SMTP connection, encrypted as the settings say, after EHLO."""
    if settings.security == "ssl":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.host,
            settings.port,
            timeout=settings.timeout,
            context=ssl.create_default_context(),
        )
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        smtp.ehlo()
        if settings.security == "starttls":
            if not smtp.has_extn("starttls"):
                raise DeckError(
                    f"{settings.host}:{settings.port} does not offer STARTTLS, so the "
                    "connection cannot be encrypted; check the port (587 is usual for "
                    "STARTTLS, 465 for security ssl)"
                )
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
    except BaseException:
        smtp.close()
        raise
    return smtp


def _login(smtp: smtplib.SMTP, settings: SmtpSettings) -> None:
    if not smtp.has_extn("auth"):
        leave = (f"leave out {settings.user_given_as}" if settings.user_given_as.startswith("-")
                 else f"leave {settings.user_given_as} unset")
        raise DeckError(
            f"{settings.host}:{settings.port} does not offer a login (AUTH); {leave} to send "
            "without one"
        )
    try:
        smtp.login(settings.user or "", settings.password or "")
    except smtplib.SMTPAuthenticationError as exc:
        raise DeckError(
            f"login as {settings.user} at {settings.host}:{settings.port} failed: "
            f"{_reply(exc.smtp_code, exc.smtp_error)}; check {settings.user_given_as} and "
            f"{settings.password_given_as}"
        ) from None


def _envelope(msg: EmailMessage, index: int) -> tuple[str, list[str]]:
    """(envelope sender, recipients) from the message's address headers."""
    senders = _header_addresses(msg, "Sender") or _header_addresses(msg, "From")
    recipients = [
        address for name in ("To", "Cc", "Bcc") for address in _header_addresses(msg, name)
    ]
    if len(senders) != 1:
        raise DeckError(f"{_which(msg, index)} needs exactly one From address")
    if not recipients:
        raise DeckError(f"{_which(msg, index)} has no recipients")
    return senders[0], list(dict.fromkeys(recipients))


def _header_addresses(msg: EmailMessage, name: str) -> list[str]:
    found: list[str] = []
    for header in msg.get_all(name, []):
        addresses = getattr(header, "addresses", None)
        if addresses is None:
            raise DeckError(f"the {name} header of a message is not an address list")
        found.extend(address.addr_spec for address in addresses)
    return found


def _which(msg: EmailMessage, index: int) -> str:
    subject = msg.get("Subject")
    return f"message {index + 1} ({subject!s})" if subject else f"message {index + 1}"


def _refusals(refused: Mapping[str, tuple[int, bytes]]) -> str:
    return "; ".join(
        f"{address} ({_reply(code, text)})" for address, (code, text) in refused.items()
    )


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {' '.join(text.split())}".strip()


def _with_progress(problem: str, sent: list[str]) -> str:
    if not sent:
        return problem + " (nothing was sent)"
    return problem + f" ({len(sent)} message(s) were sent before this: {', '.join(sent)})"


def _connection_problem(exc: BaseException, settings: SmtpSettings) -> str:
    """A plain explanation of a connection, TLS or protocol failure."""
    where = f"{settings.host}:{settings.port}"
    if isinstance(exc, ConnectionRefusedError):
        return f"cannot connect to SMTP server {where}: connection refused (wrong host or port?)"
    if isinstance(exc, socket.gaierror):
        return f"cannot connect to SMTP server {where}: unknown host {settings.host}"
    # smtplib reports a reply that did not come in time as a disconnection.
    timed_out = isinstance(exc, smtplib.SMTPServerDisconnected) and "timed out" in str(exc)
    if isinstance(exc, TimeoutError) or timed_out:
        return f"SMTP server {where} did not answer within {settings.timeout:g} s"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"the TLS certificate of {where} is not trusted: {exc.verify_message}"
    if isinstance(exc, ssl.SSLError):
        hint = (
            " (does the server expect security starttls on this port?)"
            if settings.security == "ssl"
            else ""
        )
        return f"TLS with {where} failed: {exc.reason or exc}{hint}"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return f"SMTP server {where} does not support what was asked: {exc}"
    if isinstance(exc, smtplib.SMTPConnectError):
        reply = _reply(exc.smtp_code, exc.smtp_error)
        return f"SMTP server {where} refused the connection: {reply}"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return f"SMTP server {where} closed the connection unexpectedly ({exc})"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"SMTP server {where} answered {_reply(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, OSError):
        return f"cannot connect to SMTP server {where}: {exc.strerror or exc}"
    return f"sending through {where} failed: {exc}"


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
