"""Staff register a request handed in at the office, sent by post or by fax (/staff/requests/new/)."""

from __future__ import annotations

import re

import pytest

from sunshine.core.models import AuditEntry
from sunshine.inforequests import access
from sunshine.inforequests.models import InfoRequest
from tests.backoffice import D, fixed_today
from tests.inforequests.conftest import CITIZEN_ID

URL = "/staff/requests/new/"


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:
        yield day


def form(**overrides) -> dict[str, str]:
    data = {
        "token": "form-token-1",
        "agency": "CITY-EDU",
        "channel": "post",
        "received_on": "2026-10-12",
        "applicant_kind": "natural_person",
        "applicant_name": "陈小明",
        "applicant_id_type": "resident_id",
        "applicant_id_number": CITIZEN_ID,
        "applicant_phone": "13800138000",
        "applicant_email": "",
        "applicant_address": "阳光市人民路1号",
        "title": "2025年度部门预算执行情况",
        "document_number": "",
        "description": "阳光市教育局2025年度部门预算执行情况",
        "delivery_form": "paper",
        "delivery_method": "post",
    }
    data.update(overrides)
    return data


def post(client, **overrides):
    return client.post(URL, form(**overrides), HTTP_ACCEPT_LANGUAGE="en")


def test_the_form_offers_only_the_agencies_one_may_act_for(client, alice, olga):
    client.force_login(alice)
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert [code for code, _ in response.context["form"].fields["agency"].choices] == ["CITY-EDU"]
    client.force_login(olga)
    codes = [code for code, _ in client.get(URL).context["form"].fields["agency"].choices]
    assert "CITY-FIN" in codes
    assert "EAST-RIVER-WILLOW" in codes
    assert "OTHER" not in codes


def test_it_registers_the_request_with_its_channel_and_day_of_receipt(client, alice, tree):
    client.force_login(alice)
    response = post(client)
    assert response.status_code == 302
    assert response["Location"] == "/staff/requests/new/done/"
    created = InfoRequest.objects.get()
    assert created.agency == tree["education"]
    assert created.channel == "post"
    assert created.received_on == D(2026, 10, 12)
    assert created.status == "received"
    assert created.created_by == alice
    assert created.applicant_name == "陈小明"
    assert created.delivery_form == "paper"
    assert list(created.events.values_list("action", flat=True)) == ["register"]
    entry = AuditEntry.objects.get(action="inforequest.register")
    assert entry.actor_name == "alice"


def test_the_tracking_code_and_access_key_are_shown_once(client, alice):
    client.force_login(alice)
    page = client.get(post(client)["Location"], HTTP_ACCEPT_LANGUAGE="en")
    created = InfoRequest.objects.get()
    html = page.content.decode()
    code = re.search(r'data-field="tracking_code">([^<]+)<', html)
    key = re.search(r'data-field="access_key">([^<]+)<', html)
    assert code is not None
    assert key is not None
    assert code[1] == created.tracking_code
    assert access.key_matches(created, key[1])
    assert page["Cache-Control"] == "no-store"
    again = client.get("/staff/requests/new/done/")
    assert again.status_code == 302
    assert key[1] not in client.get(again["Location"]).content.decode()


def test_sending_the_same_form_twice_registers_one_request(client, alice):
    client.force_login(alice)
    post(client)
    second = post(client)
    assert second.status_code == 302
    assert InfoRequest.objects.count() == 1
    page = client.get(second["Location"]).content.decode()
    assert InfoRequest.objects.get().tracking_code in page


def test_a_used_form_sent_with_other_content_is_refused(client, alice):
    client.force_login(alice)
    post(client)
    response = post(client, applicant_name="王芳")
    assert response.status_code == 422
    assert InfoRequest.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"received_on": "2026-10-16"}, "received_on"),  # tomorrow
        ({"applicant_id_number": "110105194912310021"}, "applicant_id_number"),  # wrong check digit
        ({"description": ""}, "description"),
        ({"agency": "CITY-FIN"}, "agency"),  # out of alice's reach
        ({"channel": "online"}, "channel"),
        ({"delivery_method": "email"}, "applicant_email"),  # e-mail delivery needs an address
    ],
)
def test_bad_input_is_shown_beside_the_field_and_nothing_is_stored(client, alice, change, field):
    client.force_login(alice)
    response = post(client, **change)
    assert response.status_code == 422
    assert field in response.context["form"].errors
    html = response.content.decode()
    assert "There is a problem" in html
    assert f'href="#id_{field}' in html
    assert not InfoRequest.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="inforequest").exists()


def test_people_without_an_agency_cannot_register(client, make_user):
    client.force_login(make_user("nobody"))
    assert client.get(URL).status_code == 403
    assert client.post(URL, form()).status_code == 403
    assert not InfoRequest.objects.exists()
