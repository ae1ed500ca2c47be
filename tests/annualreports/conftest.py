"""The people of the annual report's workflow, and a page as one of them sees it."""

from __future__ import annotations

import pytest

from sunshine.agencies.models import Role


@pytest.fixture
def people(make_user, tree):
    return {
        "office": make_user("office", agency=tree["education"], role=Role.DISCLOSURE_OFFICE),
        "reviewer": make_user("rev", agency=tree["education"], role=Role.REVIEWER),
        "signer": make_user("sig", agency=tree["education"], role=Role.SIGNER),
        "officer": make_user("off", agency=tree["education"], role=Role.OFFICER),
        "stranger": make_user("str", agency=tree["other"], role=Role.DISCLOSURE_OFFICE),
    }


def page(client, user, path, data=None):
    client.force_login(user)
    if data is None:
        return client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    return client.post(path, data, HTTP_ACCEPT_LANGUAGE="en", follow=True)
