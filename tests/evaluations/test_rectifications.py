"""A bad rating (1 or 2) opens a rectification due 15 working days later; the agency answers, the
disclosure office returns it or records a return visit and accepts it; every step is audited and
taken on the staff pages."""

from __future__ import annotations

import pytest

from sunshine.core.models import AuditEntry
from sunshine.core.workflow import WorkflowError
from sunshine.evaluations import services
from sunshine.evaluations.models import Rectification
from tests.evaluations.conftest import TODAY, D


def test_a_bad_rating_opens_a_rectification_due_fifteen_working_days_later(decided, today):
    evaluation = services.rate_case(case=decided(), level=2, comment="窗口人员态度差")
    rectification = Rectification.objects.get()
    assert rectification.evaluation == evaluation
    assert rectification.opened_on == TODAY
    assert rectification.due_date == D(2026, 12, 3)  # Thursday 12 November + 15 working days
    assert rectification.status == "open"
    assert AuditEntry.objects.filter(action="rectification.open", object_id=str(rectification.pk)).exists()


def test_the_due_date_follows_the_setting(decided, today, settings):
    settings.SUNSHINE_EVALUATION_RECTIFICATION_DAYS = 5
    services.rate_case(case=decided(), level=1)
    assert Rectification.objects.get().due_date == D(2026, 11, 19)


def test_a_good_rating_opens_nothing_and_a_bad_appended_one_does(decided, today):
    case = decided()
    services.rate_case(case=case, level=4)
    assert not Rectification.objects.exists()
    services.rate_case(case=case, level=1)
    assert Rectification.objects.get().evaluation.round == 1


def test_the_agency_answers_the_office_returns_visits_and_accepts(decided, alice, olga, today):
    services.rate_case(case=decided(), level=1)
    r = Rectification.objects.get()
    r = services.perform_action(rectification=r, action="answer", by=alice, measures="已批评教育窗口人员")
    assert (r.status, r.answered_on) == ("answered", TODAY)
    with pytest.raises(WorkflowError) as refused:
        services.perform_action(rectification=r, action="accept", by=alice)
    assert refused.value.status == 403
    r = services.perform_action(rectification=r, action="return", by=olga, reason="没有说明如何避免再次发生")
    assert r.status == "open"
    r = services.perform_action(rectification=r, action="answer", by=alice, measures="已培训并设立监督岗")
    with pytest.raises(WorkflowError) as no_visit:
        services.perform_action(rectification=r, action="accept", by=olga)
    assert (no_visit.value.status, no_visit.value.code) == (409, "no_return_visit")
    r = services.perform_action(
        rectification=r, action="record_visit", by=olga, method="phone", view="申请人表示满意"
    )
    r = services.perform_action(rectification=r, action="accept", by=olga)
    assert (r.status, r.closed_on) == ("closed", TODAY)
    assert r.visits.get().method == "phone"
    codes = list(
        AuditEntry.objects.filter(object_id=str(r.pk), action__startswith="rectification.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert codes == [
        "rectification.open",
        "rectification.answer",
        "rectification.return",
        "rectification.answer",
        "rectification.record_visit",
        "rectification.accept",
    ]


def test_an_answer_without_measures_and_a_visit_without_a_view_are_refused(decided, alice, olga, today):
    services.rate_case(case=decided(), level=2)
    r = Rectification.objects.get()
    with pytest.raises(WorkflowError) as empty:
        services.perform_action(rectification=r, action="answer", by=alice, measures=" ")
    assert set(empty.value.fields) == {"measures"}
    r = services.perform_action(rectification=r, action="answer", by=alice, measures="已整改")
    with pytest.raises(WorkflowError) as bad_visit:
        services.perform_action(rectification=r, action="record_visit", by=olga, method="pigeon")
    assert set(bad_visit.value.fields) == {"method", "view"}


def test_the_list_marks_overdue_rectifications_of_the_persons_agencies(client, decided, alice, fred, today):
    services.rate_case(case=decided(), level=2)
    r = Rectification.objects.get()
    client.force_login(alice)
    page = client.get("/staff/evaluations/")
    assert page.status_code == 200
    assert f'data-rectification="{r.pk}"' in page.content.decode()
    assert "data-overdue" not in page.content.decode()
    today(D(2026, 12, 4))  # the day after the due date
    overdue = client.get("/staff/evaluations/").content.decode()
    assert "data-overdue" in overdue
    assert "2026-12-03" in overdue
    client.force_login(fred)
    assert f'data-rectification="{r.pk}"' not in client.get("/staff/evaluations/").content.decode()
    assert client.get(f"/staff/evaluations/{r.pk}/").status_code == 404


def test_the_steps_are_taken_on_the_rectification_page(client, decided, alice, olga, today):
    services.rate_case(case=decided(), level=2, comment="等了很久")
    r = Rectification.objects.get()
    client.force_login(alice)
    page = client.get(f"/staff/evaluations/{r.pk}/").content.decode()
    assert "等了很久" in page
    assert 'id="action-answer"' in page
    assert 'id="action-accept"' not in page
    empty = client.post(f"/staff/evaluations/{r.pk}/actions/answer/", {"answer-measures": ""})
    assert empty.status_code == 422
    done = client.post(f"/staff/evaluations/{r.pk}/actions/answer/", {"answer-measures": "已整改"})
    assert done.status_code == 302
    client.force_login(olga)
    too_soon = client.post(f"/staff/evaluations/{r.pk}/actions/accept/", {})
    assert too_soon.status_code == 409
    visit = client.post(
        f"/staff/evaluations/{r.pk}/actions/record_visit/",
        {"record_visit-method": "sms", "record_visit-view": "满意"},
    )
    assert visit.status_code == 302
    assert client.post(f"/staff/evaluations/{r.pk}/actions/accept/", {}).status_code == 302
    r.refresh_from_db()
    assert r.status == "closed"
    client.force_login(alice)
    assert (
        client.post(f"/staff/evaluations/{r.pk}/actions/return/", {"return-reason": "x"}).status_code == 403
    )
