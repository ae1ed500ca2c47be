"""The applicant rates a finished case through the API: once, then once appended (追评); never a
third time, never a case still under way; a wrong key is a failed try like the case API's."""

from __future__ import annotations

import json
from typing import Any

from sunshine.core.models import AuditEntry
from sunshine.evaluations.models import Evaluation
from tests.evaluations.conftest import TODAY, key_of


def post(client, case, body: dict[str, Any], key: str | None = None):
    return client.post(
        f"/api/v1/cases/{case.tracking_code}/evaluation",
        data=json.dumps(body),
        content_type="application/json",
        HTTP_X_ACCESS_KEY=key if key is not None else key_of(case),
    )


def test_a_decided_case_is_rated_then_rated_again_and_then_no_more(client, decided, today):
    case = decided()
    first = post(
        client, case, {"level": 5, "comment": "很快", "dimensions": {"attitude": 5, "efficiency": 4}}
    )
    assert first.status_code == 201, first.content
    assert first.json() == {
        "tracking_code": case.tracking_code,
        "round": 0,
        "level": 5,
        "dimensions": {"attitude": 5, "efficiency": 4},
        "rated_on": TODAY.isoformat(),
        "rectification_due": None,
    }
    second = post(client, case, {"level": 4})
    assert second.status_code == 201
    assert second.json()["round"] == 1
    third = post(client, case, {"level": 3})
    assert third.status_code == 409
    assert third.json()["error"]["code"] == "already_evaluated"
    assert list(Evaluation.objects.filter(case=case).values_list("round", "level")) == [(1, 4), (0, 5)]
    actions = list(
        AuditEntry.objects.filter(action__startswith="evaluation.").values_list("action", flat=True)
    )
    assert sorted(actions) == ["evaluation.append", "evaluation.rate"]


def test_a_case_still_under_way_cannot_be_rated(client, registered, today):
    case = registered()
    answer = post(client, case, {"level": 5})
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "not_finished"
    assert not Evaluation.objects.exists()


def test_a_refused_case_can_be_rated(client, registered, alice, today):
    from sunshine.cases import services

    case = services.perform_action(case=registered(), action="refuse", by=alice, reason="不属于本机关")
    assert post(client, case, {"level": 3}).status_code == 201


def test_bad_levels_and_unknown_sub_scores_answer_422_with_a_message_per_field(client, decided, today):
    case = decided()
    answer = post(
        client, case, {"level": 7, "dimensions": {"beauty": 5, "attitude": 9}, "comment": "x" * 1001}
    )
    assert answer.status_code == 422
    fields = answer.json()["error"]["fields"]
    assert set(fields) == {"level", "dimensions.beauty", "dimensions.attitude", "comment"}
    assert not Evaluation.objects.exists()


def test_a_wrong_key_is_a_failed_try_and_ten_of_them_stop_the_address(client, decided, today):
    case = decided()
    for _ in range(10):
        assert post(client, case, {"level": 5}, key="WRONG-KEY").status_code == 404
    blocked = post(client, case, {"level": 5})
    assert blocked.status_code == 429
    assert blocked.json()["error"]["code"] == "too_many_tries"
    assert not Evaluation.objects.exists()
