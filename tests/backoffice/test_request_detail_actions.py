"""One request at /staff/requests/<id>/: what it asks, its clock and history, and every action,
review and assignment through the page's forms."""

from __future__ import annotations

import re

import pytest

from sunshine.agencies.models import Role
from sunshine.core.models import AuditEntry
from sunshine.inforequests import services
from sunshine.inforequests.actions import WORKFLOW
from sunshine.inforequests.models import AgencyRequestSettings, InfoRequest, Review
from sunshine.inforequests.services import Applicant, Wanted
from tests.backoffice import OTHER_ID, D, act, fixed_today, paper_request
from tests.inforequests.conftest import CITIZEN_ID

# The reply step itself is tested here; its review and sign-off in tests/inforequests/test_reply_review.py.
pytestmark = pytest.mark.usefixtures("replies_without_review")


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:
        yield day


@pytest.fixture
def fred(make_user, tree):
    """Fred is an information officer of the city's Finance Bureau."""
    return make_user("fred", agency=tree["finance"], role=Role.OFFICER)


@pytest.fixture
def sigrid(make_user, tree):
    """Sigrid signs for the Education Bureau: she approves its extensions (条例 Art. 33)."""
    return make_user("sigrid", agency=tree["education"], role=Role.SIGNER, first_name="Sigrid")


@pytest.fixture
def received(tree):
    """Received by post on Tue 2026-09-15: due Mon 2026-10-19."""
    return paper_request(tree["education"], D(2026, 9, 15), title="部门预算执行情况")


def page(client, request):
    return client.get(f"/staff/requests/{request.pk}/", HTTP_ACCEPT_LANGUAGE="en")


def take(client, request, action, **data):
    return client.post(f"/staff/requests/{request.pk}/actions/{action}/", data, HTTP_ACCEPT_LANGUAGE="en")


def fresh(request) -> InfoRequest:
    return InfoRequest.objects.get(pk=request.pk)


def field(html: str, name: str) -> tuple[str, str]:
    found = re.search(rf'data-field="{name}"(?: data-value="([^"]*)")?[^>]*>(.*?)</', html, re.S)
    assert found is not None, name
    return found[1] or "", re.sub(r"<[^>]+>", "", found[2]).strip()


def action_forms(html: str) -> list[str]:
    return re.findall(r'<form [^>]*data-action="(\w+)"', html)


def changes(request) -> tuple[int, int]:
    """Events and audit entries of a request: both unchanged when an action is refused."""
    events = fresh(request).events.count()
    entries = AuditEntry.objects.filter(
        object_type="inforequests.inforequest", object_id=str(request.pk)
    ).count()
    return events, entries


# --- the page -----------------------------------------------------------------------------------


def test_the_page_shows_the_request_its_applicant_and_its_clock(client, alice, received):
    client.force_login(alice)
    response = page(client, received)
    assert response.status_code == 200
    html = response.content.decode()
    assert field(html, "status") == ("received", "Received")
    assert field(html, "due_date") == ("2026-10-19", "2026-10-19")
    assert field(html, "applicant_name")[1] == "陈小明"
    assert CITIZEN_ID in html
    assert "部门预算执行情况" in html
    assert "2 working days left" in html  # 10-16, 10-19
    assert 'data-action="submit"' in html  # the history's first step


def test_only_the_actions_the_status_allows_are_offered(client, alice, received):
    client.force_login(alice)
    offered = action_forms(page(client, received).content.decode())
    assert offered == WORKFLOW.allowed("received")  # the page follows the declarations
    assert {"request_correction", "start_consultation", "extend", "reply", "withdraw"} <= set(offered)
    assert "confirm_receipt" not in offered
    assert "end_consultation" not in offered
    consulting = act(received, "start_consultation", D(2026, 10, 15), party="third_party")
    offered = action_forms(page(client, consulting).content.decode())
    assert offered == WORKFLOW.allowed("in_consultation")
    assert {"end_consultation", "extend", "withdraw"} <= set(offered)
    assert "reply" not in offered


def test_each_form_has_labelled_inputs_named_as_in_the_api(client, alice, received):
    client.force_login(alice)
    html = page(client, received).content.decode()
    reply = re.search(r'<form [^>]*data-action="reply".*?</form>', html, re.S)
    assert reply is not None
    names = re.findall(r'name="(\w+)"', reply[0])
    assert names == ["csrfmiddlewaretoken", "date", "outcome", "reasons", "detail"]
    for name in ("date", "outcome", "reasons", "detail"):
        assert f'<label for="id_reply_{name}"' in reply[0]
    assert 'value="2026-10-15"' in reply[0]  # the date defaults to today
    assert (
        '<option value="withheld_third_party">Withheld: lawful rights of a third party</option>' in reply[0]
    )
    assert 'value="other_correction_overdue"' not in reply[0]  # set by the system, not chosen


def test_someone_of_another_agency_gets_404_for_the_page_and_every_form(client, fred, received):
    client.force_login(fred)
    before = changes(received)
    assert page(client, received).status_code == 404
    assert take(client, received, "withdraw").status_code == 404
    assert (
        client.post(f"/staff/requests/{received.pk}/reviews/", {"kind": "reconsideration"}).status_code == 404
    )
    assert client.post(f"/staff/requests/{received.pk}/assign/", {"officer": fred.pk}).status_code == 404
    assert changes(received) == before
    assert fresh(received).status == "received"


def test_strangers_are_sent_to_sign_in(client, received):
    assert page(client, received)["Location"].startswith("/staff/login/")
    assert take(client, received, "withdraw")["Location"].startswith("/staff/login/")
    assert fresh(received).status == "received"


def test_an_unknown_action_is_not_found(client, alice, received):
    client.force_login(alice)
    assert take(client, received, "approve_everything").status_code == 404


def test_actions_must_be_posted(client, alice, received):
    client.force_login(alice)
    assert client.get(f"/staff/requests/{received.pk}/actions/withdraw/").status_code == 405


# --- every action through its form ----------------------------------------------------------------


def test_confirming_receipt_starts_the_clock(client, alice, tree):
    AgencyRequestSettings.objects.create(agency=tree["education"], auto_confirm_online=False)
    online, _key = services.submit_request(
        agency=tree["education"],
        applicant=Applicant("natural_person", "陈小明", "resident_id", CITIZEN_ID, email="chen@example.com"),
        wanted=Wanted(description="2025年度部门预算执行情况"),
        today=D(2026, 10, 14),
    )
    assert online.status == "submitted"
    client.force_login(alice)
    assert action_forms(page(client, online).content.decode())[0] == "confirm_receipt"
    response = take(client, online, "confirm_receipt", date="2026-10-15")
    assert response.status_code == 302
    assert response["Location"] == f"/staff/requests/{online.pk}/"
    online = fresh(online)
    assert online.status == "received"
    assert online.received_on == D(2026, 10, 15)
    assert online.due_date == D(2026, 11, 12)
    assert AuditEntry.objects.filter(action="inforequest.confirm_receipt", actor_name="alice").exists()


def test_a_correction_is_asked_for_with_one_item_per_line_and_received(client, alice, received):
    client.force_login(alice)
    response = take(
        client,
        received,
        "request_correction",
        date="2026-09-17",
        items="写明预算表的年份\n\n  附上身份证复印件  \n",
        period_working_days="10",
    )
    assert response.status_code == 302
    asked = fresh(received)
    assert asked.status == "awaiting_correction"
    assert asked.correction_items == ["写明预算表的年份", "附上身份证复印件"]
    assert asked.due_date is None
    html = page(client, asked).content.decode()
    assert field(html, "status")[0] == "awaiting_correction"
    items = re.search(r'<ol class="correction-items" data-field="correction_items">(.*?)</ol>', html, re.S)
    assert items is not None
    assert re.findall(r"<li>(.*?)</li>", items[1]) == ["写明预算表的年份", "附上身份证复印件"]
    response = take(client, asked, "receive_correction", date="2026-10-12")
    assert response.status_code == 302
    corrected = fresh(received)
    assert corrected.status == "received"
    assert corrected.clock_start == D(2026, 10, 12)


def test_a_correction_not_made_in_time_closes_the_request(client, alice, received):
    asked = act(received, "request_correction", D(2026, 9, 16), items=["写明年份"], period_working_days=5)
    assert asked.correction_due == D(2026, 9, 22)  # 09-17, 18, Sun 20 (make-up day), 21, 22
    client.force_login(alice)
    assert take(client, asked, "correction_overdue").status_code == 302  # today, 2026-10-15
    closed = fresh(received)
    assert closed.status == "closed"
    assert closed.outcome == "other_correction_overdue"


def test_a_consultation_stops_the_clock_until_it_ends(client, alice, received):
    client.force_login(alice)
    assert take(client, received, "start_consultation", date="2026-10-13", party="agency").status_code == 302
    consulting = fresh(received)
    assert consulting.status == "in_consultation"
    assert consulting.pauses.get().party == "agency"
    assert field(page(client, consulting).content.decode(), "due_date")[0] == ""
    assert take(client, consulting, "end_consultation", date="2026-10-15").status_code == 302
    resumed = fresh(received)
    assert resumed.status == "received"
    assert resumed.due_date == D(2026, 10, 21)  # 10-14 and 10-15 did not count


def test_an_extension_moves_the_due_date(client, alice, sigrid, received):
    client.force_login(alice)
    response = take(
        client,
        received,
        "extend",
        date="2026-10-15",
        working_days="10",
        reason="需要检索档案",
        approver=str(sigrid.pk),
        approved_by="王主任",
    )
    assert response.status_code == 302
    extended = fresh(received)
    assert extended.extension_days == 10
    assert extended.extension_approved_by == "王主任"
    assert extended.extension_approver == sigrid
    assert extended.due_date == D(2026, 11, 2)
    html = page(client, extended).content.decode()
    assert field(html, "due_date")[0] == "2026-11-02"
    assert "需要检索档案" in html


def test_a_reply_records_the_outcome_reasons_and_detail(client, alice, received):
    client.force_login(alice)
    response = take(
        client,
        received,
        "reply",
        date="2026-10-14",
        outcome="partially_disclosed",
        reasons="部分内容涉及第三方商业秘密",
        detail="已邮寄纸质文本",
    )
    assert response.status_code == 302
    replied = fresh(received)
    assert replied.status == "replied"
    assert replied.outcome == "partially_disclosed"
    assert replied.concluded_on == D(2026, 10, 14)
    assert replied.outcome_detail == {"note": "已邮寄纸质文本"}
    html = page(client, replied).content.decode()
    assert field(html, "status")[0] == "replied"
    assert field(html, "outcome")[0] == "partially_disclosed"
    assert action_forms(html) == []


def test_a_withdrawal_concludes_the_request(client, alice, received):
    client.force_login(alice)
    assert take(client, received, "withdraw").status_code == 302
    withdrawn = fresh(received)
    assert withdrawn.status == "withdrawn"
    assert withdrawn.concluded_on == D(2026, 10, 15)
    assert list(withdrawn.events.values_list("action", flat=True)) == [
        "submit",
        "confirm_receipt",
        "withdraw",
    ]


# --- refusals -----------------------------------------------------------------------------------


def test_an_action_the_status_does_not_allow_answers_409_and_changes_nothing(client, alice, received):
    consulting = act(received, "start_consultation", D(2026, 10, 14), party="third_party")
    before = changes(consulting)
    client.force_login(alice)
    response = take(client, consulting, "reply", outcome="disclosed")
    assert response.status_code == 409
    html = response.content.decode()
    assert "This action was not taken" in html
    assert "is not possible while the request is" in html
    assert fresh(consulting).status == "in_consultation"
    assert changes(consulting) == before


def test_a_second_extension_is_a_conflict_shown_on_the_page(client, alice, sigrid, received):
    extended = act(received, "extend", D(2026, 10, 13), working_days=5, reason="检索", approved_by="王主任")
    before = changes(extended)
    client.force_login(alice)
    response = take(client, extended, "extend", working_days="5", reason="再次", approver=str(sigrid.pk))
    assert response.status_code == 409
    assert "can be extended only once" in response.content.decode()
    assert fresh(extended).extension_days == 5
    assert changes(extended) == before


@pytest.mark.parametrize(
    ("action", "data", "bad"),
    [
        ("extend", {"working_days": "30", "reason": "检索", "approved_by": "王主任"}, "working_days"),
        ("extend", {"working_days": "5", "reason": "", "approved_by": "王主任"}, "reason"),
        (
            "extend",
            {"working_days": "5", "reason": "检索", "approved_by": "王主任", "date": "2026-10-16"},
            "date",
        ),
        ("reply", {"outcome": "withheld_state_secret", "reasons": ""}, "reasons"),  # the service says so
        ("reply", {"outcome": "other_correction_overdue"}, "outcome"),
        ("request_correction", {"items": " \n ", "period_working_days": "10"}, "items"),
        ("request_correction", {"items": "写明年份", "period_working_days": "ten"}, "period_working_days"),
        ("start_consultation", {"party": "neighbour"}, "party"),
        ("withdraw", {"date": "2026-09-01"}, "date"),  # before the last recorded step
    ],
)
def test_bad_input_is_shown_beside_its_field_and_changes_nothing(
    client, alice, sigrid, received, action, data, bad
):
    if action == "extend":
        data = {**data, "approver": str(sigrid.pk)}
    before = changes(received)
    client.force_login(alice)
    response = take(client, received, action, **data)
    assert response.status_code == 422
    html = response.content.decode()
    assert "There is a problem" in html
    assert f'href="#id_{action}_{bad}"' in html  # the summary links to the field
    form = re.search(rf'<details class="action" id="action-{action}" open>.*?</details>', html, re.S)
    assert form is not None  # the form in error is open, with the message beside the field
    assert 'class="field__error"' in form[0]
    request = fresh(received)
    assert request.status == "received"
    assert request.extension_days == 0
    assert changes(received) == before


def test_the_form_in_error_keeps_what_was_typed(client, alice, received):
    client.force_login(alice)
    html = take(
        client, received, "extend", working_days="30", reason="需要检索档案", approved_by="王主任"
    ).content
    assert "需要检索档案" in html.decode()


# --- reviews and assignment ----------------------------------------------------------------------


def test_a_reconsideration_is_recorded(client, alice, received):
    client.force_login(alice)
    url = f"/staff/requests/{received.pk}/reviews/"
    response = client.post(url, {"kind": "reconsideration", "filed_on": "2026-10-12", "result": "pending"})
    assert response.status_code == 302
    review = Review.objects.get(request=received)
    assert (review.kind, review.result, review.decided_on) == ("reconsideration", "pending", None)
    assert AuditEntry.objects.filter(action="inforequest.review.add", actor_name="alice").exists()
    assert f'data-review="{review.pk}"' in page(client, received).content.decode()


def test_a_review_with_bad_dates_is_refused_beside_the_field(client, alice, received):
    client.force_login(alice)
    url = f"/staff/requests/{received.pk}/reviews/"
    response = client.post(
        url,
        {
            "kind": "litigation_direct",
            "filed_on": "2026-10-12",
            "result": "pending",
            "decided_on": "2026-10-13",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    assert 'href="#id_review_decided_on"' in response.content.decode()
    assert not Review.objects.exists()


def test_an_officer_of_the_agency_is_assigned(client, alice, received, make_user, tree):
    bob = make_user("bob", agency=tree["education"], role=Role.OFFICER, first_name="鲍勃")
    client.force_login(alice)
    html = page(client, received).content.decode()
    assert f'<option value="{bob.pk}">鲍勃 (bob)</option>' in html
    response = client.post(f"/staff/requests/{received.pk}/assign/", {"officer": bob.pk})
    assert response.status_code == 302
    assert fresh(received).assigned_to == bob
    assert field(page(client, received).content.decode(), "assigned_to")[1] == "鲍勃"
    entry = AuditEntry.objects.get(action="inforequest.assign")
    assert (entry.before, entry.after) == ({"assigned_to": None}, {"assigned_to": bob.pk})


def test_nobody_outside_the_agency_can_be_assigned(client, alice, fred, received):
    client.force_login(alice)
    response = client.post(f"/staff/requests/{received.pk}/assign/", {"officer": fred.pk})
    assert response.status_code == 422
    assert 'href="#id_assign_officer"' in response.content.decode()
    assert fresh(received).assigned_to is None
    assert not AuditEntry.objects.filter(action="inforequest.assign").exists()


# --- help against abuse ---------------------------------------------------------------------------


def test_the_page_points_to_earlier_similar_requests_of_the_applicant(client, alice, tree):
    earlier = paper_request(
        tree["education"], D(2026, 8, 3), description="申请公开阳光市教育局2025年度部门预算执行情况"
    )
    paper_request(tree["education"], D(2026, 8, 4), description="2026年校园安全检查报告")
    paper_request(
        tree["education"],
        D(2026, 8, 5),
        id_type="passport",
        id_number=OTHER_ID,
        description="2025年度部门预算执行情况",
    )
    current = paper_request(
        tree["education"], D(2026, 10, 12), description="请公开教育局2025年度部门预算执行情况的文件"
    )
    client.force_login(alice)
    html = page(client, current).content.decode()
    repeats = re.findall(r'<li data-request="([^"]+)">', html)
    assert repeats == [earlier.tracking_code]
    volume = dict(
        re.findall(r'<tr data-month="(\d{4}-\d\d)"><th[^>]*>[^<]*</th><td class="num">(\d+)</td>', html)
    )
    assert volume["2026-08"] == "2"
    assert volume["2026-10"] == "1"
    assert field(html, "volume_this_agency")[1] == "3"


def test_the_documents_of_the_steps_taken_are_offered(client, alice, received):
    client.force_login(alice)
    html = page(client, received).content.decode()
    assert re.findall(r'<li data-document="(\w+)">', html) == ["receipt"]
    assert f'href="/staff/requests/{received.pk}/documents/receipt.pdf"' in html
    extended = act(received, "extend", D(2026, 10, 13), working_days=5, reason="检索", approved_by="王主任")
    html = page(client, extended).content.decode()
    assert re.findall(r'<li data-document="(\w+)">', html) == ["receipt", "extension_notice"]


def test_a_registered_request_lists_who_registered_it(client, alice, tree):
    registered = paper_request(tree["education"], D(2026, 10, 14), by=alice)
    client.force_login(alice)
    assert "registered by alice" in page(client, registered).content.decode()
