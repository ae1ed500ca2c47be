"""The parts of every public page that depend only on the language and the current page's route: the
main navigation and the footer links. They are rendered once per process for each language and route
(they hold a dozen reversed URLs and translations: about a millisecond a page) and reused."""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()


def _render(name: str, current: str) -> SafeString:
    return mark_safe(render_to_string(name, {"current": current}))  # noqa: S308 - our own template


@lru_cache(maxsize=512)
def _kept(name: str, current: str, language: str | None, prefix: str) -> SafeString:
    # language and prefix are part of the key: what the template's translations and URLs depend on.
    return _render(name, current)


def _part(name: str, current: str) -> SafeString:
    if settings.DEBUG:  # templates may be edited while the development server runs
        return _render(name, current)
    return _kept(name, current, get_language(), get_script_prefix())


@register.simple_tag(takes_context=True)
def portal_nav(context: template.Context) -> SafeString:
    """The portal's main navigation, the current page marked."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return _part("chrome/_portal_nav.html", match.view_name if match else "")


@register.simple_tag
def footer_links() -> SafeString:
    """The links at the foot of every public page."""
    return _part("chrome/_footer_links.html", "")
