"""Overdue rectifications on the one working-day clock, shown to the inspectors."""

from __future__ import annotations

from django.urls import reverse

from sunshine.inspections import services
from tests.inspections.conftest import D


def _finding(started, tree, olga):
    return services.add_finding(
        inspection=started, by=olga, agency_id=tree["education"].pk, text="Stale pages"
    )


def test_a_rectification_is_overdue_the_working_day_after_its_due_date(client, tree, olga, started, today):
    r = _finding(started, tree, olga).rectification
    assert r.due_date == D(2026, 12, 3)  # 15 working days after Thursday 12 November
    client.force_login(olga)

    today(D(2026, 12, 3))
    page = client.get(reverse("inspections_staff:list")).content.decode()
    assert "No rectification is past its due date." in page
    assert f'data-rectification="{r.pk}"' not in page

    today(D(2026, 12, 4))
    page = client.get(reverse("inspections_staff:list")).content.decode()
    assert f'data-rectification="{r.pk}" data-status="open" data-overdue' in page
    listed = client.get(reverse("inspections_staff:rectifications") + "?overdue=1").content.decode()
    assert f'data-rectification="{r.pk}"' in listed
    detail = client.get(reverse("inspections_staff:rectification", args=[r.pk])).content.decode()
    assert 'data-field="overdue"' in detail


def test_a_verified_rectification_is_no_longer_overdue(client, tree, olga, alice, started, today):
    r = _finding(started, tree, olga).rectification
    services.perform_rectification_action(rectification=r, action="answer", by=alice, answer="Fixed")
    services.perform_rectification_action(rectification=r, action="verify", by=olga)
    today(D(2026, 12, 10))
    client.force_login(olga)
    listed = client.get(reverse("inspections_staff:rectifications") + "?overdue=1").content.decode()
    assert f'data-rectification="{r.pk}"' not in listed


def test_an_agency_officer_is_not_shown_the_supervisors_overdue_section(
    client, tree, olga, alice, started, today
):
    _finding(started, tree, olga)
    today(D(2026, 12, 4))
    client.force_login(alice)
    page = client.get(reverse("inspections_staff:list")).content.decode()
    assert 'id="overdue"' not in page
    mine = client.get(reverse("inspections_staff:rectifications") + "?overdue=1").content.decode()
    assert "data-overdue" in mine  # her own agency's rectification, on her list
