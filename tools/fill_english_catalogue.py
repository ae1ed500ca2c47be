"""Fill the English catalogue: English is the source language, so each msgstr is its msgid.

Run by `make messages` after makemessages; the zh-hans catalogue is translated by people.
"""

from __future__ import annotations

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    for name in ("django.po", "djangojs.po"):
        path = ROOT / "locale" / "en" / "LC_MESSAGES" / name
        if not path.exists():
            continue
        catalogue = polib.pofile(str(path))
        for entry in catalogue:
            if entry.msgid_plural:
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            else:
                entry.msgstr = entry.msgid
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        catalogue.save()


if __name__ == "__main__":
    main()
