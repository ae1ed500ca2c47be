"""Staff who handle a request issue a new access key for an applicant who lost theirs: the new key is
shown once, the old key and every private link sent before stop working, and it is audited."""

from __future__ import annotations

import re

import pytest

from sunshine.agencies.models import Role
from sunshine.core.models import AuditEntry
from sunshine.inforequests import access
from sunshine.inforequests.models import InfoRequest
from tests.backoffice import D, fixed_today, paper_request

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:
        yield day


def test_a_new_key_ends_the_old_key_and_links(client, alice, tree):
    request = paper_request(tree["education"], D(2026, 10, 13))
    old_key, old_link = access.access_key_for(request), access.private_path(request)
    client.force_login(alice)
    response = client.post(f"/staff/requests/{request.pk}/new-key/", **EN)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    shown = re.search(r'data-field="access_key">([0-9a-f]+)<', response.content.decode())
    assert shown is not None
    new_key = shown[1]
    stored = InfoRequest.objects.get(pk=request.pk)
    assert access.key_matches(stored, new_key)
    assert not access.key_matches(stored, old_key)
    client.logout()
    assert client.get(old_link, **EN).status_code == 404
    assert client.get(access.private_path(stored), **EN).status_code == 200
    assert AuditEntry.objects.filter(action="inforequest.renew_key", actor=alice).exists()


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.REVIEWER, Role.SIGNER])
def test_a_reader_cannot_issue_a_new_key(client, make_user, tree, role):
    request = paper_request(tree["education"], D(2026, 10, 13))
    client.force_login(make_user("reader", agency=tree["education"], role=role))
    assert 'data-form="new-key"' not in client.get(f"/staff/requests/{request.pk}/").content.decode()
    assert client.post(f"/staff/requests/{request.pk}/new-key/").status_code == 403
    assert access.key_matches(InfoRequest.objects.get(pk=request.pk), access.access_key_for(request))
