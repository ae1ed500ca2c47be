"""Tables 3 and 4 of the annual report: every cell equals a count made independently here."""

from __future__ import annotations

import datetime
import random
from collections import Counter

import pytest

from sunshine.inforequests.codes import ApplicantKind, Outcome, ReviewKind, ReviewResult, Status
from sunshine.inforequests.models import InfoRequest, Review

D = datetime.date
KINDS = list(ApplicantKind.values)
OUTCOMES = list(Outcome.values)


def make_request(agency, n: int, kind: str, received: D | None, concluded: D | None, outcome: str = ""):
    status = Status.RECEIVED if concluded is None else Status.REPLIED
    if outcome == Outcome.OTHER and concluded is not None:
        status = Status.WITHDRAWN
    return InfoRequest.objects.create(
        tracking_code=f"T{n:08d}",
        access_salt="salt",
        agency=agency,
        channel="online",
        applicant_kind=kind,
        applicant_name="测试申请人",
        applicant_id_type="resident_id",
        applicant_id_number="11010519491231002X",
        description="信息",
        delivery_form="electronic",
        delivery_method="email",
        status=status,
        outcome=outcome if concluded else "",
        received_on=received,
        concluded_on=concluded,
    )


def report(client, code: str, year: int, scope: str = "self") -> dict:
    response = client.get(f"/api/v1/agencies/{code}/annual-reports/{year}?scope={scope}")
    assert response.status_code == 200, response.content
    return response.json()


def expected_table(requests: list[InfoRequest], year: int) -> dict[str, Counter]:
    """The same table, counted one request at a time in plain Python."""
    first, last = D(year, 1, 1), D(year, 12, 31)
    rows: dict[str, Counter] = {}
    for r in requests:
        received = r.received_on or r.submitted_at.date()
        lines = []
        if first <= received <= last:
            lines.append("new_this_year")
        if received < first and (r.concluded_on is None or r.concluded_on >= first):
            lines.append("carried_over")
        if r.concluded_on is not None and first <= r.concluded_on <= last:
            lines += [r.outcome, "total"]
        if received <= last and (r.concluded_on is None or r.concluded_on > last):
            lines.append("carried_to_next_year")
        for line in lines:
            rows.setdefault(line, Counter())[r.applicant_kind] += 1
            rows[line]["total"] += 1
    return rows


@pytest.fixture
def year_of_requests(tree) -> list[InfoRequest]:
    """Three years of requests over the city's tree, every kind and outcome, some still open."""
    rng = random.Random(20251231)
    agencies = [tree["city"], tree["education"], tree["edu_office"], tree["district"], tree["other"]]
    made = []
    for n in range(400):
        received = D(2024, 7, 1) + datetime.timedelta(days=rng.randrange(0, 700))
        concluded = None
        if rng.random() < 0.8:
            concluded = received + datetime.timedelta(days=rng.randrange(1, 60))
        made.append(
            make_request(
                rng.choice(agencies), n, rng.choice(KINDS), received, concluded, rng.choice(OUTCOMES)
            )
        )
    # Every outcome and kind at least once in 2025, at the education bureau.
    for i, outcome in enumerate(OUTCOMES):
        made.append(
            make_request(
                tree["education"], 1000 + i, KINDS[i % len(KINDS)], D(2025, 3, 3), D(2025, 3, 20), outcome
            )
        )
    return made


@pytest.mark.parametrize(("code", "scope"), [("CITY-EDU", "self"), ("CITY", "tree"), ("CITY", "self")])
def test_every_cell_of_table_3_equals_an_independent_count(client, tree, year_of_requests, code, scope):
    agency = {"CITY-EDU": tree["education"], "CITY": tree["city"]}[code]
    in_scope = [
        r
        for r in year_of_requests
        if (r.agency_id == agency.pk if scope == "self" else r.agency.path.startswith(agency.path))
    ]
    expected = expected_table(in_scope, 2025)
    body = report(client, code, 2025, scope)
    assert body["agency"] == code
    assert body["year"] == 2025
    assert body["scope"] == scope
    rows = body["applications"]["rows"]
    assert body["applications"]["columns"] == [*KINDS, "total"]
    assert list(rows) == ["new_this_year", "carried_over", *OUTCOMES, "total", "carried_to_next_year"]
    for row, cells in rows.items():
        for column, value in cells.items():
            assert value == expected.get(row, Counter())[column], (row, column)
    assert sum(rows["new_this_year"].values()) > 0
    assert rows["carried_over"]["total"] > 0
    assert rows["carried_to_next_year"]["total"] > 0
    assert all(check["ok"] for check in body["checks"]), body["checks"]


def test_the_format_check_holds_for_every_column(client, tree, year_of_requests):
    rows = report(client, "CITY", 2025, "tree")["applications"]["rows"]
    for column in [*KINDS, "total"]:
        assert (
            rows["new_this_year"][column] + rows["carried_over"][column]
            == rows["total"][column] + rows["carried_to_next_year"][column]
        )


def test_a_request_never_confirmed_as_received_counts_from_its_submission(client, tree):
    request = make_request(tree["education"], 1, "natural_person", None, None)
    InfoRequest.objects.filter(pk=request.pk).update(
        submitted_at=datetime.datetime(2025, 12, 30, 10, tzinfo=datetime.UTC)
    )
    rows = report(client, "CITY-EDU", 2025)["applications"]["rows"]
    assert rows["new_this_year"]["natural_person"] == 1
    assert rows["carried_to_next_year"]["natural_person"] == 1
    assert report(client, "CITY-EDU", 2026)["applications"]["rows"]["carried_over"]["natural_person"] == 1


def test_a_withdrawn_request_counts_as_other(client, tree):
    make_request(tree["education"], 1, "legal_service_org", D(2025, 5, 6), D(2025, 5, 8), Outcome.OTHER)
    rows = report(client, "CITY-EDU", 2025)["applications"]["rows"]
    assert rows["other"] == {**dict.fromkeys([*KINDS, "total"], 0), "legal_service_org": 1, "total": 1}


def test_table_4_counts_reviews_filed_in_the_year_by_their_result_on_31_december(client, tree):
    request = make_request(
        tree["education"], 1, "natural_person", D(2024, 11, 4), D(2024, 11, 20), "disclosed"
    )
    Review.objects.create(
        request=request,
        kind=ReviewKind.RECONSIDERATION,
        filed_on=D(2025, 1, 10),
        result="upheld",
        decided_on=D(2025, 3, 1),
    )
    Review.objects.create(  # decided only in 2026: still pending at the end of 2025
        request=request,
        kind=ReviewKind.RECONSIDERATION,
        filed_on=D(2025, 11, 10),
        result="corrected",
        decided_on=D(2026, 1, 15),
    )
    Review.objects.create(
        request=request, kind=ReviewKind.LITIGATION_DIRECT, filed_on=D(2025, 6, 1), result="pending"
    )
    Review.objects.create(
        request=request,
        kind=ReviewKind.LITIGATION_AFTER_RECONSIDERATION,
        filed_on=D(2025, 8, 1),
        result="corrected",
        decided_on=D(2025, 10, 1),
    )
    Review.objects.create(  # filed in 2024: not this year's
        request=request,
        kind=ReviewKind.RECONSIDERATION,
        filed_on=D(2024, 12, 1),
        result="other",
        decided_on=D(2025, 2, 1),
    )
    reviews = report(client, "CITY-EDU", 2025)["reviews"]
    zero = dict.fromkeys([*ReviewResult.values, "total"], 0)
    assert reviews == {
        "reconsideration": {**zero, "upheld": 1, "pending": 1, "total": 2},
        "litigation_direct": {**zero, "pending": 1, "total": 1},
        "litigation_after_reconsideration": {**zero, "corrected": 1, "total": 1},
    }
    assert report(client, "CITY", 2025, "tree")["reviews"] == reviews
    assert report(client, "CITY", 2025, "self")["reviews"]["reconsideration"]["total"] == 0


def test_the_report_holds_no_personal_data(client, tree, year_of_requests):
    response = client.get("/api/v1/agencies/CITY/annual-reports/2025?scope=tree")
    assert "测试申请人" not in response.content.decode()
    assert "11010519491231002X" not in response.content.decode()


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/v1/agencies/NOPE/annual-reports/2025", 404, "not_found"),
        ("/api/v1/agencies/CITY/annual-reports/1999", 422, "validation_error"),
        ("/api/v1/agencies/CITY/annual-reports/2999", 422, "validation_error"),
        ("/api/v1/agencies/CITY/annual-reports/2025?scope=world", 422, "validation_error"),
    ],
)
def test_bad_requests_answer_in_the_standard_error_format(client, tree, path, status, code):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
