"""Every history event of a service case writes one outbox message in its own transaction, in the
documented format, naming nobody (docs/outbox.md)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction

from sunshine.cases import services
from sunshine.cases.models import CaseEvent
from sunshine.core.workflow import WorkflowError
from sunshine.outbox.models import OutboxMessage
from tests.cases.conftest import APPLICANT, CITIZEN_ID, MONDAY, D

pytestmark = pytest.mark.django_db


def topics() -> list[str]:
    return list(OutboxMessage.objects.order_by("id").values_list("topic", flat=True))


def test_each_step_of_a_case_writes_one_message_with_its_topic(registered, act, rita):
    case = registered()
    act(case, "notify_missing", MONDAY, items=[{"material": "assets", "reason": "未盖章"}])
    act(case, "receive_missing", D(2026, 11, 3))
    act(case, "accept", D(2026, 11, 3))
    act(case, "complete_step", D(2026, 11, 4), step="review")
    act(case, "suspend", D(2026, 11, 5), reason="专家评审")
    act(case, "resume", D(2026, 11, 9))
    act(case, "decide", D(2026, 11, 10), result="approved")
    act(case, "deliver", D(2026, 11, 11))

    assert topics() == [
        "case.received",
        "case.materials_requested",
        "case.materials_received",
        "case.accepted",
        "case.step_completed",
        "case.suspended",
        "case.resumed",
        "case.decided",
        "case.delivered",
    ]
    assert OutboxMessage.objects.count() == CaseEvent.objects.filter(case=case).count()
    assert set(OutboxMessage.objects.values_list("ordering_key", flat=True)) == {f"case:{case.tracking_code}"}


def test_the_decided_message_carries_the_documented_fields(registered, act):
    case = registered()
    act(case, "accept", MONDAY)
    act(case, "decide", D(2026, 11, 6), result="denied", reasons="举办者陈小明不具备资质")
    message = OutboxMessage.objects.get(topic="case.decided")
    payload = message.payload

    event = CaseEvent.objects.get(case=case, action="decide")
    assert payload == {
        "schema_version": 1,
        "event_id": str(message.key),
        "topic": "case.decided",
        "occurred_at": payload["occurred_at"],
        "action": "decide",
        "step_date": "2026-11-06",
        "agency_code": "CITY-EDU",
        "tracking_code": case.tracking_code,
        "service_code": "EDU-LIC-1",
        "guide_version": 1,
        "status": "decided",
        "channel": "counter",
        "applicant_kind": "natural_person",
        "received_on": "2026-11-02",
        "complete_on": "2026-11-02",
        "accepted_on": "2026-11-02",
        "due_date": "2026-11-30",
        "promised_date": "2026-11-16",
        "due_date_provisional": False,
        "statutory_days": 20,
        "promised_days": 10,
        "extension_days": 0,
        "result": "denied",
        "decided_on": "2026-11-06",
        "delivered_on": None,
        "details": {},
    }
    from django.utils import timezone

    assert payload["occurred_at"] == timezone.localtime(event.created_at).isoformat()
    assert payload["occurred_at"].endswith("+08:00")


def test_no_message_carries_the_applicants_personal_data_or_free_texts(registered, act):
    case = registered()
    act(case, "notify_missing", MONDAY, items=[{"material": "assets", "reason": "陈小明的资产证明未盖章"}])
    act(case, "receive_missing", D(2026, 11, 3))
    act(case, "accept", D(2026, 11, 3))
    act(case, "decide", D(2026, 11, 6), result="denied", reasons="申请人陈小明不符合条件")
    text = json.dumps([m.payload for m in OutboxMessage.objects.all()], ensure_ascii=False)

    for secret in (APPLICANT.name, CITIZEN_ID, APPLICANT.phone, APPLICANT.email, "未盖章", "不符合条件"):
        assert secret not in text
    requested = OutboxMessage.objects.get(topic="case.materials_requested").payload
    assert requested["details"] == {"missing_materials": ["assets"], "missing_items": 1}


def test_an_extension_tells_its_working_days_but_not_its_reason(registered, act, sid):
    case = registered()
    act(case, "accept", MONDAY)
    act(case, "extend", D(2026, 11, 4), by=sid, working_days=5, reason="需要现场核查陈小明的场地")
    payload = OutboxMessage.objects.get(topic="case.extended").payload
    assert payload["details"] == {"working_days": 5}
    assert payload["extension_days"] == 5
    assert "现场核查" not in json.dumps(payload, ensure_ascii=False)


def test_the_sweeps_acceptance_by_law_is_pushed_as_accepted(registered):
    registered()
    call_command("cases_sweep", today=D(2026, 11, 10), stdout=io.StringIO())
    message = OutboxMessage.objects.get(topic="case.accepted")
    assert message.payload["action"] == "auto_accept"
    assert message.payload["step_date"] == "2026-11-09"
    assert message.payload["accepted_on"] == "2026-11-02"


def test_an_online_application_is_received_with_its_channel(licence):
    services.submit_case(
        version=licence,
        applicant=APPLICANT,
        materials=["application", "assets"],
        channel="online",
        by=None,
        today=MONDAY,
    )
    message = OutboxMessage.objects.get()
    assert (message.topic, message.payload["action"], message.payload["channel"]) == (
        "case.received",
        "submit",
        "online",
    )


def test_a_refused_step_writes_no_message(registered, act):
    case = registered()
    before = OutboxMessage.objects.count()
    with pytest.raises(WorkflowError):
        act(case, "deliver", MONDAY)  # not decided: 409, nothing changes
    assert OutboxMessage.objects.count() == before


def test_a_step_rolled_back_with_its_transaction_leaves_no_message(registered, act):
    case = registered()
    before = OutboxMessage.objects.count()

    class Abandon(Exception):
        pass

    written: list[int] = []

    def accept_then_abandon() -> None:
        with transaction.atomic():
            act(case, "accept", MONDAY)
            written.append(OutboxMessage.objects.count())
            raise Abandon

    with pytest.raises(Abandon):
        accept_then_abandon()
    assert written == [before + 1]  # written beside the event …

    case.refresh_from_db()
    assert case.status == "submitted"
    assert not CaseEvent.objects.filter(case=case, action="accept").exists()
    assert OutboxMessage.objects.count() == before  # … and gone with it
