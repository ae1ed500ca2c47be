"""Staff pages of solicitations (/staff/solicitations/): a draft from its creation to the published
feedback, through the pages, with the kernel's messages for every refusal and nothing half-saved."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from sunshine.agencies.models import Role
from sunshine.core.models import AuditEntry
from sunshine.solicitations import services
from sunshine.solicitations.models import Comment, Solicitation
from tests.solicitations.conftest import close, make_draft

DAY = datetime.timedelta(days=1)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def in_english():
    """Messages compared in English (the site's default language is Chinese)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def simon(make_user, tree):
    """Simon signs for the Education Bureau (签发): he publishes, he does not draft."""
    return make_user("simon", agency=tree["education"], role=Role.SIGNER)


def moment(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def draft_fields(tree: Any, **changes: Any) -> dict[str, Any]:
    now = timezone.now()
    fields = {
        "agency": tree["education"].pk,
        "title": "阳光市义务教育招生办法（征求意见稿）",
        "text": "第一条 为规范义务教育招生工作，制定本办法。",
        "explanation": "起草说明：结合本市实际起草。",
        "opens_at": moment(now - DAY),
        "closes_at": moment(now + 10 * DAY),
    }
    fields.update(changes)
    return fields


def comment(solicitation: Solicitation, text: str) -> Comment:
    return services.submit_comment(solicitation=solicitation, text=text, contact="13812345678", name="张三丰")


def test_a_draft_goes_from_creation_to_the_published_feedback_through_the_pages(client, tree, alice, simon):
    client.force_login(alice)
    assert client.get("/staff/solicitations/new/", **EN).status_code == 200
    response = client.post("/staff/solicitations/new/", draft_fields(tree), **EN)
    assert response.status_code == 302
    solicitation = Solicitation.objects.get()
    detail = f"/staff/solicitations/{solicitation.pk}/"
    assert response["Location"] == detail

    # Alice changes the draft; an officer is offered no step to publish it.
    changed = draft_fields(tree, title="招生办法（第二稿）")
    del changed["agency"]
    assert client.post(detail, changed, **EN).status_code == 302
    page = client.get(detail, **EN).content.decode()
    assert "招生办法（第二稿）" in page
    assert "Publish for comment" not in page

    # Simon, who signs, publishes it with the button of the declarations.
    client.force_login(simon)
    page = client.get(detail, **EN).content.decode()
    assert "Publish for comment" in page
    assert client.post(f"{detail}steps/publish/", **EN).status_code == 302
    solicitation.refresh_from_db()
    assert solicitation.status == "published"
    listing = client.get("/staff/solicitations/", **EN).content.decode()
    assert "Open for comments" in listing

    # Citizens comment; Alice approves two at once and rejects one with the reason.
    first, second, third = (
        comment(solicitation, t) for t in ("建议延长报名时间。", "建议增加学位。", "广告")
    )
    client.force_login(alice)
    page = client.get(detail, **EN).content.decode()
    assert "13812345678" in page  # staff read the contact
    moderate = f"{detail}comments/"
    response = client.post(moderate, {"action": "approve", "ids": [first.pk, second.pk]}, **EN)
    assert response.status_code == 302
    response = client.post(
        moderate, {"action": "reject", "ids": [third.pk], "reason": "与征求意见无关"}, **EN
    )
    assert response.status_code == 302
    assert dict(Comment.objects.values_list("pk", "status")) == {
        first.pk: "approved",
        second.pk: "approved",
        third.pk: "rejected",
    }

    # The feedback waits for the end of the period and for the adoption of every comment.
    client.force_login(simon)
    response = client.post(f"{detail}steps/publish_feedback/", {"publish_feedback-summary": "采纳情况"}, **EN)
    assert response.status_code == 409
    assert "once the comment period has ended" in response.content.decode()
    close(solicitation)
    response = client.post(f"{detail}steps/publish_feedback/", {"publish_feedback-summary": "采纳情况"}, **EN)
    assert response.status_code == 409
    assert "whether it was adopted" in response.content.decode()

    client.force_login(alice)
    group = {
        "action": "mark_adoption",
        "ids": [first.pk, second.pk],
        "adoption": "partly",
        "reason": "学位有限",
    }
    assert client.post(moderate, group, **EN).status_code == 302
    page = client.get(detail, **EN).content.decode()
    assert "Feedback so far" in page
    assert "学位有限" in page

    client.force_login(simon)
    response = client.post(
        f"{detail}steps/publish_feedback/", {"publish_feedback-summary": "共收到意见三条。"}, **EN
    )
    assert response.status_code == 302
    solicitation.refresh_from_db()
    assert solicitation.status == "feedback_published"
    public = client.get(f"/solicitations/{solicitation.pk}/", **EN).content.decode()
    assert "共收到意见三条。" in public
    assert "学位有限" in public
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"solicitation.create", "solicitation.edit", "solicitation.publish"} <= actions
    assert {"solicitation_comment.approve", "solicitation_comment.reject"} <= actions
    assert {"solicitation_comment.mark_adoption", "solicitation.publish_feedback"} <= actions


def test_a_period_that_ends_before_it_opens_is_named_and_nothing_is_stored(client, tree, alice):
    client.force_login(alice)
    now = timezone.now()
    fields = draft_fields(tree, opens_at=moment(now + 5 * DAY), closes_at=moment(now + DAY))
    response = client.post("/staff/solicitations/new/", fields, **EN)
    assert response.status_code == 422
    assert "The comment period must end after it opens." in response.content.decode()
    assert not Solicitation.objects.exists()


def test_a_missing_title_and_a_bad_date_are_named_beside_their_fields(client, tree, alice):
    client.force_login(alice)
    response = client.post(
        "/staff/solicitations/new/", draft_fields(tree, title="", closes_at="tomorrow"), **EN
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "This field is required." in body
    assert "Enter a date and time." in body
    assert not Solicitation.objects.exists()


def test_a_rejection_without_a_reason_changes_no_comment(client, tree, alice):
    solicitation = services.perform(make_draft(tree["education"]), "publish", by=None)
    first, second = comment(solicitation, "意见一"), comment(solicitation, "意见二")
    client.force_login(alice)
    url = f"/staff/solicitations/{solicitation.pk}/comments/"
    response = client.post(url, {"action": "reject", "ids": [first.pk, second.pk], "reason": ""}, **EN)
    assert response.status_code == 422
    assert 'class="error-summary"' in response.content.decode()
    assert set(Comment.objects.values_list("status", flat=True)) == {"pending"}
    response = client.post(url, {"action": "approve"}, **EN)
    assert response.status_code == 422
    assert "Tick at least one comment." in response.content.decode()


def test_not_adopted_needs_the_reasons(client, tree, alice):
    solicitation = services.perform(make_draft(tree["education"]), "publish", by=None)
    first = comment(solicitation, "意见一")
    services.moderate([first], "approve", by=None)
    client.force_login(alice)
    url = f"/staff/solicitations/{solicitation.pk}/comments/"
    response = client.post(
        url, {"action": "mark_adoption", "ids": [first.pk], "adoption": "not_adopted"}, **EN
    )
    assert response.status_code == 422
    assert "Give the reasons" in response.content.decode()
    first.refresh_from_db()
    assert first.adoption == ""


def test_an_unknown_policy_index_number_is_named_and_the_feedback_stays_unpublished(client, tree, simon):
    solicitation = close(services.perform(make_draft(tree["education"]), "publish", by=None))
    client.force_login(simon)
    response = client.post(
        f"/staff/solicitations/{solicitation.pk}/steps/publish_feedback/",
        {"publish_feedback-summary": "无意见。", "publish_feedback-policy_index_number": "NO-SUCH-1"},
        **EN,
    )
    assert response.status_code == 422
    assert "No published record has this index number." in response.content.decode()
    solicitation.refresh_from_db()
    assert solicitation.status == "published"


def test_an_officer_cannot_publish_and_another_agency_cannot_see(client, tree, alice, make_user):
    draft = make_draft(tree["education"])
    client.force_login(alice)
    assert client.post(f"/staff/solicitations/{draft.pk}/steps/publish/").status_code == 403
    client.force_login(make_user("fred", agency=tree["finance"], role=Role.OFFICER))
    assert client.get(f"/staff/solicitations/{draft.pk}/").status_code == 404
    assert draft.title not in client.get("/staff/solicitations/").content.decode()


def test_the_navigation_offers_the_pages_only_to_those_they_open(client, alice, make_user):
    client.force_login(alice)
    page = client.get("/staff/", **EN).content.decode()
    assert 'href="/staff/solicitations/"' in page
    assert 'href="/staff/interaction/"' in page
    assert client.get("/staff/interaction/", **EN).status_code == 200
    client.force_login(make_user("nobody"))
    page = client.get("/staff/", **EN).content.decode()
    assert 'href="/staff/solicitations/"' not in page
    assert 'href="/staff/interaction/"' not in page
    assert client.get("/staff/solicitations/").status_code == 403
    assert client.get("/staff/interaction/").status_code == 403
