"""Counts of published records that the public pages show, kept in the cache.

Counting over a catalogue, an agency tree or the whole portal costs far more than the page around
it (tens of thousands of rows at a million records), and the figures change only when public content
does. So each count is computed once and filed in the cache under the generation of public content
(``sunshine.core.public_cache``): publishing, revising or withdrawing a record moves the generation
on and the next page counts again. Copies also expire after ``COUNT_SECONDS``, the same bound as the
pages themselves where each process has its own cache.

Counts are kept as numbers (by category id, category key or agency id), never with names: the pages
put them together with the categories and agencies read fresh, in the reader's language. ``kept`` also
serves parts of pages made of public content only (an agency's catalogue with its counts), filed
under the language they were rendered in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

from sunshine.agencies.models import Agency
from sunshine.core import public_cache
from sunshine.core.db_routing import primary_reads
from sunshine.records import selectors

COUNT_SECONDS = 300
log = logging.getLogger(__name__)
T = TypeVar("T")


def kept(name: str, compute: Callable[[], T]) -> T:
    """``compute()``, or the copy filed under ``name`` for the current generation of public content
    (for counts and for the parts of pages made only of public content and counts)."""
    try:
        key = f"portal.counts.{public_cache.generation()}.{name}"
        value: T | None = cache.get(key)
    except Exception:  # the cache server is down: count afresh rather than fail the page
        log.warning("The cache could not be read; %s is counted afresh.", name, exc_info=True)
        return compute()
    if value is None:
        with primary_reads():  # kept under the generation: never from a replica behind it
            value = compute()
        try:
            cache.set(key, value, COUNT_SECONDS)
        except Exception:
            log.warning("The cache could not be written; %s is not kept.", name, exc_info=True)
    return value


def by_category(agency: Agency) -> dict[int, int]:
    """The agency's own published records by category id (sub-categories counted apart)."""
    return kept(f"category.{agency.pk}", lambda: selectors.published_counts_by_category_id(agency))


def in_categories(agency: Agency, category_ids: list[int]) -> int:
    """The agency's own published records in these categories."""
    counts = by_category(agency)
    return sum(counts.get(pk, 0) for pk in category_ids)


def tree_by_key(agency: Agency) -> dict[str, int]:
    """The published records of the agency and every agency below it, by category key."""
    return kept(f"tree-key.{agency.pk}", lambda: selectors.published_counts_by_category(agency))


def tree_in_category(agency: Agency, key: str) -> int:
    """The published records of the agency's tree in the standard category ``key`` and its
    sub-categories (what the tree-wide listing of that category shows)."""
    return kept(f"tree-category.{agency.pk}.{key}", lambda: selectors.published_count_in_tree(agency, key))


def tree_by_branch(agency: Agency) -> dict[int, int]:
    """The agency's own published records under its id, and for each active agency directly below
    it, the published records of that agency's whole subtree under the child's id."""
    return kept(f"tree-branch.{agency.pk}", lambda: selectors.published_counts_by_branch(agency))
