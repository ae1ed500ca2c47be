"""All of Sunshine's URLs plus two yardsticks for the benchmarks.

- ``/bench/minimal``: the cheapest Django response. It goes through the same middleware as every
  page, so the ratio of a page's requests per second to the minimal view's is what the page itself
  costs.
- ``/bench/category/<code>/<key>/?page=N``: the 20 rows of page N of a catalogue category (the same
  rows, in the same order, as the public listing ``/agencies/<code>/categories/<key>/`` shows for a
  category without sub-categories), read with one plain ORM query and rendered in a minimal
  template: no count, no catalogue, no layout. ``bench/portal_bench.py`` compares the real page with it.
"""

from django.http import HttpRequest, HttpResponse
from django.template import Context, Engine
from django.urls import include, path
from django.utils import timezone

from sunshine.records.codes import Status
from sunshine.records.models import Revision

BASELINE_PAGE_SIZE = 20
BASELINE_TEMPLATE = Engine(autoescape=True).from_string(
    "<!doctype html><title>{{ key }}</title><ol>{% for row in rows %}"
    '<li><a href="/records/{{ row.record.index_number }}/">{{ row.title }}</a> '
    "{{ row.published_at|date:'Y-m-d' }} {{ row.record.index_number }}</li>"
    "{% endfor %}</ol>"
)


def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


def category_baseline(request: HttpRequest, code: str, key: str) -> HttpResponse:
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    start = (page - 1) * BASELINE_PAGE_SIZE
    rows = list(
        Revision.objects.filter(
            status=Status.PUBLISHED,
            published_at__lte=timezone.now(),
            record__agency__code=code,
            category__agency__code=code,
            category__key=key,
        )
        .select_related("record")
        .order_by("-published_at", "-pk")[start : start + BASELINE_PAGE_SIZE]
    )
    return HttpResponse(BASELINE_TEMPLATE.render(Context({"rows": rows, "key": key})))


urlpatterns = [
    path("bench/minimal", minimal, name="bench-minimal"),
    path("bench/category/<str:code>/<str:key>/", category_baseline, name="bench-category"),
    path("", include("sunshine.urls")),
]
