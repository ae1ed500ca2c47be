"""The applicant opens a request without typing: a private link, signed and ended by a new key; and
the tracking code and the key typed as people type them (any case, full-width, without the dash)."""

from __future__ import annotations

import pytest
from django.core import mail

from sunshine.inforequests import access, services
from sunshine.inforequests.models import InfoRequest
from sunshine.inforequests.services import Applicant, Wanted
from tests.inforequests.conftest import CITIZEN_ID
from tests.portal.test_request_status import EN, MONDAY, NAME, look_up

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clean_slate(monkeypatch):
    """The clock on a date with a published calendar."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: MONDAY)


@pytest.fixture
def applied(tree):
    """Chen's application to the Education Bureau: (request, key)."""
    applicant = Applicant(
        kind="natural_person",
        name=NAME,
        id_type="resident_id",
        id_number=CITIZEN_ID,
        email="chen@example.com",
    )
    wanted = Wanted(description="2025年度部门预算执行情况", delivery_method="email")
    return services.submit_request(agency=tree["education"], applicant=applicant, wanted=wanted, by=None)


# What a Chinese input method types in full-width mode.
FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-"})


def test_the_private_link_opens_the_request_page_without_the_key(client, applied):
    request, _key = applied
    response = client.get(access.private_path(request), **EN)
    assert response.status_code == 200
    html = response.content.decode()
    assert request.tracking_code in html
    assert NAME not in html  # the page names no applicant
    assert 'id="private-link"' in html


def test_a_wrong_or_ended_link_opens_nothing(client, applied):
    request, _key = applied
    wrong = client.get(f"/requests/follow/{request.tracking_code}/{'0' * 32}/", **EN)
    assert wrong.status_code == 404
    old = access.private_path(request)
    request.access_salt = access.new_salt()  # a new key ends every link sent before
    request.save(update_fields=["access_salt"])
    assert client.get(old, **EN).status_code == 404
    assert client.get(access.private_path(request), **EN).status_code == 200


def test_the_status_page_opened_with_code_and_key_offers_the_link_to_keep(client, applied):
    request, key = applied
    html = look_up(client, request.tracking_code, key).content.decode()
    assert access.private_path(request) in html


@pytest.mark.parametrize(
    ("typed_code", "typed_key"),
    [
        (lambda c: c.lower(), lambda k: k.upper()),
        (lambda c: c.replace("-", ""), lambda k: f" {k} "),
        (lambda c: c.replace("-", " - "), lambda k: "-".join([k[:8], k[8:16], k[16:]])),
        (lambda c: c.translate(FULL_WIDTH), lambda k: k),
    ],
    ids=["other case", "without the dash", "with spaces and dashes", "full-width"],
)
def test_the_code_and_key_are_accepted_as_people_type_them(client, applied, typed_code, typed_key):
    request, key = applied
    response = look_up(client, typed_code(request.tracking_code), typed_key(key))
    assert response.status_code == 200
    assert request.tracking_code in response.content.decode()


def test_the_receipt_email_carries_the_private_link(client, tree, django_capture_on_commit_callbacks):
    from tests.portal.test_request_form import apply, person

    with django_capture_on_commit_callbacks(execute=True):
        assert apply(client, person()).status_code == 302
    request = InfoRequest.objects.get()
    assert access.private_path(request) in mail.outbox[0].body


def test_one_name_each_for_the_code_and_the_key_on_the_page_and_in_the_email(
    client, tree, django_capture_on_commit_callbacks
):
    from tests.inforequests.test_requests_api import body

    page = client.get("/requests/status/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/requests", body(), content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans"
        )
    assert response.status_code == 201
    for text in (page, mail.outbox[0].body):
        assert "申请编号" in text
        assert "查询密钥" in text
        assert "查询码" not in text
        assert "访问密钥" not in text
