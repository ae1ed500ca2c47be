"""Every step of the annual report, as declared on the workflow kernel: its texts, its form on the
staff page, and who may take it (each role through the page: done, or 403)."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.html import escape

from sunshine.agencies.models import Role
from sunshine.annualreports.actions import READER_ROLES, WORKFLOW
from sunshine.annualreports.models import AnnualReportDraft
from sunshine.core.models import AuditEntry
from tests.annualreports.conftest import page

BASE = "/staff/annual-reports/CITY-EDU/2025/"
ACTIONS = list(WORKFLOW.actions)


def a_status_it_starts_from(action: str) -> str:
    return sorted(WORKFLOW.actions[action].allowed_from)[0]


def test_the_report_has_its_five_steps():
    assert ACTIONS == ["submit", "return", "approve", "sign", "publish"]
    assert WORKFLOW.name == "annualreport"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("action", ACTIONS)
def test_every_step_has_its_button_history_and_help_with_the_legal_basis(action, language):
    texts = WORKFLOW.actions[action].texts
    with translation.override(language):
        assert str(texts.button).strip()
        assert str(texts.history).strip()
        assert str(texts.help).strip()
        assert "条例" in str(texts.help)  # the legal basis (Art. 49–50)
    assert texts.public is None  # the public sees the published report, not its review


@pytest.mark.parametrize("action", ACTIONS)
def test_every_step_has_its_form_on_the_staff_page_and_is_taken_through_it(client, tree, admin_user, action):
    declared = WORKFLOW.actions[action]
    draft = AnnualReportDraft.objects.create(
        agency=tree["education"], year=2025, status=a_status_it_starts_from(action)
    )
    html = page(client, admin_user, BASE).content.decode()
    assert f'data-action="{action}"' in html
    assert f'action="{BASE}{action}/"' in html
    assert escape(str(declared.texts.button)) in html
    assert escape(str(declared.texts.help)) in html
    response = page(client, admin_user, f"{BASE}{action}/", {"comments": "请补充第五部分。"})
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == declared.to
    assert AuditEntry.objects.filter(action=f"annualreport.{action}").count() == 1


def test_the_report_s_steps_have_no_api_of_their_own(client, db):
    """The steps are taken on the staff page only: the API reads the published tables (GET)."""
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    report_paths = {path: set(ops) for path, ops in paths.items() if "annual-reports" in path}
    assert report_paths == {"/api/v1/agencies/{code}/annual-reports/{year}": {"get"}}


@pytest.mark.parametrize("role", list(Role.values))
@pytest.mark.parametrize("action", ACTIONS)
def test_each_role_may_take_exactly_the_steps_declared_for_it(client, tree, make_user, action, role):
    declared = WORKFLOW.actions[action]
    start = a_status_it_starts_from(action)
    draft = AnnualReportDraft.objects.create(agency=tree["education"], year=2025, status=start)
    person = make_user(f"p-{role}", agency=tree["education"], role=role)
    shown = page(client, person, BASE)
    response = client.post(f"{BASE}{action}/", {"comments": "请补充第五部分。"}, HTTP_ACCEPT_LANGUAGE="en")
    draft.refresh_from_db()
    if role in declared.roles:
        assert f'data-action="{action}"' in shown.content.decode()
        assert response.status_code == 302
        assert draft.status == declared.to
    elif role in READER_ROLES:
        assert f'data-action="{action}"' not in shown.content.decode()
        assert response.status_code == 403
        assert draft.status == start
    else:  # who may not read the agency's reports does not learn that they exist
        assert shown.status_code == 404
        assert response.status_code == 404
        assert draft.status == start
