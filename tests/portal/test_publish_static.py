"""The public portal written as files (``sunshine publish-static DIR``) and kept up to date after each
publication and withdrawal (docs/static_publishing.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from sunshine import manage
from sunshine.portal import static_site
from sunshine.records import services
from sunshine.records.models import Revision
from tests.portal.records_support import D, at, fresh_cache, make_draft, media, publish, publish_now, upload
from tests.records.files import make_pdf

pytestmark = pytest.mark.django_db
__all__ = ["fresh_cache", "media"]


@pytest.fixture(autouse=True)
def english(settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return tmp_path / "site"


def manifest(root: Path) -> dict[str, Any]:
    pages: dict[str, Any] = json.loads((root / static_site.MANIFEST).read_text())["pages"]
    return pages


def record_file(root: Path, revision: Revision, suffix: str = "") -> Path:
    return root / "records" / str(revision.record.index_number) / suffix / "index.html"


def with_pdf(tree: Any, title: str) -> tuple[Revision, bytes]:
    draft = make_draft(tree["education"], title=title)
    pdf = make_pdf("School districts 2026")
    services.add_attachment(
        revision=draft, by=None, file=upload(pdf, "学区划分表.pdf"), name="学区划分表.pdf"
    )
    return publish_now(draft, at(D(2026, 3, 10))), pdf


def test_a_folder_address_is_an_index_file_and_a_page_of_a_listing_has_its_own():
    assert static_site.file_for("/") == "index.html"
    assert static_site.file_for("/records/A1/2026-00001/") == "records/A1/2026-00001/index.html"
    assert static_site.file_for("/agencies/edu/categories/notices/?page=3") == (
        "agencies/edu/categories/notices/index.page-3.html"
    )
    assert static_site.file_for("/sitemap-records.xml?p=2") == "sitemap-records.p-2.xml"
    assert static_site.file_for("/agencies/edu/feed.rss") == "agencies/edu/feed.rss"
    assert static_site.file_for("/records/A1/files/7/", "application/pdf") == "records/A1/files/7/index.pdf"


@pytest.mark.parametrize("url", ["/records/../etc/", "/search/?q=x", "/agencies/edu"])
def test_an_address_without_a_file_of_its_own_is_refused(url):
    with pytest.raises(static_site.StaticSiteError):
        static_site.file_for(url)


def test_the_command_writes_the_pages_as_the_site_serves_them(client: Client, tree, site):
    revision, pdf = with_pdf(tree, "关于公布2026年学区划分的通知")
    attachment = revision.attachments.get()

    call_command("publish_static", str(site))

    page = f"/records/{revision.record.index_number}/"
    assert record_file(site, revision).read_bytes() == client.get(page).content
    assert record_file(site, revision, "print").read_bytes() == client.get(f"{page}print/").content
    assert (
        site / "records" / revision.record.index_number / "files" / str(attachment.pk) / "index.pdf"
    ).read_bytes() == pdf
    assert (site / "index.html").read_bytes() == client.get("/").content
    assert "关于公布2026年学区划分的通知" in (site / "agencies" / "CITY-EDU" / "index.html").read_text()
    listing = site / "agencies" / "CITY-EDU" / "categories" / "notices" / "index.html"
    assert "关于公布2026年学区划分的通知" in listing.read_text()
    assert page in (site / "agencies" / "CITY-EDU" / "feed.rss").read_text()
    assert (site / "agencies" / "CITY-EDU" / "feed.atom").is_file()
    assert "sitemap-records.xml" in (site / "sitemap.xml").read_text()
    assert page in (site / "sitemap-records.xml").read_text()
    assert (site / "bulletins" / "index.html").is_file()
    assert (site / "new-media" / "index.html").is_file()
    assert (site / "oversight" / "rankings" / "index.html").is_file()
    entries = manifest(site)
    assert entries[page]["file"] == f"records/{revision.record.index_number}/index.html"
    assert entries[page]["group"] == f"record:{revision.record_id}"
    assert not (site / "search").exists()  # forms stay with the application


def test_a_listing_longer_than_a_page_gets_a_file_per_page(tree, site):
    for n in range(static_site.record_pages.PAGE_SIZE + 1):
        publish(tree["education"], f"通知第{n}号", hour=8 + n % 10)

    static_site.build(site)

    folder = site / "agencies" / "CITY-EDU" / "categories" / "notices"
    assert (folder / "index.html").is_file()
    assert (folder / "index.page-2.html").is_file()
    assert not (folder / "index.page-3.html").exists()


def test_a_second_run_rewrites_nothing_that_did_not_change(tree, site):
    with_pdf(tree, "关于公布招生计划的通知")
    static_site.build(site)
    mtimes = {path: path.stat().st_mtime_ns for path in site.rglob("*") if path.is_file()}

    again = static_site.build(site)

    assert again.written == []
    assert again.removed == []
    assert again.failed == []
    assert len(again.unchanged) == len(manifest(site))
    for path, mtime in mtimes.items():
        if path.name != static_site.MANIFEST:
            assert path.stat().st_mtime_ns == mtime, path


def test_a_publication_is_written_after_the_commit(tree, site, settings, django_capture_on_commit_callbacks):
    publish(tree["education"], "关于公布招生计划的通知")
    static_site.build(site)
    settings.SUNSHINE_STATIC_SITE_DIR = str(site)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        revision = publish(tree["education"], "关于公布学区划分的通知", hour=11)

    assert callbacks
    assert "关于公布学区划分的通知" in record_file(site, revision).read_text()
    assert (
        "关于公布学区划分的通知"
        in (site / "agencies" / "CITY-EDU" / "categories" / "notices" / "index.html").read_text()
    )
    assert f"/records/{revision.record.index_number}/" in (site / "sitemap-records.xml").read_text()
    assert (
        f"/records/{revision.record.index_number}/"
        in (site / "agencies" / "CITY-EDU" / "feed.rss").read_text()
    )


def test_a_withdrawn_record_is_never_left_served(tree, site, settings, django_capture_on_commit_callbacks):
    revision, _pdf = with_pdf(tree, "关于公布学区划分的通知")
    kept = publish(tree["education"], "关于公布招生计划的通知", hour=11)
    settings.SUNSHINE_STATIC_SITE_DIR = str(site)
    static_site.build(site)
    folder = site / "records" / str(revision.record.index_number)
    assert (folder / "index.html").is_file()
    assert list(folder.glob("files/*/index.pdf"))

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(revision=revision, by=None, reason="信息有误")

    assert not folder.exists()  # the page, its print view and its attachment
    page = f"/records/{revision.record.index_number}/"
    assert not [url for url in manifest(site) if url.startswith(page)]
    assert page not in (site / "agencies" / "CITY-EDU" / "categories" / "notices" / "index.html").read_text()
    assert page not in (site / "sitemap-records.xml").read_text()
    assert page not in (site / "agencies" / "CITY-EDU" / "feed.rss").read_text()
    assert record_file(site, kept).is_file()


def test_a_full_run_deletes_what_was_withdrawn_while_publishing_was_off(tree, site):
    revision = publish(tree["education"], "关于公布学区划分的通知")
    static_site.build(site)

    services.withdraw(revision=revision, by=None, reason="信息有误")  # no folder set: no task
    assert record_file(site, revision).is_file()
    outcome = static_site.build(site)

    assert not record_file(site, revision).exists()
    assert f"/records/{revision.record.index_number}/" in outcome.removed


def test_nothing_is_written_unless_a_folder_is_set(tree, site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        publish(tree["education"], "关于公布学区划分的通知")

    assert static_site.configured_dir() is None
    assert not callbacks or not site.exists()
    assert not site.exists()


def test_the_sunshine_command_takes_the_hyphenated_name(tree, site, monkeypatch):
    publish(tree["education"], "关于公布学区划分的通知")
    monkeypatch.setattr(sys, "argv", ["sunshine", "publish-static", str(site)])

    manage.main()

    assert (site / "index.html").is_file()


def test_a_draft_refreshes_nothing(tree, site, settings, django_capture_on_commit_callbacks):
    settings.SUNSHINE_STATIC_SITE_DIR = str(site)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_draft(tree["education"], title="关于公布学区划分的通知")

    assert callbacks == []
    assert not site.exists()
