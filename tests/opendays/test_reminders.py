"""The reminder the day before: ``manage.py opendays_reminders`` e-mails each confirmed registration
of tomorrow's open days once, however often it runs; those waiting and other days are left alone."""

from __future__ import annotations

import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone


def tomorrow_at_ten() -> datetime.timedelta:
    now = timezone.localtime()
    start = (now + datetime.timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
    return start - now


def test_confirmed_registrations_of_tomorrow_are_reminded_once(make_event, sign_up):
    event = make_event(capacity=1, starts_in=tomorrow_at_ten())
    confirmed, _ = sign_up(event, email="come@example.com")
    sign_up(event, email="wait@example.com")  # waiting: no reminder
    later = make_event(capacity=5)
    sign_up(later, email="later@example.com")
    mail.outbox.clear()
    call_command("opendays_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.to for m in mail.outbox] == [["come@example.com"]]
    assert "Tomorrow" in mail.outbox[0].subject
    confirmed.refresh_from_db()
    assert confirmed.reminded_at is not None
    call_command("opendays_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1


def test_a_cancelled_open_day_sends_no_reminder(make_event, sign_up, alice):
    from sunshine.opendays import services

    event = make_event(starts_in=tomorrow_at_ten())
    sign_up(event)
    services.cancel_event(event=event, by=alice, reason="天气原因")
    mail.outbox.clear()
    assert services.send_reminders() == {"sent": 0, "failed": 0}
    assert mail.outbox == []
