"""Imports from a page (/staff/import/): upload → the dry run's report → confirm → the background run
with its progress → the done page with its counts. Administrators only; the file kept in the
private storage until the run ends."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from sunshine.agencies.models import Agency, Membership, Role
from sunshine.core.models import AuditEntry
from sunshine.onboarding.models import ImportJob
from tests.conftest import PASSWORD
from tests.onboarding.county import STAFF_COLUMNS, as_csv, county_file

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def ada(make_user, tree):
    """Ada administers the city's tree."""
    return make_user("ada", agency=tree["city"], role=Role.ADMINISTRATOR)


def upload(client, kind: str, data: bytes, name: str, **extra: str):
    return client.post(
        "/staff/import/",
        {"kind": kind, "file": SimpleUploadedFile(name, data), **extra},
        **EN,
    )


def counts(html: str) -> dict[str, int]:
    return {name: int(value) for name, value in re.findall(r'data-count="(\w+)">(\d+)<', html)}


def test_a_superuser_imports_a_county_through_the_page(client, admin_user):
    client.force_login(admin_user)
    checked = upload(client, "agencies", county_file("agencies", "xlsx"), "county.xlsx")
    assert checked.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == "checked"
    assert job.file
    assert default_storage.exists(job.file.name)
    stored = job.file.name

    report = client.get(checked.url, **EN).content.decode()
    assert "nothing has been written yet" in report
    assert counts(report) == {"created": 30, "updated": 0, "unchanged": 0, "errors": 7}
    assert "Unknown kind “bureau”" in report
    assert Agency.objects.count() == 0
    assert not AuditEntry.objects.exists()

    done = client.post(f"/staff/import/{job.pk}/confirm/", follow=True, **EN)

    html = done.content.decode()
    assert "The import is done." in html
    assert 'http-equiv="refresh"' not in html
    assert counts(html) == {"created": 30, "updated": 0, "unchanged": 0, "errors": 7}
    assert Agency.objects.count() == 30
    job.refresh_from_db()
    assert (job.status, job.file) == ("done", "")
    assert not default_storage.exists(stored)
    entry = AuditEntry.objects.get(action="onboarding.import")
    assert entry.actor == admin_user
    assert entry.after is not None
    assert entry.after["created_count"] == 30
    csv_report = client.get(f"/staff/import/{job.pk}/report.csv", **EN)
    assert csv_report["Content-Type"].startswith("text/csv")
    assert "HX-BUREAU,error,kind" in csv_report.content.decode("utf-8-sig")


def test_an_administrator_imports_staff_of_their_tree_only_and_the_invitation_link_works(
    client, ada, tree, mailoutbox
):
    rows = [
        {
            "username": "new-officer",
            "name": "新办理员",
            "email": "n@city.example.gov.cn",
            "agency_code": "CITY-EDU",
            "roles": "officer",
        },
        {
            "username": "outsider",
            "name": "外人",
            "email": "o@other.example.gov.cn",
            "agency_code": "OTHER",
            "roles": "officer",
        },
    ]
    client.force_login(ada)
    checked = upload(client, "staff", as_csv(rows, STAFF_COLUMNS), "staff.csv")
    report = client.get(checked.url, **EN).content.decode()
    assert counts(report) == {"created": 1, "updated": 0, "unchanged": 0, "errors": 1}
    assert "You do not administer this agency." in report
    assert mailoutbox == []

    client.post(f"/staff/import/{ImportJob.objects.get().pk}/confirm/", **EN)

    person = get_user_model().objects.get(username="new-officer")
    assert Membership.objects.filter(user=person, agency=tree["education"], role="officer").exists()
    assert not get_user_model().objects.filter(username="outsider").exists()
    [mail] = mailoutbox
    link = re.search(r"http://testserver/staff/welcome/\S+", mail.body)
    assert link is not None
    client.logout()
    form = client.get(urlsplit(link.group(0)).path, follow=True, **EN)
    client.post(form.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD})
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_the_page_of_a_running_import_shows_its_progress_and_refreshes_itself(client, admin_user):
    job = ImportJob.objects.create(
        kind="agencies",
        file_name="big.csv",
        status="running",
        total_rows=2000,
        processed_rows=500,
        created_by=admin_user,
    )
    client.force_login(admin_user)
    html = client.get(f"/staff/import/{job.pk}/", **EN).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in html
    assert "500 of 2000 rows done." in html
    assert '<progress max="2000" value="500">' in html


@pytest.mark.django_db(transaction=True)  # the worker closes the connection between tasks
def test_with_the_database_queue_the_import_waits_for_the_worker(client, admin_user, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(admin_user)
    checked = upload(client, "agencies", county_file("agencies", "csv", bad=False), "county.csv")
    job = ImportJob.objects.get()

    waiting = client.post(f"/staff/import/{job.pk}/confirm/", follow=True, **EN).content.decode()
    assert "Waiting to run" in waiting
    assert 'http-equiv="refresh"' in waiting
    assert Agency.objects.count() == 0

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    assert "The import is done." in client.get(checked.url, **EN).content.decode()
    assert Agency.objects.count() == 30


def test_a_cancelled_import_removes_its_file_and_writes_nothing(client, admin_user):
    client.force_login(admin_user)
    upload(client, "agencies", county_file("agencies", "csv"), "county.csv")
    job = ImportJob.objects.get()
    stored = job.file.name

    client.post(f"/staff/import/{job.pk}/cancel/")

    job.refresh_from_db()
    assert (job.status, job.file) == ("cancelled", "")
    assert not default_storage.exists(stored)
    assert client.post(f"/staff/import/{job.pk}/confirm/").status_code == 302
    assert Agency.objects.count() == 0


def test_a_file_with_wrong_columns_is_refused_on_the_form(client, admin_user):
    client.force_login(admin_user)
    response = upload(client, "staff", b"username,name\nx,y\n", "staff.csv")
    assert response.status_code == 200
    assert "missing columns: email, agency_code, roles" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_only_administrators_reach_the_imports_and_see_their_link(client, alice, ada):
    client.force_login(alice)
    assert client.get("/staff/import/").status_code == 403
    assert "/staff/import/" not in client.get("/staff/", **EN).content.decode()
    client.force_login(ada)
    assert client.get("/staff/import/", **EN).status_code == 200
    assert "/staff/import/" in client.get("/staff/", **EN).content.decode()


def test_nobody_follows_or_confirms_another_person_s_import(client, ada, make_user, tree):
    other = make_user("bob", agency=tree["district"], role=Role.ADMINISTRATOR)
    job = ImportJob.objects.create(kind="agencies", file_name="x.csv", status="checked", created_by=other)
    client.force_login(ada)
    assert client.get(f"/staff/import/{job.pk}/").status_code == 404
    assert client.post(f"/staff/import/{job.pk}/confirm/").status_code == 404
    job.refresh_from_db()
    assert job.status == "checked"


def reasons(job: ImportJob) -> dict[str, list[str]]:
    return {result.key: [p.message for p in result.problems] for result in job.results}


def test_an_administrator_changes_agencies_only_within_their_tree(client, ada, tree):
    rows = [
        {"code": "CITY-NEW", "name": "新局", "parent_code": "CITY", "kind": "department"},
        {"code": "TOP", "name": "新政府", "parent_code": "", "kind": "government"},
        {"code": "CITY-FIN", "name": "阳光市财政局", "parent_code": "OTHER", "kind": "department"},
        {"code": "OTHER-NEW", "name": "邻市新局", "parent_code": "OTHER", "kind": "department"},
    ]
    client.force_login(ada)
    upload(client, "agencies", as_csv(rows, ("code", "name", "parent_code", "kind")), "a.csv")

    found = reasons(ImportJob.objects.get())
    assert found == {
        "CITY-NEW": [],
        "TOP": ["Only a superuser may add an agency at the top of a tree."],
        "CITY-FIN": ["You do not administer the parent agency."],
        "OTHER-NEW": ["You do not administer the parent agency."],
    }


def test_an_administrator_changes_the_e_mail_only_of_people_of_their_tree(
    client, ada, olga, admin_user, make_user, tree
):
    make_user("otto", agency=tree["other"], role=Role.OFFICER, email="otto@other.example.gov.cn")
    make_user("nobody", email="nobody@example.gov.cn")
    rows = [
        {
            "username": username,
            "name": "某人",
            "email": f"new-{username}@example.gov.cn",
            "agency_code": "CITY-EDU",
            "roles": "officer",
        }
        for username in ("olga", "otto", "root", "nobody")
    ]
    client.force_login(ada)
    upload(client, "staff", as_csv(rows, STAFF_COLUMNS), "s.csv")

    found = reasons(ImportJob.objects.get())
    assert found["olga"] == []
    assert (
        found["otto"]
        == found["nobody"]
        == ["This person holds roles in agencies you do not administer, or none: ask a superuser."]
    )
    assert found["root"] == ["Only a superuser may change this account."]


def test_the_audit_log_shows_the_import_in_words_with_its_counts(client, admin_user):
    client.force_login(admin_user)
    upload(client, "agencies", county_file("agencies", "csv"), "county.csv")
    client.post(f"/staff/import/{ImportJob.objects.get().pk}/confirm/")

    html = client.get("/staff/audit/", {"action": "onboarding.import"}, **EN).content.decode()

    assert "Import from a file run" in html
    assert "Rows created" in html
    assert "county.csv" in html


def test_a_superuser_imports_records_with_a_zip_of_their_files_through_the_page(
    client, admin_user, tmp_path, settings
):
    from sunshine.onboarding import services
    from sunshine.records.models import Attachment, Record
    from tests.onboarding.county import AGENCY_COLUMNS, county_agencies
    from tests.onboarding.old_cms import old_site, zipped

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    services.run_command(
        "agencies",
        as_csv(county_agencies(), AGENCY_COLUMNS),
        file_name="county.csv",
        options={},
        dry_run=False,
        batch_size=500,
    )
    site = old_site(tmp_path / "files", 8)
    client.force_login(admin_user)

    checked = client.post(
        "/staff/import/",
        {
            "kind": "records",
            "file": SimpleUploadedFile("records.csv", site.manifest),
            "archive": SimpleUploadedFile("files.zip", zipped(site.files)),
            "category_map": SimpleUploadedFile("map.csv", "old,key\n部门动态,work_news\n".encode()),
        },
        **EN,
    )

    assert checked.status_code == 302
    job = ImportJob.objects.get(kind="records")
    assert job.archive
    report = client.get(checked.url, **EN).content.decode()
    assert counts(report) == {"created": 8, "updated": 0, "unchanged": 0, "errors": 7}
    assert "杂项栏目 (1)" in report
    assert not Record.objects.exists()
    stored = job.archive.name

    done = client.post(f"/staff/import/{job.pk}/confirm/", follow=True, **EN)

    assert "The import is done." in done.content.decode()
    assert Record.objects.count() == 8
    assert Attachment.objects.count() == 8
    job.refresh_from_db()
    assert (job.status, job.archive) == ("done", "")
    assert not default_storage.exists(stored)
    entry = AuditEntry.objects.get(action="record.import")
    assert entry.actor == admin_user
    assert entry.after is not None
    assert entry.after["created_count"] == 8


def test_a_zip_whose_names_climb_out_of_it_is_refused_before_anything_is_checked(client, admin_user):
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("../../outside.pdf", b"%PDF-1.4")
    client.force_login(admin_user)

    answer = client.post(
        "/staff/import/",
        {
            "kind": "records",
            "file": SimpleUploadedFile(
                "records.csv", b"index_number,title,agency_code,category,published_on\n"
            ),
            "archive": SimpleUploadedFile("files.zip", out.getvalue()),
        },
        **EN,
    )

    assert answer.status_code == 200
    assert "outside the archive" in answer.content.decode()
    assert not ImportJob.objects.exists()
