"""The sent log: what `invite` has sent, to whom, when, with which SEQUENCE.

Calendars replace an invitation by a later one with the same UID only when its
SEQUENCE is higher, and people should not get the same invitation twice. So every
message sent is recorded in `sent.json` in the invitations' folder of the output
folder, written whole after each message the server accepted: the meeting as it was
sent (title, place, start, end), the method, the sequence, the recipients and the
Message-ID. The next run compares the meeting with what was sent last (see
`invite.decide`).

A log that cannot be read is an error, never an empty log: an empty log would send
everyone the invitation again as if it were new.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deck_builder.errors import DeckError
from deck_builder.files import write_atomically

LOG_NAME = "sent.json"
_ABOUT = ("What deck-builder invite has sent, per meeting (calendar UID): keep this file "
          "with the invitations; the next run sends an update with a higher SEQUENCE, "
          "a cancellation, or nothing, by what it says.")


@dataclass(frozen=True)
class Sent:
    """One message sent for a meeting: when, how, to whom, and the meeting as sent."""

    at: dt.datetime  # aware, UTC
    method: str  # REQUEST or CANCEL
    sequence: int
    to: tuple[str, ...]  # e-mail addresses
    message_id: str
    summary: str
    location: str
    start: dt.datetime  # aware
    end: dt.datetime

    def to_json(self) -> dict[str, Any]:
        """The entry as written in the log."""
        return {"at": self.at.isoformat(), "method": self.method, "sequence": self.sequence,
                "to": list(self.to), "message_id": self.message_id, "summary": self.summary,
                "location": self.location, "start": self.start.isoformat(),
                "end": self.end.isoformat()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Sent:
        """An entry read back; raises KeyError, TypeError or ValueError when it is not one."""
        return cls(dt.datetime.fromisoformat(data["at"]), str(data["method"]),
                   int(data["sequence"]), tuple(str(a) for a in data["to"]),
                   str(data["message_id"]), str(data["summary"]), str(data["location"]),
                   dt.datetime.fromisoformat(data["start"]),
                   dt.datetime.fromisoformat(data["end"]))


@dataclass
class SentLog:
    """The log of one output folder: per calendar UID, the invitation it belongs to
    (`key`: deck slug and afdeling) and its messages, oldest first."""

    path: Path
    keys: dict[str, str] = field(default_factory=dict)  # uid → key
    sent: dict[str, list[Sent]] = field(default_factory=dict)  # uid → messages

    @classmethod
    def load(cls, folder: Path) -> SentLog:
        """The log in `folder` (empty when there is none yet).

        Raises DeckError when the file exists but cannot be read as a log.
        """
        path = folder / LOG_NAME
        log = cls(path)
        if not path.exists():
            return log
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            for uid, entry in document["invitations"].items():
                log.keys[uid] = str(entry["key"])
                log.sent[uid] = [Sent.from_json(item) for item in entry["sent"]]
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError,
                ValueError, AttributeError) as exc:
            raise DeckError(
                f"{path}: the sent log cannot be read ({type(exc).__name__}: {exc}); it "
                "records what was sent, so nothing is sent without it: repair the file, "
                "or move it away to start afresh (everyone is then invited again)"
            ) from None
        return log

    def history(self, uid: str) -> list[Sent]:
        """The messages sent for `uid`, oldest first."""
        return list(self.sent.get(uid, []))

    def current_uid(self, key: str, now: dt.datetime) -> str | None:
        """The UID last used for the invitation `key`, while that meeting (as last sent,
        invited or cancelled) has not ended by `now`. A meeting moved to another day keeps
        its UID, and calendars their entry, this way; a meeting of another day after it
        gets its own."""
        found = [(history[-1].at, uid) for uid, owner in self.keys.items()
                 if owner == key and (history := self.sent.get(uid)) and history[-1].end > now]
        return max(found)[1] if found else None

    def record(self, key: str, uid: str, sent: Sent) -> None:
        """Add a message sent and write the log at once (whole, or not at all)."""
        self.keys[uid] = key
        self.sent.setdefault(uid, []).append(sent)
        document = {
            "about": _ABOUT,
            "invitations": {
                uid: {"key": self.keys[uid],
                      "sent": [item.to_json() for item in self.sent[uid]]}
                for uid in self.sent
            },
        }
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        write_atomically(text.encode("utf-8"), self.path)
