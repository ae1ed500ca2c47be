"""政民互动 in the back office: one page leading to the staff work with the public — letters, common
questions, opinion solicitations and surveys — each offered by the same check as its own pages
(``navigation.staff_links``), with what waits there."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sunshine.backoffice.navigation import staff_links
from sunshine.solicitations import selectors as solicitation_selectors
from sunshine.solicitations.codes import Status as SolicitationStatus
from sunshine.surveys import selectors as survey_selectors
from sunshine.surveys.codes import Status as SurveyStatus

# The pages of the group (the navigation marks the group current on them).
SECTIONS = ("letters_staff:", "faq_staff:", "solicitations_staff:", "surveys_staff:")


@login_required
def interaction(request: HttpRequest) -> HttpResponse:
    links = staff_links(request.user)
    if not links.interaction:
        raise PermissionDenied
    now = timezone.now()
    open_now = {"opens_at__lte": now, "closes_at__gt": now}
    context: dict[str, object] = {"links": links}
    if links.solicitations:
        context["pending_comments"] = solicitation_selectors.pending_comments_for_staff(request.user).count()
        context["open_solicitations"] = (
            solicitation_selectors.solicitations_for_staff(request.user)
            .filter(status=SolicitationStatus.PUBLISHED, **open_now)
            .count()
        )
    if links.surveys:
        context["open_surveys"] = (
            survey_selectors.surveys_for_staff(request.user)
            .filter(status=SurveyStatus.PUBLISHED, **open_now)
            .count()
        )
    return render(request, "backoffice/interaction.html", context)
