"""New cases through the API and the apply pages, past the brake on anonymous submissions
(sunshine/core/submissions.py), and the "received" message at most once an hour to an address until a
link in one has been opened."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from sunshine.cases import services
from sunshine.cases.models import Case, CaseNotice
from tests.cases.conftest import APPLICANT
from tests.cases.test_api import apply
from tests.cases.test_apply_pages import BASE, fill
from tests.cases.test_notifications import MONDAY


@pytest.fixture(autouse=True)
def limits(settings, tmp_path, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: MONDAY)
    settings.SUNSHINE_SUBMISSIONS_PER_ADDRESS = 2
    settings.SUNSHINE_SUBMISSIONS_PER_CONTACT = 2
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


def test_the_api_answers_429_with_retry_after_past_the_cases_of_an_address(client, licence):
    assert apply(client).status_code == 201
    assert apply(client, applicant={**APPLICANT.__dict__, "phone": "13911112222"}).status_code == 201

    refused = apply(client, applicant={**APPLICANT.__dict__, "phone": "13933334444"})

    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "too_many_submissions"
    assert int(refused["Retry-After"]) > 0
    assert Case.objects.count() == 2


def test_the_check_page_past_the_limit_keeps_the_draft_and_says_why(client, licence, settings):
    settings.SUNSHINE_SUBMISSIONS_PER_ADDRESS = 0
    fill(client)

    refused = client.post(f"{BASE}check/")

    assert refused.status_code == 429
    assert refused["Retry-After"]
    assert "Nothing was sent" in refused.content.decode()
    assert Case.objects.count() == 0
    settings.SUNSHINE_SUBMISSIONS_PER_ADDRESS = 5
    assert client.post(f"{BASE}check/").status_code == 302  # the draft was kept
    assert Case.objects.count() == 1


def test_the_received_message_goes_once_an_hour_to_an_address_until_its_link_is_opened(
    client, licence, django_capture_on_commit_callbacks
):
    applicant = services.Applicant(**{**APPLICANT.__dict__, "email": "chen@example.com"})

    def submit() -> Case:
        with django_capture_on_commit_callbacks(execute=True):
            case, _key = services.submit_case(
                version=licence, applicant=applicant, materials=["application"], today=MONDAY
            )
        return case

    submit()
    second = submit()
    assert len(mail.outbox) == 1
    assert not CaseNotice.objects.filter(case=second).exists()

    link = re.search(r"https?://\S+confirm=\S+|/cases/\S+confirm=\S+", str(mail.outbox[0].body))
    assert link is not None
    path = link.group(0).split("testserver", 1)[-1]
    assert client.get(path).status_code == 200
    submit()

    assert len(mail.outbox) == 2
