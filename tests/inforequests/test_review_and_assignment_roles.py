"""Reviews and assignment follow the roles of request actions: those who handle the agency's
requests (its information officers, the disclosure office) record reconsiderations and lawsuits and
are the ones a request is given to; supervisors, reviewers and signers read. Through the API and
the staff page."""

from __future__ import annotations

import pytest

from sunshine.agencies.models import Role
from sunshine.inforequests import assignment
from sunshine.inforequests.models import Review
from sunshine.inforequests.services import RequestError
from tests.api_helpers import bearer, token_for
from tests.backoffice import D, fixed_today, paper_request

REVIEW = {"kind": "reconsideration", "filed_on": "2026-09-20", "result": "pending"}
READERS = [Role.SUPERVISOR, Role.REVIEWER, Role.SIGNER]


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:
        yield day


@pytest.fixture
def received(tree):
    return paper_request(tree["education"], D(2026, 9, 15))


@pytest.mark.parametrize("role", READERS)
def test_a_reader_cannot_record_a_review_through_the_api(client, make_user, tree, received, role):
    make_user("reader", agency=tree["education"], role=role)
    response = client.post(
        f"/api/v1/staff/requests/{received.pk}/reviews",
        REVIEW,
        content_type="application/json",
        **bearer(token_for(client, "reader")),
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert not Review.objects.exists()


@pytest.mark.parametrize("role", READERS)
def test_a_reader_sees_no_review_form_and_cannot_post_one(client, make_user, tree, received, role):
    client.force_login(make_user("reader", agency=tree["education"], role=role))
    page = client.get(f"/staff/requests/{received.pk}/").content.decode()
    assert 'data-form="review"' not in page
    response = client.post(f"/staff/requests/{received.pk}/reviews/", REVIEW)
    assert response.status_code == 403
    assert not Review.objects.exists()


def test_an_officer_records_a_review_on_the_page(client, alice, received):
    client.force_login(alice)
    page = client.get(f"/staff/requests/{received.pk}/").content.decode()
    assert 'data-form="review"' in page
    response = client.post(f"/staff/requests/{received.pk}/reviews/", REVIEW)
    assert response.status_code == 302
    assert Review.objects.get().kind == "reconsideration"


@pytest.mark.parametrize("role", READERS)
def test_a_reader_is_not_offered_as_the_officer_and_cannot_be_assigned(
    make_user, tree, alice, received, role
):
    reader = make_user("reader", agency=tree["education"], role=role)
    assert reader not in assignment.assignable_officers(received)
    with pytest.raises(RequestError) as caught:
        assignment.assign(request=received, officer=reader, by=alice)
    assert set(caught.value.fields) == {"officer"}
    received.refresh_from_db()
    assert received.assigned_to is None


def test_the_officers_and_the_disclosure_office_of_the_agency_are_offered(make_user, tree, alice, received):
    office = make_user("office", agency=tree["education"], role=Role.DISCLOSURE_OFFICE)
    assert set(assignment.assignable_officers(received)) == {alice, office}
