"""Service guides on the desks: a version sent to review waits on the reviewers' review desk (not on
its own submitter's, unless they are the disclosure office), and a version returned with comments
waits on its author's returned desk."""

from __future__ import annotations

from sunshine.eservices import services


def desk(client, user, name: str) -> str:
    client.force_login(user)
    return client.get(f"/staff/desk/{name}/").content.decode()


def test_a_version_sent_to_review_waits_on_the_reviewers_desk_and_not_on_its_authors(
    client, draft, alice, rita
):
    version = draft("EDU-001")
    services.take_action(version=version, action="submit", by=alice)
    html = desk(client, rita, "review")
    assert "民办学校设立审批" in html
    assert "/staff/eservices/EDU-001/v1/" in html
    assert 'data-desk-item="eservice"' in html
    assert "民办学校设立审批" not in desk(client, alice, "review")


def test_the_disclosure_office_sees_its_own_submission_on_its_review_desk(client, draft, olga):
    version = draft("EDU-001", by=olga)
    services.take_action(version=version, action="submit", by=olga)
    assert "/staff/eservices/EDU-001/v1/" in desk(client, olga, "review")


def test_a_version_returned_with_comments_waits_on_its_authors_returned_desk(client, draft, alice, rita):
    version = draft("EDU-001")
    services.take_action(version=version, action="submit", by=alice)
    services.take_action(version=version, action="return", by=rita, input={"comments": "请补充收费依据"})
    html = desk(client, alice, "returned")
    assert "民办学校设立审批" in html
    assert "请补充收费依据" in html
    assert "民办学校设立审批" not in desk(client, rita, "review")


def test_a_returned_version_sent_again_leaves_the_returned_desk(client, draft, alice, rita):
    version = draft("EDU-001")
    services.take_action(version=version, action="submit", by=alice)
    services.take_action(version=version, action="return", by=rita, input={"comments": "请补充收费依据"})
    services.take_action(version=version, action="submit", by=alice)
    assert "民办学校设立审批" not in desk(client, alice, "returned")
    assert "民办学校设立审批" in desk(client, rita, "review")


def test_a_published_version_leaves_the_desks(client, published, rita, alice):
    published("EDU-001")
    assert "民办学校设立审批" not in desk(client, rita, "review")
    assert "民办学校设立审批" not in desk(client, alice, "returned")


def test_a_reviewer_of_another_agency_does_not_see_the_version(client, draft, alice, make_user, tree):
    from sunshine.agencies.models import Role

    other = make_user("rolf", agency=tree["health"], role=Role.REVIEWER)
    version = draft("EDU-001")
    services.take_action(version=version, action="submit", by=alice)
    assert "民办学校设立审批" not in desk(client, other, "review")
