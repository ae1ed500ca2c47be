from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from sunshine.agencies import services
from sunshine.agencies.selectors import audit_scope
from sunshine.core import selectors
from sunshine.core.models import AuditEntry, AuditLogIsAppendOnly
from tests.api_helpers import bearer, token_for


@pytest.fixture
def entry(tree) -> AuditEntry:
    found = AuditEntry.objects.filter(action="agency.create").first()
    assert found is not None
    return found


def test_an_entry_cannot_be_saved_again(entry):
    entry.action = "forged"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()


def test_an_entry_cannot_be_deleted(entry):
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()


def test_bulk_updates_are_refused(entry):
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(action="forged")


def test_the_database_refuses_an_update_from_any_client(entry):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET action = 'forged' WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "agency.create"


def test_the_database_refuses_a_delete_from_any_client(entry):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry")
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is a PostgreSQL statement")
def test_postgresql_refuses_a_truncate_from_any_client(entry):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE core_auditentry")
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the sqlite3 shell is a SQLite client")
def test_a_sqlite_client_without_the_switch_function_cannot_delete(tmp_path):
    """The trigger asks a function only Django's connections have: another client fails on it."""
    import importlib
    import sqlite3

    triggers = importlib.import_module("sunshine.core.migrations.0004_audit_no_delete")

    other = sqlite3.connect(tmp_path / "other.sqlite3")
    other.execute("CREATE TABLE core_auditentry (id INTEGER PRIMARY KEY, action TEXT)")
    other.execute(triggers.SQLITE_CREATE)
    other.execute("INSERT INTO core_auditentry (action) VALUES ('agency.create')")
    with pytest.raises(sqlite3.OperationalError):
        other.execute("DELETE FROM core_auditentry")
    assert other.execute("SELECT count(*) FROM core_auditentry").fetchone() == (1,)
    other.close()


@pytest.mark.django_db(transaction=True)
def test_flush_still_empties_the_audit_log_and_locks_it_again(tree):
    """Django's flush (the test suite's transactional tests) may empty the table, nothing else."""
    assert AuditEntry.objects.exists()
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEntry.objects.exists()
    services.create_agency(by=None, code="NEW", kind="government", name="新市人民政府")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry")
    assert AuditEntry.objects.count() == 1


def test_an_entry_records_who_what_when_and_the_source_address(client, admin_user, tree):
    token = token_for(client, "root")
    client.patch(
        "/api/v1/agencies/CITY-FIN",
        {"fax": "0571-2"},
        content_type="application/json",
        REMOTE_ADDR="203.0.113.9",
        **bearer(token),
    )
    entry = AuditEntry.objects.get(action="agency.update")
    assert entry.actor_id == admin_user.pk
    assert entry.actor_name == "root"
    assert entry.object_type == "agencies.agency"
    assert entry.object_id == str(tree["finance"].pk)
    assert entry.before == {"fax": ""}
    assert entry.after == {"fax": "0571-2"}
    assert entry.ip == "203.0.113.9"
    assert entry.at is not None


def test_a_failed_change_leaves_no_entry_and_no_change(tree):
    before = AuditEntry.objects.count()
    with pytest.raises(Exception):  # noqa: B017, PT011 - the validation error type is not the point
        services.update_agency(by=None, agency=tree["city"], postal_code="12")
    assert AuditEntry.objects.count() == before


def test_a_supervisor_reads_the_entries_of_their_tree_only(client, sam, tree):
    services.update_agency(by=None, agency=tree["health"], fax="1")
    services.update_agency(by=None, agency=tree["finance"], fax="2")
    token = token_for(client, "sam")
    body = client.get("/api/v1/audit?action=agency.update", **bearer(token)).json()
    assert [row["agency"] for row in body["results"]] == ["EAST-HEALTH"]
    assert body["count"] == 1


def test_a_superuser_reads_everything_and_filters_by_agency(client, admin_user, tree):
    services.update_agency(by=None, agency=tree["finance"], fax="2")
    token = token_for(client, "root")
    everything = client.get("/api/v1/audit?page_size=500", **bearer(token)).json()
    assert everything["count"] == AuditEntry.objects.count()
    finance = client.get("/api/v1/audit?agency=CITY-FIN&action=agency.update", **bearer(token)).json()
    assert finance["count"] == 1
    assert finance["results"][0]["after"] == {"fax": "2"}


def test_an_officer_may_not_read_the_audit_log(client, alice):
    token = token_for(client, "alice")
    response = client.get("/api/v1/audit", **bearer(token))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_the_audit_page_lists_entries_for_a_supervisor_and_refuses_an_officer(client, sam, alice, tree):
    services.update_agency(by=None, agency=tree["health"], fax="1")
    client.force_login(sam)
    page = client.get("/staff/audit/?action=agency.update")
    assert page.status_code == 200
    assert "Agency details changed" in page.content.decode() or "机构信息已修改" in page.content.decode()
    client.force_login(alice)
    assert client.get("/staff/audit/").status_code == 403


def test_nobody_can_change_the_log_in_the_admin(client, admin_user, entry):
    client.force_login(admin_user)
    assert client.get(f"/admin/core/auditentry/{entry.pk}/change/").status_code == 200  # read-only view
    response = client.post(f"/admin/core/auditentry/{entry.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_who_reads_which_entries_is_the_rule_the_agencies_app_registered(monkeypatch, sam):
    assert selectors._audit_scope == [audit_scope]
    monkeypatch.setattr(selectors, "_audit_scope", [])
    with pytest.raises(ImproperlyConfigured, match="INSTALLED_APPS"):
        selectors.audit_entries_for(sam)
