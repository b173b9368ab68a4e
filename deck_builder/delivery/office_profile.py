"""The throwaway LibreOffice profile a conversion runs with: the deck's locale, no network.

LibreOffice shows numbers (chart axes and labels, whose formats are stored neutral)
in the locale of its profile, and a fresh profile takes the machine's, which on a
server is usually en-US: a Dutch deck's PDF would then show "1,234.5". So the profile
is written before LibreOffice starts, with the deck's language as its locale (read
from the deck's core properties, as the build sets them), and with its update check
and other reaching out switched off.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

DEFAULT_LOCALE = "nl-NL"
_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_LANGUAGE = re.compile(rb"<dc:language>([^<]{2,35})</dc:language>")

# (registry path, property, value): what the profile sets beside the locale.
_QUIET = (
    ("/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments",
     "AutoCheckEnabled", "false"),
    ("/org.openoffice.Office.Common/Misc", "FirstRun", "false"),
    ("/org.openoffice.Office.Common/Misc", "ShowTipOfTheDay", "false"),
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableActiveContent", "true"),
    ("/org.openoffice.Office.Common/Misc", "CollectUsageInformation", "false"),
    ("/org.openoffice.Office.Common/Internet", "MacroSecurityLevel", "3"),
)


def deck_locale(deck: bytes) -> str:
    """The language tag a deck's core properties give (`nl-NL`), or DEFAULT_LOCALE
    when the deck names none or cannot be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(deck)) as archive:
            info = archive.getinfo("docProps/core.xml")
            if info.file_size > 1_000_000:
                return DEFAULT_LOCALE
            found = _LANGUAGE.search(archive.read(info))
    except (KeyError, zipfile.BadZipFile, OSError):
        return DEFAULT_LOCALE
    if found is None:
        return DEFAULT_LOCALE
    tag = found.group(1).decode("ascii", "replace").strip()
    return tag if _TAG.match(tag) else DEFAULT_LOCALE


def registry(locale: str) -> str:
    """The text of a profile's `registrymodifications.xcu` for `locale`."""
    def item(path: str, name: str, value: str) -> str:
        return (f'<item oor:path="{escape(path)}"><prop oor:name="{name}" oor:op="fuse">'
                f"<value>{escape(value)}</value></prop></item>")

    items = [
        item("/org.openoffice.Setup/L10N", "ooLocale", locale),
        item("/org.openoffice.Setup/L10N", "ooSetupSystemLocale", locale),
        item("/org.openoffice.Office.Linguistic/General", "DefaultLocale", locale),
        *(item(path, name, value) for path, name, value in _QUIET),
    ]
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
            + "\n".join(items) + "\n</oor:items>\n")


def write_profile(profile: Path, locale: str = DEFAULT_LOCALE) -> Path:
    """Write a fresh profile's settings into the folder `profile` (what
    `-env:UserInstallation` names), for `locale`; the settings file's path."""
    settings = profile / "user" / "registrymodifications.xcu"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(registry(locale if _TAG.match(locale) else DEFAULT_LOCALE),
                        encoding="utf-8")
    return settings
