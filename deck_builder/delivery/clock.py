"""The time invitations are made at: now, or a fixed moment for reproducible files.

Mail and calendar programs trust an invitation by its times: `Date:` is when the message
was written or sent, DTSTAMP when the invitation was made, and each Message-ID must be
new. Those change with every run, so files made twice differ. Setting
SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention) fixes the
clock: the same content then gives the same bytes, Message-IDs included.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
from collections.abc import Mapping

from deck_builder.errors import DeckError

ENV_EPOCH = "SOURCE_DATE_EPOCH"


def fixed(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the clock is fixed by SOURCE_DATE_EPOCH."""
    env = os.environ if environ is None else environ
    return bool(env.get(ENV_EPOCH, "").strip())


def now(environ: Mapping[str, str] | None = None) -> dt.datetime:
    """The current time in UTC, whole seconds; SOURCE_DATE_EPOCH when that is set.

    Raises DeckError when SOURCE_DATE_EPOCH is not a whole number of seconds.
    """
    env = os.environ if environ is None else environ
    text = env.get(ENV_EPOCH, "").strip()
    if not text:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        return dt.datetime.fromtimestamp(int(text), dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise DeckError(f"{ENV_EPOCH} must be a whole number of seconds since 1970-01-01 "
                        f"UTC, not {text!r}") from None


def unique(seed: str, moment: dt.datetime, environ: Mapping[str, str] | None = None) -> str:
    """A token that makes a Message-ID unique: random, or with a fixed clock derived
    from `seed` and `moment`, so reproducible files stay reproducible."""
    if not fixed(environ):
        return secrets.token_hex(8)
    return hashlib.sha256(f"{seed}|{moment.isoformat()}".encode()).hexdigest()[:16]
