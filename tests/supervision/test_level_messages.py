"""Each case whose level moves at a sweep is one outbox message for the provincial platform
(docs/outbox.md), in the sweep's transaction, in order with the case's own events, without
personal data; a second sweep the same day writes none. November 2026 has no holiday."""

from __future__ import annotations

import datetime
import json

from sunshine.outbox.models import OutboxMessage
from sunshine.supervision.sweep import sweep
from tests.cases.conftest import APPLICANT

D = datetime.date


def level_messages() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(topic="supervision.level_changed").order_by("id"))


def test_a_level_change_is_one_message_naming_the_case_the_agency_and_both_clocks(accepted):
    case = accepted(D(2026, 11, 2))
    sweep(D(2026, 11, 13))  # 9 of 10 promised working days used: yellow; the law's 20: none

    (message,) = level_messages()
    body = message.payload
    assert body["case"] == case.tracking_code
    assert body["agency"] == "CITY-EDU"
    assert body["date"] == "2026-11-13"
    assert body["levels"] == {"promised": {"before": "none", "after": "yellow"}}
    assert message.ordering_key == f"case:{case.tracking_code}"
    text = json.dumps(body, ensure_ascii=False)
    for private in (APPLICANT.name, APPLICANT.id_number, APPLICANT.phone, APPLICANT.email):
        assert private not in text


def test_a_second_sweep_the_same_day_writes_no_message_and_the_next_change_writes_one(accepted):
    accepted(D(2026, 11, 2))
    sweep(D(2026, 11, 13))
    sweep(D(2026, 11, 13))
    assert len(level_messages()) == 1

    sweep(D(2026, 11, 17))  # past the promised date: red

    assert [m.payload["levels"]["promised"]["after"] for m in level_messages()] == ["yellow", "red"]
