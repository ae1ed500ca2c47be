"""All of Sunshine's URLs plus ``/bench/minimal``, the cheapest Django response, as a yardstick.

The minimal view goes through the same middleware as every page, so the ratio of a page's
requests per second to the minimal view's is what the page itself costs.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("bench/minimal", minimal, name="bench-minimal"),
    path("", include("sunshine.urls")),
]
