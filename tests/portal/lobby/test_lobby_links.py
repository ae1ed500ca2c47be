"""Nothing on the lobby screen leads out of it: every link of every lobby page stays under /lobby/ (no
other site, no staff page, no sign-in, no file download); a record's links become their words."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from sunshine.records import services
from tests.portal.lobby.conftest import BODY
from tests.portal.records_support import D, at, make_draft, publish_now, upload
from tests.records.files import make_pdf

pytestmark = pytest.mark.django_db
HREF = re.compile(r'<a\b[^>]*\bhref="([^"]*)"')


def links_of(client: Client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, path
    return HREF.findall(response.content.decode())


def lobby_paths(client: Client, start: str = "/lobby/") -> dict[str, list[str]]:
    """Every lobby page reachable from ``start`` by its links, with the links of each."""
    seen: dict[str, list[str]] = {}
    queue = [start]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen[path] = links_of(client, path.replace("&amp;", "&"))
        queue.extend(link for link in seen[path] if link.startswith("/lobby/") and link not in seen)
    return seen


def test_no_lobby_page_links_to_another_site_the_staff_pages_or_out_of_the_lobby(
    client, record, guide, question
):
    revision = record()
    guide()
    question()

    pages = lobby_paths(client)
    for words in ("教育", "EDU"):
        pages.update(lobby_paths(client, f"/lobby/search/?q={words}"))

    assert f"/lobby/records/{revision.record.index_number}/" in pages
    assert "/lobby/services/EDU-001/" in pages
    assert any(path.startswith("/lobby/questions/") and path != "/lobby/questions/" for path in pages)
    leaving = {
        path: [link for link in links if not link.startswith("/lobby/")] for path, links in pages.items()
    }
    assert {path: links for path, links in leaving.items() if links} == {}
    assert not any("/staff/" in link or "//" in link for links in pages.values() for link in links)


def test_a_records_links_and_attachments_are_shown_as_words_only(client, tree):
    draft = make_draft(tree["education"], title="关于公布2026年学区划分的通知", body=BODY)
    services.add_attachment(
        revision=draft,
        by=None,
        file=upload(make_pdf("School districts"), "学区划分表.pdf"),
        name="学区划分表.pdf",
    )
    revision = publish_now(draft, at(D(2026, 3, 10)))

    html = client.get(f"/lobby/records/{revision.record.index_number}/").content.decode()

    assert "外部网站" in html
    assert "内部页面" in html
    assert "学区划分表.pdf" in html
    assert "Files are not opened on this screen." in html
    assert "example.org" not in html
    assert "/staff/" not in html
    assert "/files/" not in html
