from __future__ import annotations

from django.utils import timezone

from sunshine.solicitations import services
from sunshine.solicitations.models import Comment
from tests.solicitations.conftest import DAY, close, make_draft, set_period


def test_the_list_shows_open_solicitations_first_with_days_left(client, tree, open_solicitation):
    older = services.perform(make_draft(tree["education"], title="已结束的征求意见稿"), "publish", by=None)
    close(older)
    set_period(older, older.opens_at + 2 * DAY, older.closes_at)  # opened later, yet closed
    page = client.get("/solicitations/")
    assert page.status_code == 200
    body = page.content.decode()
    assert body.index(open_solicitation.title) < body.index("已结束的征求意见稿")
    assert "10 天" in body or "10 days" in body


def test_drafts_are_not_listed(client, draft):
    assert draft.title not in client.get("/solicitations/").content.decode()
    assert client.get(f"/solicitations/{draft.pk}/").status_code == 404


def test_the_page_of_an_open_solicitation_has_the_text_the_explanation_and_a_comment_form(
    client, open_solicitation
):
    body = client.get(f"/solicitations/{open_solicitation.pk}/").content.decode()
    assert open_solicitation.text in body
    assert open_solicitation.explanation in body
    assert 'name="contact"' in body


def test_a_comment_sent_through_the_page_awaits_moderation(client, open_solicitation):
    url = f"/solicitations/{open_solicitation.pk}/"
    response = client.post(
        url, {"text": "建议增加学位。", "contact": "li@example.com", "name": ""}, follow=True
    )
    assert response.status_code == 200
    assert Comment.objects.get().status == "pending"
    assert "建议增加学位" not in response.content.decode()


def test_the_page_names_a_bad_contact_and_stores_nothing(client, open_solicitation):
    url = f"/solicitations/{open_solicitation.pk}/"
    response = client.post(url, {"text": "建议增加学位。", "contact": "找我"})
    assert response.status_code == 422
    assert 'class="error-summary"' in response.content.decode()
    assert not Comment.objects.exists()


def test_a_closed_solicitation_has_no_form_and_refuses_a_late_comment(client, open_solicitation):
    close(open_solicitation)
    url = f"/solicitations/{open_solicitation.pk}/"
    assert 'name="contact"' not in client.get(url).content.decode()
    response = client.post(url, {"text": "迟到的意见", "contact": "13812345678"})
    assert response.status_code == 409
    assert not Comment.objects.exists()


def test_the_public_interaction_page_links_to_the_solicitations(client, db):
    assert 'href="/solicitations/"' in client.get("/interaction/").content.decode()


def test_a_solicitation_not_open_yet_says_so(client, open_solicitation):
    now = timezone.now()
    set_period(open_solicitation, now + DAY, now + 3 * DAY)
    body = client.get(f"/solicitations/{open_solicitation.pk}/").content.decode()
    assert 'name="contact"' not in body
