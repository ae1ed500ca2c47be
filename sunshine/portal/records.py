"""Public pages of published records (主动公开): the record page and its print view, downloads of its
attachments, the listing of a catalogue category, and the record sections of the home and agency pages.

Everything here reads through ``records.selectors.published_records()`` and the helpers built on it:
a draft, a record in review, a scheduled, withdrawn or superseded revision, or a record of an inactive
agency is a 404 and appears in no listing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import get_public_agency, public_agencies
from sunshine.portal.caching import always_fresh, public_listing
from sunshine.records import attachments as files
from sunshine.records.catalogue import STANDARD_CATEGORIES, STANDARD_KEYS
from sunshine.records.codes import AttachmentKind
from sunshine.records.models import Attachment, Category, Revision
from sunshine.records.selectors import (
    get_published_record,
    published_counts_by_agency,
    published_counts_by_category,
    published_in_tree,
    published_interpretations,
    published_records,
)

PAGE_SIZE = 20
LATEST = 10
NEWEST_FIRST = ("-published_at", "-pk")


def record_url(revision: Revision) -> str:
    return reverse("portal:record_detail", args=[revision.record.index_number])


def category_url(agency: Agency, key: str) -> str:
    return reverse("portal:category_records", args=[agency.code, key])


# --- The record page --------------------------------------------------------------------------


def _ancestors(agency: Agency) -> list[Agency]:
    ids = [int(pk) for pk in agency.path.strip("/").split("/")[:-1] if pk]
    return list(public_agencies().filter(pk__in=ids).order_by("path"))


def _published(record_id: int | None) -> Revision | None:
    """The published revision of another record (an interpreted or replacing one), or None."""
    if record_id is None:
        return None
    return published_records().filter(record_id=record_id).first()


def record_context(revision: Revision) -> dict[str, Any]:
    record = revision.record
    category = revision.category
    parent = category.parent if category.parent_id else None
    ancestors = _ancestors(record.agency)
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


@always_fresh
def record_detail(request: HttpRequest, index_number: str) -> HttpResponse:
    revision = get_published_record(index_number)
    return render(request, "portal/records/detail.html", record_context(revision))


@always_fresh
def record_print(request: HttpRequest, index_number: str) -> HttpResponse:
    revision = get_published_record(index_number)
    return render(request, "portal/records/print.html", record_context(revision))


@always_fresh
def attachment_download(request: HttpRequest, index_number: str, attachment_id: int) -> HttpResponseBase:
    """A file of the current published revision; files of drafts, older or withdrawn revisions are 404."""
    revision = get_published_record(index_number)
    attachment = Attachment.objects.filter(pk=attachment_id, revision=revision).first()
    if attachment is None:
        raise Http404(attachment_id)
    etag = f'"{attachment.sha256}"'
    if etag in request.headers.get("If-None-Match", ""):
        not_modified = HttpResponse(status=304)
        not_modified["ETag"] = etag
        return not_modified
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=files.download_name(attachment.name, attachment.kind),
        content_type=files.CONTENT_TYPES[AttachmentKind(attachment.kind)],
    )
    response["ETag"] = etag
    return response


# --- Catalogue and listings -------------------------------------------------------------------


@dataclass
class CatalogueNode:
    """A category of an agency's catalogue with its published records (sub-categories included)."""

    category: Category
    own: int
    children: list[CatalogueNode] = field(default_factory=list)

    @property
    def count(self) -> int:
        return self.own + sum(child.count for child in self.children)


def catalogue_tree(agency: Agency) -> list[CatalogueNode]:
    """The agency's catalogue with the count of its own published records in each category.

    Categories taken out of use are left out unless they still hold published records.
    """
    counts = dict(
        published_records()
        .filter(record__agency=agency)
        .order_by()
        .values("category")
        .annotate(n=Count("id"))
        .values_list("category", "n")
    )
    categories = list(Category.objects.filter(agency=agency).order_by("sort_order", "pk"))
    nodes = {c.pk: CatalogueNode(c, counts.get(c.pk, 0)) for c in categories}
    roots: list[CatalogueNode] = []
    for category in categories:
        parent = nodes.get(category.parent_id) if category.parent_id else None
        (parent.children if parent else roots).append(nodes[category.pk])

    def keep(node: CatalogueNode) -> bool:
        node.children = [child for child in node.children if keep(child)]
        return node.category.is_active or node.count > 0

    return [node for node in roots if keep(node)]


def has_tree_scope(agency: Agency, category: Category) -> bool:
    """Whether the category can be listed for the whole tree: standard keys mean the same everywhere."""
    return category.key in STANDARD_KEYS and agency.children.filter(is_active=True).exists()


def category_records(agency: Agency, category: Category, *, tree: bool = False) -> QuerySet[Revision]:
    """The published records of a category (its sub-categories included), newest first.

    ``tree``: the records that the agencies below publish directly (直报) in the same standard category.
    """
    if tree:
        rows = published_in_tree(agency).filter(
            Q(category__key=category.key) | Q(category__parent__key=category.key)
        )
    else:
        rows = (
            published_records()
            .filter(record__agency=agency)
            .filter(Q(category=category) | Q(category__parent=category))
        )
    return rows.order_by(*NEWEST_FIRST)


def get_public_category(agency: Agency, key: str) -> Category:
    category = Category.objects.filter(agency=agency, key=key).select_related("parent").first()
    if category is None:
        raise Http404(key)
    return category


@public_listing
def category_listing(request: HttpRequest, code: str, key: str) -> HttpResponse:
    agency = get_public_agency(code)
    category = get_public_category(agency, key)
    tree_possible = has_tree_scope(agency, category)
    tree = tree_possible and request.GET.get("scope") == "tree"
    page = Paginator(category_records(agency, category, tree=tree), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    ancestors = _ancestors(agency)
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
            "catalogue": catalogue_tree(agency),
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
) -> list[Revision]:
    if agency is None:
        rows = published_records()
    elif tree:
        rows = published_in_tree(agency)
    else:
        rows = published_records().filter(record__agency=agency)
    return list(rows.order_by(*NEWEST_FIRST)[:limit])


def counts_by_standard_category(top: Agency) -> list[CategoryCount]:
    """The top-level standard categories with the published records of the whole tree (sub-categories
    added in), named as the top agency names them."""
    counts = published_counts_by_category(top)
    names = {c.key: c.display_name for c in Category.objects.filter(agency=top, parent__isnull=True)}
    rows = []
    for standard in STANDARD_CATEGORIES:
        total = counts.get(standard.key, 0) + sum(counts.get(child.key, 0) for child in standard.children)
        rows.append(CategoryCount(standard.key, names.get(standard.key, standard.name), total))
    return rows


def totals_below(top: Agency) -> list[AgencyTotal]:
    """The top agency's own records, then each agency directly below it with its whole subtree."""
    rows = published_counts_by_agency(top)
    own = next((row.count for row in rows if row.agency.pk == top.pk), 0)
    children = sorted(
        (row.agency for row in rows if row.agency.parent_id == top.pk), key=lambda a: (a.sort_order, a.code)
    )
    below = [
        AgencyTotal(child, sum(row.count for row in rows if row.agency.path.startswith(child.path)))
        for child in children
    ]
    return [AgencyTotal(top, own), *below]


def home_sections(top: Agency | None) -> dict[str, Any]:
    if top is None:
        return {"latest": latest_records()}
    return {
        "latest": latest_records(),
        "by_category": counts_by_standard_category(top),
        "by_agency": totals_below(top),
    }


def agency_sections(agency: Agency) -> dict[str, Any]:
    return {"latest": latest_records(agency), "catalogue": catalogue_tree(agency)}
