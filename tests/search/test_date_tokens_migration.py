"""Migration 0003 gives the entries indexed before it the date tokens that PostgreSQL's windows use."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.db import connection

from sunshine.search.backends import date_tokens

migration = importlib.import_module("sunshine.search.migrations.0003_date_tokens")


def has_tokens(key: str, tokens: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector @@ plainto_tsquery('simple', %s) FROM search_searchentry WHERE key = %s",
            [tokens, key],
        )
        return bool(cursor.fetchone()[0])


def test_entries_indexed_before_the_date_tokens_get_the_same_tokens_in_sql(backend, make_document):
    if connection.vendor != "postgresql":
        pytest.skip("the date tokens are PostgreSQL's (SQLite's rowids are in date order)")
    day = datetime.date(2024, 11, 5)
    backend.index([make_document(1, "部门预算", published_on=day)])
    tokens = date_tokens(day)
    with connection.cursor() as cursor:  # as an entry written before the tokens existed
        cursor.execute(
            "UPDATE search_searchentry "
            "SET search_vector = ts_delete(search_vector, string_to_array(%s, ' '))",
            [tokens],
        )
    assert not has_tokens("record:1", tokens)
    with connection.cursor() as cursor:
        cursor.execute(migration.ADD)
        cursor.execute(migration.ADD)  # a second run finds nothing to do
        assert cursor.rowcount == 0
    assert has_tokens("record:1", tokens)
    assert has_tokens("record:1", "部门 预算")
