"""The public portal written as files (``sunshine publish-static DIR``), for nginx to serve without
Python (``deploy/nginx/sunshine-static.conf``, docs/static_publishing.md).

Pages are rendered through the real views and middleware, as an anonymous reader in the site's
default language, and written under the folder at the paths nginx maps the addresses to
(``file_for``): ``/records/X/2026-00001/`` becomes ``records/X/2026-00001/index.html``, the second page
of a listing ``…/index.page-2.html``, a feed ``agencies/A/feed.rss``, an attachment
``records/X/2026-00001/files/7/index.pdf``.

What is written comes in groups, each re-rendered as a whole (``group_urls``):

- ``portal``: the home page and the list of agencies;
- ``agency:<code>``: an agency's page, its feeds, and the listing of every category of its catalogue
  (every page of it) with the category's feeds;
- ``record:<pk>``: a published record's page, its print view and its attachments, nothing at all once
  it is withdrawn (its files are then deleted);
- ``sitemaps``: the sitemap index and every section it names;
- ``bulletins``, ``rankings``, ``newmedia``: the bulletin archive and its issues, the published
  rankings, the page of new-media accounts, each with the pages its list links to.

Forms, searches, the request and letter pages, the staff pages and the API stay with the application.

Each file is written to a temporary name and renamed into place; a file whose bytes did not change is
not touched (its mtime stays). ``.manifest.json`` lists every address written, its file, group and
SHA-256; a group's addresses that no longer render (withdrawn record, agency taken off) are deleted.
A lock file keeps two refreshes from writing at once.

Publishing, changing or withdrawing public content refreshes the groups it shows in, in a task run
after the commit (``portal.static_signals``, ``portal.tasks.refresh_static_site``), when
``settings.SUNSHINE_STATIC_SITE_DIR`` names the folder.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import math
import os
import re
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.http import HttpResponseBase
from django.test import Client
from django.urls import reverse
from django.utils import translation

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import public_agencies
from sunshine.core import public_cache
from sunshine.portal import records as record_pages
from sunshine.records.models import Record, Revision
from sunshine.records.selectors import published_interpretations, published_records

log = logging.getLogger(__name__)

MANIFEST = ".manifest.json"
LOCK = ".lock"
PORTAL, SITEMAPS = "portal", "sitemaps"
# Sections found by following the links of their first page: (group, first page, addresses to follow).
CRAWLED: dict[str, tuple[str, re.Pattern[str]]] = {
    "bulletins": ("/bulletins/", re.compile(r"^/bulletins/(\d+/\d+/)?(\?page=\d+)?$")),
    "rankings": ("/oversight/rankings/", re.compile(r"^/oversight/rankings/(\d+/)?(\?page=\d+)?$")),
    "newmedia": ("/new-media/", re.compile(r"^/new-media/(\?page=\d+)?$")),
}
# The only query strings with a file of their own: a page of a listing or of a sitemap section.
PAGE_QUERY = re.compile(r"^(page|p)=([1-9][0-9]{0,5})$")
EXTENSIONS = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpeg", "image/gif": ".gif"}
EXTENSIONS.update(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    }
)
_HREF = re.compile(r'href="([^"#]+)"')
_LOC = re.compile(r"<loc>([^<]+)</loc>")
# The moment a feed was built (``now`` for a feed without items): not a change of its content.
_BUILD_DATE = re.compile(rb"<lastBuildDate>[^<]*</lastBuildDate>|<updated>[^<]*</updated>")


class StaticSiteError(Exception):
    """The folder cannot be written, or an address has no file of its own."""


def configured_dir() -> Path | None:
    """The folder named by ``SUNSHINE_STATIC_SITE_DIR``, or None: static publishing is off."""
    value = getattr(settings, "SUNSHINE_STATIC_SITE_DIR", "")
    return Path(value) if value else None


# --- Addresses and files ----------------------------------------------------------------------


def file_for(url: str, content_type: str = "") -> str:
    """The file (relative to the folder) that nginx serves for ``url`` (a path with an optional
    ``?page=N`` or ``?p=N``): a folder address gets ``index.html`` (``index.pdf`` … for a download),
    a page of a listing ``index.page-N.html``, a page of a sitemap ``sitemap-records.p-N.xml``."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if not path.startswith("/") or "\x00" in path or any(seg in {"..", "."} for seg in path.split("/")):
        raise StaticSiteError(f"{url!r} is not a plain address.")
    tag = ""
    if parts.query:
        match = PAGE_QUERY.fullmatch(parts.query)
        if match is None:
            raise StaticSiteError(f"{url!r}: only a page number has a file of its own.")
        tag = f".{match.group(1)}-{match.group(2)}"
    if path.endswith("/"):
        extension = EXTENSIONS.get(content_type.split(";")[0].strip(), ".html")
        return f"{path[1:]}index{tag}{extension}"
    stem, dot, extension = path[1:].rpartition(".")
    if not dot or "/" in extension:
        raise StaticSiteError(f"{url!r}: an address outside a folder needs an extension.")
    return f"{stem}{tag}.{extension}"


def _local(url: str) -> str:
    """An address of the site without its scheme and host (links in sitemaps are absolute)."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _pages(url: str, count: int, size: int, query: str = "page") -> list[str]:
    """``url`` and the addresses of its further pages."""
    pages = max(1, math.ceil(count / size))
    return [url, *(f"{url}?{query}={n}" for n in range(2, pages + 1))]


def record_urls(record_pk: int) -> list[str]:
    """The record's page, print view and downloads, if it is published; else nothing."""
    revision = published_records().filter(record_id=record_pk).select_related("record").first()
    if revision is None:
        return []
    page = record_pages.record_url(revision)
    number = revision.record.index_number
    files = [
        reverse("portal:record_attachment", args=[number, pk])
        for pk in revision.attachments.order_by("pk").values_list("pk", flat=True)
    ]
    return [page, f"{page}print/", *files]


def agency_urls(code: str) -> list[str]:
    """An active agency's page and feeds, and every category of its catalogue that lists records, with
    its pages and feeds (an empty category's page is left to the application: it is cheap there)."""
    agency = public_agencies().filter(code=code).first()
    if agency is None:
        return []
    urls = [
        reverse("portal:agency_detail", args=[code]),
        reverse("portal:agency_feed_rss", args=[code]),
        reverse("portal:agency_feed_atom", args=[code]),
    ]
    categories = record_pages.catalogue_categories(agency)

    def walk(nodes: list[record_pages.CatalogueNode]) -> Iterator[record_pages.CatalogueNode]:
        for node in nodes:
            yield node
            yield from walk(node.children)

    for node in walk(record_pages.catalogue_tree(agency, categories)):
        if node.count == 0:
            continue
        key = node.category.key
        count = record_pages.category_count(agency, node.category, categories=categories)
        urls += _pages(record_pages.category_url(agency, key), count, record_pages.PAGE_SIZE)
        urls += [
            reverse("portal:category_feed_rss", args=[code, key]),
            reverse("portal:category_feed_atom", args=[code, key]),
        ]
    return urls


def portal_urls() -> list[str]:
    return [reverse("portal:home"), reverse("portal:agency_list")]


# --- Rendering --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    url: str
    status: int
    content_type: str
    body: bytes


class Renderer:
    """Pages rendered through the whole application, as an anonymous reader would get them."""

    def __init__(self) -> None:
        site = urlsplit(getattr(settings, "SUNSHINE_SITE_URL", "") or "")
        host = site.netloc or next(
            (h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")), "localhost"
        )
        self.client = Client(HTTP_HOST=host, secure=site.scheme == "https", raise_request_exception=False)

    def get(self, url: str) -> Rendered:
        response: HttpResponseBase = self.client.get(url)
        # A download streams its bytes; a page holds them.
        body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
        return Rendered(url, response.status_code, response.headers.get("Content-Type", ""), body)


def crawl(renderer: Renderer, first: str, follow: re.Pattern[str]) -> list[Rendered]:
    """``first`` and every address matching ``follow`` that the pages link to (breadth first)."""
    seen, queue, pages = {first}, [first], []
    while queue:
        page = renderer.get(queue.pop(0))
        pages.append(page)
        if page.status != 200 or not page.content_type.startswith("text/html"):
            continue
        for href in _HREF.findall(page.body.decode("utf-8", "replace")):
            href = href.replace("&amp;", "&")
            if href.startswith("?"):  # another page of the same list
                href = urlsplit(page.url).path + href
            if follow.fullmatch(href) and href not in seen:
                seen.add(href)
                queue.append(href)
    return pages


def sitemap_pages(renderer: Renderer) -> list[Rendered]:
    index = renderer.get(reverse("portal:sitemap"))
    pages = [index]
    if index.status == 200:
        for loc in _LOC.findall(index.body.decode("utf-8", "replace")):
            pages.append(renderer.get(_local(loc.replace("&amp;", "&"))))
    return pages


def render_group(renderer: Renderer, group: str) -> list[Rendered]:
    kind, _, key = group.partition(":")
    if kind == "record":
        return [renderer.get(url) for url in record_urls(int(key))]
    if kind == "agency":
        return [renderer.get(url) for url in agency_urls(key)]
    if group == PORTAL:
        return [renderer.get(url) for url in portal_urls()]
    if group == SITEMAPS:
        return sitemap_pages(renderer)
    if group in CRAWLED:
        first, follow = CRAWLED[group]
        return crawl(renderer, first, follow)
    raise StaticSiteError(f"Unknown group {group!r}.")


# --- Writing ----------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What a build or refresh did, address by address."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # errors other than "not found": the old file stays
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "written": len(self.written),
            "unchanged": len(self.unchanged),
            "removed": len(self.removed),
            "failed": len(self.failed),
            "seconds": round(self.seconds, 3),
        }


def fingerprint(page: Rendered) -> str:
    """The SHA-256 of what a page says: a feed's build date left out, so that a feed whose items did
    not change is not rewritten on every run."""
    body = page.body
    if "rss" in page.content_type or "atom" in page.content_type:
        body = _BUILD_DATE.sub(b"", body, count=1)
    return hashlib.sha256(body).hexdigest()


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _remove(root: Path, relative: str) -> None:
    path = root / relative
    path.unlink(missing_ok=True)
    parent = path.parent
    while parent != root and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()  # the folder of a withdrawn record goes too
        parent = parent.parent


class Site:
    """The folder and its manifest: {address: {"file", "group", "sha256", "bytes"}}."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.entries: dict[str, dict[str, Any]] = {}

    def load(self) -> None:
        try:
            data = json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError:
            data = {}
        self.entries = dict(data.get("pages", {}))

    def save(self) -> None:
        data = {"version": 1, "pages": dict(sorted(self.entries.items()))}
        _write_atomically(self.root / MANIFEST, json.dumps(data, ensure_ascii=False, indent=1).encode())

    def groups(self) -> set[str]:
        return {entry["group"] for entry in self.entries.values()}

    def apply(self, group: str, pages: Iterable[Rendered], outcome: Outcome) -> None:
        """Write the group's pages that rendered, delete its addresses that are gone."""
        kept: set[str] = set()
        for page in pages:
            if page.status in (404, 410):
                continue
            if page.status != 200:
                log.error(
                    "The static copy of %s was not refreshed: the page answered %s.", page.url, page.status
                )
                outcome.failed.append(page.url)
                if page.url in self.entries:
                    kept.add(page.url)  # the last good copy stays until the page renders again
                continue
            relative = file_for(page.url, page.content_type)
            digest = fingerprint(page)
            old = self.entries.get(page.url)
            kept.add(page.url)
            if (
                old
                and old["file"] == relative
                and old["sha256"] == digest
                and (self.root / relative).is_file()
            ):
                outcome.unchanged.append(page.url)
                old["group"] = group
                continue
            _write_atomically(self.root / relative, page.body)
            if old and old["file"] != relative:
                _remove(self.root, old["file"])
            self.entries[page.url] = {
                "file": relative,
                "group": group,
                "sha256": digest,
                "bytes": len(page.body),
            }
            outcome.written.append(page.url)
        for url, entry in list(self.entries.items()):
            if entry["group"] == group and url not in kept:
                _remove(self.root, entry["file"])
                del self.entries[url]
                outcome.removed.append(url)


@contextmanager
def _locked(root: Path) -> Iterator[None]:
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def refresh(root: Path, groups: Iterable[str]) -> Outcome:
    """Render the groups again and bring their files in ``root`` up to date."""
    started = time.monotonic()
    outcome = Outcome()
    # Pages kept on the server from before the change (rendered by a request that ran between the
    # change and its commit) are not taken for the new ones.
    public_cache.bump()
    with _locked(root), translation.override(settings.LANGUAGE_CODE):
        site = Site(root)
        site.load()
        renderer = Renderer()
        for group in sorted(set(groups)):
            site.apply(group, render_group(renderer, group), outcome)
        site.save()
    outcome.seconds = time.monotonic() - started
    return outcome


def all_groups(root: Path | None = None) -> set[str]:
    """Every group of the site as it is now, and those of the manifest in ``root`` (whose pages may
    have to be deleted)."""
    groups = {PORTAL, SITEMAPS, *CRAWLED}
    groups |= {f"agency:{code}" for code in public_agencies().values_list("code", flat=True)}
    groups |= {f"record:{pk}" for pk in published_records().values_list("record_id", flat=True)}
    if root is not None:
        site = Site(root)
        site.load()
        groups |= site.groups()
    return groups


def build(root: Path) -> Outcome:
    """The whole public portal into ``root`` (created if need be); run again, it rewrites only what
    changed and deletes what is no longer public."""
    if root.exists() and not root.is_dir():
        raise StaticSiteError(f"{root} is not a folder.")
    return refresh(root, all_groups(root))


# --- What a change touches --------------------------------------------------------------------


def groups_of_record(record: Record) -> set[str]:
    """The groups a record shows in: its own pages, its agency's and those of the agencies above
    (their pages list the records below), the home page, the sitemaps, and the pages of the records
    that link to it (interpretations, the record it interprets, records it replaces)."""
    groups = {f"record:{record.pk}", PORTAL, SITEMAPS}
    agency = record.agency
    ids = [int(pk) for pk in agency.path.strip("/").split("/") if pk]
    groups |= {f"agency:{code}" for code in Agency.objects.filter(pk__in=ids).values_list("code", flat=True)}
    groups.add(f"agency:{agency.code}")
    linked = set(published_interpretations(record).values_list("record_id", flat=True))
    linked |= set(
        Revision.objects.filter(record=record, interprets__isnull=False).values_list(
            "interprets_id", flat=True
        )
    )
    linked |= set(Record.objects.filter(replaced_by=record).values_list("pk", flat=True))
    return groups | {f"record:{pk}" for pk in linked}
