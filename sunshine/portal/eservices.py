"""The public pages of services online: the catalogue ``/services/`` (by agency, kind and life event),
the guide of one item ``/services/<code>/`` with its flow chart, the chart alone as
``/services/<code>/flow.svg`` and the blank forms and samples of its materials."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

from sunshine.cases import drafts
from sunshine.core.pagination import page_number
from sunshine.core.workflow import WorkflowError
from sunshine.eservices import catalogue as services_catalogue
from sunshine.eservices import flowchart, selectors
from sunshine.eservices.codes import Kind, LifeEvent
from sunshine.portal.search import agency_choices
from sunshine.records import attachments as files

FILTERS = ("q", "agency", "kind", "event", "page")


def catalogue(request: HttpRequest) -> HttpResponse:
    values = {name: request.GET.get(name, "").strip() for name in FILTERS}
    errors: dict[str, str] = {}
    found = None
    try:
        found = services_catalogue.find(values, page=page_number(values["page"]))
    except WorkflowError as exc:
        errors = exc.fields
    context = {
        "values": values,
        "errors": errors,
        "found": found,
        "agencies": agency_choices(),
        "kinds": Kind.choices,
        "events": LifeEvent.choices,
    }
    return render(request, "portal/eservices/catalogue.html", context, status=400 if errors else 200)


def guide(request: HttpRequest, code: str) -> HttpResponse:
    version = selectors.get_public_version(code)
    context = {
        "version": version,
        "item": version.item,
        "flow_chart": flowchart.for_version(version),
        "can_apply": drafts.accepts_online(version),
    }
    return render(request, "portal/eservices/guide.html", context)


def flow_svg(request: HttpRequest, code: str) -> HttpResponse:
    version = selectors.get_public_version(code)
    return HttpResponse(
        flowchart.for_version(version, standalone=True), content_type="image/svg+xml; charset=utf-8"
    )


def material_file(request: HttpRequest, code: str, key: str, purpose: str) -> HttpResponseBase:
    """A blank form or sample of a material of the published guide; anything else is 404."""
    version = selectors.get_public_version(code)
    stored = next(
        (f for m in version.materials.all() if m.key == key for f in m.files.all() if f.purpose == purpose),
        None,
    )
    if stored is None:
        raise Http404(key)
    return files.stored_download(stored.file, stored.name, stored.kind)
