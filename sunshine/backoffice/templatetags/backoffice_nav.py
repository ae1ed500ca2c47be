"""``{% staff_links as links %}``: the back office links the signed-in person may follow."""

from __future__ import annotations

from typing import Any

from django import template

from sunshine.backoffice.navigation import StaffLinks
from sunshine.backoffice.navigation import staff_links as links_for

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_links(context: dict[str, Any]) -> StaffLinks:
    request = context.get("request")
    if request is None:
        return StaffLinks.none()
    cached = getattr(request, "_staff_links", None)
    if cached is None:
        cached = links_for(request.user)
        request._staff_links = cached
    return cached
