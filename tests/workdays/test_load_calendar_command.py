"""python manage.py load_calendar --year 2027 --file notice.csv --notice "…"."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from sunshine.core.models import AuditEntry
from sunshine.workdays.models import CalendarDay, CalendarSource, CalendarYear

TITLE = "国务院办公厅关于2027年部分节假日安排的通知"


@pytest.fixture(autouse=True)
def english():
    """Commands speak the default language (zh-hans); these tests read the English messages."""
    with translation.override("en"):
        yield


def test_it_publishes_a_year_from_a_file(published, tmp_path, capsys):
    path = tmp_path / "notice.csv"
    path.write_text("date,is_workday,note\n2027-02-05,0,春节\n2027-02-13,1,春节调休上班\n", encoding="utf-8")
    call_command("load_calendar", "--year", "2027", "--file", str(path), "--notice", TITLE)
    row = CalendarYear.objects.get(year=2027)
    assert (row.notice_title, row.source, row.days.count()) == (TITLE, CalendarSource.IMPORT, 365)
    assert CalendarDay.objects.get(date=datetime.date(2027, 2, 5)).is_workday is False
    assert AuditEntry.objects.filter(
        action="calendar.publish_year", object_id=str(row.pk), actor=None
    ).exists()
    assert "Published the calendar for 2027 (365 days)." in capsys.readouterr().out


def test_it_reports_the_bad_row_and_stores_nothing(published, tmp_path):
    path = tmp_path / "notice.csv"
    path.write_text("date,is_workday,note\n2027-02-05,0,春节\n2027-13-01,0,春节\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Row 3"):
        call_command("load_calendar", "--year", "2027", "--file", str(path), "--notice", TITLE)
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_it_refuses_a_missing_file(published, tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command(
            "load_calendar", "--year", "2027", "--file", str(tmp_path / "none.csv"), "--notice", TITLE
        )


def test_it_refuses_to_overwrite_a_published_year_without_replace(published, tmp_path):
    path = tmp_path / "notice.csv"
    path.write_text("date,is_workday,note\n2026-02-14,0,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="already published"):
        call_command("load_calendar", "--year", "2026", "--file", str(path), "--notice", TITLE)
    call_command("load_calendar", "--year", "2026", "--file", str(path), "--notice", TITLE, "--replace")
    assert CalendarDay.objects.get(date=datetime.date(2026, 2, 14)).is_workday is False
