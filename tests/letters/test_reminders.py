"""Letters in the daily reminder sweep (``manage.py send_request_reminders``): the officers of the
handling agency get their letters due soon and overdue, the supervisors and the disclosure office the
supervised letters past their day, in the one digest a person gets a day.

Against Tue 2026-10-20 on the 2026 calendar (due soon: within 3 working days, by Fri 10-23); the due
dates are set on the stored letters, as the sweep reads them.
"""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from sunshine.agencies.models import Role
from sunshine.inforequests.models import ReminderDigest
from sunshine.letters import services
from sunshine.letters.models import Letter

TODAY = datetime.date(2026, 10, 20)


@pytest.fixture(autouse=True)
def in_english(settings):
    """The digest is written in the site's language: English here, to compare its texts."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def people(make_user, tree):
    return {
        "ann": make_user("ann", agency=tree["education"], role=Role.OFFICER, email="ann@example.gov.cn"),
        "cai": make_user("cai", agency=tree["finance"], role=Role.OFFICER, email="cai@example.gov.cn"),
        "sue": make_user("sue", agency=tree["city"], role=Role.SUPERVISOR, email="sue@example.gov.cn"),
        "rex": make_user("rex", agency=tree["education"], role=Role.REVIEWER, email="rex@example.gov.cn"),
    }


@pytest.fixture
def letters(write, people):
    def make(due: datetime.date | None, **kwargs) -> Letter:
        letter, _key = write(datetime.date(2026, 9, 21), **kwargs)
        Letter.objects.filter(pk=letter.pk).update(due_date=due)
        letter.refresh_from_db()
        return letter

    return {
        "overdue": make(datetime.date(2026, 10, 19)),
        "due_soon": make(datetime.date(2026, 10, 22)),
        "on_time": make(datetime.date(2026, 10, 30)),
    }


def sweep(*args: str) -> str:
    out = StringIO()
    call_command("send_request_reminders", "--today", TODAY.isoformat(), *args, stdout=out)
    return out.getvalue()


def test_the_agencys_officer_gets_one_digest_of_its_letters_due_soon_and_overdue(letters, people):
    output = sweep()
    assert "3 open letters examined, 1 due soon, 1 overdue" in output
    assert [m.to for m in mail.outbox] == [["ann@example.gov.cn"]]
    body = mail.outbox[0].body
    assert "Letters overdue (1)" in body
    assert "Letters due soon (1)" in body
    assert letters["overdue"].tracking_code in body
    assert letters["due_soon"].tracking_code in body
    assert letters["on_time"].tracking_code not in body
    assert f"/staff/letters/{letters['overdue'].pk}/" in body
    assert "working days overdue: 1" in body
    assert "1 overdue, 1 due soon (requests and letters)" in mail.outbox[0].subject


def test_a_supervised_letter_past_its_day_reaches_the_supervisors_above_the_agency(letters, people):
    services.perform_action(
        letter=letters["on_time"],
        action="supervise",
        by=people["sue"],
        date=datetime.date(2026, 10, 12),
        today=datetime.date(2026, 10, 12),
        note="请于10月16日前答复",
        due_on=datetime.date(2026, 10, 16),
    )
    sweep()
    to_sue = [m for m in mail.outbox if m.to == ["sue@example.gov.cn"]]
    assert len(to_sue) == 1
    assert "Letters past the day set by supervision (督办) (1)" in to_sue[0].body
    assert letters["on_time"].tracking_code in to_sue[0].body
    assert "answer expected by 2026-10-16 (supervision)" in to_sue[0].body


def test_the_sweep_is_idempotent_per_day_and_a_dry_run_sends_nothing(letters, people):
    dry = sweep("--dry-run")
    assert f"letter overdue  {letters['overdue'].tracking_code}" in dry
    assert mail.outbox == []
    sweep()
    sweep()
    assert len(mail.outbox) == 1
    assert ReminderDigest.objects.get(recipient=people["ann"], date=TODAY).count == 2


def test_concluded_letters_and_letters_of_an_agency_without_an_officer_are_not_sent(
    letters, people, alice, tree, write
):
    services.perform_action(
        letter=letters["overdue"], action="return", by=alice, reason="属于诉讼事项", today=TODAY
    )
    nobody, _ = write(datetime.date(2026, 9, 21), agency=tree["district"])
    Letter.objects.filter(pk=nobody.pk).update(due_date=datetime.date(2026, 10, 19))
    output = sweep()
    assert "1 with nobody to tell" in output
    assert all(letters["overdue"].tracking_code not in m.body for m in mail.outbox)
    assert all(nobody.tracking_code not in m.body for m in mail.outbox)
