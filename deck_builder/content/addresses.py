"""Checks for what goes into e-mail headers: addresses and one-line texts.

Kept apart from the message builder (and its calendar library) so that content
validation can check addresses and subjects cheaply, at their YAML lines.
"""

from __future__ import annotations

import re
import unicodedata

# RFC 5322 atext: what a dot-atom local part may hold besides the dots.
_ATEXT = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+\Z")
_LDH_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\Z")
# Characters that mean someone typed more than one bare address; named in the message.
_NOT_IN_ADDRESS = {
    ",": "a comma (give one address per entry)",
    ";": "a semicolon (give one address per entry)",
    "<": "'<' (give the bare address, without a name)",
    ">": "'>' (give the bare address, without a name)",
    '"': "a quote",
    "(": "a parenthesis",
    ")": "a parenthesis",
    "[": "a square bracket",
    "]": "a square bracket",
    ":": "a colon",
    "\\": "a backslash",
}
# Characters that reorder text on screen: they can make a name or file name look like
# something else ("gnp.exe" shown as "exe.png").
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def header_problem(text: str) -> str | None:
    """Why `text` cannot be a one-line header value (subject, name, file name), or None.

    Rejects line breaks, other control characters, line and paragraph separators, lone
    surrogates, text-direction controls and "=?". Empty text is fine here.
    """
    problem = _one_line_problem(text)
    if problem:
        return problem
    if "=?" in text:
        # The start of an RFC 2047 encoded word: the email package decodes it as soon as
        # it is set, and mail programs would show something else than what was written.
        return "contains '=?', which mail programs read as the start of encoded text"
    return None


def _one_line_problem(text: object) -> str | None:
    """Why `text` is not one line of printable text (a line break, a control code)."""
    if not isinstance(text, str):
        return f"must be text, not {type(text).__name__}"
    for char in text:
        if char in "\r\n":
            return "contains a line break"
        problem = _character_problem(char)
        if problem:
            return problem
    return None


def _text_problem(text: str) -> str | None:
    """Like header_problem, for multi-line text (bodies, descriptions): allows \\n and tab."""
    if not isinstance(text, str):
        return f"must be text, not {type(text).__name__}"
    for char in text.replace("\r\n", "\n"):
        if char not in "\n\t":
            problem = _character_problem(char)
            if problem:
                return problem
    return None


def _character_problem(char: str) -> str | None:
    category = unicodedata.category(char)
    if category == "Cc":
        return f"contains the control character U+{ord(char):04X}"
    if category in ("Zl", "Zp"):
        return f"contains a line or paragraph separator (U+{ord(char):04X})"
    if category == "Cs":
        return f"contains an unpaired surrogate (U+{ord(char):04X})"
    if char in _BIDI_CONTROLS:
        return f"contains the text-direction control U+{ord(char):04X}"
    return None


def address_problem(text: str) -> str | None:
    """Why `text` is not one plain e-mail address `local@domain`, or None when it is.

    Strict on purpose: anything `email.utils.parseaddr` would quietly cut down or pick
    apart (lists, names, `<…>`, quotes, comments, several @) is rejected, never repaired.
    """
    if not isinstance(text, str):
        return f"must be text, not {type(text).__name__}"
    if not text:
        return "is empty"
    problem = _one_line_problem(text)
    if problem:
        return problem
    for char in text:
        if char.isspace():
            return "contains a space"
        if char in _NOT_IN_ADDRESS:
            return f"contains {_NOT_IN_ADDRESS[char]}"
    ats = text.count("@")
    if ats == 0:
        return "has no @"
    if ats > 1:
        return "has more than one @"
    local, domain = text.split("@")
    if not local:
        return "has nothing before the @"
    if not domain:
        return "has no domain after the @"
    if not local.isascii():
        return "has letters outside ASCII before the @ (most mail servers cannot deliver that)"
    if len(local) > 64:
        return "has more than 64 characters before the @"
    if any(not atom for atom in local.split(".")):
        return "has a dot at the start or end of the part before the @, or two dots in a row"
    for atom in local.split("."):
        if not _ATEXT.match(atom):
            bad = next(c for c in atom if not _ATEXT.match(c))
            return f"contains {bad!r}, which is not allowed in an e-mail address"
    ascii_domain, problem = _check_domain(domain)
    if problem:
        return problem
    if len(local) + 1 + len(ascii_domain) > 254:
        return "is longer than 254 characters"
    return None


def _check_domain(domain: str) -> tuple[str, str | None]:
    """(the domain in ASCII, None) or ("", why the domain is not a mail domain)."""
    if domain.endswith("."):
        return "", f"domain {domain!r} ends with a dot"
    labels = domain.split(".")
    if len(labels) < 2:
        return "", f"domain {domain!r} has no dot (like example.nl)"
    if any(not label for label in labels):
        return "", f"domain {domain!r} has two dots in a row or starts with a dot"
    ascii_labels = []
    for label in labels:
        if label.isascii():
            ascii_label = label
        else:
            try:
                ascii_label = label.encode("idna").decode("ascii")
            except UnicodeError:
                return "", f"domain {domain!r} is not a valid international domain name"
        if not _LDH_LABEL.match(ascii_label):
            return "", (
                f"domain {domain!r} may only hold letters, digits and hyphens between the "
                "dots (no hyphen at either end of a part, at most 63 characters each)"
            )
        if ascii_label.lower().startswith("xn--"):
            try:
                ascii_label.encode("ascii").decode("idna")
            except UnicodeError:
                return "", f"domain {domain!r} has an invalid xn-- part"
        ascii_labels.append(ascii_label)
    if ascii_labels[-1].isdigit():
        return "", f"domain {domain!r} looks like an IP address; give a domain name"
    ascii_domain = ".".join(ascii_labels)
    if len(ascii_domain) > 253:
        return "", f"domain {domain!r} is longer than 253 characters"
    return ascii_domain, None


def ascii_address(text: str) -> str:
    """The address with its domain as IDNA A-label (`a@fryslân.nl` → `a@xn--frysln-0ta.nl`).

    Raises ValueError for what address_problem rejects.
    """
    problem = address_problem(text)
    if problem:
        raise ValueError(f"{text!r} {problem}")
    local, domain = text.split("@")
    return f"{local}@{_check_domain(domain)[0].lower()}"
