"""The demo's government bulletin: one published issue of the city government's 公报 compiled by the
``office`` user from the demo's published records, through the services (safe to run again: an
issue that exists is kept as it is)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone

from sunshine.agencies.models import Agency
from sunshine.bulletins import selectors, services
from sunshine.bulletins.models import Issue

PER_SECTION = 3


def load_bulletins() -> Issue:
    city = Agency.objects.filter(code="YG").first()
    office = get_user_model().objects.filter(username="office").first()
    if city is None or office is None:
        raise LookupError(
            "Run demo_data and demo_records first: the agency YG and the user office are missing."
        )
    existing = Issue.objects.filter(agency=city).order_by("-year", "-number").first()
    if existing is not None and existing.is_published:
        return existing
    today = timezone.localdate()
    issue = existing or services.create_issue(
        agency=city, by=office, year=today.year, number=selectors.next_number(today.year), published_on=today
    )
    if not issue.entries.exists():
        picked: dict[str, int] = {}
        for revision in selectors.addable_records(issue).order_by("-published_at", "-pk")[:60]:
            section = selectors.suggested_section(issue, revision)
            if picked.get(section, 0) >= PER_SECTION:
                continue
            services.add_entry(issue=issue, by=office, record=revision.record, section=section)
            picked[section] = picked.get(section, 0) + 1
    if not issue.entries.exists():
        raise LookupError("Run demo_records first: the city has no published records to print.")
    return services.publish_issue(issue=issue, by=office)
