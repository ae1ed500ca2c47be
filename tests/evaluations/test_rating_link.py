"""The rating link sent by text message: signed, it opens the rating form of one case without the
key, until it expires; staff get it from the API."""

from __future__ import annotations

import time

from sunshine.evaluations import links
from sunshine.evaluations.models import Evaluation
from tests.api_helpers import bearer, token_for


def test_the_link_opens_the_form_without_the_key_and_takes_the_rating(client, decided, today):
    case = decided()
    path = links.link_for(case)
    assert path.startswith("/cases/rate/")
    page = client.get(path)
    assert page.status_code == 200
    text = page.content.decode()
    assert case.tracking_code in text
    assert 'id="evaluation-form"' in text
    assert 'name="access_key"' not in text
    sent = client.post(path, {"level": "1", "dim_efficiency": "1", "comment": "太慢"})
    assert sent.status_code == 201
    assert "2026-12-03" in sent.content.decode()  # the rectification's due date
    assert Evaluation.objects.get(case=case).level == 1


def test_an_expired_link_answers_410_and_a_tampered_one_404(client, decided, today, monkeypatch, settings):
    case = decided()
    path = links.link_for(case)
    later = time.time() + (settings.SUNSHINE_EVALUATION_LINK_DAYS + 1) * 86400
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    expired = client.get(path)
    assert expired.status_code == 410
    assert 'id="link-expired"' in expired.content.decode()
    assert client.post(path, {"level": "5"}).status_code == 410
    assert client.get(path[:-3] + "xx/").status_code == 404
    assert not Evaluation.objects.exists()


def test_staff_of_the_agency_get_the_link_from_the_api(client, decided, alice, fred, today):
    case = decided()
    answer = client.get(
        f"/api/v1/staff/cases/{case.pk}/evaluation-link", **bearer(token_for(client, "alice"))
    )
    assert answer.status_code == 200
    assert answer.json() == {"path": links.link_for(case), "expires_on": "2026-12-12"}
    other = client.get(f"/api/v1/staff/cases/{case.pk}/evaluation-link", **bearer(token_for(client, "fred")))
    assert other.status_code == 404
