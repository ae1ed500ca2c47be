"""Each solicitation operation answers the same JSON as the hand-built dictionaries it answered
before its response was typed: every key, every value, on a solicitation with moderated comments,
adoptions, a published feedback and its final policy."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from sunshine.solicitations import api, selectors, services
from sunshine.solicitations.codes import Adoption
from sunshine.solicitations.models import Solicitation
from tests.api_helpers import bearer, token_for
from tests.api_shapes import as_sent
from tests.records.conftest import make_draft as make_record_draft
from tests.records.conftest import publish_now
from tests.solicitations.conftest import COMMENT, close

STAFF = "/api/v1/staff/solicitations"


def approved(solicitation, by, **fields):
    comment = services.submit_comment(solicitation=solicitation, **{**COMMENT, **fields})
    return services.moderate([comment], "approve", by=by)[0]


@pytest.fixture
def commented(open_solicitation, alice):
    """Two published comments (one adopted, one not), one rejected and one waiting."""
    first, second = (approved(open_solicitation, alice, text=f"意见{n}，电话13812345678") for n in range(2))
    services.moderate([first], "mark_adoption", by=alice, adoption=Adoption.ADOPTED, reason="已修改第三条")
    services.moderate(
        [second], "mark_adoption", by=alice, adoption=Adoption.NOT_ADOPTED, reason="与上位法不符"
    )
    rejected = services.submit_comment(solicitation=open_solicitation, **COMMENT)
    services.moderate([rejected], "reject", by=alice, reason="与本办法无关")
    services.submit_comment(solicitation=open_solicitation, **{**COMMENT, "name": ""})
    return open_solicitation


@pytest.fixture
def with_feedback(open_solicitation, alice, simon, tree):
    first, second = (approved(open_solicitation, alice, text=f"意见{n}") for n in range(2))
    services.moderate([first], "mark_adoption", by=alice, adoption=Adoption.ADOPTED, reason="")
    services.moderate(
        [second], "mark_adoption", by=alice, adoption=Adoption.NOT_ADOPTED, reason="与上位法不符"
    )
    policy = publish_now(make_record_draft(tree["education"], title="阳光市义务教育招生办法")).record
    close(open_solicitation)
    return services.perform(
        open_solicitation,
        "publish_feedback",
        by=simon,
        summary="共收到意见2条。",
        policy_index_number=policy.index_number,
    )


def public(solicitation: Solicitation) -> object:
    return as_sent(api._detail(selectors.get_public_solicitation(solicitation.pk), timezone.now()))


def staff(solicitation: Solicitation, user) -> object:
    found = selectors.get_solicitation_for_staff(user, solicitation.pk)
    return as_sent(api._staff_detail(SimpleNamespace(user=user), found))  # type: ignore[arg-type]


def call(client, method, path, who, body=None):
    return getattr(client, method)(
        f"{STAFF}{path}", body, content_type="application/json", **bearer(token_for(client, who))
    )


def test_the_public_solicitation_answers_its_comments_without_adoption_before_the_feedback(client, commented):
    answer = client.get(f"/api/v1/solicitations/{commented.pk}").json()
    assert answer == public(commented)
    assert [set(c) for c in answer["comments"]] == [{"id", "name", "text", "created_at"}] * 2
    assert answer["feedback"] is None
    assert answer["published_comments"] == 2


def test_the_public_solicitation_answers_its_feedback_and_the_adoption_of_each_comment(client, with_feedback):
    answer = client.get(f"/api/v1/solicitations/{with_feedback.pk}").json()
    assert answer == public(with_feedback)
    assert set(answer["comments"][0]) == {"id", "name", "text", "created_at", "adoption", "adoption_reason"}
    assert set(answer["feedback"]) == {"summary", "published_at", "policy", "sections"}
    assert set(answer["feedback"]["policy"]) == {"index_number", "title", "url"}
    assert answer["days_left"] is None


def test_a_comment_answers_its_id_and_status_only(client, open_solicitation):
    answer = client.post(
        f"/api/v1/solicitations/{open_solicitation.pk}/comments", COMMENT, content_type="application/json"
    )
    assert answer.status_code == 201
    assert answer.json() == {"id": open_solicitation.comments.get().pk, "status": "pending"}


def test_the_staff_solicitation_answers_every_comment_and_the_steps(client, commented, alice):
    answer = call(client, "get", f"/{commented.pk}", "alice").json()
    assert answer == staff(commented, alice)
    assert len(answer["all_comments"]) == 4
    assert isinstance(answer["days_left"], int)


def test_the_staff_solicitation_with_its_feedback_answers_alike(client, with_feedback, alice):
    assert call(client, "get", f"/{with_feedback.pk}", "alice").json() == staff(with_feedback, alice)


def test_drafting_changing_stepping_and_moderating_answer_the_staff_solicitation(client, tree, alice, simon):
    now = timezone.now()
    body = {
        "agency": "CITY-EDU",
        "title": "征求意见稿",
        "text": "第一条",
        "opens_at": (now - 2 * datetime.timedelta(days=1)).isoformat(),
        "closes_at": (now + 3 * datetime.timedelta(days=1)).isoformat(),
    }
    created = call(client, "post", "", "alice", body)
    assert created.status_code == 201
    found = Solicitation.objects.get(pk=created.json()["id"])
    assert created.json() == staff(found, alice)
    changed = call(client, "patch", f"/{found.pk}", "alice", {"explanation": "起草说明"})
    assert changed.json() == staff(found, alice)
    assert changed.json()["explanation"] == "起草说明"
    stepped = call(client, "post", f"/{found.pk}/actions", "simon", {"action": "publish"})
    assert stepped.status_code == 200
    assert stepped.json() == staff(found, simon)
    comment = services.submit_comment(solicitation=found, **COMMENT)
    moderated = call(
        client, "post", f"/{found.pk}/comments/actions", "alice", {"action": "approve", "ids": [comment.pk]}
    )
    assert moderated.status_code == 200
    assert moderated.json() == staff(found, alice)
    assert moderated.json()["all_comments"][0]["status"] == "approved"


def test_the_lists_answer_the_summary_of_each_solicitation(client, commented, alice):
    now = timezone.now()
    listed = client.get("/api/v1/solicitations").json()
    assert listed == as_sent([api._summary(s, now) for s in selectors.public_solicitations()])
    assert listed[0]["published_comments"] == 2
    staff_listed = call(client, "get", "", "alice").json()
    assert staff_listed == as_sent([api._summary(s, now) for s in selectors.solicitations_for_staff(alice)])
