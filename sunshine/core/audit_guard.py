"""The switch that lets the database triggers of the audit log (migration 0004) allow one thing:
emptying the whole table with Django's ``flush`` (the test suite's transactional tests, an operator
erasing a database on purpose). Every other UPDATE, DELETE or TRUNCATE of audit rows is refused.

SQLite has no session variables: the trigger asks a function that every connection Django opens
registers (``sunshine_audit_unlocked()``, false unless the switch is on in this connection). A client
without the function (the ``sqlite3`` shell) fails on the missing function, so it is refused too.
PostgreSQL: the TRUNCATE trigger reads the session setting ``sunshine.allow_audit_truncate``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

SQLITE_FUNCTION = "sunshine_audit_unlocked"
POSTGRES_SETTING = "sunshine.allow_audit_truncate"


class _Switch:
    on = False

    def __call__(self) -> int:
        return 1 if self.on else 0


def _switch(connection: BaseDatabaseWrapper) -> _Switch:
    found = getattr(connection, "_sunshine_audit_switch", None)
    if found is None:
        found = _Switch()
        connection._sunshine_audit_switch = found  # type: ignore[attr-defined]
    return found


def register_sqlite_function(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """``connection_created`` receiver: give each new SQLite connection the trigger's function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 0, _switch(connection))


@contextmanager
def audit_log_unlocked(using: str = "default") -> Iterator[None]:
    """Within the block, this connection may empty the audit table (``flush`` only)."""
    connection = connections[using]
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', false)", [POSTGRES_SETTING])
        try:
            yield
        finally:
            if connection.connection is not None:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config(%s, 'off', false)", [POSTGRES_SETTING])
        return
    switch = _switch(connection)
    switch.on = True
    try:
        yield
    finally:
        switch.on = False
