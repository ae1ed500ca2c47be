from __future__ import annotations

import datetime

import pytest

from sunshine.agencies.models import Role
from sunshine.letters import services
from sunshine.letters.services import Writer

D = datetime.date


@pytest.fixture(autouse=True)
def in_english():
    """Messages compared in English (the site's default language is Chinese)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def writer() -> Writer:
    return Writer(name="陈小明", phone="13800138000", email="chen@example.com")


@pytest.fixture
def write(tree, writer):
    """A letter to an agency (the Education Bureau unless told), registered by staff when ``by`` is
    given with ``received_on``; online otherwise, sent ``today``."""

    def make(day: D, kind: str = "complaint", agency=None, **kwargs):
        return services.submit_letter(
            agency=agency or tree["education"],
            kind=kind,
            subject="学校收费问题",
            body="孩子所在学校收取额外费用，请核查。",
            writer=writer,
            today=day,
            **kwargs,
        )

    return make


@pytest.fixture
def sid(make_user, tree):
    """Sid is a signer of the Education Bureau."""
    return make_user("sid", agency=tree["education"], role=Role.SIGNER)


@pytest.fixture
def rita(make_user, tree):
    """Rita is a reviewer of the Education Bureau: she reads its letters."""
    return make_user("rita", agency=tree["education"], role=Role.REVIEWER)


@pytest.fixture
def fred(make_user, tree):
    """Fred is an information officer of the Finance Bureau."""
    return make_user("fred", agency=tree["finance"], role=Role.OFFICER)


@pytest.fixture
def carl(make_user, tree):
    """Carl is a supervisor of the city government."""
    return make_user("carl", agency=tree["city"], role=Role.SUPERVISOR)


@pytest.fixture
def answered(write, alice, tree):
    """A letter sent online ``day``, accepted that day and replied ``replied_on`` by Alice (or
    ``officer``); the reply published where ``publish`` (the writer consents unless told)."""
    from sunshine.letters.services import perform_action

    def make(
        day: D,
        replied_on: D,
        *,
        publish: bool = True,
        consent: bool = True,
        reply: str = "经核查，该校已退还额外费用。",
        officer=None,
        **kwargs,
    ):
        letter, key = write(day, publish_consent=consent, **kwargs)
        by = officer or alice
        letter = perform_action(letter=letter, action="accept", by=by, date=day, today=replied_on)
        letter = perform_action(
            letter=letter,
            action="reply",
            by=by,
            date=replied_on,
            today=replied_on,
            text=reply,
            publish=publish,
        )
        return letter, key

    return make
