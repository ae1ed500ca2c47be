"""Desks (docs/workflows.md#desks): reviewers and signers see what waits for them in their agencies —
records, replies and annual reports — with how long each has waited and its due date, the most urgent
first; officers see their drafts returned with the comment and who returned it. The home page shows
each desk the person's roles open; the lists cost the same number of queries however long they are.

The Education Bureau: alice drafts, rita reviews, sid signs. Finance: fred drafts, fiona reviews.
Olga is the city's disclosure office (every agency of the city); edna the Education Bureau's own.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sunshine.agencies import services as agencies
from sunshine.agencies.models import Role
from sunshine.annualreports import services as reports
from sunshine.inforequests.models import InfoRequest
from sunshine.inforequests.replies import services as replies
from sunshine.records import services as records
from sunshine.records.models import Revision
from tests.backoffice import D, fixed_today, paper_request
from tests.records.conftest import ALL_CHECKS, make_draft

REPORT_COMMENT = "第三部分数据与表三不一致"
REASONS = "依照《中华人民共和国政府信息公开条例》第三十六条第二项的规定，予以公开。"


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:  # Thursday 2026-10-15
        yield day


@pytest.fixture
def rita(make_user, tree):
    """Rita reviews the Education Bureau's records, replies and annual reports."""
    return make_user("rita", agency=tree["education"], role=Role.REVIEWER, first_name="Rita")


@pytest.fixture
def sid(make_user, tree):
    """Sid signs for the Education Bureau."""
    return make_user("sid", agency=tree["education"], role=Role.SIGNER, first_name="Sid")


@pytest.fixture
def fred(make_user, tree):
    """Fred is an information officer of the Finance Bureau."""
    return make_user("fred", agency=tree["finance"], role=Role.OFFICER)


@pytest.fixture
def fiona(make_user, tree):
    """Fiona reviews for the Finance Bureau."""
    return make_user("fiona", agency=tree["finance"], role=Role.REVIEWER)


@pytest.fixture
def edna(make_user, tree):
    """Edna is the Education Bureau's own disclosure office: she drafts its annual report."""
    return make_user("edna", agency=tree["education"], role=Role.DISCLOSURE_OFFICE)


# --- Things that wait, made through the real services -------------------------------------------


def submitted_record(agency, by, title: str = "阳光市教育局关于做好2026年义务教育招生工作的通知") -> Revision:
    return records.submit(revision=make_draft(agency, by=by, title=title), by=by)


def approved_record(agency, by, reviewer, title: str = "阳光市教育局2026年部门预算") -> Revision:
    revision = submitted_record(agency, by, title)
    return records.review(revision=revision, by=reviewer, decision="approve", checklist=ALL_CHECKS)


def reply_in_review(agency, by, description: str = "2025年度阳光市教育局部门预算执行情况") -> InfoRequest:
    request = paper_request(agency, D(2026, 10, 13), description=description)
    replies.save_draft(request=request, by=by, outcome="disclosed", reasons=REASONS, note="见附件说明。")
    replies.take_step(request=request, by=by, action="submit")
    return request


def annual_report(agency, office, *, year: int = 2026, step: str = "submit", reviewer=None):
    draft = reports.open_draft(agency=agency, year=year, by=office)
    draft = reports.take_action(draft=draft, action="submit", by=office)
    if step in {"approve", "return"}:
        draft = reports.take_action(draft=draft, action=step, by=reviewer, comments=REPORT_COMMENT)
    return draft


# --- Reading the page ---------------------------------------------------------------------------


def desk_page(client, user, name: str) -> str:
    client.force_login(user)
    response = client.get(f"/staff/desk/{name}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def links(html: str) -> list[str]:
    """The link of each item on the page, in the order shown."""
    return re.findall(r'<tr data-desk-item="[^"]+">\s*<th scope="row">.*?<a href="([^"]+)"', html, re.S)


def record_url(revision: Revision, page: str = "review") -> str:
    return f"/staff/records/{revision.record_id}/{page + '/' if page else ''}"


def reply_url(request: InfoRequest) -> str:
    return f"/staff/requests/{request.pk}/#reply"


def report_url(code: str, year: int = 2026) -> str:
    return f"/staff/annual-reports/{code}/{year}/"


# --- Review -------------------------------------------------------------------------------------


def test_a_reviewer_sees_exactly_what_waits_for_their_review_in_their_agency(
    client, tree, alice, rita, sid, fred, olga
):
    record = submitted_record(tree["education"], alice)
    approved_record(tree["education"], alice, olga)  # waits for sign-off, not review
    request = reply_in_review(tree["education"], alice)
    annual_report(tree["education"], olga)
    submitted_record(tree["finance"], fred, "阳光市财政局关于2026年预算公开的通知")  # another agency's
    reply_in_review(tree["finance"], fred, "2025年度财政专项资金分配情况")

    shown = links(desk_page(client, rita, "review"))

    assert sorted(shown) == sorted([record_url(record), reply_url(request), report_url("CITY-EDU")])


def test_a_reviewer_of_another_agency_sees_only_that_agencys_items(client, tree, alice, fred, fiona):
    submitted_record(tree["education"], alice)
    reply_in_review(tree["education"], alice)
    finance_record = submitted_record(tree["finance"], fred, "阳光市财政局关于2026年预算公开的通知")

    assert links(desk_page(client, fiona, "review")) == [record_url(finance_record)]


def test_the_disclosure_office_reviews_the_records_and_replies_of_every_agency_below_it(
    client, tree, alice, fred, olga
):
    education = submitted_record(tree["education"], alice)
    finance = submitted_record(tree["finance"], fred, "阳光市财政局关于2026年预算公开的通知")
    request = reply_in_review(tree["finance"], fred, "2025年度财政专项资金分配情况")

    shown = links(desk_page(client, olga, "review"))

    assert sorted(shown) == sorted([record_url(education), record_url(finance), reply_url(request)])


def test_ones_own_submission_waits_on_another_reviewers_desk(client, make_user, tree, rita):
    rob = make_user("rob", agency=tree["education"], role=Role.REVIEWER)
    agencies.grant_role(by=None, user=rob, agency=tree["education"], role=Role.OFFICER)
    record = submitted_record(tree["education"], rob)
    request = reply_in_review(tree["education"], rob)

    assert links(desk_page(client, rob, "review")) == []
    waiting = links(desk_page(client, rita, "review"))
    assert sorted(waiting) == sorted([record_url(record), reply_url(request)])


def test_each_item_says_what_it_is_how_long_it_has_waited_and_when_it_is_due(client, tree, alice, rita):
    request = reply_in_review(tree["education"], alice)
    InfoRequest.objects.filter(pk=request.pk).update(due_date=D(2026, 10, 19), due_date_provisional=True)

    html = desk_page(client, rita, "review")

    assert request.tracking_code in html
    assert "2025年度阳光市教育局部门预算执行情况" in html
    assert "Education Bureau" in html or "阳光市教育局" in html
    assert 'data-due="2026-10-19"' in html
    assert "provisional" in html
    assert "Due soon" in html
    assert re.search(r'data-waiting-days="\d+"', html)


def test_the_nearest_due_date_comes_first(client, tree, alice, rita, olga):
    annual_report(tree["education"], olga)  # due 2027-01-31
    request = reply_in_review(tree["education"], alice)  # due in November 2026
    record = submitted_record(tree["education"], alice)  # formed 2026-03-02: overdue since spring

    shown = links(desk_page(client, rita, "review"))

    assert shown == [record_url(record), reply_url(request), report_url("CITY-EDU")]


# --- Sign-off -----------------------------------------------------------------------------------


def test_a_signer_sees_exactly_what_waits_for_their_sign_off(client, tree, alice, rita, sid, fred, olga):
    submitted_record(tree["education"], alice)  # still in review
    record = approved_record(tree["education"], alice, rita)
    request = reply_in_review(tree["education"], alice)
    replies.take_step(request=request, by=rita, action="approve", input={"comments": "可以公开"})
    annual_report(tree["education"], olga, step="approve", reviewer=rita)
    approved_record(tree["finance"], fred, olga, "阳光市财政局2026年部门预算")  # another agency's

    shown = links(desk_page(client, sid, "sign-off"))

    assert sorted(shown) == sorted([record_url(record, page=""), reply_url(request), report_url("CITY-EDU")])


# --- Returned -----------------------------------------------------------------------------------


def test_an_officer_sees_their_returned_drafts_with_the_comment_and_who_returned_it(
    client, tree, alice, rita, fred, olga
):
    record = records.review(
        revision=submitted_record(tree["education"], alice),
        by=rita,
        decision="return",
        comments="请删除附件中的个人电话号码",
    )
    request = reply_in_review(tree["education"], alice)
    comments = {"comments": "答复依据应引用第二十七条"}
    replies.take_step(request=request, by=rita, action="return", input=comments)
    records.review(  # Fred's, not Alice's
        revision=submitted_record(tree["finance"], fred, "阳光市财政局关于2026年预算公开的通知"),
        by=olga,
        decision="return",
        comments="标题有误",
    )

    html = desk_page(client, alice, "returned")

    assert sorted(links(html)) == sorted([record_url(record, page=""), reply_url(request)])
    assert "请删除附件中的个人电话号码" in html
    assert "答复依据应引用第二十七条" in html
    assert "— Rita" in html
    assert "标题有误" not in html


def test_a_returned_reply_stays_on_the_desk_while_it_is_changed_and_leaves_when_sent_back(
    client, tree, alice, rita
):
    request = reply_in_review(tree["education"], alice)
    replies.take_step(request=request, by=rita, action="return", input={"comments": "请补充说明"})
    replies.save_draft(request=request, by=alice, outcome="disclosed", reasons=REASONS, note="已补充说明。")

    assert links(desk_page(client, alice, "returned")) == [reply_url(request)]

    replies.take_step(request=request, by=alice, action="submit")
    assert links(desk_page(client, alice, "returned")) == []


def test_the_agencys_disclosure_office_sees_its_annual_report_returned(client, tree, edna, rita, olga):
    annual_report(tree["education"], edna, step="return", reviewer=rita)

    html = desk_page(client, edna, "returned")

    assert links(html) == [report_url("CITY-EDU")]
    assert REPORT_COMMENT in html
    assert "— Rita" in html
    # The city's office opens the city's report, not the Education Bureau's.
    assert links(desk_page(client, olga, "returned")) == []


def test_a_resubmitted_annual_report_leaves_the_returned_desk(client, tree, edna, rita):
    draft = annual_report(tree["education"], edna, step="return", reviewer=rita)
    reports.take_action(draft=draft, action="submit", by=edna)

    assert links(desk_page(client, edna, "returned")) == []


# --- Home page and access -----------------------------------------------------------------------


def home(client, user) -> str:
    client.force_login(user)
    return client.get("/staff/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_the_home_page_shows_each_desk_the_persons_roles_open_with_its_count(client, tree, alice, rita):
    submitted_record(tree["education"], alice)
    reply_in_review(tree["education"], alice)

    reviewer_home = home(client, rita)
    assert 'data-desk-section="review"' in reviewer_home
    assert 'data-desk-section="sign-off"' not in reviewer_home
    assert 'data-desk-section="returned"' not in reviewer_home
    heading = 'id="h-desk-review">Waiting for your review <span class="count" data-desk-total="2"'
    assert heading in reviewer_home
    assert 'href="/staff/desk/review/"' in reviewer_home

    officer_home = home(client, alice)
    assert 'data-desk-section="returned"' in officer_home
    assert 'data-desk-section="review"' not in officer_home
    assert "Nothing waits here." in officer_home


def test_a_person_without_the_role_is_refused_the_desk(client, alice):
    client.force_login(alice)
    assert client.get("/staff/desk/review/").status_code == 403
    assert client.get("/staff/desk/sign-off/").status_code == 403
    assert client.get("/staff/desk/elsewhere/").status_code == 404


# --- Queries ------------------------------------------------------------------------------------


def queries_of(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_items(client, tree, alice, rita, sid, olga):
    def one_of_each(n: int) -> None:
        submitted_record(tree["education"], alice, f"第{n}号通知")
        reply_in_review(tree["education"], alice, f"第{n}项信息")
        returned = submitted_record(tree["education"], alice, f"第{n}号退回的通知")
        records.review(revision=returned, by=rita, decision="return", comments="请修改")

    def counts() -> list[int]:
        client.force_login(olga)  # reviews every agency of the city
        seen = [queries_of(client, "/staff/desk/review/"), queries_of(client, "/staff/")]
        client.force_login(alice)
        return [*seen, queries_of(client, "/staff/desk/returned/"), queries_of(client, "/staff/")]

    annual_report(tree["education"], olga)
    one_of_each(1)
    few = counts()
    for n in range(2, 8):
        one_of_each(n)

    assert counts() == few
