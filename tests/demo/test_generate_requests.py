"""``generate --requests N``: synthetic requests for information in bulk, for benchmarks."""

from __future__ import annotations

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sunshine.agencies.models import Agency, Membership, Role
from sunshine.core.models import AuditEntry
from sunshine.demo.synthetic.requests import credit_code_check
from sunshine.inforequests.clock import clock_of
from sunshine.inforequests.codes import CONCLUDED_STATUSES, OPEN_STATUSES, Outcome, Status
from sunshine.inforequests.models import InfoRequest
from sunshine.inforequests.validation import CREDIT_CODE, resident_id_is_valid
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import add_working_days

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)
N = 2000


def generate(*args: str) -> str:
    out = StringIO()
    call_command("generate", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def generated() -> str:
    return generate(
        "--agencies",
        "120",
        "--staff",
        "60",
        "--prefix",
        "T",
        "--requests",
        str(N),
        "--today",
        TODAY.isoformat(),
    )


def test_it_creates_exactly_the_number_of_requests_asked_for_over_the_generated_agencies(generated):
    assert InfoRequest.objects.count() == N
    agencies = set(Agency.objects.filter(code__startswith="T-").values_list("pk", flat=True))
    used = set(InfoRequest.objects.values_list("agency_id", flat=True).distinct())
    assert used <= agencies
    assert len(used) > 30
    codes = list(InfoRequest.objects.values_list("tracking_code", flat=True))
    assert len(set(codes)) == N
    assert f"Requests: {N} (" in generated


def test_most_requests_are_concluded_and_a_few_are_open_in_every_open_status(generated):
    statuses = Counter(InfoRequest.objects.values_list("status", flat=True))
    open_count = sum(statuses[s] for s in OPEN_STATUSES)
    assert 0.04 * N <= open_count <= 0.11 * N
    assert statuses[Status.REPLIED] > 0.75 * N
    assert {s for s in statuses if statuses[s]} == set(Status.values)


def test_received_dates_run_from_2024_to_the_reference_day_and_conclusions_follow_receipt(generated):
    received = [day for day in InfoRequest.objects.values_list("received_on", flat=True) if day is not None]
    assert min(received) >= datetime.date(2024, 1, 1)
    assert max(received) <= TODAY
    assert min(received) < datetime.date(2024, 3, 1)
    assert {day.year for day in received} == {2024, 2025, 2026}
    for request in InfoRequest.objects.filter(status__in=CONCLUDED_STATUSES):
        assert request.outcome
        assert request.concluded_on is not None
        assert request.received_on is not None
        assert request.received_on < request.concluded_on <= TODAY
    for request in InfoRequest.objects.filter(status__in=OPEN_STATUSES):
        assert request.concluded_on is None
        assert not request.outcome


def test_due_dates_are_those_the_clock_gives_for_each_request(generated):
    calendar = current_calendar()
    checked: Counter[str] = Counter()
    for request in InfoRequest.objects.prefetch_related("pauses"):
        if request.status == Status.CLOSED:
            # closed for want of a correction: the period never restarted (条例 Art. 30)
            assert request.outcome == Outcome.OTHER_CORRECTION_OVERDUE
            assert request.due_date is None
            assert request.concluded_on is not None
            assert request.correction_due is not None
            assert request.concluded_on > request.correction_due
            continue
        clock = clock_of(request)
        expected = clock.due_date(calendar) if clock is not None else None
        assert request.due_date == expected, request.tracking_code
        checked[request.status] += 1
    assert checked[Status.RECEIVED]
    assert checked[Status.REPLIED]
    assert checked[Status.IN_CONSULTATION]
    extended = InfoRequest.objects.filter(extension_days__gt=0).first()
    assert extended is not None
    assert extended.received_on is not None
    assert extended.due_date == add_working_days(extended.received_on, 20 + extended.extension_days, calendar)


def test_open_requests_wait_in_the_right_way(generated):
    calendar = current_calendar()
    for request in InfoRequest.objects.filter(status=Status.SUBMITTED):
        assert request.received_on is None
        assert request.due_date is None
    for request in InfoRequest.objects.filter(status=Status.IN_CONSULTATION):
        assert [p.ended_on for p in request.pauses.all()] == [None]
    for request in InfoRequest.objects.filter(status=Status.AWAITING_FEE):
        assert request.fee_amount
        assert request.fee_amount > 0
        assert request.fee_notified_on is not None
        assert request.fee_due == add_working_days(request.fee_notified_on, 20, calendar)
    for request in InfoRequest.objects.filter(status=Status.AWAITING_CORRECTION):
        assert request.correction_items
        assert request.correction_due is not None
        assert request.correction_requested_on is not None
        assert request.correction_due > request.correction_requested_on
    due_dates = InfoRequest.objects.filter(status=Status.RECEIVED).values_list("due_date", flat=True)
    states = Counter("overdue" if due is not None and due < TODAY else "running" for due in due_dates)
    assert states["running"] > states["overdue"] > 0


def test_applicants_have_valid_identity_numbers_and_apply_more_than_once(generated):
    people = InfoRequest.objects.values_list("applicant_id_type", "applicant_id_number", "applicant_name")
    kinds: Counter[str] = Counter()
    names: dict[str, set[str]] = {}
    for id_type, number, name in people:
        kinds[id_type] += 1
        names.setdefault(number, set()).add(name)
        if id_type == "resident_id":
            assert resident_id_is_valid(number), number
        else:
            assert id_type == "credit_code"
            assert CREDIT_CODE.match(number)
            assert credit_code_check(number[:17]) == number[17]
    assert kinds["resident_id"] > kinds["credit_code"] > 0
    assert all(len(n) == 1 for n in names.values())  # one number, one name
    assert max(Counter(number for _, number, _ in people).values()) > 1


def test_the_credit_code_check_character_matches_the_standard_example():
    assert credit_code_check("91350100M000100Y4") == "3"  # GB 32100 example 91350100M000100Y43


def test_requests_are_assigned_only_to_information_officers_of_their_agency(generated):
    officers = set(Membership.objects.filter(role=Role.OFFICER).values_list("agency_id", "user_id"))
    assigned = InfoRequest.objects.exclude(assigned_to=None).values_list("agency_id", "assigned_to_id")
    assert assigned
    assert set(assigned) <= officers


def test_the_audit_entry_counts_the_requests(generated):
    entry = AuditEntry.objects.get(action="generate.agencies")
    assert entry.after is not None
    assert entry.after["requests"]["requests"] == N
    assert sum(entry.after["requests"]["by_status"].values()) == N


def test_the_same_seed_gives_the_same_requests():
    generate(
        "--agencies", "30", "--staff", "5", "--prefix", "A", "--requests", "200", "--today", "2026-11-20"
    )
    generate(
        "--agencies", "30", "--staff", "5", "--prefix", "B", "--requests", "200", "--today", "2026-11-20"
    )
    first = list(InfoRequest.objects.filter(agency__code__startswith="A-").order_by("pk"))
    second = list(InfoRequest.objects.filter(agency__code__startswith="B-").order_by("pk"))
    fields = ("status", "received_on", "due_date", "applicant_id_number", "title")
    assert [[getattr(r, f) for f in fields] for r in first] == [
        [getattr(r, f) for f in fields] for r in second
    ]
    assert {r.tracking_code for r in first}.isdisjoint({r.tracking_code for r in second})


def test_a_negative_number_of_requests_is_refused_and_nothing_is_written():
    with pytest.raises(CommandError, match="cannot be negative"):
        generate("--agencies", "10", "--staff", "0", "--prefix", "T", "--requests", "-1")
    assert not Agency.objects.exists()
