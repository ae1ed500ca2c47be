"""The year's report: opened by the disclosure office, reviewed, signed off and published with its
tables frozen; the back office warns as the legal deadline approaches."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from sunshine.annualreports import services
from sunshine.annualreports.actions import WORKFLOW
from sunshine.annualreports.deadlines import deadline_state, report_due
from sunshine.annualreports.models import AnnualReportDraft
from tests.annualreports.conftest import page

D = datetime.date


def test_only_the_roles_named_in_the_declarations_may_act(tree, people):
    draft = services.open_draft(agency=tree["education"], year=2025, by=people["office"])
    with pytest.raises(PermissionDenied):
        services.take_action(draft=draft, action="submit", by=people["officer"])
    with pytest.raises(PermissionDenied):
        services.take_action(draft=draft, action="submit", by=people["stranger"])
    services.take_action(draft=draft, action="submit", by=people["office"])
    with pytest.raises(PermissionDenied):
        services.take_action(draft=draft, action="approve", by=people["signer"])


@pytest.mark.parametrize("status", ["draft", "submitted", "approved", "signed", "published"])
@pytest.mark.parametrize("action", list(WORKFLOW.actions))
def test_every_action_outside_its_statuses_is_refused_and_changes_nothing(tree, admin_user, action, status):
    draft = AnnualReportDraft.objects.create(agency=tree["education"], year=2025, status=status)
    if status in WORKFLOW.actions[action].allowed_from:
        services.take_action(draft=draft, action=action, by=admin_user, comments="请补充")
        draft.refresh_from_db()
        assert draft.status == WORKFLOW.actions[action].to
    else:
        with pytest.raises(services.ReportActionError):
            services.take_action(draft=draft, action=action, by=admin_user, comments="请补充")
        draft.refresh_from_db()
        assert draft.status == status


def test_a_submitted_report_cannot_be_edited(tree, people):
    draft = services.open_draft(agency=tree["education"], year=2025, by=people["office"])
    services.take_action(draft=draft, action="submit", by=people["office"])
    with pytest.raises(services.ReportActionError):
        services.update_draft(draft=draft, by=people["office"], overview="改")


def test_an_officer_cannot_open_a_draft_and_strangers_see_nothing(client, tree, people):
    with pytest.raises(PermissionDenied):
        services.open_draft(agency=tree["education"], year=2025, by=people["officer"])
    assert page(client, people["stranger"], "/staff/annual-reports/CITY-EDU/2025/").status_code == 404
    client.force_login(people["officer"])
    assert client.get("/staff/annual-reports/").status_code == 403


def test_departments_report_by_31_january_and_governments_by_31_march(tree):
    assert report_due(tree["education"], 2025) == D(2026, 1, 31)
    assert report_due(tree["city"], 2025) == D(2026, 3, 31)
    assert report_due(tree["street"], 2025) == D(2026, 3, 31)
    assert deadline_state(tree["education"], 2025, D(2026, 1, 5), published=False) == "due_soon"
    assert deadline_state(tree["education"], 2025, D(2025, 12, 1), published=False) == "open"
    assert deadline_state(tree["education"], 2025, D(2026, 2, 1), published=False) == "overdue"
    assert deadline_state(tree["education"], 2025, D(2026, 2, 1), published=True) == "published"
