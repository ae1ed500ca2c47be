"""The back office's pages of common questions: an officer writes and submits a question, a reviewer
publishes or returns it; nobody sees another agency's questions."""

from __future__ import annotations

from sunshine.faq.models import Entry, Status

NEW = {
    "agency": "",
    "question": "义务教育阶段招生政策是什么？",
    "answer": "免试就近入学。",
    "category": "招生入学",
    "valid_from": "",
    "valid_until": "",
}


def _signed_in(client, user):
    client.force_login(user)
    return client


def test_an_officer_writes_a_question_and_sends_it_to_review(client, alice, tree):
    _signed_in(client, alice)
    response = client.post("/staff/faq/new/", {**NEW, "agency": tree["education"].pk})
    entry = Entry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/faq/{entry.pk}/"
    assert entry.status == Status.DRAFT
    assert entry.category == "招生入学"
    assert client.post(f"/staff/faq/{entry.pk}/submit/").status_code == 302
    entry.refresh_from_db()
    assert entry.status == Status.SUBMITTED
    assert entry.question in client.get("/staff/faq/").content.decode()


def test_a_reviewer_publishes_from_the_page(client, draft, alice, rita):
    from sunshine.faq import services

    entry = draft()
    services.take_action(entry=entry, action="submit", by=alice)
    _signed_in(client, rita)
    html = client.get(f"/staff/faq/{entry.pk}/").content.decode()
    assert f'action="/staff/faq/{entry.pk}/publish/"' in html
    assert client.post(f"/staff/faq/{entry.pk}/publish/").status_code == 302
    entry.refresh_from_db()
    assert entry.status == Status.PUBLISHED


def test_a_return_without_comments_is_explained_and_changes_nothing(client, draft, alice, rita):
    from sunshine.faq import services

    entry = draft()
    services.take_action(entry=entry, action="submit", by=alice)
    _signed_in(client, rita)
    response = client.post(f"/staff/faq/{entry.pk}/return/", {"comments": ""})
    assert response.status_code == 422
    assert 'class="error-summary"' in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == Status.SUBMITTED


def test_an_officer_changes_a_draft_on_its_page(client, draft, alice):
    entry = draft()
    _signed_in(client, alice)
    response = client.post(f"/staff/faq/{entry.pk}/", {**NEW, "answer": "新的答复。"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.answer == "新的答复。"


def test_an_empty_answer_is_refused_beside_its_field(client, draft, alice):
    entry = draft()
    _signed_in(client, alice)
    response = client.post(f"/staff/faq/{entry.pk}/", {**NEW, "answer": ""})
    assert response.status_code == 422
    assert "field--error" in response.content.decode()


def test_another_agencys_officer_gets_404(client, draft, fred):
    entry = draft()
    _signed_in(client, fred)
    assert client.get(f"/staff/faq/{entry.pk}/").status_code == 404
    assert client.post(f"/staff/faq/{entry.pk}/submit/").status_code == 404


def test_the_pages_ask_to_sign_in(client, db):
    response = client.get("/staff/faq/")
    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]
