"""政民互动: the public's ways to speak to government on one page — letters, common questions,
opinion solicitations, surveys and open days — with what is open now. The portal's navigation has one item for
all four, so that it stays short on a phone."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sunshine.opendays.selectors import public_events
from sunshine.solicitations.selectors import public_solicitations
from sunshine.surveys.selectors import public_surveys

# The pages that belong to this section (the navigation marks it current on them).
SECTIONS = ("letters:", "faq:", "solicitations:", "surveys:", "open_days:")


def interaction(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    open_now = {"opens_at__lte": now, "closes_at__gt": now}
    context = {
        "open_solicitations": public_solicitations().filter(**open_now).count(),
        "open_surveys": public_surveys().filter(**open_now).count(),
        "upcoming_open_days": public_events().filter(status="published", starts_at__gt=now).count(),
    }
    return render(request, "portal/interaction.html", context)
