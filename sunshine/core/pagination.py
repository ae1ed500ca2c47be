"""Page numbers: one bounded reading for every list of the API and every list page.

A page number is a whole number from 1 to ``MAX_PAGE``. With at most 500 rows a page, the offset of
any page stays far inside the 64-bit integers databases take, so a page number sent too large (or
below 1) is bad input, never a server error:

- an API list declares ``page: PageNumber = 1`` in its query schema: out of range answers 422
  ``validation_error`` with the field ``page`` named, like any other invalid query value; a page
  after the last answers an empty ``results``;
- a list page reads ``?page=`` with ``page_number`` (missing, not a number or below 1: the first page;
  beyond ``MAX_PAGE``: ``MAX_PAGE``) and shows the last page for a page after it (``window`` where
  the view counts the rows itself, ``found_or_last`` where a search function does).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Protocol, TypeVar

from pydantic import Field

MAX_PAGE = 1_000_000

PageNumber = Annotated[int, Field(ge=1, le=MAX_PAGE, description=f"page number, from 1 to {MAX_PAGE}")]


def page_number(text: str | int | None) -> int:
    """The page a list page's ``?page=`` asks for, between 1 and ``MAX_PAGE``."""
    try:
        number = int(str(text).strip()) if text is not None else 1
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGE)


def page_slice(page: int, page_size: int) -> slice:
    """The rows of ``page`` (from 1) of a list cut ``page_size`` a page."""
    start = (page - 1) * page_size
    return slice(start, start + page_size)


def last_page(count: int, page_size: int) -> int:
    return max(1, math.ceil(count / page_size))


@dataclass(frozen=True)
class Window:
    """One page of a list of ``count`` rows, ``page_size`` a page."""

    page: int
    page_size: int
    count: int

    @property
    def rows(self) -> slice:
        return page_slice(self.page, self.page_size)

    @property
    def previous(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next(self) -> int | None:
        return self.page + 1 if self.page * self.page_size < self.count else None


def window(text: str | int | None, count: int, page_size: int) -> Window:
    """The page ``text`` asks for (``page_number``), or the last page when it asks for one after it."""
    return Window(min(page_number(text), last_page(count, page_size)), page_size, count)


class Paged(Protocol):
    """A page of results that knows how many pages there are."""

    @property
    def page(self) -> int: ...

    @property
    def pages(self) -> int: ...


P = TypeVar("P", bound=Paged)


def found_or_last(find: Callable[[int], P], text: str | int | None) -> P:
    """``find`` of the page ``text`` asks for (``page_number``), or of the last page when it asks for
    one after it."""
    found = find(page_number(text))
    return find(found.pages) if found.page > found.pages else found
