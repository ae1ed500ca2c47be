"""Common questions on the desks: a question sent to review waits on the reviewers' review desk (not
on its own submitter's), and a question returned with comments waits on its author's returned desk."""

from __future__ import annotations

from sunshine.faq import services

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def desk(client, user, name: str) -> str:
    client.force_login(user)
    return client.get(f"/staff/desk/{name}/", **EN).content.decode()


def test_a_question_sent_to_review_waits_on_the_reviewers_desk_and_not_on_its_authors(
    client, draft, alice, rita
):
    entry = draft("学校招生划片范围在哪里查询？")
    services.take_action(entry=entry, action="submit", by=alice)
    html = desk(client, rita, "review")
    assert "学校招生划片范围在哪里查询？" in html
    assert f"/staff/faq/{entry.pk}/" in html
    assert "学校招生划片范围在哪里查询？" not in desk(client, alice, "review")


def test_a_question_returned_with_comments_waits_on_its_authors_returned_desk(client, draft, alice, rita):
    entry = draft("学校招生划片范围在哪里查询？")
    services.take_action(entry=entry, action="submit", by=alice)
    services.take_action(entry=entry, action="return", by=rita, input={"comments": "请补充查询网址"})
    html = desk(client, alice, "returned")
    assert "学校招生划片范围在哪里查询？" in html
    assert "请补充查询网址" in html
    assert "学校招生划片范围在哪里查询？" not in desk(client, rita, "review")


def test_a_published_question_leaves_the_desks(client, published, rita, alice):
    published("学校招生划片范围在哪里查询？")
    assert "学校招生划片范围在哪里查询？" not in desk(client, rita, "review")
    assert "学校招生划片范围在哪里查询？" not in desk(client, alice, "returned")
