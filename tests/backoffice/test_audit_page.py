"""The audit page (/staff/audit/) reads each row in words: the action, who, when, which object (linked
to its staff page), what was decided and why, each changed field under its label; it filters by lists
of actions, agencies and people, and by dates, a page of 50 at a time.

People: sam supervises East District (tests/conftest.py); rita reviews the Education Bureau's records;
vera supervises the city, so the whole tree is hers.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from sunshine.agencies import services as agency_services
from sunshine.agencies.models import Role
from sunshine.core.audit_actions import grouped_choices
from sunshine.core.models import AuditEntry
from sunshine.core.selectors import AuditFilter, audit_entries_for
from sunshine.inforequests import services as request_services
from sunshine.inforequests.services import Applicant, Wanted
from sunshine.records import findings
from sunshine.records import services as record_services
from tests.inforequests.conftest import CITIZEN_ID
from tests.records.conftest import ALL_CHECKS, make_draft

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
D = datetime.date


@pytest.fixture
def vera(make_user, tree):
    """Vera supervises the city government and every agency below it."""
    return make_user("vera", agency=tree["city"], role=Role.SUPERVISOR, first_name="Vera", last_name="Wang")


@pytest.fixture
def rita(make_user, tree):
    return make_user("rita", agency=tree["education"], role=Role.REVIEWER, first_name="Rita", last_name="Li")


def page(client, query: str = "") -> str:
    response = client.get(f"/staff/audit/{query}", **EN)
    assert response.status_code == 200
    return response.content.decode()


def text_of(html: str) -> str:
    """The page's text, tags dropped and spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def rows(html: str) -> list[str]:
    """The text of each row of the table."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [text_of(row) for row in re.findall(r"<tr data-action.*?</tr>", body, re.S)]


def actions_of(html: str) -> list[str]:
    return re.findall(r'<tr data-action="([^"]+)"', html)


MARCH_2 = D(2026, 3, 2)


def submit_request(agency, day: D = MARCH_2):
    request, _key = request_services.submit_request(
        agency=agency,
        applicant=Applicant(
            kind="natural_person",
            name="陈小明",
            id_type="resident_id",
            id_number=CITIZEN_ID,
            email="chen@example.com",
        ),
        wanted=Wanted(
            description="2025年度部门预算执行情况", delivery_form="electronic", delivery_method="email"
        ),
        today=day,
    )
    return request


def test_the_action_filter_is_a_list_of_actions_in_words_grouped_by_domain(client, vera):
    client.force_login(vera)
    html = page(client)
    select = html.split('<select name="action"', 1)[1].split("</select>", 1)[0]
    assert '<optgroup label="Requests for information">' in select
    assert '<optgroup label="Working-day calendar">' in select
    assert '<option value="inforequest.extend">Reply period extended</option>' in select
    assert '<option value="record.override">Privacy finding overridden</option>' in select
    assert '<option value="calendar.publish_year">Calendar year published</option>' in select
    assert '<input type="text" name="action"' not in html
    every_code = [code for _group, choices in grouped_choices() for code, _label in choices]
    assert len(every_code) == len(set(every_code))  # each action listed once


def test_a_row_says_the_action_in_words_who_took_it_and_links_the_request(client, vera, tree, make_user):
    olivia = make_user(
        "olivia", agency=tree["education"], role=Role.OFFICER, first_name="Olivia", last_name="Zhou"
    )
    sigrid = make_user(
        "sigrid", agency=tree["education"], role=Role.SIGNER, first_name="Sigrid", last_name="Wu"
    )
    request = submit_request(tree["education"])
    request_services.perform_action(
        request=request, action="extend", by=olivia, date=D(2026, 3, 20), today=D(2026, 3, 20),
        working_days=20, reason="需要检索档案", approver=sigrid.pk,
    )  # fmt: skip
    client.force_login(vera)
    html = page(client, "?action=inforequest.extend")
    [row] = rows(html)
    assert "Reply period extended" in row
    assert "Olivia Zhou olivia" in row
    assert "Reason 需要检索档案" in row
    assert "Approved by Sigrid Wu" in row
    assert "Extension days 0 → changed to 20" in row  # the field's label, not its key
    assert "extension_days" not in row
    assert f'href="/staff/requests/{request.pk}/"' in html
    assert "Education Bureau" in row


def test_a_kept_privacy_finding_says_which_finding_who_kept_it_and_why(client, vera, rita, tree):
    draft = make_draft(tree["education"], body="联系电话：0571-87654321")
    submitted = record_services.submit(revision=draft, by=None, acknowledge_findings=True)
    [finding] = findings.open_findings(submitted)
    record_services.override_finding(
        revision=submitted, by=rita, digest=finding.digest, reason="本单位公开的办公电话"
    )
    client.force_login(vera)
    html = page(client, "?action=record.override")
    [row] = rows(html)
    assert "Privacy finding overridden" in row
    assert "Rita Li rita" in row
    assert f"Privacy finding Landline phone number {finding.masked}" in row
    assert "Reason 本单位公开的办公电话" in row
    assert "0571-87654321" not in html  # the finding is shown masked only
    assert f'href="/staff/records/{draft.record_id}/"' in html


def test_a_review_shows_the_checklist_in_words_and_the_status_change(client, vera, tree):
    draft = make_draft(tree["education"])
    submitted = record_services.submit(revision=draft, by=None)
    record_services.review(revision=submitted, by=None, decision="approve", checklist=ALL_CHECKS)
    client.force_login(vera)
    [row] = rows(page(client, "?action=record.approve"))
    assert "Confidentiality checklist Every item confirmed" in row
    assert "Status Awaiting confidentiality review → changed to Reviewed, awaiting sign-off" in row
    assert "The system" in row


def test_a_record_returned_for_changes_shows_why_in_the_audit_log(client, vera, tree):
    submitted = record_services.submit(revision=make_draft(tree["education"]), by=None)
    record_services.return_for_changes(revision=submitted, by=None, comments="文号写错了，请更正")
    client.force_login(vera)
    [row] = rows(page(client, "?action=record.return"))
    assert "文号写错了，请更正" in row


def test_a_supervisor_filters_by_an_agency_of_their_tree_with_the_agencies_below_it(client, sam, tree):
    for code in ("health", "community", "finance"):
        agency_services.update_agency(by=None, agency=tree[code], fax="1")
    client.force_login(sam)
    html = page(client)
    select = html.split('<select name="within"', 1)[1].split("</select>", 1)[0]
    assert 'value="EAST-RIVER"' in select
    assert 'value="CITY-FIN"' not in select  # outside Sam's tree
    street = page(client, "?action=agency.update&within=EAST-RIVER")
    assert ["柳树社区居民委员会" in r for r in rows(street)] == [True]
    everything = page(client, "?action=agency.update")
    assert len(rows(everything)) == 2
    refused = page(client, "?within=CITY-FIN")
    assert "Select a valid choice" in refused


def test_it_filters_by_person_and_by_the_system(client, vera, tree, make_user):
    ida = make_user("ida", is_superuser=True, first_name="Ida", last_name="Ma")
    agency_services.update_agency(by=ida, agency=tree["finance"], fax="2")
    agency_services.update_agency(by=None, agency=tree["health"], fax="3")
    client.force_login(vera)
    assert f'<option value="{ida.pk}">Ida Ma (ida)</option>' in page(client)
    by_ida = page(client, f"?action=agency.update&person={ida.pk}")
    assert ["阳光市财政局" in r for r in rows(by_ida)] == [True]
    by_system = page(client, "?action=agency.update&person=system")
    assert ["东城区卫生健康局" in r for r in rows(by_system)] == [True]


def test_it_filters_by_dates_and_explains_a_range_the_wrong_way_round(client, vera, tree):
    client.force_login(vera)
    today = timezone.localdate()
    # The eight agencies of the city's tree were created today (the ninth is another city's).
    assert len(rows(page(client, f"?action=agency.create&since={today}&until={today}"))) == 8
    assert rows(page(client, f"?action=agency.create&since={today + datetime.timedelta(days=1)}")) == []
    wrong = page(client, f"?since={today}&until={today - datetime.timedelta(days=1)}")
    assert "The end date is before the start date." in wrong


def test_it_shows_fifty_rows_a_page_and_keeps_the_filters_across_pages(client, vera, tree):
    for n in range(51):
        agency_services.update_agency(by=None, agency=tree["finance"], fax=str(n))
    client.force_login(vera)
    first = page(client, "?action=agency.update")
    assert len(rows(first)) == 50
    assert "Page 1 of 2" in first
    assert 'href="?action=agency.update&amp;page=2"' in first
    second = page(client, "?action=agency.update&page=2")
    assert len(rows(second)) == 1
    assert "Fax — → changed to 0" in text_of(second)  # the first change is the oldest row


def test_a_created_object_shows_what_it_was_created_with(client, vera, tree):
    client.force_login(vera)
    html = page(client, "?action=agency.create&within=CITY-FIN")
    [row] = rows(html)
    assert "Agency created" in row
    assert "Code CITY-FIN" in row
    assert "Kind Department" in row  # a choice in words


def test_an_officer_may_not_open_the_page_nor_read_the_rows(client, alice):
    client.force_login(alice)
    assert client.get("/staff/audit/").status_code == 403
    with pytest.raises(PermissionDenied):
        audit_entries_for(alice, AuditFilter())


def test_a_filter_by_action_takes_the_code_and_the_codes_under_it(vera, tree):
    request = submit_request(tree["education"])
    entries = audit_entries_for(vera, AuditFilter(action="inforequest"))
    assert list(entries.values_list("action", flat=True)) == ["inforequest.submit"]
    assert not audit_entries_for(vera, AuditFilter(action="inforequest.sub")).exists()
    assert AuditEntry.objects.get(action="inforequest.submit").object_id == str(request.pk)
