"""Following a request on the portal with its tracking code and access key, and withdrawing it."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.conf import settings
from django.core.cache import cache

from sunshine.core import key_tries
from sunshine.core.models import AuditEntry
from sunshine.inforequests import services
from sunshine.inforequests.codes import Status
from sunshine.inforequests.services import Applicant, Wanted, perform_action
from tests.inforequests.conftest import CITIZEN_ID

pytestmark = pytest.mark.django_db

D = datetime.date
MONDAY = D(2026, 9, 21)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
NAME = "陈小明"


@pytest.fixture(autouse=True)
def clean_slate(monkeypatch):
    """No failed look-ups left over from another test; the clock on a date with a published calendar."""
    cache.clear()
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: D(2026, 11, 20))
    yield
    cache.clear()


@pytest.fixture
def applied(tree):
    """Chen's application to the Education Bureau, received on Monday 2026-09-21: (request, key)."""
    applicant = Applicant(
        kind="natural_person",
        name=NAME,
        id_type="resident_id",
        id_number=CITIZEN_ID,
        phone="13800138000",
        email="chen@example.com",
        address="阳光市人民路1号",
    )
    wanted = Wanted(description="2025年度部门预算执行情况", title="部门预算", delivery_method="email")
    return services.submit_request(
        agency=tree["education"], applicant=applicant, wanted=wanted, by=None, today=MONDAY
    )


def look_up(client, code: str, key: str, **extra):
    return client.post("/requests/status/", {"tracking_code": code, "access_key": key}, **EN, **extra)


def act(request, action: str, day: D, by, **fields):
    return perform_action(request=request, action=action, by=by, date=day, today=D(2026, 11, 20), **fields)


def test_the_look_up_form_sends_the_key_by_post(client, tree):
    html = client.get("/requests/status/", **EN).content.decode()

    form = re.search(r'<form method="(\w+)" action="/requests/status/"', html)
    assert form is not None
    assert form.group(1) == "post"
    assert 'name="access_key"' in html


def test_the_key_holder_sees_status_due_date_and_history(client, applied):
    request, key = applied

    response = look_up(client, request.tracking_code.lower(), key)

    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert f"Request {request.tracking_code}" in html
    assert re.search(r'id="request-status">Received<', html)
    assert re.search(r'id="request-due">2026-10-26<', html)
    assert "It must reply by 2026-10-26." in html
    history = re.search(r'<ol class="history" id="request-history">.*?</ol>', html, re.S)
    assert history is not None
    assert "You sent the application online." in history.group(0)
    assert "The application was received." in history.group(0)
    assert "2025年度部门预算执行情况" in html
    assert "no-store" in response["Cache-Control"]


def test_the_status_page_does_not_show_the_applicants_identity(client, applied):
    request, key = applied

    html = look_up(client, request.tracking_code, key).content.decode()

    assert CITIZEN_ID not in html
    assert "13800138000" not in html


def test_a_wrong_key_and_an_unknown_code_get_the_same_neutral_answer(client, applied):
    request, key = applied

    wrong_key = look_up(client, request.tracking_code, "0" * 24)
    unknown_code = look_up(client, "2026-ZZZZZZZZ", key)

    assert wrong_key.status_code == unknown_code.status_code == 404

    def message(response) -> str:
        found = re.search(r'<div class="error-summary".*?</div>', response.content.decode(), re.S)
        assert found is not None
        return found.group(0)

    assert message(wrong_key) == message(unknown_code)
    assert "No request matches this tracking code and access key." in unescape(message(wrong_key))
    for response in (wrong_key, unknown_code):
        html = response.content.decode()
        assert "2025年度部门预算执行情况" not in html
        assert NAME not in html


def test_empty_fields_are_asked_for_without_counting_as_a_try(client, tree):
    response = client.post("/requests/status/", {"tracking_code": "", "access_key": ""}, **EN)

    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "Enter the tracking code." in html
    assert "Enter the access key." in html
    assert key_tries.address_failures(response.wsgi_request) == 0


def test_a_key_in_the_address_opens_nothing(client, applied):
    request, key = applied

    response = client.get(f"/requests/status/?tracking_code={request.tracking_code}&access_key={key}", **EN)

    assert response.status_code == 200
    assert "2025年度部门预算执行情况" not in response.content.decode()


def test_after_ten_failed_tries_the_address_is_refused_politely(client, applied):
    request, key = applied
    for _ in range(settings.SUNSHINE_KEY_TRIES_PER_ADDRESS):
        assert look_up(client, request.tracking_code, "wrong-key").status_code == 404

    refused = look_up(client, request.tracking_code, key)

    assert refused.status_code == 429
    html = refused.content.decode()
    assert "try again in ten minutes" in html
    assert "2025年度部门预算执行情况" not in html
    # Another address is not held back by these failures.
    other = look_up(client, request.tracking_code, key, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_nine_failed_tries_still_let_the_right_key_in(client, applied):
    request, key = applied
    for _ in range(settings.SUNSHINE_KEY_TRIES_PER_ADDRESS - 1):
        look_up(client, request.tracking_code, "wrong-key")

    assert look_up(client, request.tracking_code, key).status_code == 200


def test_a_request_awaiting_correction_shows_the_items_and_the_date(client, applied, olga):
    request, key = applied
    act(
        request,
        "request_correction",
        D(2026, 9, 23),
        olga,
        items=["写明预算表的年份"],
        period_working_days=10,
    )

    html = unescape(look_up(client, request.tracking_code, key).content.decode())

    assert re.search(r'id="request-status">Awaiting correction<', html)
    items = re.search(r'<ul id="correction-items">(.*?)</ul>', html, re.S)
    assert items is not None
    assert "写明预算表的年份" in items.group(1)
    assert "correct your application by 2026-10-14" in html
    assert "The agency asked you to correct the application by 2026-10-14." in html


def test_a_reply_shows_the_outcome_and_the_reasons(client, applied, olga):
    request, key = applied
    act(
        request,
        "reply",
        D(2026, 10, 9),
        olga,
        outcome="withheld_third_party",
        reasons="涉及第三方商业秘密，依据条例第十五条不予公开。",
    )

    html = unescape(look_up(client, request.tracking_code, key).content.decode())

    assert re.search(r'id="request-outcome">Withheld: lawful rights of a third party<', html)
    assert "涉及第三方商业秘密，依据条例第十五条不予公开。" in html
    assert "The agency replied on 2026-10-09." in html
    assert "The agency replied: Withheld: lawful rights of a third party." in html
    assert "reconsideration" in html
    assert 'action="/requests/status/withdraw/"' not in html  # a concluded request cannot be withdrawn


def test_withdrawing_asks_for_confirmation_first(client, applied):
    request, key = applied

    response = client.post(
        "/requests/status/withdraw/", {"tracking_code": request.tracking_code, "access_key": key}, **EN
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="confirm" value="yes"' in html
    request.refresh_from_db()
    assert request.status == Status.RECEIVED


def test_the_applicant_withdraws_the_request_after_confirming(client, applied):
    request, key = applied

    response = client.post(
        "/requests/status/withdraw/",
        {"tracking_code": request.tracking_code, "access_key": key, "confirm": "yes"},
        **EN,
    )

    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "Your application has been withdrawn." in html
    assert re.search(r'id="request-status">Withdrawn<', html)
    assert "You withdrew the application." in html
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN
    assert request.concluded_on == D(2026, 11, 20)
    event = request.events.get(action="withdraw")
    assert event.by is None
    assert event.data == {"by_applicant": True}
    assert AuditEntry.objects.filter(action="inforequest.withdraw").count() == 1


def test_withdrawing_twice_explains_instead_of_failing(client, applied):
    request, key = applied
    data = {"tracking_code": request.tracking_code, "access_key": key, "confirm": "yes"}
    client.post("/requests/status/withdraw/", data, **EN)

    again = client.post("/requests/status/withdraw/", data, **EN)

    assert again.status_code == 200
    assert "is not possible while the request is" in unescape(again.content.decode())
    assert request.events.filter(action="withdraw").count() == 1


def test_withdrawing_with_a_wrong_key_changes_nothing_and_counts_as_a_failed_try(client, applied):
    request, _key = applied

    response = client.post(
        "/requests/status/withdraw/",
        {"tracking_code": request.tracking_code, "access_key": "not-the-key", "confirm": "yes"},
        **EN,
    )

    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == Status.RECEIVED
    assert key_tries.address_failures(response.wsgi_request) == 1


def test_withdrawing_is_refused_while_the_address_is_blocked(client, applied):
    request, key = applied
    for _ in range(settings.SUNSHINE_KEY_TRIES_PER_ADDRESS):
        look_up(client, request.tracking_code, "wrong-key")

    response = client.post(
        "/requests/status/withdraw/",
        {"tracking_code": request.tracking_code, "access_key": key, "confirm": "yes"},
        **EN,
    )

    assert response.status_code == 429
    request.refresh_from_db()
    assert request.status == Status.RECEIVED


def test_the_withdraw_address_takes_no_get(client, tree):
    assert client.get("/requests/status/withdraw/").status_code == 405


def test_an_extension_is_explained_with_its_reason(client, applied, olga):
    request, key = applied
    act(
        request, "extend", D(2026, 10, 20), olga, working_days=10, reason="需要检索档案", approved_by="王主任"
    )

    html = unescape(look_up(client, request.tracking_code, key).content.decode())

    assert re.search(r'id="request-due">2026-11-09<', html)
    assert html.count("The agency extended the reply period by 10 working days.") == 2  # state and history
    assert "需要检索档案" in html
    assert "王主任" not in html  # who approved it inside the agency is not the applicant's business
