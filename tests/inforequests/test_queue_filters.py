"""The staff queue's filters, defined once: the page, its CSV/XLSX export and the API read the same
parameters the same way, list the same requests and refuse the same mistakes with the same words."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
from django.http import QueryDict
from django.utils import translation

from sunshine.agencies.models import Role
from sunshine.agencies.selectors import agencies_for_staff
from sunshine.core.models import AuditEntry
from sunshine.inforequests.queue import queue_queryset
from sunshine.inforequests.queue_filters import PARAMS, QueueFilter, QueueFilterErrors
from tests.api_helpers import bearer, token_for
from tests.backoffice import D, act, fixed_today, paper_request

# --- Reading the parameters ---------------------------------------------------------------------


def errors_of(params) -> dict[str, str]:
    with translation.override("en"):
        parsed = QueueFilter.from_params(params)
    assert isinstance(parsed, QueueFilterErrors)
    return parsed.messages()


def test_no_parameter_is_the_open_queue_of_everything_one_may_see():
    assert QueueFilter.from_params(QueryDict("")) == QueueFilter()
    assert QueueFilter.from_params({"agency": "", "q": "  ", "state": None}) == QueueFilter()


def test_every_parameter_is_read_and_text_is_trimmed():
    query = QueryDict(
        "agency=+CITY-EDU+&status=received&state=overdue&received_from=2026-09-01"
        "&received_to=2026-09-30&assigned=me&q=+%E9%A2%84%E7%AE%97+"
    )
    assert QueueFilter.from_params(query) == QueueFilter(
        agency="CITY-EDU",
        status="received",
        state="overdue",
        received_from=D(2026, 9, 1),
        received_to=D(2026, 9, 30),
        assigned="me",
        q="预算",
    )


def test_the_pages_status_all_and_the_apis_open_false_mean_the_same():
    concluded_too = QueueFilter(open=False)
    assert QueueFilter.from_params(QueryDict("status=all")) == concluded_too
    assert QueueFilter.from_params(QueryDict("open=false")) == concluded_too
    assert QueueFilter.from_params(QueryDict("open=0")) == concluded_too
    assert QueueFilter.from_params(QueryDict("open=true")) == QueueFilter()
    assert concluded_too.to_params() == {"status": "all"}


def test_a_filter_written_back_as_parameters_reads_the_same():
    wanted = QueueFilter(agency="CITY-EDU", open=False, received_from=D(2026, 9, 1), assigned="nobody", q="x")
    assert QueueFilter.from_params(wanted.to_params()) == wanted


def test_a_bad_date_says_how_to_write_one():
    assert errors_of(QueryDict("received_from=15.10.2026")) == {
        "received_from": "Enter a real date as YYYY-MM-DD."
    }
    assert errors_of(QueryDict("received_to=2026-02-30")) == {
        "received_to": "Enter a real date as YYYY-MM-DD."
    }


def test_the_messages_are_in_the_language_of_the_request():
    with translation.override("zh-hans"):
        parsed = QueueFilter.from_params(QueryDict("received_from=yesterday"))
    assert isinstance(parsed, QueueFilterErrors)
    assert parsed.messages() == {"received_from": "请按YYYY-MM-DD格式输入有效日期。"}


def test_an_end_before_the_start_is_an_error_of_the_end_alone():
    with translation.override("en"):
        parsed = QueueFilter.from_params(QueryDict("received_from=2026-09-30&received_to=2026-09-10"))
    assert isinstance(parsed, QueueFilterErrors)
    assert parsed.messages() == {"received_to": "The end of the period is before its start."}
    assert parsed.valid == QueueFilter(received_from=D(2026, 9, 30))


def test_each_parameter_in_error_has_its_own_message_and_the_others_still_hold():
    query = QueryDict(f"agency=CITY-EDU&status=lost&open=maybe&state=late&assigned=you&q={'x' * 101}")
    with translation.override("en"):
        parsed = QueueFilter.from_params(query)
    assert isinstance(parsed, QueueFilterErrors)
    assert parsed.messages() == {
        "status": (
            "Choose one of: all, submitted, received, awaiting_correction, in_consultation, awaiting_fee, "
            "replied, withdrawn, closed."
        ),
        "open": "Enter true or false.",
        "state": "Choose one of: on_time, due_soon, overdue, paused.",
        "assigned": "Choose one of: me, nobody.",
        "q": "Enter at most 100 characters.",
    }
    assert parsed.valid == QueueFilter(agency="CITY-EDU")


def test_with_the_persons_agencies_an_agency_out_of_reach_is_an_error(alice, tree):
    agencies = agencies_for_staff(alice)
    with translation.override("en"):
        parsed = QueueFilter.from_params(QueryDict("agency=CITY-FIN"), agencies=agencies)
    assert isinstance(parsed, QueueFilterErrors)
    assert parsed.has("agency", "out_of_reach")
    assert parsed.messages() == {"agency": "You cannot see the requests of this agency."}
    assert QueueFilter.from_params(QueryDict("agency=CITY-EDU"), agencies=agencies) == QueueFilter(
        agency="CITY-EDU"
    )
    # Without them, the code is only a filter: the selector keeps the queue to one's own agencies.
    assert QueueFilter.from_params(QueryDict("agency=CITY-FIN")) == QueueFilter(agency="CITY-FIN")


# --- The same requests on the page, in the export and in the API --------------------------------


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:
        yield day


@pytest.fixture
def queue(tree, alice, make_user):
    """Requests of the Education Bureau on 2026-10-15, one per clock state and one replied;
    the overdue one is Alice's, the one due soon Bob's."""
    bob = make_user("bob", agency=tree["education"], role=Role.OFFICER)
    overdue = paper_request(tree["education"], D(2026, 9, 8), title="逾期的申请")
    due_soon = paper_request(tree["education"], D(2026, 9, 16), title="快到期的申请")
    on_time = paper_request(tree["education"], D(2026, 9, 17), title="按时的申请")
    paused = paper_request(tree["education"], D(2026, 10, 14), title="征求意见中的通知")
    paused = act(paused, "start_consultation", D(2026, 10, 15), party="third_party")
    replied = paper_request(tree["education"], D(2026, 10, 9), title="已答复的通知")
    replied = act(replied, "reply", D(2026, 10, 15), outcome="disclosed")
    paper_request(tree["finance"], D(2026, 9, 20), title="财政局的申请")  # not Alice's to see
    for request, officer in [(overdue, alice), (due_soon, bob)]:
        request.assigned_to = officer
        request.save(update_fields=["assigned_to"])
    return {
        "overdue": overdue,
        "due_soon": due_soon,
        "on_time": on_time,
        "paused": paused,
        "replied": replied,
    }


def on_page(client, query: str) -> list[str]:
    response = client.get(f"/staff/requests/?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert not response.context["form"].errors
    return [row.request.tracking_code for row in response.context["rows"]]


def in_csv(client, query: str) -> list[str]:
    response = client.get(f"/staff/requests/export.csv?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    _header, *rows = csv.reader(io.StringIO(text))
    return [row[0] for row in rows]


def in_xlsx(client, query: str) -> list[str]:
    response = client.get(f"/staff/requests/export.xlsx?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet is not None
    return [str(row[0]) for row in sheet.iter_rows(min_row=2, values_only=True)]


def in_api(client, token: str, query: str) -> list[str]:
    response = client.get(f"/api/v1/staff/requests?{query}", HTTP_ACCEPT_LANGUAGE="en", **bearer(token))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == len(body["results"])
    return [row["tracking_code"] for row in body["results"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["overdue", "due_soon", "on_time", "paused"]),
        ("received_from=2026-09-10&received_to=2026-09-30", ["due_soon", "on_time"]),
        ("received_from=2026-09-17", ["on_time", "paused"]),
        ("received_to=2026-09-16", ["overdue", "due_soon"]),
        ("assigned=me", ["overdue"]),
        ("assigned=nobody", ["on_time", "paused"]),
        ("q=%E7%94%B3%E8%AF%B7", ["overdue", "due_soon", "on_time"]),  # 申请
        ("q=%E9%80%9A%E7%9F%A5&status=all", ["replied", "paused"]),  # 通知
        ("state=overdue", ["overdue"]),
        ("state=due_soon", ["due_soon"]),
        ("state=on_time", ["on_time"]),
        ("state=paused", ["paused"]),
        ("status=all", ["overdue", "due_soon", "on_time", "replied", "paused"]),
        ("open=false", ["overdue", "due_soon", "on_time", "replied", "paused"]),
        ("status=replied", ["replied"]),
        ("agency=CITY-EDU&received_from=2026-09-01&assigned=nobody&q=%E7%94%B3%E8%AF%B7", ["on_time"]),
    ],
)
def test_the_page_the_export_and_the_api_list_the_same_requests(client, alice, queue, query, expected):
    token = token_for(client, "alice")
    client.force_login(alice)
    codes = [queue[key].tracking_code for key in expected]
    assert on_page(client, query) == codes
    assert in_csv(client, query) == codes
    assert in_xlsx(client, query) == codes
    assert in_api(client, token, query) == codes


def test_a_code_of_the_search_matches_whatever_its_case(client, alice, queue):
    client.force_login(alice)
    code = queue["due_soon"].tracking_code
    assert on_page(client, f"q={code.lower()}") == [code]
    assert in_csv(client, f"q={code.lower()}") == [code]
    assert in_api(client, token_for(client, "alice"), f"q={code.lower()}") == [code]


def test_the_desk_counts_come_from_the_same_filter(client, alice, queue):
    assert queue_queryset(alice).count() == 4
    assert list(queue_queryset(alice, QueueFilter(state="overdue"))) == [queue["overdue"]]
    client.force_login(alice)
    assert client.get("/staff/").context["request_counts"] == {"open": 4, "overdue": 1, "due_soon": 1}


# --- The same mistake refused on each surface ---------------------------------------------------

BAD_DATE = "received_from=15.10.2026&state=overdue"


def test_on_the_page_a_bad_date_is_shown_beside_its_field_and_the_other_filters_still_apply(
    client, alice, queue
):
    client.force_login(alice)
    response = client.get(f"/staff/requests/?{BAD_DATE}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["form"].errors == {"received_from": ["Enter a real date as YYYY-MM-DD."]}
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Received from: Enter a real date as YYYY-MM-DD." in html
    assert [row.request.tracking_code for row in response.context["rows"]] == [queue["overdue"].tracking_code]


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_export_refuses_a_bad_date_by_sending_back_to_the_page_that_shows_it(
    client, alice, queue, extension
):
    client.force_login(alice)
    response = client.get(f"/staff/requests/export.{extension}?{BAD_DATE}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == f"/staff/requests/?{BAD_DATE}"
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert "Received from: Enter a real date as YYYY-MM-DD." in page.content.decode()


def test_the_api_answers_a_bad_date_with_422_in_its_error_envelope(client, alice, queue):
    token = token_for(client, "alice")
    response = client.get(f"/api/v1/staff/requests?{BAD_DATE}", HTTP_ACCEPT_LANGUAGE="en", **bearer(token))
    assert response.status_code == 422
    assert response.json() == {
        "error": {
            "code": "validation_error",
            "message": "Some of the input is not valid.",
            "fields": {"received_from": "Enter a real date as YYYY-MM-DD."},
        }
    }
    chinese = client.get(f"/api/v1/staff/requests?{BAD_DATE}", **bearer(token)).json()
    assert chinese["error"]["fields"] == {"received_from": "请按YYYY-MM-DD格式输入有效日期。"}


def test_the_api_refuses_every_parameter_in_error_at_once(client, alice, queue):
    token = token_for(client, "alice")
    query = "received_from=2026-09-30&received_to=2026-09-01&state=late&open=maybe"
    response = client.get(f"/api/v1/staff/requests?{query}", HTTP_ACCEPT_LANGUAGE="en", **bearer(token))
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "received_to": "The end of the period is before its start.",
        "state": "Choose one of: on_time, due_soon, overdue, paused.",
        "open": "Enter true or false.",
    }
    paging = client.get("/api/v1/staff/requests?page_size=0", HTTP_ACCEPT_LANGUAGE="en", **bearer(token))
    assert paging.status_code == 422
    assert paging.json()["error"]["fields"] == {"page_size": "Enter a value of at least 1."}


def test_the_page_reads_the_apis_open_false_and_shows_it_as_all_requests(client, alice, queue):
    client.force_login(alice)
    response = client.get("/staff/requests/?open=false", HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["form"]["status"].value() == "all"
    assert '<option value="all" selected>' in response.content.decode()
    wrong = client.get("/staff/requests/?open=maybe", HTTP_ACCEPT_LANGUAGE="en")
    assert wrong.context["form"].non_field_errors() == ["open: Enter true or false."]
    assert "open: Enter true or false." in wrong.content.decode()


def test_an_agency_out_of_reach_is_an_error_on_the_page_not_found_in_the_export_and_empty_in_the_api(
    client, alice, queue
):
    client.force_login(alice)
    page = client.get("/staff/requests/?agency=CITY-FIN", HTTP_ACCEPT_LANGUAGE="en")
    assert page.context["form"].errors == {"agency": ["You cannot see the requests of this agency."]}
    assert client.get("/staff/requests/export.csv?agency=CITY-FIN").status_code == 404
    assert in_api(client, token_for(client, "alice"), "agency=CITY-FIN") == []


def test_the_api_documents_every_filter_parameter(client):
    document = client.get("/api/v1/openapi.json").json()
    parameters = document["paths"]["/api/v1/staff/requests"]["get"]["parameters"]
    assert set(PARAMS) <= {p["name"] for p in parameters}


def test_the_filters_recorded_with_an_export_are_those_it_used(client, alice, queue):
    client.force_login(alice)
    client.get("/staff/requests/export.csv?open=false&received_from=2026-09-01&q=+%E7%94%B3%E8%AF%B7+")
    entry = AuditEntry.objects.get(action="inforequest.export")
    assert entry.after is not None
    assert entry.after["filters"] == {"status": "all", "received_from": "2026-09-01", "q": "申请"}
    assert entry.after["rows"] == 3


def test_the_date_type_is_accepted_as_it_is_from_code():
    assert QueueFilter.from_params({"received_from": datetime.date(2026, 9, 1)}) == QueueFilter(
        received_from=D(2026, 9, 1)
    )
