"""Complaint letters about an agency on its oversight page, and a rectification opened from one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sunshine.inspections.models import Rectification
from sunshine.letters import services as letters
from sunshine.letters.services import Writer
from tests.inspections.conftest import D

WRITER = Writer(name="陈小明", phone="13800138000", email="chen@example.com")


@pytest.fixture
def complaint(tree, today):
    letter, _key = letters.submit_letter(
        agency=tree["education"],
        kind="complaint",
        subject="政府信息公开栏目长期未更新",
        body="教育局网站公开栏目半年未更新。",
        writer=WRITER,
        today=D(2026, 11, 10),
    )
    return letter


def test_a_complaint_appears_on_the_agency_page_and_opens_a_rectification(
    client, tree, olga, alice, complaint
):
    client.force_login(olga)
    url = reverse("inspections_staff:agency", args=["CITY-EDU"])
    page = client.get(url).content.decode()
    assert f'data-letter="{complaint.pk}"' in page
    assert complaint.tracking_code in page
    assert "13800138000" not in page
    assert "chen@example.com" not in page

    response = client.post(
        reverse("inspections_staff:rectify_complaint", args=["CITY-EDU", complaint.pk]), {}
    )
    r = Rectification.objects.get()
    assert response.status_code == 302
    assert (r.agency, r.finding.letter, r.status, r.due_date) == (
        tree["education"],
        complaint,
        "open",
        D(2026, 12, 3),
    )
    assert complaint.tracking_code in r.finding.text
    page = client.get(url).content.decode()
    assert f'data-finding="{r.finding.pk}"' in page
    assert "A rectification from this complaint is under way." in page

    again = client.post(reverse("inspections_staff:rectify_complaint", args=["CITY-EDU", complaint.pk]), {})
    assert again.status_code == 409
    assert Rectification.objects.count() == 1

    # The agency answers it like any other.
    client.force_login(alice)
    client.post(
        reverse("inspections_staff:rectification_action", args=[r.pk, "answer"]),
        {"answer-answer": "The column is updated."},
    )
    r.refresh_from_db()
    assert r.status == "answered"


def test_an_officer_sees_the_complaints_but_cannot_open_a_rectification(client, alice, complaint):
    client.force_login(alice)
    page = client.get(reverse("inspections_staff:agency", args=["CITY-EDU"])).content.decode()
    assert f'data-letter="{complaint.pk}"' in page
    assert "Open a rectification" not in page
    response = client.post(
        reverse("inspections_staff:rectify_complaint", args=["CITY-EDU", complaint.pk]), {}
    )
    assert response.status_code == 403
    assert Rectification.objects.count() == 0


def test_a_letter_that_is_not_a_complaint_is_not_listed(client, tree, olga, today):
    letter, _key = letters.submit_letter(
        agency=tree["education"],
        kind="consultation",
        subject="咨询",
        body="请问开放日时间。",
        writer=WRITER,
        today=D(2026, 11, 10),
    )
    client.force_login(olga)
    page = client.get(reverse("inspections_staff:agency", args=["CITY-EDU"])).content.decode()
    assert f'data-letter="{letter.pk}"' not in page
    response = client.post(reverse("inspections_staff:rectify_complaint", args=["CITY-EDU", letter.pk]), {})
    assert response.status_code == 404
