"""The staff queue's filters, defined once: how the query parameters are read."""

from __future__ import annotations

from django.http import QueryDict
from django.utils import translation

from sunshine.agencies.selectors import agencies_for_staff
from sunshine.inforequests.queue_filters import QueueFilter, QueueFilterErrors
from tests.backoffice import D

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
