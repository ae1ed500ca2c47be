from __future__ import annotations

import datetime
from typing import Any

import pytest

from sunshine.search.backends import SearchBackend, get_backend
from sunshine.search.documents import SearchDocument


@pytest.fixture
def backend(db) -> SearchBackend:
    """The backend of the database the suite runs on (the suite runs on SQLite and on PostgreSQL)."""
    return get_backend()


@pytest.fixture
def make_document():
    def make(number: int, title: str, body: str = "", **extra) -> SearchDocument:
        values: dict[str, Any] = {
            "key": f"record:{number}",
            "title": title,
            "body": body,
            "document_number": "",
            "agency_id": 5,
            "agency_path": "/1/5/",
            "category": "policy",
            "genre": "notice",
            "published_on": datetime.date(2026, 3, 1),
            "validity": "valid",
            "url": f"/records/{number}/",
        }
        values.update(extra)
        return SearchDocument(**values)

    return make
