"""Every list reads its page number the same bounded way (``core.pagination``): in the API a page
number too large for the database (or below 1) answers 422 ``validation_error`` naming the field;
a list page shows the first page for a page that is not one and the last page for one after it.
Never a server error.

The API's lists are found in its own description (every GET operation with a ``page`` query
parameter), so a new list is covered without being named here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pytest
from django.test import Client

from sunshine.api.urls import api
from sunshine.core.pagination import MAX_PAGE, Window, found_or_last, page_number, window
from sunshine.oversight.selectors import overseen_agencies
from tests.api_helpers import bearer, token_for

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"  # beyond 64 bits
OUT_OF_RANGE = [HUGE, str(2**63), str(MAX_PAGE + 1), "-1", "0"]


def paged_lists() -> list[str]:
    schema = api.get_openapi_schema()
    return sorted(
        path
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method == "get"
        and any(p["in"] == "query" and p["name"] == "page" for p in operation.get("parameters", []))
    )


LISTS = paged_lists()


def test_the_lists_are_found_in_the_api_description():
    named_in_the_issue = {"/api/v1/audit", "/api/v1/staff/records", "/api/v1/staff/requests"}
    assert named_in_the_issue | {"/api/v1/records"} <= set(LISTS)
    assert all("{" not in path for path in LISTS), "a paged list with a path parameter: give it a value here"


@pytest.fixture
def root(client: Client, admin_user, tree) -> dict[str, str]:
    """A superuser's token: every staff list answers them."""
    return bearer(token_for(client, "root"))


# The public records API reads its filters as text and answers bad input 400 with a code of its own
# (docs/api.md): the same bound, its own answer.
ANSWERS = {"/api/v1/records": (400, "bad_page", "bad_page_size")}


def expected(path: str, field: str) -> tuple[int, str]:
    status, page_code, size_code = ANSWERS.get(path, (422, "validation_error", "validation_error"))
    return status, page_code if field == "page" else size_code


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("page", [*OUT_OF_RANGE, f"-{HUGE}", "²"])
def test_a_page_out_of_range_answers_422_naming_the_page(client, root, path, page):
    response = client.get(path, {"page": page}, **root)
    status, code = expected(path, "page")
    assert response.status_code == status, (path, response.status_code, response.content)
    error = response.json()["error"]
    assert error["code"] == code
    assert set(error["fields"]) == {"page"}


@pytest.mark.parametrize("path", LISTS)
def test_a_page_size_out_of_range_answers_422_naming_it(client, root, path):
    response = client.get(path, {"page_size": HUGE}, **root)
    if response.status_code == 200:  # a list of a fixed size takes no page_size
        return
    status, code = expected(path, "page_size")
    assert response.status_code == status, (path, response.status_code, response.content)
    assert response.json()["error"]["code"] == code
    assert set(response.json()["error"]["fields"]) == {"page_size"}


@pytest.mark.parametrize("path", LISTS)
def test_the_first_and_the_last_page_allowed_are_answered(client, root, path):
    assert client.get(path, {"page": "1"}, **root).status_code == 200
    last = client.get(path, {"page": str(MAX_PAGE)}, **root)
    assert last.status_code in (200, 404), (path, last.status_code, last.content)  # empty, or past the end


# --- The list pages ---------------------------------------------------------------------------

# Every page that lists with ``?page=`` (staff and public).
LIST_PAGES = [
    "/staff/audit/",
    "/staff/requests/",
    "/staff/records/",
    "/staff/supervision/cases/",
    "/staff/oversight/",
    "/staff/oversight/CITY-EDU/2026-03/records_published/",
    "/agencies/CITY-EDU/categories/notices/",
    "/search/",
    "/faq/",
    "/letters/",
    "/services/",
    "/cases/results/",
]


def main_content(html: bytes) -> str:
    """The page's <main>, without the form tokens that change on every answer."""
    main = re.search(r"<main\b.*</main>", html.decode(), re.S)
    assert main is not None
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", main.group())


@pytest.mark.parametrize("url", LIST_PAGES)
@pytest.mark.parametrize(
    "page", [HUGE, "9223372036854775808", str(MAX_PAGE + 1), "-1", "0", "abc", "²", "１２"]
)
def test_a_list_page_shows_the_first_or_last_page_for_any_page_number(client, admin_user, tree, url, page):
    client.force_login(admin_user)
    response = client.get(url, {"page": page})
    if url == "/search/":  # the search form says what is wrong: not a page (400), after the last (404)
        assert response.status_code == (404 if page == "１２" else 400)
        return
    assert response.status_code == 200, (url, response.status_code)
    # The lists here hold one page: the first page is also the last.
    assert main_content(response.content) == main_content(client.get(url, {"page": "1"}).content)


def test_a_page_after_the_last_shows_the_last_page(client, admin_user, tree, monkeypatch):
    monkeypatch.setattr("sunshine.backoffice.oversight.PAGE_SIZE", 2)
    pages = math.ceil(overseen_agencies(admin_user).count() / 2)
    assert pages > 2
    client.force_login(admin_user)
    last = main_content(client.get("/staff/oversight/", {"page": str(pages)}).content)
    assert last != main_content(client.get("/staff/oversight/", {"page": str(pages - 1)}).content)
    for page in (str(pages + 1), str(MAX_PAGE), HUGE):
        assert main_content(client.get("/staff/oversight/", {"page": page}).content) == last


@pytest.mark.parametrize(
    ("text", "number"),
    [
        *[(None, 1), ("", 1), ("abc", 1), ("²", 1), ("-3", 1), ("0", 1), ("7", 7), (" 7 ", 7), ("１２", 12)],
        *[(str(MAX_PAGE), MAX_PAGE), (HUGE, MAX_PAGE), (10**30, MAX_PAGE)],
    ],
)
def test_a_page_number_is_read_between_1_and_the_bound(text, number):
    assert page_number(text) == number


def test_a_window_is_the_page_asked_for_or_the_last():
    assert window("2", count=5, page_size=2) == Window(2, 2, 5)
    assert window(HUGE, count=5, page_size=2) == Window(3, 2, 5)
    assert window(HUGE, count=0, page_size=2) == Window(1, 2, 0)
    middle = window("2", count=5, page_size=2)
    assert (middle.rows, middle.previous, middle.next) == (slice(2, 4), 1, 3)
    assert (window("3", 5, 2).previous, window("3", 5, 2).next) == (2, None)


@dataclass(frozen=True)
class FoundPage:
    page: int
    pages: int = 3


def test_a_search_after_its_last_page_is_asked_again_for_the_last():
    asked: list[int] = []

    def find(page: int) -> FoundPage:
        asked.append(page)
        return FoundPage(page)

    assert found_or_last(find, HUGE) == FoundPage(3)
    assert asked == [MAX_PAGE, 3]
    assert found_or_last(find, "2") == FoundPage(2)
