"""The applicant rates the reply (1 to 5, an optional comment) on the request's page or through the
API; the office reads it on the request's staff page; nothing can be rated before the reply."""

from __future__ import annotations

import pytest

from sunshine.core.models import AuditEntry
from sunshine.inforequests import access
from sunshine.inforequests.models import InfoRequest
from tests.backoffice import D, act, fixed_today, paper_request

# The reply step itself is tested here; its review and sign-off in tests/inforequests/test_reply_review.py.
pytestmark = pytest.mark.usefixtures("replies_without_review")

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:
        yield day


@pytest.fixture
def replied(tree, alice) -> InfoRequest:
    request = paper_request(tree["education"], D(2026, 10, 13))
    return act(request, "reply", D(2026, 10, 14), by=alice, outcome="disclosed", reasons="")


def rate(client, request: InfoRequest, **data):
    form = {"tracking_code": request.tracking_code, "access_key": access.access_key_for(request), **data}
    return client.post("/requests/status/rating/", form, **EN)


def test_the_applicant_rates_the_reply_and_the_office_reads_it(client, replied, alice):
    assert 'data-form="rating"' in client.get(access.private_path(replied), **EN).content.decode()
    response = rate(client, replied, score="4", comment="答复及时，但缺少附件")
    assert response.status_code == 200
    stored = InfoRequest.objects.get(pk=replied.pk)
    assert stored.rating == 4
    assert stored.rating_comment == "答复及时，但缺少附件"
    assert AuditEntry.objects.filter(action="inforequest.rate").exists()
    assert "You rated the reply 4 out of 5." in response.content.decode()
    client.force_login(alice)
    page = client.get(f"/staff/requests/{replied.pk}/", **EN).content.decode()
    assert 'data-field="rating" data-value="4"' in page
    assert "缺少附件" in page


def test_a_rating_out_of_range_is_refused_with_the_field_named(client, replied):
    response = rate(client, replied, score="9")
    assert response.status_code == 422
    assert 'id="error_rating_score"' in response.content.decode()
    assert InfoRequest.objects.get(pk=replied.pk).rating is None


def test_nothing_is_rated_before_the_reply(client, tree):
    request = paper_request(tree["education"], D(2026, 10, 13))
    assert 'data-form="rating"' not in client.get(access.private_path(request), **EN).content.decode()
    assert rate(client, request, score="5").status_code == 409


def test_the_api_takes_a_rating_with_the_key(client, replied):
    response = client.post(
        f"/api/v1/requests/{replied.tracking_code}/rating",
        {"score": 5, "comment": ""},
        content_type="application/json",
        HTTP_X_ACCESS_KEY=access.access_key_for(replied),
    )
    assert response.status_code == 200, response.content
    assert response.json()["rating"]["score"] == 5
    wrong = client.post(
        f"/api/v1/requests/{replied.tracking_code}/rating",
        {"score": 5},
        content_type="application/json",
        HTTP_X_ACCESS_KEY="0" * 24,
    )
    assert wrong.status_code == 404
