"""``sunshine import_records``: records published with their own index numbers, attachments read and
indexed, privacy findings kept in review, categories mapped, nothing written by a dry run, an
interrupted run resumed without duplicates; and the old addresses of the former site."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from sunshine.agencies.models import Agency
from sunshine.core.models import AuditEntry
from sunshine.onboarding import old_addresses, services
from sunshine.onboarding.models import ImportJob, OldAddress
from sunshine.onboarding.records import RecordImporter, read_category_map
from sunshine.records import index_numbers
from sunshine.records.codes import EventKind, Status
from sunshine.records.models import Attachment, IndexCounter, Record, Revision, RevisionEvent
from sunshine.search.models import SearchEntry
from tests.onboarding.county import AGENCY_COLUMNS, as_csv, county_agencies
from tests.onboarding.old_cms import CATEGORY_MAP, RECORD_COLUMNS, attachment_word, old_site


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


@pytest.fixture
def county(db, media) -> None:
    report = services.run_command(
        "agencies",
        as_csv(county_agencies(), AGENCY_COLUMNS),
        file_name="county.csv",
        options={},
        dry_run=False,
        batch_size=500,
    )
    assert report.counts.created == 30


def run(tmp_path: Path, manifest: bytes, files: Path | None, *args: str) -> tuple[str, list[dict[str, str]]]:
    source = tmp_path / "manifest.csv"
    source.write_bytes(manifest)
    report = tmp_path / "report.csv"
    out = io.StringIO()
    call_command(
        "import_records",
        "--manifest",
        str(source),
        *(("--files", str(files)) if files is not None else ()),
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


def with_map(tmp_path: Path) -> tuple[str, str]:
    (tmp_path / "map.csv").write_bytes(CATEGORY_MAP)
    return "--category-map", str(tmp_path / "map.csv")


def one(**cells: str) -> bytes:
    row = {
        "title": "关于开展农田水利建设的通知",
        "category": "work_news",
        "published_on": "2020-05-06",
        **cells,
    }
    return as_csv([row], RECORD_COLUMNS)


def test_a_dry_run_checks_every_row_and_writes_nothing(county, tmp_path, media):
    site = old_site(tmp_path / "files", 24)

    output, report = run(tmp_path, site.manifest, site.files, *with_map(tmp_path), "--dry-run")

    assert "Dry run, nothing was written: 24 created, 0 updated, 0 unchanged, 7 with errors." in output
    assert sum(1 for line in report if line["Result"] == "created") == 24
    assert not Record.objects.exists()
    assert not Attachment.objects.exists()
    assert not SearchEntry.objects.exists()
    assert not OldAddress.objects.exists()
    assert not IndexCounter.objects.exists()
    assert not ImportJob.objects.filter(kind="records").exists()
    assert not AuditEntry.objects.filter(action="record.import").exists()
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))


def test_records_are_published_with_their_index_numbers_attachments_history_and_search_entry(
    county, tmp_path
):
    site = old_site(tmp_path / "files", 12)

    run(tmp_path, site.manifest, site.files, *with_map(tmp_path))

    row = site.good[1]
    revision = Revision.objects.select_related("record").get(record__index_number=row["index_number"])
    assert revision.status == Status.PUBLISHED
    assert revision.title == row["title"]
    assert revision.category.key == "notices"  # 通知公告, through the map
    assert revision.genre == "notice"
    assert revision.record.first_published_at is not None
    attachment = revision.attachments.get()
    assert (attachment.kind, attachment.has_text, len(attachment.sha256)) == ("docx", True, 64)
    assert attachment_word(1) in attachment.text
    assert attachment.file.storage.exists(attachment.file.name)
    assert RevisionEvent.objects.filter(revision=revision, kind=EventKind.PUBLISH).exists()
    entry = SearchEntry.objects.get(key=f"record:{revision.record_id}")
    assert entry is not None
    plain = Revision.objects.get(record__index_number=site.good[0]["index_number"])
    assert plain.body.startswith("<p>")  # HTML cleaned as a draft's is


def test_html_in_a_body_is_cleaned_as_a_draft_is(county, tmp_path):
    manifest = one(
        index_number="HX/2020-00001", agency_code="HX", body='<p onclick="x()">正文<script>bad()</script></p>'
    )

    run(tmp_path, manifest, None)

    body = Revision.objects.get().body
    assert "script" not in body
    assert "onclick" not in body
    assert "正文" in body


def test_the_category_map_maps_old_names_and_unmapped_ones_are_reported_and_summarised(county, tmp_path):
    manifest = as_csv(
        [
            {
                "index_number": "HX/2020-00001",
                "agency_code": "HX",
                "title": "甲",
                "category": "部门动态",
                "published_on": "2020-01-02",
            },
            {
                "index_number": "HX/2020-00002",
                "agency_code": "HX",
                "title": "乙",
                "category": "杂项栏目",
                "published_on": "2020-01-02",
            },
            {
                "index_number": "HX/2020-00003",
                "agency_code": "HX",
                "title": "丙",
                "category": "杂项栏目",
                "published_on": "2020-01-02",
            },
            {
                "index_number": "HX/2020-00004",
                "agency_code": "HX",
                "title": "丁",
                "category": "政策文件",
                "published_on": "2020-01-02",
            },
        ],
        RECORD_COLUMNS,
    )

    output, report = run(tmp_path, manifest, None, *with_map(tmp_path))

    errors = {
        line["Key"]: (line["Column"], line["Reason or note"]) for line in report if line["Result"] == "error"
    }
    assert set(errors) == {"HX/2020-00002", "HX/2020-00003"}
    assert errors["HX/2020-00002"][0] == "category"
    assert "杂项栏目" in errors["HX/2020-00002"][1]
    assert "杂项栏目 (2)" in output
    keys = dict(Revision.objects.values_list("record__index_number", "category__key"))
    assert keys == {"HX/2020-00001": "work_news", "HX/2020-00004": "policy_documents"}


def test_without_the_map_an_old_name_is_an_error_on_its_row(county, tmp_path):
    _output, report = run(
        tmp_path, one(index_number="HX/2020-00001", agency_code="HX", category="部门动态"), None
    )

    assert [(line["Result"], line["Column"]) for line in report] == [("error", "category")]


def test_a_bad_category_map_is_refused_with_its_line():
    with translation.override("en"), pytest.raises(ValueError, match="Line 2"):
        read_category_map("old,key\n通知公告,no_such_key\n".encode())


def test_a_record_with_privacy_findings_waits_in_review_unless_publishing_them_is_asked(
    county, tmp_path, client
):
    manifest = one(index_number="HX/2020-00001", agency_code="HX", body="联系人：张三，手机13905551234")

    _output, report = run(tmp_path, manifest, None)

    revision = Revision.objects.select_related("record").get()
    assert revision.status == Status.SUBMITTED
    assert revision.published_at is None
    assert revision.record.index_number == "HX/2020-00001"  # kept for its publication after review
    assert "Mobile phone number" in report[0]["Reason or note"]
    assert "not published" in report[0]["Reason or note"]
    assert not SearchEntry.objects.exists()
    assert client.get("/records/HX/2020-00001/").status_code == 404

    manifest = one(index_number="HX/2020-00002", agency_code="HX", body="手机13905551234")
    run(tmp_path, manifest, None, "--publish-with-findings")

    assert Revision.objects.get(record__index_number="HX/2020-00002").status == Status.PUBLISHED


def test_the_agencys_own_published_phone_is_no_finding(county, tmp_path):
    run(tmp_path, one(index_number="HX/2020-00001", agency_code="HX", body="咨询电话：0555-5312345"), None)

    assert Revision.objects.get().status == Status.PUBLISHED


def test_the_sequence_of_index_numbers_continues_after_the_highest_imported(county, tmp_path):
    manifest = as_csv(
        [
            {
                "index_number": f"HX/2020-{n:05d}",
                "agency_code": "HX",
                "title": f"第{n}号",
                "category": "work_news",
                "published_on": "2020-03-04",
            }
            for n in (3, 41, 7)
        ],
        RECORD_COLUMNS,
    )

    run(tmp_path, manifest, None)

    agency = Agency.objects.get(code="HX")
    with transaction.atomic():
        assert index_numbers.allocate(agency, 2020) == "HX/2020-00042"


def test_agency_option_defaults_and_limits_the_agency(county, tmp_path):
    manifest = as_csv(
        [
            {
                "index_number": "X-1",
                "agency_code": "",
                "title": "甲",
                "category": "work_news",
                "published_on": "2020-03-04",
            },
            {
                "index_number": "X-2",
                "agency_code": "HX-EDU",
                "title": "乙",
                "category": "work_news",
                "published_on": "2020-03-04",
            },
        ],
        RECORD_COLUMNS,
    )

    _output, report = run(tmp_path, manifest, None, "--agency", "HX")

    assert [(line["Key"], line["Result"], line["Column"]) for line in report] == [
        ("X-1", "created", ""),
        ("X-2", "error", "agency_code"),
    ]
    assert Record.objects.get().agency.code == "HX"


def test_an_interrupted_import_is_resumed_without_duplicates(county, tmp_path, monkeypatch):
    site = old_site(tmp_path / "files", 10)
    manifest = tmp_path / "manifest.csv"
    manifest.write_bytes(site.manifest)
    original = RecordImporter._write
    calls = {"n": 0}

    def failing_second_batch(self, good, results):
        calls["n"] += 1
        if calls["n"] == 2:
            raise ConnectionError("the database went away")
        return original(self, good, results)

    monkeypatch.setattr(RecordImporter, "_write", failing_second_batch)
    options = {"files_dir": str(site.files), "category_map": read_category_map(CATEGORY_MAP)}
    report = services.run_command(
        "records", site.manifest, file_name="m.csv", options=options, dry_run=False, batch_size=4
    )
    assert "ConnectionError" in report.stopped
    assert Record.objects.count() == 4  # the first batch only: the second was rolled back whole
    assert Attachment.objects.count() == 4
    monkeypatch.setattr(RecordImporter, "_write", original)

    again = services.run_command(
        "records", site.manifest, file_name="m.csv", options=options, dry_run=False, batch_size=4
    )

    assert not again.stopped
    assert (again.counts.created, again.counts.unchanged) == (6, 4)
    assert Record.objects.count() == 10
    assert Attachment.objects.count() == 10
    assert SearchEntry.objects.count() == 10 - len(site.in_review)


def test_a_known_old_address_answers_301_to_the_record_and_an_unknown_one_the_search(
    county, tmp_path, client
):
    site = old_site(tmp_path / "files", 6)
    run(tmp_path, site.manifest, site.files, *with_map(tmp_path))
    row = site.good[1]

    moved = client.get(row["old_url"])

    assert moved.status_code == 301
    assert moved["Location"] == f"/records/{row['index_number']}/"
    query = site.good[0]["old_url"]  # /col/colN/index.html?id=0&uid=9
    assert client.get(query.replace("id=0&uid=9", "uid=9&id=0") + "&utm_source=x").status_code == 301
    assert client.get(query.replace("id=0", "id=999")).status_code == 404
    lost = client.get("/art/2019/3/1/budget_report.html", HTTP_ACCEPT_LANGUAGE="en")
    assert lost.status_code == 404
    assert (
        'name="q" value="budget report"' in lost.content.decode() or "budget report" in lost.content.decode()
    )
    assert client.get("/no-such-page/").status_code == 404


def test_old_addresses_are_normalised_with_their_query_string_sorted():
    assert old_addresses.normalise("http://www.hx.gov.cn//col/col1/index.html?uid=9&id=5&utm_source=a") == (
        "/col/col1/index.html?id=5&uid=9"
    )
    assert old_addresses.normalise("/art/2019/3/1/%E9%80%9A%E7%9F%A5.html") == "/art/2019/3/1/通知.html"
    assert old_addresses.words_of("/art/2019/3/1/art_123_456.html") == ""
