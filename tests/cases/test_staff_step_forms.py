"""The back office forms of the steps the journey test does not take: refusing an application,
recording a step of the guide and delivering the decision. Monday 16 November 2026 is today;
November has no holiday."""

from __future__ import annotations

import datetime

import pytest

from sunshine.cases.models import Case, CaseStepDone
from sunshine.core.models import AuditEntry

D = datetime.date
TODAY = D(2026, 11, 16)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def post(client, case: Case, action: str, **fields):
    data = {f"{action}-{name}": value for name, value in fields.items()}
    return client.post(f"/staff/cases/{case.pk}/actions/{action}/", data)


def test_refusing_an_application_through_its_form_records_the_reason(client, alice, registered):
    case = registered(D(2026, 11, 12))
    client.force_login(alice)
    assert 'id="action-refuse"' in client.get(f"/staff/cases/{case.pk}/").content.decode()

    response = post(client, case, "refuse", date="2026-11-13", reason="不属于本机关职权范围")

    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.refusal_reason) == ("refused", "不属于本机关职权范围")
    assert AuditEntry.objects.filter(action="case.refuse").count() == 1
    assert 'id="action-refuse"' not in client.get(f"/staff/cases/{case.pk}/").content.decode()


def test_a_refusal_without_a_reason_is_shown_beside_the_field_and_nothing_changes(client, alice, registered):
    case = registered(D(2026, 11, 12))
    client.force_login(alice)

    response = post(client, case, "refuse", date="2026-11-13", reason="")

    assert response.status_code == 422
    assert 'id="id_refuse-reason_error"' in response.content.decode()
    case.refresh_from_db()
    assert case.status == "submitted"


def test_a_step_of_the_guide_is_recorded_once_through_its_form(client, alice, registered, act):
    case = act(registered(D(2026, 11, 9)), "accept", D(2026, 11, 9))
    client.force_login(alice)
    html = client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert 'id="action-complete_step"' in html
    assert '<option value="review">审查</option>' in html

    assert post(client, case, "complete_step", date="2026-11-12", step="review").status_code == 302
    assert list(CaseStepDone.objects.filter(case=case).values_list("step", "date")) == [
        ("review", D(2026, 11, 12))
    ]

    html = client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert '<option value="review">' not in html
    again = post(client, case, "complete_step", date="2026-11-13", step="review")
    assert again.status_code == 422
    assert CaseStepDone.objects.filter(case=case).count() == 1


def test_a_step_that_is_not_in_the_guide_cannot_be_chosen(client, alice, registered, act):
    case = act(registered(D(2026, 11, 9)), "accept", D(2026, 11, 9))
    client.force_login(alice)

    response = post(client, case, "complete_step", date="2026-11-12", step="inspection")
    # a step not in the guide is not a choice of the form

    assert response.status_code == 422
    assert not CaseStepDone.objects.filter(case=case).exists()


def test_delivering_a_decision_through_its_form_closes_the_case(client, alice, registered, act):
    case = act(registered(D(2026, 11, 9)), "accept", D(2026, 11, 9))
    case = act(case, "decide", D(2026, 11, 13), result="approved")
    client.force_login(alice)
    assert 'id="action-deliver"' in client.get(f"/staff/cases/{case.pk}/").content.decode()

    assert post(client, case, "deliver", date="2026-11-16").status_code == 302

    case.refresh_from_db()
    assert (case.status, case.delivered_on) == ("delivered", TODAY)
    html = client.get(f"/staff/cases/{case.pk}/").content.decode()
    assert 'id="action-deliver"' not in html
