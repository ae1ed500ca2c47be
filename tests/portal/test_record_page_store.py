"""Record pages, their print view and their attachments' rows are kept per generation of public
content for anonymous readers; a withdrawn record is never answered from the store."""

from __future__ import annotations

import pytest

from sunshine.core import public_cache
from sunshine.records import services
from sunshine.records.models import Revision
from tests.portal.records_support import (
    D,
    at,
    fresh_cache,
    make_draft,
    media,
    publish,
    publish_now,
    revise,
    upload,
)
from tests.records.files import make_pdf

pytestmark = pytest.mark.django_db
__all__ = ["fresh_cache", "media"]


@pytest.fixture
def notice(tree) -> Revision:
    return publish(tree["education"], "关于做好2026年招生工作的通知", document_number="阳教发〔2026〕3号")


def url_of(revision: Revision, suffix: str = "") -> str:
    return f"/records/{revision.record.index_number}/{suffix}"


@pytest.mark.parametrize("suffix", ["", "print/"])
def test_a_second_anonymous_reader_gets_the_record_page_without_touching_the_database(
    client, notice, suffix, django_assert_num_queries
):
    first = client.get(url_of(notice, suffix))
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    with django_assert_num_queries(0):
        second = client.get(url_of(notice, suffix))
    assert second.content == first.content
    assert second["Cache-Control"] == "public, max-age=0, must-revalidate"


@pytest.mark.parametrize("suffix", ["", "print/"])
def test_a_withdrawn_record_is_never_answered_from_the_store(client, notice, suffix):
    client.get(url_of(notice, suffix))
    client.get(url_of(notice, suffix))  # now also kept in this process's memory
    assert client.get(url_of(notice, suffix)).status_code == 200

    services.withdraw(revision=notice, by=None, reason="含有不应公开的个人信息")

    assert client.get(url_of(notice, suffix)).status_code == 404
    assert client.get(url_of(notice, suffix)).status_code == 404


def test_a_withdrawal_made_by_another_worker_reaches_this_workers_store(
    client, notice, monkeypatch, memory_cache
):
    # Each process has its own memory cache: the other worker's withdrawal moves the shared file on.
    assert client.get(url_of(notice)).status_code == 200
    monkeypatch.setattr(public_cache, "bump", lambda: None)  # this process is not told
    services.withdraw(revision=notice, by=None, reason="含有不应公开的个人信息")
    assert client.get(url_of(notice)).status_code == 200  # still this process's old generation

    path = public_cache.generation_file()
    assert path is not None
    public_cache._touch(path)  # what the other worker's bump does

    assert client.get(url_of(notice)).status_code == 404


def test_a_new_revision_shows_at_once(client, notice):
    assert "阳教发〔2026〕3号" in client.get(url_of(notice)).content.decode()
    revise(notice.record, at(D(2026, 3, 12)), document_number="阳教发〔2026〕4号")
    assert "阳教发〔2026〕4号" in client.get(url_of(notice)).content.decode()


def test_a_changed_validity_shows_at_once(client, notice):
    assert "record__validity" not in client.get(url_of(notice)).content.decode()
    services.change_validity(record=notice.record, by=None, validity="expired", on=D(2026, 3, 11))
    assert "record__validity" in client.get(url_of(notice)).content.decode()


def test_each_language_has_its_own_copy_of_a_record_page(client, notice):
    chinese = client.get(url_of(notice)).content.decode()
    english = client.get(url_of(notice), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Print version" in english
    assert "Print version" not in chinese
    assert client.get(url_of(notice)).content.decode() == chinese


def test_signed_in_staff_never_get_the_stored_record_page(client, notice, alice):
    client.get(url_of(notice))
    client.force_login(alice)
    response = client.get(url_of(notice))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "ETag" not in response


def test_an_attachment_of_a_withdrawn_record_is_gone_at_once(client, tree, django_assert_num_queries):
    draft = make_draft(tree["education"], title="关于公布2026年学区划分的通知")
    services.add_attachment(
        revision=draft, by=None, file=upload(make_pdf("Districts"), "学区划分表.pdf"), name="学区划分表.pdf"
    )
    revision = publish_now(draft, at(D(2026, 3, 10)))
    url = url_of(revision, f"files/{revision.attachments.get().pk}/")
    assert client.get(url).status_code == 200
    with django_assert_num_queries(0):  # the attachment's row is kept for this generation
        response = client.get(url)
    assert response.status_code == 200
    b"".join(response.streaming_content)

    services.withdraw(revision=revision, by=None, reason="信息有误")

    assert client.get(url).status_code == 404
