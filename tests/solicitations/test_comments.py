from __future__ import annotations

import pytest
from django.utils import timezone

from sunshine.solicitations import throttle
from sunshine.solicitations.models import Comment
from tests.solicitations.conftest import COMMENT, DAY, close, set_period


def post(client, solicitation, body=None, **extra):
    return client.post(
        f"/api/v1/solicitations/{solicitation.pk}/comments",
        body if body is not None else COMMENT,
        content_type="application/json",
        **extra,
    )


def test_a_citizen_comments_while_it_is_open(client, open_solicitation):
    response = post(client, open_solicitation)
    assert response.status_code == 201, response.content
    comment = Comment.objects.get()
    assert (comment.status, comment.contact) == ("pending", "13812345678")
    assert response.json() == {"id": comment.pk, "status": "pending"}


def test_an_e_mail_address_is_a_contact_too(client, open_solicitation):
    assert post(client, open_solicitation, {**COMMENT, "contact": "zhang@example.com"}).status_code == 201


def test_a_comment_after_closing_is_refused_and_nothing_is_stored(client, open_solicitation):
    close(open_solicitation)
    response = post(client, open_solicitation)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "solicitation_closed"
    assert not Comment.objects.exists()


def test_a_comment_before_opening_is_refused_and_nothing_is_stored(client, open_solicitation):
    now = timezone.now()
    set_period(open_solicitation, now + DAY, now + 5 * DAY)
    response = post(client, open_solicitation)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "solicitation_closed"
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**COMMENT, "contact": "call me"}, "contact"),
        ({**COMMENT, "contact": ""}, "contact"),
        ({**COMMENT, "text": ""}, "text"),
        ({**COMMENT, "text": "   "}, "text"),
        ({"contact": "13812345678"}, "text"),
    ],
)
def test_bad_input_answers_422_naming_the_field_and_nothing_is_stored(client, open_solicitation, body, field):
    response = post(client, open_solicitation, body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert field in error["fields"]
    assert not Comment.objects.exists()


def test_a_draft_takes_no_comments(client, draft):
    assert post(client, draft).status_code == 404


def test_one_address_sends_a_few_comments_then_waits(client, open_solicitation):
    for _ in range(throttle.LIMIT):
        assert post(client, open_solicitation).status_code == 201
    response = post(client, open_solicitation)
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "too_many_comments"
    assert Comment.objects.count() == throttle.LIMIT
    assert post(client, open_solicitation, REMOTE_ADDR="10.0.0.9").status_code == 201


def test_pending_comments_and_contacts_are_never_public(client, open_solicitation):
    post(client, open_solicitation)
    body = client.get(f"/api/v1/solicitations/{open_solicitation.pk}").content.decode()
    assert "13812345678" not in body
    assert "报名时间" not in body
