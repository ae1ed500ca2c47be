"""The audit log refuses DELETE on SQLite too, and TRUNCATE on PostgreSQL, except inside Django's
``flush`` (``core.audit_guard``): the test suite's transactional tests empty every table between
tests, SQLite with DELETE, PostgreSQL with TRUNCATE."""

from django.db import migrations

SQLITE_CREATE = (
    "CREATE TRIGGER core_auditentry_no_delete BEFORE DELETE ON core_auditentry "
    "WHEN NOT sunshine_audit_unlocked() "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
)
SQLITE_DROP = "DROP TRIGGER IF EXISTS core_auditentry_no_delete;"

POSTGRES_CREATE = [
    "CREATE OR REPLACE FUNCTION core_auditentry_no_truncate() RETURNS trigger AS $$ "
    "BEGIN "
    "IF coalesce(current_setting('sunshine.allow_audit_truncate', true), '') = 'on' THEN RETURN NULL; END IF; "
    "RAISE EXCEPTION 'the audit log is append-only'; "
    "END; $$ LANGUAGE plpgsql;",
    "CREATE TRIGGER core_auditentry_no_truncate BEFORE TRUNCATE ON core_auditentry "
    "FOR EACH STATEMENT EXECUTE FUNCTION core_auditentry_no_truncate();",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry;",
    "DROP FUNCTION IF EXISTS core_auditentry_no_truncate();",
]


def create_triggers(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        for sql in POSTGRES_CREATE:
            schema_editor.execute(sql)


def drop_triggers(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif vendor == "postgresql":
        for sql in POSTGRES_DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_idempotencykey")]
    operations = [migrations.RunPython(create_triggers, drop_triggers)]
