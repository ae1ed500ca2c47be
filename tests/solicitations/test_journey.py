"""Done-when of issue #14: a solicitation runs from opening to published feedback, through the API."""

from __future__ import annotations

import datetime

from django.utils import timezone

from sunshine.solicitations.models import Solicitation
from tests.api_helpers import bearer, token_for
from tests.records.conftest import make_draft as make_record_draft
from tests.records.conftest import publish_now
from tests.solicitations.conftest import COMMENT, close


def test_a_solicitation_runs_from_opening_to_published_feedback(client, tree, alice, simon):
    officer, signer = bearer(token_for(client, "alice")), bearer(token_for(client, "simon"))
    now = timezone.now()

    def staff(method, path, body=None, who=officer):
        call = getattr(client, method)
        return call(f"/api/v1/staff/solicitations{path}", body, content_type="application/json", **who)

    created = staff(
        "post",
        "",
        {
            "agency": "CITY-EDU",
            "title": "阳光市义务教育招生办法（征求意见稿）",
            "text": "第一条 为规范招生工作，制定本办法。",
            "explanation": "起草说明。",
            "opens_at": (now - datetime.timedelta(hours=1)).isoformat(),
            "closes_at": (now + datetime.timedelta(days=14)).isoformat(),
        },
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert client.get(f"/api/v1/solicitations/{pk}").status_code == 404  # a draft is not public

    refused = staff("post", f"/{pk}/actions", {"action": "publish"})
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "permission_denied"
    published = staff("post", f"/{pk}/actions", {"action": "publish"}, who=signer)
    assert published.status_code == 200, published.content
    assert published.json()["phase"] == "open"

    listed = client.get("/api/v1/solicitations").json()
    assert [(s["id"], s["days_left"]) for s in listed] == [(pk, 14)]

    for text in ("建议延长报名时间，电话13912345678。", "建议公开学区划分依据。", "广告内容"):
        assert (
            client.post(
                f"/api/v1/solicitations/{pk}/comments",
                {**COMMENT, "text": text},
                content_type="application/json",
            ).status_code
            == 201
        )
    ids = [c["id"] for c in staff("get", f"/{pk}").json()["all_comments"]]
    assert staff("post", f"/{pk}/comments/actions", {"action": "approve", "ids": ids[:2]}).status_code == 200
    assert (
        staff(
            "post", f"/{pk}/comments/actions", {"action": "reject", "ids": ids[2:], "reason": "广告"}
        ).status_code
        == 200
    )
    public = client.get(f"/api/v1/solicitations/{pk}").json()
    assert len(public["comments"]) == 2
    assert "13912345678" not in str(public)

    close(Solicitation.objects.get(pk=pk))
    late = client.post(f"/api/v1/solicitations/{pk}/comments", COMMENT, content_type="application/json")
    assert late.status_code == 409
    assert late.json()["error"]["code"] == "solicitation_closed"

    staff(
        "post", f"/{pk}/comments/actions", {"action": "mark_adoption", "ids": ids[:1], "adoption": "adopted"}
    )
    staff(
        "post",
        f"/{pk}/comments/actions",
        {"action": "mark_adoption", "ids": ids[1:2], "adoption": "partly", "reason": "学区划分另行公布"},
    )
    policy = publish_now(make_record_draft(tree["education"], title="阳光市义务教育招生办法")).record
    done = staff(
        "post",
        f"/{pk}/actions",
        {
            "action": "publish_feedback",
            "summary": "共收到意见3条，采纳1条。",
            "policy_index_number": policy.index_number,
        },
        who=signer,
    )
    assert done.status_code == 200, done.content

    feedback = client.get(f"/api/v1/solicitations/{pk}").json()["feedback"]
    assert feedback["policy"]["index_number"] == policy.index_number
    assert [(s["adoption"], s["count"]) for s in feedback["sections"]] == [("adopted", 1), ("partly", 1)]
    page = client.get(f"/solicitations/{pk}/").content.decode()
    assert "学区划分另行公布" in page
    assert policy.index_number in page


def test_staff_errors_answer_the_one_error_shape(client, tree, alice, draft):
    officer = bearer(token_for(client, "alice"))
    response = client.post(
        f"/api/v1/staff/solicitations/{draft.pk}/actions",
        {"action": "shout"},
        content_type="application/json",
        **officer,
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"
    bad_period = client.patch(
        f"/api/v1/staff/solicitations/{draft.pk}",
        {"closes_at": (draft.opens_at - datetime.timedelta(days=1)).isoformat()},
        content_type="application/json",
        **officer,
    )
    assert bad_period.status_code == 422
    assert "closes_at" in bad_period.json()["error"]["fields"]
