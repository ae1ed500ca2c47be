"""``/sitemap.xml``: a sitemap index over three sections (agencies, categories, records), each paged.

The records section lists every published record (``published_records()``) in pages of
``RecordSitemap.limit`` addresses, read as plain values in primary-key order, so that a million
records make a hundred small pages rather than one huge document. Anonymous readers get a
server-side copy for a few minutes (``caching``).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max, Q, QuerySet
from django.urls import reverse

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import public_agencies
from sunshine.portal.caching import public_listing
from sunshine.records.models import Category
from sunshine.records.selectors import published_records

if TYPE_CHECKING:  # the stubs make Sitemap generic; at run time it is not
    AgencyBase = Sitemap[Agency]
    CategoryBase = Sitemap[Category]
    RecordBase = Sitemap[dict[str, Any]]
    AnySitemap = Sitemap[Any]
else:
    AgencyBase = CategoryBase = RecordBase = AnySitemap = Sitemap


class AgencySitemap(AgencyBase):
    changefreq = "weekly"

    def items(self) -> QuerySet[Agency]:
        return public_agencies().order_by("path", "pk")

    def location(self, item: Agency) -> str:
        return reverse("portal:agency_detail", args=[item.code])


class CategorySitemap(CategoryBase):
    """The categories that hold published records (a parent holds those of its sub-categories)."""

    changefreq = "daily"

    def items(self) -> QuerySet[Category]:
        # Distinct: PostgreSQL then expects a few thousand ids and hashes them once; over a million
        # rows it planned to rescan the whole subquery for every category.
        used = published_records().order_by().values("category").distinct()
        return (
            Category.objects.filter(agency__is_active=True)
            .filter(Q(pk__in=used) | Q(children__in=used))
            .distinct()
            .select_related("agency")
            .order_by("agency__path", "sort_order", "pk")
        )

    def location(self, item: Category) -> str:
        return reverse("portal:category_records", args=[item.agency.code, item.key])


class RecordSitemap(RecordBase):
    changefreq = "monthly"
    limit = 10_000

    def items(self) -> QuerySet[Any]:
        return published_records().order_by("pk").values("record__index_number", "published_at")

    def location(self, item: dict[str, Any]) -> str:
        return reverse("portal:record_detail", args=[item["record__index_number"]])

    def lastmod(self, item: dict[str, Any]) -> datetime.datetime:
        return item["published_at"]

    def get_latest_lastmod(self) -> datetime.datetime | None:
        # One aggregate rather than Django's default walk over every item.
        return published_records().aggregate(last=Max("published_at"))["last"]


SITEMAPS: dict[str, AnySitemap] = {
    "agencies": AgencySitemap(),
    "categories": CategorySitemap(),
    "records": RecordSitemap(),
}

index = public_listing(sitemap_views.index)
section = public_listing(sitemap_views.sitemap)
