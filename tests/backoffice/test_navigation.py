"""The back office offers each person the links their roles open, and no link that leads to a 403."""

from __future__ import annotations

import re

import pytest

from sunshine.agencies.models import Role

QUEUE = 'href="/staff/requests/"'
REGISTER = 'href="/staff/requests/new/"'
AUDIT = 'href="/staff/audit/"'
CALENDAR = 'href="/staff/calendar/"'


def nav(client, path: str = "/staff/") -> str:
    html = client.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    found = re.search(r'<nav class="site-nav".*?</nav>', html, re.S)
    assert found is not None
    return found[0]


@pytest.fixture
def ada(make_user, tree):
    """Ada administers the city's tree."""
    return make_user("ada", agency=tree["city"], role=Role.ADMINISTRATOR)


def test_an_officer_sees_the_requests_but_not_the_audit_log_or_the_calendar(client, alice):
    client.force_login(alice)
    links = nav(client)
    assert QUEUE in links
    assert REGISTER in links
    assert AUDIT not in links
    assert CALENDAR not in links
    assert client.get("/staff/audit/").status_code == 403  # the link would have led here


def test_a_supervisor_sees_the_audit_log(client, sam):
    client.force_login(sam)
    links = nav(client)
    assert AUDIT in links
    assert CALENDAR not in links
    assert client.get("/staff/audit/").status_code == 200


def test_an_administrator_sees_the_audit_log_and_the_calendar(client, ada):
    client.force_login(ada)
    links = nav(client)
    assert AUDIT in links
    assert CALENDAR in links
    assert client.get("/staff/calendar/").status_code == 200


def test_a_superuser_sees_everything(client, admin_user, tree):
    client.force_login(admin_user)
    links = nav(client)
    for link in (QUEUE, REGISTER, AUDIT, CALENDAR):
        assert link in links


def test_a_person_without_a_role_is_offered_no_request_pages(client, make_user):
    client.force_login(make_user("nobody"))
    links = nav(client)
    assert QUEUE not in links
    assert AUDIT not in links


def test_the_navigation_is_the_same_on_other_back_office_pages(client, alice, ada):
    client.force_login(alice)
    assert QUEUE in nav(client, "/staff/requests/new/")
    client.force_login(ada)
    links = nav(client, "/staff/calendar/")
    assert 'href="/staff/calendar/" aria-current="page"' in links


def test_the_current_page_is_marked(client, alice):
    client.force_login(alice)
    assert 'href="/staff/requests/" aria-current="page"' in nav(client, "/staff/requests/")


def test_the_desk_lists_the_same_tools(client, alice, ada):
    client.force_login(alice)
    html = client.get("/staff/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    tools = html.split('id="h-agencies"')[1]
    assert QUEUE in tools
    assert AUDIT not in tools
    assert CALENDAR not in tools
    client.force_login(ada)
    tools = client.get("/staff/").content.decode().split('id="h-agencies"')[1]
    assert AUDIT in tools
    assert CALENDAR in tools


def test_the_desk_counts_open_requests(client, alice):
    client.force_login(alice)
    response = client.get("/staff/")
    assert response.context["request_counts"] == {"open": 0, "overdue": 0, "due_soon": 0}


def test_strangers_see_only_the_portal_link(client, tree):
    links = nav(client, "/staff/login/")
    assert QUEUE not in links
    assert AUDIT not in links


SUPERVISION = 'href="/staff/supervision/"'
EVALUATIONS = 'href="/staff/evaluations/"'


def test_supervisors_are_offered_electronic_supervision_and_officers_the_ratings(client, alice, sam):
    client.force_login(alice)
    links = nav(client)
    assert EVALUATIONS in links
    assert SUPERVISION not in links
    assert client.get("/staff/supervision/").status_code == 403  # the link would have led here
    client.force_login(sam)
    links = nav(client)
    assert SUPERVISION in links
    assert client.get("/staff/supervision/").status_code == 200
    assert client.get("/staff/evaluations/").status_code == 200


def test_the_guides_supervision_and_ratings_share_one_item_beside_the_cases(client, admin_user, tree):
    client.force_login(admin_user)
    links = nav(client, "/staff/supervision/")
    groups = links.split('<li class="site-nav__group">')[1:]
    group = next(g for g in groups if ">Services online</summary>" in g).split("</details>")[0]
    assert ">Services online</summary>" in group
    assert '<summary class="is-current">' in group
    for link in ('href="/staff/eservices/"', SUPERVISION, EVALUATIONS):
        assert link in group
    assert 'href="/staff/cases/"' not in group  # the cases stay a link of their own
    top = re.sub(r'<li class="site-nav__group">.*?</li>\s*</ul>\s*</details>\s*</li>', "", links, flags=re.S)
    assert top.count("<li") <= 11  # short enough for a phone


def test_nobody_without_a_role_is_offered_them(client, make_user):
    client.force_login(make_user("nobody"))
    links = nav(client)
    assert SUPERVISION not in links
    assert EVALUATIONS not in links


INDICATORS = 'href="/staff/oversight/"'
INSPECTIONS = 'href="/staff/inspections/"'
LEDGER = 'href="/staff/ledger/"'
SITEHEALTH = 'href="/staff/sitehealth/"'


def test_the_oversight_group_holds_indicators_inspections_the_ledger_and_website_health(client, alice, sam):
    client.force_login(sam)
    links = nav(client, "/staff/inspections/")
    group = next(g for g in links.split('<li class="site-nav__group">')[1:] if ">Oversight</summary>" in g)
    assert '<summary class="is-current">' in group
    for link in (INDICATORS, INSPECTIONS, LEDGER, SITEHEALTH):
        assert link in group
    assert client.get("/staff/oversight/").status_code == 200
    assert client.get("/staff/sitehealth/").status_code == 200

    client.force_login(alice)  # an officer answers rectifications and keeps the ledger, reads no indicators
    links = nav(client)
    assert INSPECTIONS in links
    assert LEDGER in links
    assert INDICATORS not in links
    assert SITEHEALTH not in links
    assert client.get("/staff/oversight/").status_code == 403  # the link would have led here
    assert client.get("/staff/sitehealth/").status_code == 403
    assert client.get("/staff/ledger/").status_code == 200


def test_nobody_without_a_role_is_offered_oversight(client, make_user):
    client.force_login(make_user("nobody"))
    links = nav(client)
    for link in (INDICATORS, INSPECTIONS, LEDGER, SITEHEALTH):
        assert link not in links
