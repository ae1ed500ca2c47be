"""The zh-hans and English catalogues are complete and compiled, and hold every string in the code."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("zh_Hans", "en")


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated_and_none_is_fuzzy(language):
    po = catalogue(language)
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_the_source(language):
    po = catalogue(language)
    mo = polib.mofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, dict(e.msgstr_plural)) for e in mo}
    for entry in po.translated_entries():
        assert compiled.get((entry.msgctxt, entry.msgid)) == (entry.msgstr, dict(entry.msgstr_plural)), (
            entry.msgid
        )


def test_the_catalogue_holds_every_string_in_the_code(tmp_path, settings):
    if shutil.which("xgettext") is None:
        message = "GNU gettext (xgettext) is not installed: apt-get install gettext"
        if os.environ.get("SUNSHINE_REQUIRE_GETTEXT") == "1":
            pytest.fail(message)
        pytest.skip(message)
    # Extract from a scratch tree that links to the code: run in the project itself, makemessages
    # would write into the project's own locale/ (it prefers a ./locale directory).
    work = tmp_path / "src"
    work.mkdir()
    (work / "sunshine").symlink_to(ROOT / "sunshine", target_is_directory=True)
    out = tmp_path / "locale"
    out.mkdir()
    here = Path.cwd()
    os.chdir(work)
    try:
        with override_settings(LOCALE_PATHS=[out]):
            call_command(
                "makemessages",
                locale=["zh_Hans"],
                symlinks=True,
                ignore_patterns=["staticfiles"],
                no_location=True,
                verbosity=0,
            )
    finally:
        os.chdir(here)
    extracted = polib.pofile(str(out / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    known = {(e.msgctxt, e.msgid) for e in catalogue("zh_Hans")}
    missing = sorted(e.msgid for e in extracted if (e.msgctxt, e.msgid) not in known)
    assert missing == [], "run `make messages` and translate: " + "; ".join(missing[:20])
