"""The actions on a request are declared once (sunshine/inforequests/actions) and everything else
reads them: every action has its staff form and all its texts, the staff page shows them, the API's
body is one schema per action told apart by ``action``, and its errors name the fields as sent."""

from __future__ import annotations

from typing import Any

import pytest

from sunshine.backoffice.request_forms import ACTION_FORMS, action_form
from sunshine.inforequests.actions import ACTIONS, EVENT_TEXTS, texts_of
from sunshine.inforequests.codes import Status
from sunshine.portal.request_history import describe
from tests.api_helpers import bearer, token_for
from tests.backoffice import D, fixed_today, paper_request

# Data of a history event of each action, as the handlers write it.
EVENT_DATA: dict[str, dict[str, Any]] = {
    "confirm_receipt": {"automatic": True},
    "request_correction": {"items": ["写明文号"], "correction_due": "2026-10-09"},
    "start_consultation": {"party": "agency"},
    "extend": {"working_days": 10},
    "reply": {"outcome": "disclosed"},
    "withdraw": {"by_applicant": True},
    "notify_fee": {"amount": 100, "payable_by": "2026-10-20"},
    "confirm_dates": {"changes": []},
}


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:
        yield day


@pytest.mark.parametrize("name", list(ACTIONS))
def test_every_action_has_a_button_a_history_line_help_and_a_line_for_the_applicant(name):
    texts = ACTIONS[name].texts
    for text in (texts.button, texts.history, texts.help):
        assert str(text).strip()
    line = texts.public_line(EVENT_DATA.get(name, {}))
    assert line.strip()
    assert line != name
    assert "%(" not in line


@pytest.mark.parametrize("name", list(EVENT_TEXTS))
def test_the_entries_of_the_history_that_are_not_actions_read_for_staff_and_applicant(name):
    texts = texts_of(name)
    assert texts is not None
    assert str(texts.history).strip()
    assert texts.public_line(EVENT_DATA.get(name, {})).strip()


def test_every_action_has_its_staff_form_and_no_form_is_left_without_an_action():
    assert set(ACTION_FORMS) == set(ACTIONS)


@pytest.mark.parametrize("name", list(ACTIONS))
def test_each_form_sends_only_fields_the_action_declares_as_its_input(name):
    form = action_form(name)
    declared = set(ACTIONS[name].input.model_fields)
    assert set(form.fields) - {"date"} <= declared


@pytest.mark.parametrize("name", list(ACTIONS))
def test_each_action_leads_from_statuses_that_exist_to_a_status_that_exists(name):
    action = ACTIONS[name]
    assert action.allowed_from <= set(Status.values)
    assert action.to is None or action.to in Status.values
    assert action.roles


def test_the_applicant_reads_the_declared_line_of_a_step(tree):
    request = paper_request(tree["education"], D(2026, 9, 15))
    first, receipt = request.events.order_by("id")
    assert describe(first) == str(EVENT_TEXTS[first.action].public)
    assert describe(receipt) == ACTIONS["confirm_receipt"].texts.public_line(receipt.data)


def test_the_staff_page_shows_each_offered_action_with_its_declared_label_and_help(client, olga, tree):
    request = paper_request(tree["education"], D(2026, 9, 15))
    client.force_login(olga)
    html = client.get(f"/staff/requests/{request.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    offered = [name for name, a in ACTIONS.items() if request.status in a.allowed_from]
    assert offered
    for name in offered:
        assert str(ACTIONS[name].texts.button) in html, name
        help_text = str(ACTIONS[name].texts.help).replace("’", "&#x27;").replace("'", "&#x27;")
        assert help_text in html, name


def _openapi(client):
    return client.get("/api/v1/openapi.json").json()


def test_the_api_documents_one_body_per_action_told_apart_by_action(client):
    document = _openapi(client)
    operation = document["paths"]["/api/v1/staff/requests/{request_id}/actions"]["post"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    schema = (
        document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]] if "$ref" in schema else schema
    )
    assert schema["discriminator"]["propertyName"] == "action"
    assert set(schema["discriminator"]["mapping"]) == set(ACTIONS)
    reply = document["components"]["schemas"]["ReplyAction"]
    assert {"action", "date", "outcome", "reasons", "detail"} <= set(reply["properties"])


def _created(client, token: str) -> dict:
    from tests.inforequests.test_requests_api import body

    response = client.post(
        "/api/v1/staff/requests",
        body(channel="post", received_on="2026-09-21"),
        content_type="application/json",
        **bearer(token),
    )
    assert response.status_code == 201, response.content
    return response.json()


def _act(client, token: str, created: dict, **data):
    return client.post(
        f"/api/v1/staff/requests/{created['id']}/actions",
        data,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **bearer(token),
    )


def test_an_unknown_action_is_refused_on_the_field_action(client, alice, tree):
    token = token_for(client, "alice")
    response = _act(client, token, _created(client, token), action="explode")
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"action"}
    assert "reply" in response.json()["error"]["fields"]["action"]


def test_a_body_without_an_action_is_refused_on_the_field_action(client, alice, tree):
    token = token_for(client, "alice")
    response = _act(client, token, _created(client, token), date="2026-09-22")
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"action"}


def test_the_fields_of_an_action_in_error_are_named_as_sent(client, alice, tree):
    token = token_for(client, "alice")
    created = _created(client, token)
    response = _act(client, token, created, action="extend", working_days="five", reason="r")
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"working_days"}
    response = _act(client, token, created, action="reply", outcome="disclosed", reasons="长" * 10001)
    assert set(response.json()["error"]["fields"]) == {"reasons"}


def test_fields_of_other_actions_are_ignored_as_before(client, alice, tree):
    token = token_for(client, "alice")
    created = _created(client, token)
    response = _act(client, token, created, action="start_consultation", party="agency", pages=3)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "in_consultation"
