"""``{% search_result result %}``: one row of the public search page's results, written in Python.

A result page shows up to 20 rows; written as template tags each row took some thirty nodes (a
``with``, ``if``s, filters, a translation), about half of a search's time. The HTML is the same as the
template's was, byte for byte (``tests/portal/test_search_page_html.py`` compares the two).
"""

from __future__ import annotations

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from sunshine.records.codes import Validity
from sunshine.records.public_search import Result

register = template.Library()

_ROW = (
    '\n    <li class="search-result">\n'
    '      <h3 class="search-result__title"><a href="{url}">{title}</a></h3>\n'
    "      {snippet}\n"
    '      <p class="search-result__meta meta">\n'
    "        <span>{agency}</span>\n"
    "        {number}\n"
    '        <span>{published} <time datetime="{day}">{day}</time></span>\n'
    "        <span>{category}</span>\n"
    "        {validity}\n"
    "      </p>\n"
    "    </li>\n    "
)


@register.simple_tag
def search_result(result: Result) -> SafeString:
    revision = result.revision
    record = revision.record
    snippet = result.snippet_html
    number = revision.document_number
    validity = ""
    if record.validity != Validity.VALID:
        validity = f'<span class="tag tag--warn">{conditional_escape(record.get_validity_display())}</span>'
    row = _ROW.format(
        url=conditional_escape(result.url),
        title=conditional_escape(result.title_html),
        snippet=f'<p class="search-result__snippet">{conditional_escape(snippet)}</p>' if snippet else "",
        agency=conditional_escape(record.agency.display_name),
        number=f"<span>{conditional_escape(number)}</span>" if number else "",
        published=conditional_escape(gettext("Published")),
        day=conditional_escape(date_filter(result.published_on, "Y-m-d")),
        category=conditional_escape(revision.category.display_name),
        validity=validity,
    )
    return mark_safe(row)  # noqa: S308 - every value above is escaped
