"""The applicant's case page (/cases/follow/) shows the rating box once the case is finished; the
rating is sent with the code and the key, and a wrong key counts towards the brake."""

from __future__ import annotations

from sunshine.evaluations.models import Evaluation
from tests.evaluations.conftest import key_of


def follow(client, case):
    return client.post("/cases/follow/", {"tracking_code": case.tracking_code, "access_key": key_of(case)})


def test_a_decided_case_shows_the_rating_form_and_an_open_one_does_not(client, decided, registered, today):
    assert 'id="evaluation-form"' in follow(client, decided()).content.decode()
    assert 'id="evaluation"' not in follow(client, registered()).content.decode()


def test_the_rating_is_sent_from_the_case_page_and_then_appended(client, decided, today):
    case = decided()
    fields = {"tracking_code": case.tracking_code, "access_key": key_of(case)}
    sent = client.post("/cases/evaluation/", {**fields, "level": "5", "dim_transparency": "4"})
    assert sent.status_code == 201
    assert "Thank you for your rating." in sent.content.decode()
    box = follow(client, case).content.decode()
    assert 'data-round="0" data-level="5"' in box
    assert 'id="evaluation-form"' in box
    assert client.post("/cases/evaluation/", {**fields, "level": "3"}).status_code == 201
    box = follow(client, case).content.decode()
    assert 'data-round="1" data-level="3"' in box
    assert 'id="evaluation-form"' not in box
    assert client.post("/cases/evaluation/", {**fields, "level": "3"}).status_code == 409
    assert [(e.round, e.level, e.dimensions) for e in Evaluation.objects.order_by("round")] == [
        (0, 5, {"transparency": 4}),
        (1, 3, {}),
    ]


def test_a_wrong_key_rates_nothing_and_counts_as_a_failed_try(client, decided, today):
    case = decided()
    wrong = {"tracking_code": case.tracking_code, "access_key": "WRONG", "level": "1"}
    for _ in range(10):
        assert client.post("/cases/evaluation/", wrong).status_code == 400
    right = {**wrong, "access_key": key_of(case)}
    blocked = client.post("/cases/evaluation/", right)
    assert blocked.status_code == 400
    assert "too many unsuccessful attempts" in blocked.content.decode()
    assert not Evaluation.objects.exists()
