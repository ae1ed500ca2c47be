"""Public pages of published records (主动公开): the record page and its print view, downloads of its
attachments, the listing of a catalogue category, and the record sections of the home and agency pages.

Everything here reads through ``records.selectors.published_records()`` and the helpers built on it:
a draft, a record in review, a scheduled, withdrawn or superseded revision, or a record of an inactive
agency is a 404 and appears in no listing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import get_language

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import get_public_agency, public_agencies
from sunshine.portal import counts as record_counts
from sunshine.portal.caching import always_fresh, public_listing, public_record
from sunshine.records import attachments as files
from sunshine.records.catalogue import STANDARD_CATEGORIES, STANDARD_KEYS
from sunshine.records.indexing import RecordUrls
from sunshine.records.models import Attachment, Category, Revision
from sunshine.records.selectors import (
    get_published_record,
    published_in_tree,
    published_in_tree_category,
    published_interpretations,
    published_records,
)

PAGE_SIZE = 20
_KEY_MARK = "category-key"
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")  # category keys: nothing in them to quote in a URL
LATEST = 10
NEWEST_FIRST = ("-published_at", "-pk")


def record_url(revision: Revision) -> str:
    return reverse("portal:record_detail", args=[revision.record.index_number])


def category_url(agency: Agency, key: str) -> str:
    return reverse("portal:category_records", args=[agency.code, key])


# --- The record page --------------------------------------------------------------------------


def ancestors_of(agency: Agency) -> list[Agency]:
    """The active agencies above ``agency``, from the top down (no query for a top agency)."""
    ids = [int(pk) for pk in agency.path.strip("/").split("/")[:-1] if pk]
    return list(public_agencies().filter(pk__in=ids).order_by("path")) if ids else []


def _published(record_id: int | None) -> Revision | None:
    """The published revision of another record (an interpreted or replacing one), or None."""
    if record_id is None:
        return None
    return published_records().filter(record_id=record_id).first()


def record_context(revision: Revision) -> dict[str, Any]:
    record = revision.record
    category = revision.category
    parent = category.parent if category.parent_id else None
    ancestors = ancestors_of(record.agency)
    return {
        "revision": revision,
        "record": record,
        "agency": record.agency,
        "ancestors": ancestors,
        "top": ancestors[0] if ancestors else record.agency,
        "category": category,
        "parent_category": parent,
        "issuers": revision.issuer_list(),
        "attachments": list(revision.attachments.all()),
        "interpretations": list(published_interpretations(record)),
        "interprets": _published(revision.interprets_id),
        "replaced_by": _published(record.replaced_by_id),
        "updated": revision.number > 1
        and record.first_published_at is not None
        and revision.published_at is not None
        and revision.published_at > record.first_published_at,
    }


# The record page and its print view are kept on the server per generation of public content for
# anonymous readers (``public_record``): a withdrawal moves the generation on, so a withdrawn record is
# never answered from the store; browsers and proxies must ask every time (a 304 when unchanged).


@public_record
def record_detail(request: HttpRequest, index_number: str) -> HttpResponse:
    revision = get_published_record(index_number)
    return render(request, "portal/records/detail.html", record_context(revision))


@public_record
def record_print(request: HttpRequest, index_number: str) -> HttpResponse:
    revision = get_published_record(index_number)
    return render(request, "portal/records/print.html", record_context(revision))


def _published_attachment(index_number: str, attachment_id: int) -> Attachment | None:
    revision = published_records().filter(record__index_number=index_number).first()
    if revision is None:
        return None
    return Attachment.objects.filter(pk=attachment_id, revision=revision).first()


def public_attachment(index_number: str, attachment_id: int) -> Attachment:
    """The attachment of the record's current published revision, its row read once per generation
    of public content (a withdrawal or a new revision moves the generation on); 404 otherwise."""
    digest = hashlib.sha256(index_number.encode()).hexdigest()[:32]  # any text may be in an address
    attachment = record_counts.kept(
        f"attachment.{digest}.{attachment_id}", lambda: _published_attachment(index_number, attachment_id)
    )
    if attachment is None:
        raise Http404(attachment_id)
    return attachment


@always_fresh
def attachment_download(request: HttpRequest, index_number: str, attachment_id: int) -> HttpResponseBase:
    """A file of the current published revision (its masked copy where a reviewer masked findings in
    it: the original is for staff only); files of drafts, older or withdrawn revisions are 404."""
    attachment = public_attachment(index_number, attachment_id)
    etag = f'"{attachment.public_sha256}"'
    if etag in request.headers.get("If-None-Match", ""):
        not_modified = HttpResponse(status=304)
        not_modified["ETag"] = etag
        return not_modified
    stored = attachment.masked_file if attachment.is_masked else attachment.file
    response = files.stored_download(stored, attachment.name, attachment.kind)
    response["ETag"] = etag
    return response


# --- Catalogue and listings -------------------------------------------------------------------

# What a list of records shows (``_record_list.html``): a listing reads these columns and no texts.
LIST_COLUMNS = (
    "title",
    "number",
    "published_at",
    "document_number",
    "record__index_number",
    "record__first_published_at",
)
AGENCY_COLUMNS = ("record__agency__code", "record__agency__name", "record__agency__name_en")
CATEGORY_COLUMNS = ("category__key", "category__name", "category__name_en")


def for_list(rows: QuerySet[Revision], *, agency: bool = False, category: bool = False) -> QuerySet[Any]:
    """``rows`` as plain tuples of the columns a list of records shows: with each record's agency, its
    category, or neither (the page knows them already). ``listed`` reads them."""
    columns = [*LIST_COLUMNS, *(AGENCY_COLUMNS if agency else ()), *(CATEGORY_COLUMNS if category else ())]
    return rows.select_related(None).values_list(*columns)


@dataclass(frozen=True)
class ListedRecord:
    """A record as a list of records shows it (``_record_list.html``), its link and dates prepared."""

    title: str
    url: str
    published_iso: str  # the moment of publication, local time (the <time> element's datetime)
    published_day: str  # its day, "2026-03-10"
    updated: bool  # a later revision replaced the first published one
    document_number: str
    agency_name: str
    category_name: str


def _in_language(name: str, name_en: str, english: bool) -> str:
    """A name as ``display_name`` gives it: English where there is one and English is asked for."""
    return name_en if english and name_en else name


def listed(
    rows: Iterable[tuple[Any, ...]], *, agency: bool = False, category: bool = False
) -> list[ListedRecord]:
    """The rows of ``for_list`` (with the same ``agency`` and ``category``) ready to show."""
    url = RecordUrls()
    english = (get_language() or "").startswith("en")
    items = []
    for row in rows:
        title, number, published_at, document_number, index_number, first = row[:6]
        names = row[6:]
        agency_name = category_name = ""
        if agency:
            agency_name = _in_language(names[1], names[2], english)
            names = names[3:]
        if category:
            category_name = _in_language(names[1], names[2], english)
        published = localtime(published_at) if published_at else None
        items.append(
            ListedRecord(
                title=title,
                url=url(index_number or ""),
                published_iso=published.isoformat() if published else "",
                published_day=published.date().isoformat() if published else "",
                updated=number > 1
                and first is not None
                and published_at is not None
                and first < published_at,
                document_number=document_number,
                agency_name=agency_name,
                category_name=category_name,
            )
        )
    return items


class CountedPaginator(Paginator):
    """A paginator told the number of rows (counted once per generation of public content, see
    ``portal.counts``) instead of counting them on every page."""

    def __init__(self, object_list: QuerySet[Any], per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count


@dataclass
class CatalogueNode:
    """A category of an agency's catalogue with its published records (sub-categories included)."""

    category: Category
    own: int
    url: str
    children: list[CatalogueNode] = field(default_factory=list)
    count: int = 0  # its own records and those of its sub-categories, set by ``catalogue_tree``


def _category_urls(agency: Agency) -> Callable[[str], str]:
    """``category_url`` for every category of an agency: the route is reversed once."""
    head, mark, tail = category_url(agency, _KEY_MARK).partition(_KEY_MARK)

    def url(key: str) -> str:
        if mark and _SLUG.fullmatch(key):
            return f"{head}{key}{tail}"
        return category_url(agency, key)

    return url


def catalogue_categories(agency: Agency) -> list[Category]:
    """Every category of the agency's catalogue, in catalogue order, each with its parent."""
    categories = list(Category.objects.filter(agency=agency).order_by("sort_order", "pk"))
    by_pk = {category.pk: category for category in categories}
    for category in categories:
        if category.parent_id in by_pk:
            category.parent = by_pk[category.parent_id]
    return categories


def catalogue_tree(agency: Agency, categories: list[Category] | None = None) -> list[CatalogueNode]:
    """The agency's catalogue with the count of its own published records in each category.

    Categories taken out of use are left out unless they still hold published records.
    """
    counts = record_counts.by_category(agency)
    if categories is None:
        categories = catalogue_categories(agency)
    url = _category_urls(agency)
    nodes = {c.pk: CatalogueNode(c, counts.get(c.pk, 0), url(c.key)) for c in categories}
    roots: list[CatalogueNode] = []
    for category in categories:
        parent = nodes.get(category.parent_id) if category.parent_id else None
        (parent.children if parent else roots).append(nodes[category.pk])

    def keep(node: CatalogueNode) -> bool:
        node.children = [child for child in node.children if keep(child)]
        node.count = node.own + sum(child.count for child in node.children)
        return node.category.is_active or node.count > 0

    return [node for node in roots if keep(node)]


def catalogue_html(
    agency: Agency, categories: list[Category] | None = None, current: Category | None = None
) -> str:
    """The agency's catalogue with its counts (``_catalogue.html``, ``current`` marked), rendered once
    per generation of public content and language."""

    def render_catalogue() -> str:
        nodes = catalogue_tree(agency, categories)
        context = {"nodes": nodes, "current": current, "agency": agency}
        return render_to_string("portal/records/_catalogue.html", context) if nodes else ""

    current_pk = current.pk if current is not None else 0
    return record_counts.kept(f"catalogue.{agency.pk}.{current_pk}.{get_language()}", render_catalogue)


def has_tree_scope(agency: Agency, category: Category) -> bool:
    """Whether the category can be listed for the whole tree: standard keys mean the same everywhere
    (whether the agency has active agencies below it is kept per generation of public content)."""
    if category.key not in STANDARD_KEYS:
        return False
    return record_counts.kept(
        f"has-children.{agency.pk}", lambda: agency.children.filter(is_active=True).exists()
    )


_PLAIN_CODE = re.compile(r"[A-Za-z0-9_.-]{1,64}")


def kept_public_agency(code: str) -> Agency:
    """``get_public_agency``, read once per generation of public content (an agency's change moves the
    generation on); a code that is not a plain agency code is looked up every time."""
    if not _PLAIN_CODE.fullmatch(code):
        return get_public_agency(code)
    agency = record_counts.kept(f"agency.{code}", lambda: public_agencies().filter(code=code).first())
    if agency is None:
        raise Http404(code)
    return agency


def kept_catalogue_categories(agency: Agency) -> list[Category]:
    """``catalogue_categories``, read once per generation of public content (a catalogue change moves
    the generation on)."""
    return record_counts.kept(f"categories.{agency.pk}", lambda: catalogue_categories(agency))


def _listed_categories(category: Category, categories: list[Category] | None) -> list[int]:
    """The ids of the category and of its sub-categories (``categories``: the agency's catalogue)."""
    if categories is None:
        children = list(Category.objects.filter(parent=category).values_list("pk", flat=True))
    else:
        children = [c.pk for c in categories if c.parent_id == category.pk]
    return [category.pk, *children]


def category_records(
    agency: Agency, category: Category, *, tree: bool = False, categories: list[Category] | None = None
) -> QuerySet[Revision]:
    """The published records of a category (its sub-categories included), newest first.

    ``tree``: the records that the agencies below publish directly (直报) in the same standard category.
    ``categories``: the agency's catalogue when the caller has read it already.
    """
    if tree:
        rows = published_in_tree_category(agency, category.key)
    else:
        ids = _listed_categories(category, categories)
        # One category: its rows come newest first straight from the index (revision_category_published).
        by_category = Q(category_id=ids[0]) if len(ids) == 1 else Q(category_id__in=ids)
        rows = published_records().filter(by_category, record__agency=agency)
    return rows.order_by(*NEWEST_FIRST)


def category_count(
    agency: Agency, category: Category, *, tree: bool = False, categories: list[Category] | None = None
) -> int:
    """How many records ``category_records`` answers (kept per generation of public content)."""
    if tree:
        return record_counts.tree_in_category(agency, category.key)
    return record_counts.in_categories(agency, _listed_categories(category, categories))


def get_public_category(agency: Agency, key: str) -> Category:
    category = Category.objects.filter(agency=agency, key=key).select_related("parent").first()
    if category is None:
        raise Http404(key)
    return category


@public_listing
def category_listing(request: HttpRequest, code: str, key: str) -> HttpResponse:
    agency = kept_public_agency(code)
    categories = kept_catalogue_categories(agency)
    category = next((c for c in categories if c.key == key), None)
    if category is None:
        raise Http404(key)
    tree_possible = has_tree_scope(agency, category)
    tree = tree_possible and request.GET.get("scope") == "tree"
    rows = for_list(category_records(agency, category, tree=tree, categories=categories), agency=tree)
    count = category_count(agency, category, tree=tree, categories=categories)
    page = CountedPaginator(rows, PAGE_SIZE, count).get_page(request.GET.get("page"))
    page.object_list = listed(page.object_list, agency=tree)
    ancestors = ancestors_of(agency)
    return render(
        request,
        "portal/records/category.html",
        {
            "agency": agency,
            "ancestors": ancestors,
            "category": category,
            "page": page,
            "tree": tree,
            "tree_possible": tree_possible,
            "catalogue": catalogue_html(agency, categories, category),
            "top": ancestors[0] if ancestors else agency,
        },
    )


# --- Sections of the home and agency pages ----------------------------------------------------


@dataclass(frozen=True)
class CategoryCount:
    key: str
    name: str
    count: int


@dataclass(frozen=True)
class AgencyTotal:
    agency: Agency
    count: int  # the agency's own records and those of every agency below it


def latest_records(
    agency: Agency | None = None, *, tree: bool = False, limit: int = LATEST
) -> list[ListedRecord]:
    """The newest published records as a list shows them: the portal's (with their agency), an
    agency's own (with their category) or its tree's (with both)."""
    if agency is None:
        rows, with_agency, with_category = published_records(), True, False
    elif tree:
        rows, with_agency, with_category = published_in_tree(agency), True, True
    else:
        rows, with_agency, with_category = published_records().filter(record__agency=agency), False, True
    newest = for_list(rows, agency=with_agency, category=with_category).order_by(*NEWEST_FIRST)[:limit]
    return listed(newest, agency=with_agency, category=with_category)


def counts_by_standard_category(top: Agency) -> list[CategoryCount]:
    """The top-level standard categories with the published records of the whole tree (sub-categories
    added in), named as the top agency names them."""
    counts = record_counts.tree_by_key(top)
    names = {c.key: c.display_name for c in Category.objects.filter(agency=top, parent__isnull=True)}
    rows = []
    for standard in STANDARD_CATEGORIES:
        total = counts.get(standard.key, 0) + sum(counts.get(child.key, 0) for child in standard.children)
        rows.append(CategoryCount(standard.key, names.get(standard.key, standard.name), total))
    return rows


def totals_below(top: Agency, children: list[Agency] | None = None) -> list[AgencyTotal]:
    """The top agency's own records, then each active agency directly below it with its whole subtree.

    ``children``: those agencies in the order to show them, when the caller has read them already.
    """
    counts = record_counts.tree_by_branch(top)
    if children is None:
        children = list(public_agencies().filter(parent=top).order_by("sort_order", "code"))
    return [AgencyTotal(top, counts.get(top.pk, 0)), *(AgencyTotal(c, counts.get(c.pk, 0)) for c in children)]


def home_sections(top: Agency | None, below: list[Agency] | None = None) -> dict[str, Any]:
    """``below``: the active agencies directly below ``top``, in the order of the page."""
    if top is None:
        return {"latest": latest_records()}
    return {
        "latest": latest_records(),
        "by_category": counts_by_standard_category(top),
        "by_agency": totals_below(top, below),
    }


def agency_sections(agency: Agency) -> dict[str, Any]:
    return {"latest": latest_records(agency), "catalogue": catalogue_html(agency)}
