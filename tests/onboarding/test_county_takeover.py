"""Onboarding a county from its old CMS, end to end through the commands: 30 agencies, 50 staff and
2,000 records with their attachments, a few bad rows in each file; imported again without
duplicates; the records found by index number, by words that stand only in their attachments, and at
their old addresses."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from sunshine.core.models import AuditEntry
from sunshine.onboarding.models import OldAddress
from sunshine.records.codes import Status
from sunshine.records.models import Attachment, Record, Revision
from sunshine.search.models import SearchEntry
from tests.onboarding.county import county_file
from tests.onboarding.old_cms import CATEGORY_MAP, attachment_word, old_site

RECORDS = int(os.environ.get("TAKEOVER_RECORDS", "2000"))  # fewer for a quick run while working


@pytest.fixture
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    return tmp_path / "media"


def run_records(tmp_path: Path, manifest: bytes, files: Path, *args: str) -> tuple[str, list[dict[str, str]]]:
    import csv

    source = tmp_path / "manifest.csv"
    source.write_bytes(manifest)
    (tmp_path / "map.csv").write_bytes(CATEGORY_MAP)
    report = tmp_path / "records-report.csv"
    out = io.StringIO()
    call_command(
        "import_records",
        "--manifest",
        str(source),
        "--files",
        str(files),
        "--category-map",
        str(tmp_path / "map.csv"),
        "--language",
        "en",
        "--report",
        str(report),
        *args,
        stdout=out,
        stderr=io.StringIO(),
    )
    with report.open(encoding="utf-8-sig", newline="") as stream:
        return out.getvalue(), list(csv.DictReader(stream))


def import_people(tmp_path: Path) -> None:
    for command, kind in (("import_agencies", "agencies"), ("import_staff", "staff")):
        path = tmp_path / f"{kind}.csv"
        path.write_bytes(county_file(kind, "csv"))
        call_command(command, str(path), "--language", "en", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.django_db(transaction=False)
def test_a_county_is_taken_over_from_its_old_cms_with_two_thousand_records(
    tmp_path, media, client, mailoutbox
):
    import_people(tmp_path)
    site = old_site(tmp_path / "files", RECORDS)

    output, report = run_records(tmp_path, site.manifest, site.files)

    results = {line["Key"]: line for line in report if line["Result"] == "created"}
    assert len(results) == RECORDS
    errors = {(line["Key"], line["Column"]) for line in report if line["Result"] == "error"}
    assert errors == {*site.bad.items(), (site.good[0]["index_number"], "index_number")}
    assert "杂项栏目 (1)" in output
    assert f"{RECORDS} created, 0 updated, 0 unchanged, 7 with errors." in output
    assert Record.objects.count() == RECORDS
    assert Attachment.objects.count() == RECORDS
    assert OldAddress.objects.count() == RECORDS
    in_review = set(
        Revision.objects.filter(status=Status.SUBMITTED).values_list("record__index_number", flat=True)
    )
    assert in_review == set(site.in_review)
    for number in site.in_review:
        assert "Mobile phone number" in results[number]["Reason or note"]
    assert SearchEntry.objects.count() == RECORDS - len(site.in_review)
    entry = AuditEntry.objects.get(action="record.import")
    assert entry.after is not None
    assert entry.after["created_count"] == RECORDS
    assert entry.after["error_count"] == 7

    output, report = run_records(tmp_path, site.manifest, site.files)  # once more: nothing doubled
    assert f"0 created, 0 updated, {RECORDS} unchanged, 7 with errors." in output
    assert Record.objects.count() == RECORDS
    assert Attachment.objects.count() == RECORDS

    published = [row for row in site.good if row["index_number"] not in site.in_review]
    sample = published[1]
    page = client.get(f"/records/{sample['index_number']}/")
    assert page.status_code == 200
    assert sample["title"] in page.content.decode()
    n = site.good.index(sample)
    found = client.get("/search/", {"q": attachment_word(n)})
    assert sample["title"] in found.content.decode()
    moved = client.get(sample["old_url"])
    assert moved.status_code == 301
    assert moved["Location"] == f"/records/{sample['index_number']}/"
    by_query = next(row for row in published if "?" in row["old_url"])
    moved = client.get(by_query["old_url"])
    assert moved.status_code == 301
    assert moved["Location"] == f"/records/{by_query['index_number']}/"
    assert settings.LANGUAGE_CODE  # the pages above rendered in the site's language
