"""Who inspects, who answers and who sees what."""

from __future__ import annotations

from django.urls import reverse

from sunshine.agencies.models import Role
from sunshine.inspections import services
from sunshine.inspections.models import Inspection


def test_an_officer_cannot_create_or_run_an_inspection(client, tree, alice, started):
    client.force_login(alice)
    assert client.get(reverse("inspections_staff:create")).status_code == 403
    # She sees the inspection of her agency, without its checklist and without steps.
    page = client.get(reverse("inspections_staff:detail", args=[started.pk])).content.decode()
    assert 'id="checklist"' not in page
    assert 'id="action-close"' not in page
    assert client.post(reverse("inspections_staff:action", args=[started.pk, "close"])).status_code == 403
    response = client.post(
        reverse("inspections_staff:add_finding", args=[started.pk]),
        {"agency": tree["education"].pk, "text": "self-inspection"},
    )
    assert response.status_code == 403
    assert client.get(reverse("inspections_staff:notice", args=[started.pk, "pdf"])).status_code == 403


def test_an_inspector_cannot_inspect_an_agency_outside_the_subtree(client, tree, sam, today):
    client.force_login(sam)  # a supervisor of East District
    response = client.post(
        reverse("inspections_staff:create"),
        {
            "title": "District check",
            "kind": "surprise",
            "period": "2026-11",
            "office": tree["district"].pk,
            "agencies": [tree["education"].pk],
            "items": "Pages up to date",
        },
    )
    assert response.status_code == 422  # Education is not among his choices
    assert Inspection.objects.count() == 0
    response = client.post(
        reverse("inspections_staff:create"),
        {
            "title": "District check",
            "kind": "surprise",
            "period": "2026-11",
            "office": tree["district"].pk,
            "agencies": [tree["health"].pk],
            "items": "Pages up to date",
        },
    )
    assert response.status_code == 302
    assert Inspection.objects.get().kind == "surprise"


def test_staff_of_another_agency_do_not_see_the_inspection_or_its_rectifications(
    client, tree, olga, make_user, started
):
    finding = services.add_finding(inspection=started, by=olga, agency_id=tree["education"].pk, text="Stale")
    nick = make_user("nick", agency=tree["health"], role=Role.OFFICER)
    client.force_login(nick)
    assert client.get(reverse("inspections_staff:detail", args=[started.pk])).status_code == 404
    r = finding.rectification
    assert client.get(reverse("inspections_staff:rectification", args=[r.pk])).status_code == 404
    assert client.get(reverse("inspections_staff:agency", args=["CITY-EDU"])).status_code == 404


def test_the_inspector_cannot_answer_and_the_officer_cannot_verify(client, tree, olga, alice, started):
    r = services.add_finding(
        inspection=started, by=olga, agency_id=tree["education"].pk, text="Stale"
    ).rectification
    client.force_login(olga)
    url = reverse("inspections_staff:rectification_action", args=[r.pk, "answer"])
    assert client.post(url, {"answer-answer": "done"}).status_code == 403
    client.force_login(alice)
    client.post(url, {"answer-answer": "done"})
    verify = reverse("inspections_staff:rectification_action", args=[r.pk, "verify"])
    assert client.post(verify, {}).status_code == 403
    r.refresh_from_db()
    assert r.status == "answered"


def test_people_without_an_agency_are_refused(client, make_user):
    client.force_login(make_user("nobody"))
    assert client.get(reverse("inspections_staff:list")).status_code == 403


def test_staff_with_an_agency_are_offered_the_inspections_in_the_menu(client, alice, make_user):
    client.force_login(alice)
    page = client.get("/staff/inspections/").content.decode()
    assert 'href="/staff/inspections/" aria-current="page"' in page
    client.force_login(make_user("nobody"))
    assert 'href="/staff/inspections/"' not in client.get("/staff/").content.decode()
