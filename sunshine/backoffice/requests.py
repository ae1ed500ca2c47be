"""Back office pages of requests (依申请公开): the queue with its clocks, its export, and the
registration of requests received in person, by post or by fax."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import agencies_for_staff
from sunshine.api.errors import ApiProblem
from sunshine.backoffice import request_exports
from sunshine.backoffice.request_display import queue_rows
from sunshine.backoffice.request_forms import QueueFilterForm, RegisterForm
from sunshine.core import idempotency
from sunshine.inforequests import access, services
from sunshine.inforequests.models import InfoRequest
from sunshine.inforequests.queue import queue_queryset
from sunshine.inforequests.queue_filters import QueueFilter, QueueFilterErrors
from sunshine.inforequests.selectors import agencies_to_register_for, get_request_for_staff
from sunshine.workdays.calendar import current_calendar

PAGE_SIZE = 50
REGISTERED_SESSION_KEY = "backoffice.registered_request"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def staff_agencies(request: HttpRequest) -> QuerySet[Agency]:
    """The agencies whose requests the signed-in person may see; 403 for people without any."""
    agencies = agencies_for_staff(request.user)
    if not agencies.exists():
        raise PermissionDenied
    return agencies


def filtered_requests(user: Any, filters: QueueFilter) -> QuerySet[InfoRequest]:
    """The queue of ``user`` narrowed by ``filters``, sorted by due date."""
    return queue_queryset(user, filters).select_related("agency", "assigned_to")


def _filter_form(request: HttpRequest) -> QueueFilterForm:
    form = QueueFilterForm(request.GET, agencies=staff_agencies(request))
    form.is_valid()  # the parameters in error are left out of form.filter and shown with their error
    return form


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    requests = filtered_requests(request.user, form.filter)
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(queue_rows(page.object_list, timezone.localdate(), current_calendar()))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "backoffice/requests/queue.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "export_query": query.urlencode(),
            "may_register": agencies_to_register_for(request.user).exists(),
        },
    )


def _export(request: HttpRequest, file_format: str) -> QuerySet[InfoRequest] | None:
    """The requests to export, read with the queue's filters; None when a filter is in error
    (the queue then shows it). An agency out of the person's reach is not found."""
    agencies = staff_agencies(request)
    parsed = QueueFilter.from_params(request.GET, agencies=agencies)
    if isinstance(parsed, QueueFilterErrors):
        if parsed.has("agency", "out_of_reach"):
            raise Http404("agency")
        return None
    requests = filtered_requests(request.user, parsed)
    request_exports.record_export(
        by=request.user,
        file_format=file_format,
        filters=parsed.to_params(),
        rows=requests.count(),
        agency=agencies.filter(code=parsed.agency).first() if parsed.agency else None,
    )
    return requests


def _filename(extension: str) -> str:
    return f"requests-{timezone.localdate().isoformat()}.{extension}"


@login_required
def export_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    found = _export(request, "csv")
    if found is None:
        return redirect(f"{reverse('backoffice:request_queue')}?{request.GET.urlencode()}")
    labels = request_exports.Labels.now()
    rows = request_exports.export_rows(found, timezone.localdate(), current_calendar(), labels)
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in request_exports.csv_lines(labels.header, rows)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse | FileResponse:
    found = _export(request, "xlsx")
    if found is None:
        return redirect(f"{reverse('backoffice:request_queue')}?{request.GET.urlencode()}")
    labels = request_exports.Labels.now()
    rows = request_exports.export_rows(found, timezone.localdate(), current_calendar(), labels)
    workbook = request_exports.write_xlsx(labels.header, rows, title=_("Requests"))
    return FileResponse(workbook, as_attachment=True, filename=_filename("xlsx"), content_type=XLSX)


# --- Registration -------------------------------------------------------------------------------


def _register(form: RegisterForm, request: HttpRequest, agency: Agency) -> InfoRequest:
    data = form.cleaned_data
    applicant = services.Applicant(
        kind=data["applicant_kind"],
        name=data["applicant_name"],
        id_type=data["applicant_id_type"],
        id_number=data["applicant_id_number"],
        phone=data["applicant_phone"],
        email=data["applicant_email"],
        address=data["applicant_address"],
    )
    wanted = services.Wanted(
        description=data["description"],
        document_number=data["document_number"],
        title=data["title"],
        delivery_form=data["delivery_form"],
        delivery_method=data["delivery_method"],
    )
    created, _new = idempotency.once(
        scope=f"backoffice.register:{request.user.pk}",
        key=data["token"] or None,
        payload={k: v for k, v in data.items() if k != "token"},
        create=lambda: services.submit_request(
            agency=agency,
            applicant=applicant,
            wanted=wanted,
            channel=data["channel"],
            received_on=data["received_on"],
            by=request.user,
        )[0],
        object_id=lambda r: str(r.pk),
        load=lambda pk: InfoRequest.objects.select_related("agency").get(pk=int(pk)),
    )
    return created


def _form_field(service_field: str) -> str:
    """The form's name of a field the services name with a dot: applicant.name → applicant_name."""
    return service_field.replace(".", "_")


@login_required
def register(request: HttpRequest) -> HttpResponse:
    # Officers and the disclosure office register requests; people who only read get a 403.
    agencies = agencies_to_register_for(request.user)
    if not agencies.exists():
        raise PermissionDenied
    form = RegisterForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        agency = agencies.get(code=form.cleaned_data["agency"])
        try:
            created = _register(form, request, agency)
        except ApiProblem:  # the same form token sent again with other content (a kind of RequestError)
            form.add_error(
                None,
                _("This form was already used to register a request. Open a new form to register another."),
            )
        except services.RequestError as exc:
            for name, message in exc.fields.items():
                form.add_error(_form_field(name) if _form_field(name) in form.fields else None, message)
            if not exc.fields:
                form.add_error(None, exc.message)
        else:
            request.session[REGISTERED_SESSION_KEY] = created.pk
            return redirect("backoffice:request_registered")
    status = 422 if form.errors else 200
    return render(request, "backoffice/requests/register.html", {"form": form}, status=status)


@login_required
def registered(request: HttpRequest) -> HttpResponse:
    """The tracking code and the access key of the request just registered, shown this once."""
    pk = request.session.pop(REGISTERED_SESSION_KEY, None)
    if pk is None:
        messages.info(request, _("The access key is shown only once, right after registration."))
        return redirect("backoffice:request_queue")
    created = get_request_for_staff(request.user, pk)
    context = {"info_request": created, "access_key": access.access_key_for(created)}
    response = render(request, "backoffice/requests/registered.html", context)
    response["Cache-Control"] = "no-store"
    return response
