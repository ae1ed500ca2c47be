"""`backup DIR` and `restore DIR`: the database and the uploaded files, checked against a manifest of
SHA-256 checksums before anything is restored.

Transactional tests: a restore replaces the whole database, which cannot happen inside the test's
transaction. On SQLite the test database is SQLite's own (in memory unless SUNSHINE_TEST_SQLITE
names a file), copied with the online backup API; on PostgreSQL, pg_dump and pg_restore."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from sunshine.agencies import services as agencies
from sunshine.records import services as records
from sunshine.records.models import Attachment
from sunshine.workdays import services as workdays
from tests.records.conftest import make_draft, upload
from tests.records.files import make_docx, make_pdf, make_png

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "postgresql" and shutil.which("pg_dump") is None, reason="needs pg_dump"
    ),
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    return tmp_path / "media"


@pytest.fixture
def site(tree, alice) -> list[Attachment]:
    """Two records of the Education Bureau with three attachments, stored through the services."""
    workdays.load_builtin_years(by=None)
    first = make_draft(tree["education"], by=alice)
    second = make_draft(tree["education"], by=alice, title="阳光市教育局2026年部门预算公开")
    files = [
        (first, make_pdf("Notice"), "通知.pdf"),
        (first, make_png(), "图.png"),
        (second, make_docx("预算"), "预算.docx"),
    ]
    return [
        records.add_attachment(revision=revision, by=alice, file=upload(data, name), name=name)
        for revision, data, name in files
    ]


def every_row() -> dict[str, list[dict[str, Any]]]:
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def every_file(root: Path) -> dict[str, bytes]:
    files = sorted(path for path in root.rglob("*") if path.is_file())
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in files}


def test_a_restore_brings_back_every_row_and_every_file(site, tree, alice, media, tmp_path):
    rows, files = every_row(), every_file(media)
    assert len(files) == 3
    assert rows["core.AuditEntry"]
    call_command("backup", str(tmp_path / "backup"), stdout=None)

    # Later: an agency renamed (an audit row more), a new attachment, a file damaged, one deleted.
    agencies.update_agency(by=None, agency=tree["finance"], name="阳光市财政局（新）")
    records.add_attachment(
        revision=site[2].revision, by=alice, file=upload(make_pdf("Later"), "d.pdf"), name="后来.pdf"
    )
    (media / site[0].file.name).write_bytes(b"damaged")
    (media / site[1].file.name).unlink()
    assert every_row() != rows
    assert every_file(media) != files

    call_command("restore", str(tmp_path / "backup"), stdout=None)

    assert every_row() == rows
    assert every_file(media) == files


def test_the_manifest_lists_the_size_and_checksum_of_every_file(site, media, tmp_path):
    call_command("backup", str(tmp_path / "backup"), stdout=None)

    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["vendor"] == connection.vendor
    database = "database.sqlite3" if connection.vendor == "sqlite" else "database.pgdump"
    stored = {f"media/{a.file.name}" for a in site}
    assert set(manifest["files"]) == {database, *stored}
    for name, entry in manifest["files"].items():
        data = (tmp_path / "backup" / name).read_bytes()
        assert entry == {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def test_a_damaged_backup_is_refused_before_anything_changes(site, tree, media, tmp_path):
    call_command("backup", str(tmp_path / "backup"), stdout=None)
    agencies.update_agency(by=None, agency=tree["finance"], name="阳光市财政局（新）")
    rows, files = every_row(), every_file(media)
    damaged = tmp_path / "backup" / "media" / site[0].file.name
    damaged.write_bytes(damaged.read_bytes()[:-1] + b"!")

    with pytest.raises(CommandError, match="does not match its manifest") as refused:
        call_command("restore", str(tmp_path / "backup"), stdout=None)

    assert f"checksum differs: media/{site[0].file.name}" in str(refused.value)
    assert every_row() == rows
    assert every_file(media) == files


def test_a_backup_without_a_manifest_is_refused(site, tmp_path):
    call_command("backup", str(tmp_path / "backup"), stdout=None)
    (tmp_path / "backup" / "manifest.json").unlink()
    with pytest.raises(CommandError, match=r"has no manifest\.json"):
        call_command("restore", str(tmp_path / "backup"), stdout=None)


def test_a_backup_goes_to_a_new_or_empty_folder_only(site, tmp_path):
    call_command("backup", str(tmp_path / "backup"), stdout=None)
    with pytest.raises(CommandError, match="not an empty folder"):
        call_command("backup", str(tmp_path / "backup"), stdout=None)
