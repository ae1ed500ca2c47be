"""Each step of a letter: who may take it (403), from which status (409), its input (422), its audit."""

from __future__ import annotations

import datetime

import pytest

from sunshine.core.models import AuditEntry
from sunshine.core.workflow import WorkflowError
from sunshine.letters.actions import ACTIONS
from sunshine.letters.models import LetterEvent
from sunshine.letters.services import perform_action

D = datetime.date
TODAY = D(2026, 10, 9)
DAY = D(2026, 9, 22)


@pytest.fixture
def letter(write, alice):
    letter, _key = write(D(2026, 9, 21), by=alice, received_on=D(2026, 9, 21), channel="post")
    return letter


def act(letter, action, by, date=DAY, **fields):
    return perform_action(letter=letter, action=action, by=by, date=date, today=TODAY, **fields)


def refusal(letter, action, by, **fields) -> WorkflowError:
    with pytest.raises(WorkflowError) as refused:
        act(letter, action, by, **fields)
    return refused.value


def test_an_officer_accepts_and_the_step_is_audited(letter, alice):
    accepted = act(letter, "accept", alice)
    assert accepted.status == "accepted"
    entry = AuditEntry.objects.filter(action="letter.accept").get()
    assert (entry.before or {})["status"] == "submitted"
    assert (entry.after or {})["status"] == "accepted"
    assert LetterEvent.objects.filter(letter=letter, action="accept").exists()


@pytest.mark.parametrize("persona", ["rita", "sid", "fred", "sam"])
def test_who_does_not_handle_the_agencys_letters_cannot_accept(letter, persona, request):
    assert refusal(letter, "accept", request.getfixturevalue(persona)).status == 403
    assert letter.events.filter(action="accept").count() == 0


def test_a_step_the_status_does_not_allow_answers_409(letter, alice):
    assert refusal(letter, "reply", alice, text="答复").status == 409
    assert refusal(letter, "close", alice).status == 409


def test_returning_needs_a_reason_and_concludes_the_letter(letter, alice):
    assert refusal(letter, "return", alice).fields == {"reason": "Give the reason for returning the letter."}
    returned = act(letter, "return", alice, reason="属于诉讼事项")
    assert returned.status == "returned"
    assert returned.concluded_on == D(2026, 9, 22)
    assert refusal(returned, "accept", alice).status == 409


def test_asking_for_information_lists_the_items(letter, alice):
    act(letter, "accept", alice)
    assert refusal(letter, "request_info", alice, items=[" "]).status == 422
    asked = act(letter, "request_info", alice, items=["学校名称", "收费时间"])
    assert asked.info_items == ["学校名称", "收费时间"]
    assert asked.status == "awaiting_info"


def test_the_writer_answers_with_the_key_and_the_clock_runs_again(letter, alice):
    from sunshine.letters.services import answer_info

    act(letter, "accept", alice)
    act(letter, "request_info", alice, items=["学校名称"])
    answered = answer_info(letter=letter, text="阳光小学", today=D(2026, 9, 24))
    assert answered.status == "accepted"
    assert answered.pauses.get().ended_on == D(2026, 9, 24)
    assert letter.events.get(action="receive_info").by is None


def test_an_officer_names_the_signer_who_approved_the_extension(letter, alice, sid):
    refused = refusal(letter, "extend", alice, working_days=5, reason="核查")
    assert set(refused.fields) == {"approver"}
    extended = act(letter, "extend", alice, working_days=5, reason="核查", approver="sid")
    assert extended.extension_approver == sid


def test_an_extension_is_granted_once_and_within_its_limit(letter, sid):
    assert set(refusal(letter, "extend", sid, working_days=16, reason="核查").fields) == {"working_days"}
    act(letter, "extend", sid, working_days=15, reason="核查")
    assert refusal(letter, "extend", sid, working_days=1, reason="再次").code == "already_extended"


def test_a_reviewer_cannot_extend(letter, rita):
    assert refusal(letter, "extend", rita, working_days=5, reason="核查").status == 403


def test_a_reply_is_published_only_with_the_writers_consent(letter, alice, replies_without_review):
    act(letter, "accept", alice)
    assert refusal(letter, "reply", alice, text="").fields == {"text": "Write the reply."}
    assert set(refusal(letter, "reply", alice, text="已核查", publish=True).fields) == {"publish"}
    replied = act(letter, "reply", alice, text="已核查并责令退费。", publish=False)
    assert replied.status == "replied"
    assert replied.reply_text == "已核查并责令退费。"
    assert replied.concluded_on == D(2026, 9, 22)
    closed = act(replied, "close", alice, date=D(2026, 9, 23))
    assert closed.status == "closed"


def test_a_consenting_writers_letter_may_be_published_with_its_reply(write, alice, replies_without_review):
    letter, _key = write(
        D(2026, 9, 21), by=alice, received_on=D(2026, 9, 21), channel="post", publish_consent=True
    )
    act(letter, "accept", alice)
    assert act(letter, "reply", alice, text="已核查。", publish=True).reply_published is True


def test_a_supervisor_above_supervises_and_an_officer_cannot(letter, alice, carl):
    assert refusal(letter, "supervise", alice, note="请加快", due_on=D(2026, 10, 1)).status == 403
    assert set(refusal(letter, "supervise", carl, note="", due_on=D(2026, 9, 1)).fields) == {"note", "due_on"}
    supervised = act(letter, "supervise", carl, note="请于国庆前答复", due_on=D(2026, 9, 30))
    assert supervised.supervision_due_on == D(2026, 9, 30)
    assert supervised.status == "submitted"
    assert AuditEntry.objects.filter(action="letter.supervise").exists()


def test_the_disclosure_office_above_takes_every_step(letter, olga):
    assert act(letter, "accept", olga).status == "accepted"
    assert act(letter, "supervise", olga, note="督办", due_on=D(2026, 9, 30)).supervised_on == D(2026, 9, 22)


def test_a_step_cannot_be_dated_in_the_future_or_before_the_last_step(letter, alice):
    assert set(refusal(letter, "accept", alice, date=D(2026, 10, 10)).fields) == {"date"}
    act(letter, "accept", alice, date=D(2026, 9, 25))
    assert set(refusal(letter, "request_info", alice, date=D(2026, 9, 22), items=["x"]).fields) == {"date"}


def test_every_step_has_its_texts_and_roles():
    for action in ACTIONS.values():
        assert action.texts.button
        assert action.texts.history
        assert action.texts.help
        assert action.roles
