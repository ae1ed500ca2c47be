"""The daily reminder sweep: one digest per officer of their due-soon and overdue requests.

Against a fixed day, Tue 2026-10-20, with the 2026 calendar (due soon: due within 3 working days,
i.e. by Fri 10-23):
- received Tue 09-15 → due Mon 10-19: overdue (1 working day)
- received Fri 09-18 → due Thu 10-22: due soon (2 working days left)
- received Mon 09-21 → due Mon 10-26: on time (4 working days left)
(Sun 09-20 and Sat 10-10 are make-up working days; 09-25 and 10-01..07 are days off.)
"""

from __future__ import annotations

import datetime
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command

from sunshine.agencies.models import Role
from sunshine.core.models import AuditEntry
from sunshine.inforequests import reminders, services
from sunshine.inforequests.models import InfoRequest, ReminderDigest, ReminderSweep
from sunshine.inforequests.tasks import send_request_reminders
from tests.inforequests.conftest import D

TODAY = D(2026, 10, 20)
OVERDUE_RECEIVED, DUE_SOON_RECEIVED, ON_TIME_RECEIVED = D(2026, 9, 15), D(2026, 9, 18), D(2026, 9, 21)
BASE = "https://gk.example.gov.cn"


@pytest.fixture
def people(make_user, tree):
    return {
        "ann": make_user("ann", agency=tree["education"], role=Role.OFFICER, email="ann@example.gov.cn"),
        "ben": make_user("ben", agency=tree["education"], role=Role.OFFICER, email="ben@example.gov.cn"),
        "cai": make_user("cai", agency=tree["finance"], role=Role.OFFICER, email="cai@example.gov.cn"),
        # a reviewer of the Education Bureau: not an information officer, gets nothing
        "rex": make_user("rex", agency=tree["education"], role=Role.REVIEWER, email="rex@example.gov.cn"),
    }


@pytest.fixture
def requests(tree, applicant, wanted, people):
    def make(received: datetime.date, agency: str = "education", officer: str | None = None) -> InfoRequest:
        request, _ = services.submit_request(
            agency=tree[agency],
            applicant=applicant,
            wanted=wanted,
            channel="post",
            received_on=received,
            by=people["rex"],  # registered from paper: the history starts on the day of receipt
            today=TODAY,
        )
        if officer is not None:
            InfoRequest.objects.filter(pk=request.pk).update(assigned_to=people[officer])
            request.refresh_from_db()
        return request

    made = {
        "ann_overdue": make(OVERDUE_RECEIVED, officer="ann"),
        "ann_due_soon": make(DUE_SOON_RECEIVED, officer="ann"),
        "ann_on_time": make(ON_TIME_RECEIVED, officer="ann"),
        "unassigned_due_soon": make(DUE_SOON_RECEIVED),
        "cai_due_soon": make(DUE_SOON_RECEIVED, agency="finance", officer="cai"),
        "nobody_overdue": make(OVERDUE_RECEIVED, agency="health"),  # East District Health has no officer
        "replied": make(OVERDUE_RECEIVED, officer="ann"),
        "consulting": make(DUE_SOON_RECEIVED, officer="ann"),
    }
    services.perform_action(
        request=made["replied"],
        action="reply",
        by=None,
        date=D(2026, 10, 9),
        today=TODAY,
        outcome="disclosed",
    )
    services.perform_action(
        request=made["consulting"],
        action="start_consultation",
        by=None,
        date=D(2026, 10, 12),
        today=TODAY,
        party="third_party",
    )
    assert made["ann_overdue"].due_date == D(2026, 10, 19)
    assert made["ann_due_soon"].due_date == D(2026, 10, 22)
    assert made["ann_on_time"].due_date == D(2026, 10, 26)
    return made


def message_to(address: str) -> mail.EmailMessage:
    (message,) = [m for m in mail.outbox if m.to == [address]]
    return message


def test_the_states_are_computed_against_the_given_day(requests):
    plan = reminders.plan_reminders(TODAY)
    assert plan.examined == 7  # every open request; the replied one is not open
    assert plan.overdue == 2
    assert plan.due_soon == 3
    by_code = {item.tracking_code: item for digest in plan.digests for item in digest.requests}
    overdue = by_code[requests["ann_overdue"].tracking_code]
    assert (overdue.state, overdue.due_date, overdue.remaining_working_days) == (
        "overdue",
        D(2026, 10, 19),
        -1,
    )
    due_soon = by_code[requests["ann_due_soon"].tracking_code]
    assert (due_soon.state, due_soon.remaining_working_days) == ("due_soon", 2)
    assert requests["ann_on_time"].tracking_code not in by_code
    assert requests["consulting"].tracking_code not in by_code


def test_each_officer_gets_one_digest_of_their_due_soon_and_overdue_requests(requests, people):
    result = reminders.sweep(today=TODAY, base_url=BASE)

    assert result.sent == 3
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ann@example.gov.cn",
        "ben@example.gov.cn",
        "cai@example.gov.cn",
    ]
    body = message_to("ann@example.gov.cn").body
    listed = [r for r in requests.values() if r.tracking_code in body]
    assert {r.pk for r in listed} == {
        requests["ann_overdue"].pk,
        requests["ann_due_soon"].pk,
        requests["unassigned_due_soon"].pk,
    }
    assert f"{BASE}/staff/requests/{requests['ann_overdue'].pk}/" in body
    assert "2026-10-19" in body
    assert "2026-10-22" in body
    # overdue first
    assert body.index(requests["ann_overdue"].tracking_code) < body.index(
        requests["ann_due_soon"].tracking_code
    )
    assert requests["cai_due_soon"].tracking_code in message_to("cai@example.gov.cn").body
    assert not [m for m in mail.outbox if "rex@example.gov.cn" in m.to]


def test_requests_nobody_is_assigned_go_to_the_agencys_information_officers(requests):
    reminders.sweep(today=TODAY, base_url=BASE)
    body = message_to("ben@example.gov.cn").body
    assert requests["unassigned_due_soon"].tracking_code in body
    assert requests["ann_overdue"].tracking_code not in body  # assigned to Ann, not to Ben


def test_a_request_whose_agency_has_no_information_officer_is_reported_as_unrouted(requests):
    result = reminders.sweep(today=TODAY)
    assert [item.id for item in result.plan.unrouted] == [requests["nobody_overdue"].pk]
    assert result.summary()["unrouted"] == 1


def test_an_inactive_assigned_officer_is_replaced_by_the_agencys_officers(requests, people):
    people["cai"].is_active = False
    people["cai"].save()
    reminders.sweep(today=TODAY)
    assert not [m for m in mail.outbox if m.to == ["cai@example.gov.cn"]]
    plan = reminders.plan_reminders(TODAY)
    assert requests["cai_due_soon"].pk in {item.id for item in plan.unrouted}


def test_a_second_run_the_same_day_sends_nothing_new(requests):
    first = reminders.sweep(today=TODAY)
    second = reminders.sweep(today=TODAY)

    assert first.sent == 3
    assert second.sent == 0
    assert second.already_sent == 3
    assert len(mail.outbox) == 3
    assert ReminderDigest.objects.filter(date=TODAY).count() == 3
    ann = ReminderDigest.objects.get(recipient__username="ann")
    assert ann.count == 3
    assert ann.sent_at is not None

    next_day = reminders.sweep(today=D(2026, 10, 21))
    assert next_day.sent == 3
    assert len(mail.outbox) == 6


def test_a_dry_run_prints_the_plan_and_sends_nothing(requests):
    out = StringIO()
    call_command("send_request_reminders", "--dry-run", "--today", "2026-10-20", stdout=out)

    printed = out.getvalue()
    assert "ann@example.gov.cn" in printed
    assert requests["ann_overdue"].tracking_code in printed
    assert f"/staff/requests/{requests['ann_overdue'].pk}/" in printed
    assert "(dry run)" in printed
    assert mail.outbox == []
    assert not ReminderDigest.objects.exists()
    assert not AuditEntry.objects.filter(action="inforequest.reminders").exists()


def test_the_command_prints_a_summary_and_audits_one_row_per_run(requests):
    out = StringIO()
    call_command("send_request_reminders", "--today", "2026-10-20", stdout=out)
    call_command("send_request_reminders", "--today", "2026-10-20", stdout=out)

    printed = out.getvalue()
    assert "7 open requests examined, 3 due soon, 2 overdue; 3 e-mails sent" in printed
    assert "0 e-mails sent" in printed
    entries = AuditEntry.objects.filter(action="inforequest.reminders").order_by("id")
    assert entries.count() == 2
    assert all(entry.actor is None for entry in entries)
    assert [(entry.after or {}).get("sent") for entry in entries] == [3, 0]
    assert ReminderSweep.objects.count() == 2


def test_nothing_is_sent_on_a_day_off_unless_asked(requests):
    out = StringIO()
    call_command("send_request_reminders", "--today", "2026-10-24", stdout=out)  # a Saturday
    assert "not a working day" in out.getvalue()
    assert mail.outbox == []
    call_command("send_request_reminders", "--today", "2026-10-24", "--any-day", stdout=out)
    assert len(mail.outbox) == 3


def test_a_failed_e_mail_is_retried_by_the_next_run(requests):
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("mail server down")):
        failed = reminders.sweep(today=TODAY)
    assert failed.failed == 3
    assert failed.sent == 0
    assert not ReminderDigest.objects.exists()

    again = reminders.sweep(today=TODAY)
    assert again.sent == 3


def test_the_task_runs_the_sweep(requests):
    result = send_request_reminders.enqueue(today="2026-10-20")
    summary = result.return_value
    assert summary is not None
    assert summary["sent"] == 3
    assert summary["overdue"] == 2


def test_the_plan_takes_a_fixed_number_of_queries_whatever_the_number_of_requests(
    requests, tree, applicant, wanted, django_assert_max_num_queries
):
    for _ in range(20):
        services.submit_request(
            agency=tree["education"],
            applicant=applicant,
            wanted=wanted,
            channel="post",
            received_on=OVERDUE_RECEIVED,
            today=TODAY,
        )
    with django_assert_max_num_queries(8):
        plan = reminders.plan_reminders(TODAY)
    assert plan.overdue == 22
