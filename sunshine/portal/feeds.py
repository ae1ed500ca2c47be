"""RSS and Atom feeds of published records: per agency and per catalogue category, the 50 newest.

Built on Django's syndication framework and on ``published_records()``: nothing unpublished, withdrawn
or scheduled appears. Anonymous readers get a server-side copy for a few minutes (``caching``).

Titles are plain text (RSS and Atom titles are not HTML); an item's description is plain text
escaped as HTML (see ``item_description``), so what a record says is never markup in a reader.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import get_public_agency
from sunshine.portal.caching import public_listing
from sunshine.portal.records import (
    NEWEST_FIRST,
    category_records,
    category_url,
    get_public_category,
    has_tree_scope,
    record_url,
)
from sunshine.records.models import Category, Revision
from sunshine.records.selectors import published_records

FEED_SIZE = 50
DESCRIPTION_CHARS = 300


@dataclass(frozen=True)
class Channel:
    """What one feed lists: an agency's records, or those of one of its categories (maybe tree-wide)."""

    agency: Agency
    category: Category | None = None
    tree: bool = False


if TYPE_CHECKING:  # the stubs make Feed generic; at run time it is not
    FeedBase = Feed[Revision, Channel]
else:
    FeedBase = Feed


class RecordFeed(FeedBase):
    """The items, the same in every feed: the current published revision of each record."""

    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def items(self, obj: Channel) -> QuerySet[Revision]:
        if obj.category is None:
            rows = published_records().filter(record__agency=obj.agency).order_by(*NEWEST_FIRST)
        else:
            rows = category_records(obj.agency, obj.category, tree=obj.tree)
        return rows[:FEED_SIZE]

    def title(self, obj: Channel) -> str:
        if obj.category is None:
            return _("%(agency)s: government information") % {"agency": obj.agency.display_name}
        return _("%(agency)s: %(category)s") % {
            "agency": obj.agency.display_name,
            "category": obj.category.display_name,
        }

    def description(self, obj: Channel) -> str:
        if obj.tree:
            return _("The newest records published by this agency and the agencies below it.")
        return _("The newest records this agency has published.")

    def subtitle(self, obj: Channel) -> str:
        return self.description(obj)

    def link(self, obj: Channel) -> str:
        if obj.category is None:
            return reverse("portal:agency_detail", args=[obj.agency.code])
        url = category_url(obj.agency, obj.category.key)
        return f"{url}?scope=tree" if obj.tree else url

    def author_name(self, obj: Channel) -> str:
        return obj.agency.display_name

    def item_title(self, item: Revision) -> str:
        return item.title

    def item_description(self, item: Revision) -> str:
        """The summary, or the start of the text: plain text, escaped as HTML, because feed readers
        read an RSS ``description`` and an Atom ``summary type="html"`` as HTML. Markup typed into a
        record (``<img onerror=…>``, or ``&lt;script&gt;`` that the text's HTML holds as characters)
        reaches the reader as the characters typed, never as elements."""
        text = item.summary or Truncator(item.public_body_text).chars(DESCRIPTION_CHARS)
        return escape(text)

    def item_link(self, item: Revision) -> str:
        return record_url(item)

    def item_guid(self, item: Revision) -> str:
        return f"{item.record.index_number}#{item.number}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Revision) -> datetime.datetime | None:
        return item.record.first_published_at or item.published_at

    def item_updateddate(self, item: Revision) -> datetime.datetime | None:
        return item.published_at

    def item_author_name(self, item: Revision) -> str:
        return item.record.agency.display_name

    def item_categories(self, item: Revision) -> list[str]:
        return [item.category.display_name]


class AgencyFeed(RecordFeed):
    def get_object(self, request: HttpRequest, code: str) -> Channel:
        return Channel(get_public_agency(code))


class CategoryFeed(RecordFeed):
    def get_object(self, request: HttpRequest, code: str, key: str) -> Channel:
        agency = get_public_agency(code)
        category = get_public_category(agency, key)
        tree = request.GET.get("scope") == "tree" and has_tree_scope(agency, category)
        return Channel(agency, category, tree)


class AgencyAtomFeed(AgencyFeed):
    feed_type = Atom1Feed


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed


agency_rss = public_listing(AgencyFeed())
agency_atom = public_listing(AgencyAtomFeed())
category_rss = public_listing(CategoryFeed())
category_atom = public_listing(CategoryAtomFeed())
