"""The queue at /staff/requests/: the open requests of one's agencies with their clocks."""

from __future__ import annotations

import re

import pytest

from sunshine.agencies.models import Role
from tests.backoffice import OTHER_ID, D, act, fixed_today, paper_request


@pytest.fixture(autouse=True)
def today():
    with fixed_today() as day:
        yield day


@pytest.fixture
def fred(make_user, tree):
    """Fred is an information officer of the city's Finance Bureau."""
    return make_user("fred", agency=tree["finance"], role=Role.OFFICER)


@pytest.fixture
def clocks(tree):
    """One request of the Education Bureau in each clock state on 2026-10-15."""
    overdue = paper_request(tree["education"], D(2026, 9, 8), title="逾期的申请")
    due_soon = paper_request(tree["education"], D(2026, 9, 16), title="快到期的申请")
    on_time = paper_request(tree["education"], D(2026, 9, 17), title="按时的申请")
    paused = paper_request(tree["education"], D(2026, 10, 14), title="征求意见中的申请")
    paused = act(paused, "start_consultation", D(2026, 10, 15), party="third_party")
    assert (overdue.due_date, due_soon.due_date, on_time.due_date) == (
        D(2026, 10, 12),
        D(2026, 10, 20),
        D(2026, 10, 21),
    )
    return {"overdue": overdue, "due_soon": due_soon, "on_time": on_time, "paused": paused}


def listed(response) -> list[str]:
    return [row.request.tracking_code for row in response.context["rows"]]


def get(client, query: str = ""):
    return client.get(f"/staff/requests/{query}", HTTP_ACCEPT_LANGUAGE="en")


def test_the_queue_lists_the_open_requests_of_ones_agencies_earliest_due_first(client, alice, clocks):
    client.force_login(alice)
    response = get(client)
    assert response.status_code == 200
    codes = [clocks[s].tracking_code for s in ("overdue", "due_soon", "on_time")]
    assert listed(response) == [*codes, clocks["paused"].tracking_code]  # no due date: last


def test_each_row_shows_its_clock_in_words_and_colour(client, alice, clocks):
    client.force_login(alice)
    html = get(client).content.decode()
    for state, words in [
        ("overdue", "Overdue"),
        ("due_soon", "Due soon"),
        ("on_time", "On time"),
        ("paused", "Paused"),
    ]:
        row = re.search(rf'<tr data-request="{clocks[state].tracking_code}">(.*?)</tr>', html, re.S)
        assert row is not None
        badge = re.search(
            r'class="clock-badge clock-badge--(\w+)" data-state="\w+">.*?</span>\s*([^<]+)</span>', row[1]
        )
        assert badge is not None
        assert badge[1] == state
        assert badge[2].strip() == words


def test_the_remaining_working_days_are_counted_from_today(client, alice, clocks):
    client.force_login(alice)
    response = get(client)
    rows = {row.request.tracking_code: row for row in response.context["rows"]}
    assert rows[clocks["overdue"].tracking_code].remaining == -3  # 10-13, 14, 15
    assert rows[clocks["due_soon"].tracking_code].remaining == 3  # 10-16, 19, 20
    assert rows[clocks["on_time"].tracking_code].remaining == 4
    assert rows[clocks["paused"].tracking_code].remaining is None
    html = response.content.decode()
    assert "3 working days overdue" in html
    assert "4 working days left" in html


def test_the_queue_never_lists_requests_of_other_agencies(client, fred, clocks, tree):
    mine = paper_request(tree["finance"], D(2026, 10, 14), title="财政的申请")
    paper_request(tree["other"], D(2026, 10, 14), title="邻市的申请")
    client.force_login(fred)
    assert listed(get(client)) == [mine.tracking_code]
    asked = get(client, "?agency=CITY-EDU")
    assert listed(asked) == [mine.tracking_code]
    assert "agency" in asked.context["form"].errors
    assert clocks["overdue"].tracking_code not in asked.content.decode()


def test_a_disclosure_office_sees_the_requests_of_its_whole_tree(client, olga, clocks, tree):
    below = paper_request(tree["community"], D(2026, 10, 14))
    paper_request(tree["other"], D(2026, 10, 14))
    client.force_login(olga)
    assert set(listed(get(client))) == {r.tracking_code for r in clocks.values()} | {below.tracking_code}


@pytest.mark.parametrize("state", ["overdue", "due_soon", "on_time", "paused"])
def test_it_filters_by_clock_state(client, alice, clocks, state):
    client.force_login(alice)
    assert listed(get(client, f"?state={state}")) == [clocks[state].tracking_code]


def test_it_filters_by_agency_and_status(client, olga, clocks, tree):
    finance = paper_request(tree["finance"], D(2026, 10, 14))
    client.force_login(olga)
    assert listed(get(client, "?agency=CITY-FIN")) == [finance.tracking_code]
    assert listed(get(client, "?status=in_consultation")) == [clocks["paused"].tracking_code]


def test_concluded_requests_appear_only_when_asked_for(client, alice, clocks):
    act(clocks["on_time"], "reply", D(2026, 10, 15), outcome="disclosed")
    client.force_login(alice)
    assert clocks["on_time"].tracking_code not in listed(get(client))
    assert listed(get(client, "?status=replied")) == [clocks["on_time"].tracking_code]
    assert clocks["on_time"].tracking_code in listed(get(client, "?status=all"))


def test_it_filters_by_the_day_of_receipt(client, alice, clocks):
    client.force_login(alice)
    response = get(client, "?received_from=2026-09-10&received_to=2026-09-30")
    assert listed(response) == [clocks["due_soon"].tracking_code, clocks["on_time"].tracking_code]


def test_an_end_before_the_start_is_an_error_and_only_that_filter_is_ignored(client, alice, clocks):
    client.force_login(alice)
    response = get(client, "?received_from=2026-09-30&received_to=2026-09-10")
    assert "received_to" in response.context["form"].errors
    assert "There is a problem" in response.content.decode()
    assert listed(response) == [clocks["paused"].tracking_code]  # received from 09-30 on


def test_a_malformed_date_is_an_error_not_a_crash(client, alice, clocks):
    client.force_login(alice)
    response = get(client, "?received_from=15.10.2026")
    assert response.status_code == 200
    assert "received_from" in response.context["form"].errors


def test_it_filters_by_the_assigned_officer(client, alice, clocks, make_user, tree):
    bob = make_user("bob", agency=tree["education"], role=Role.OFFICER)
    for request, officer in [(clocks["overdue"], alice), (clocks["due_soon"], bob)]:
        request.assigned_to = officer
        request.save(update_fields=["assigned_to"])
    client.force_login(alice)
    assert listed(get(client, "?assigned=me")) == [clocks["overdue"].tracking_code]
    assert listed(get(client, "?assigned=nobody")) == [
        clocks["on_time"].tracking_code,
        clocks["paused"].tracking_code,
    ]


def test_it_finds_a_request_by_tracking_code_or_words_of_its_title(client, alice, clocks, tree):
    other = paper_request(tree["education"], D(2026, 10, 14), id_type="passport", id_number=OTHER_ID)
    client.force_login(alice)
    code = clocks["due_soon"].tracking_code
    assert listed(get(client, f"?q={code.lower()}")) == [code]
    assert listed(get(client, "?q=按时")) == [clocks["on_time"].tracking_code]
    assert other.tracking_code in listed(get(client, "?q=部门预算"))  # in the description


def test_the_queue_is_paged_by_fifty(client, alice, tree):
    for _ in range(51):
        paper_request(tree["education"], D(2026, 10, 14))
    client.force_login(alice)
    first = get(client)
    assert len(listed(first)) == 50
    assert first.context["page"].paginator.count == 51
    assert 'rel="next"' in first.content.decode()
    assert len(listed(get(client, "?page=2"))) == 1


def test_the_export_links_carry_the_filters(client, alice, clocks):
    client.force_login(alice)
    html = get(client, "?state=overdue&page=1").content.decode()
    assert 'href="/staff/requests/export.csv?state=overdue"' in html
    assert 'href="/staff/requests/export.xlsx?state=overdue"' in html


def test_strangers_are_sent_to_sign_in(client, clocks):
    response = client.get("/staff/requests/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


def test_a_person_without_an_agency_is_refused(client, make_user, clocks):
    client.force_login(make_user("nobody"))
    assert client.get("/staff/requests/").status_code == 403
