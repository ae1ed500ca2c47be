"""Service cases in the API: the applicant's (POST /cases, GET /cases/{code}, POST …/materials/{key})
and staff's (GET and POST /staff/cases, GET /staff/cases/{id}, POST /staff/cases/{id}/actions)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, BinaryIO, Literal, cast

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Header, Router, Status, UploadedFile
from pydantic import BaseModel

from sunshine.api.actions import action_union
from sunshine.api.auth import staff_auth
from sunshine.api.contract import file_download
from sunshine.api.errors import ApiProblem, TooManyTries
from sunshine.cases import access, documents, selectors, services, throttle
from sunshine.cases.actions import STAFF_ACTIONS
from sunshine.cases.codes import STAFF_CHANNELS
from sunshine.cases.models import Case
from sunshine.cases.presenters import applicant_case_data, case_data, staff_case_data
from sunshine.cases.results_api import router as results_router
from sunshine.cases.roles import HANDLING_ROLES
from sunshine.cases.schemas import (
    ApplicantCaseOut,
    CaseIn,
    CreatedCaseOut,
    StaffCaseIn,
    StaffCaseListOut,
    StaffCaseOut,
)
from sunshine.core import idempotency, submissions
from sunshine.eservices.models import Version
from sunshine.eservices.selectors import public_versions
from sunshine.inforequests.documents.fonts import FontNotFound

router = Router()
staff_router = Router(auth=staff_auth)


if TYPE_CHECKING:
    ActionIn = BaseModel
else:
    ActionIn = action_union(STAFF_ACTIONS.values(), prefix="Case")


def _invalid(fields: dict[str, str]) -> ApiProblem:
    return ApiProblem(422, "validation_error", _("Some of the input is not valid."), fields)


def _version(code: str) -> Version:
    version = public_versions().filter(item__code=code).first()
    if version is None:
        raise _invalid({"service": _("No published service has this code.")})
    return version


def _submit(payload: CaseIn, *, by: Any = None, **extra: Any) -> Case:
    applicant = services.Applicant(**payload.applicant.dict())
    case, _key = services.submit_case(
        version=_version(payload.service),
        applicant=applicant,
        materials=payload.material_keys(),
        by=by,
        **extra,
    )
    return case


def _created(case: Case) -> dict[str, Any]:
    return {**case_data(case), "access_key": access.access_key_for(case)}


def _load(pk: str) -> Case:
    return Case.objects.select_related("agency", "item", "version").get(pk=int(pk))


def _for_applicant(request: HttpRequest, tracking_code: str, key: str | None) -> Case:
    """The case the code and ``X-Access-Key`` open; a wrong key is a failed try (``throttle``)."""
    refused = throttle.refusal(request, tracking_code)
    if refused is not None:
        raise TooManyTries(throttle.refused_message(), refused.retry_after)
    if not (key or "").strip():
        raise Http404(tracking_code)
    try:
        return selectors.get_case_for_applicant(tracking_code, key)
    except Http404:
        throttle.record_failure(request, tracking_code)
        raise


for_applicant = _for_applicant  # the same check for the other apps' paths under a case (evaluations)


@router.post("", response={201: CreatedCaseOut}, auth=None, summary="Apply for a service")
def create_case(
    request: HttpRequest,
    payload: CaseIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),
) -> Status[dict[str, Any]]:
    """An application for a published service (``service``: its code), with the applicant (as for
    requests) and the keys of the materials supplied; files follow one by one on
    ``/cases/{tracking_code}/materials/{key}``. Answers with the ``tracking_code`` and the secret
    ``access_key`` (keep both). The same ``Idempotency-Key`` returns the first result. Past the
    applications allowed per address or per e-mail or phone, 429 ``too_many_submissions`` with
    ``Retry-After`` (docs/security.md#anonymous-submissions)."""
    contacts = [payload.applicant.email, payload.applicant.phone]

    def create() -> Case:
        submissions.check(request, contacts)
        return _submit(payload)

    created, new = idempotency.once(
        scope="cases.create",
        key=idempotency_key,
        payload=payload.dict(),
        create=create,
        object_id=lambda case: str(case.pk),
        load=_load,
    )
    if new:
        submissions.count(request, contacts)
    return Status(201, _created(created))


@router.get("/{tracking_code}", response=ApplicantCaseOut, auth=None, summary="Follow your case")
def get_case(
    request: HttpRequest, tracking_code: str, x_access_key: str | None = Header(None, alias="X-Access-Key")
) -> dict[str, Any]:
    """The case for the holder of its access key (``X-Access-Key``), with the missing items and why;
    404 otherwise. After 10 wrong keys from one address in ten minutes, 429 ``too_many_tries``."""
    return applicant_case_data(_for_applicant(request, tracking_code, x_access_key))


@router.post(
    "/{tracking_code}/materials/{key}",
    response={201: ApplicantCaseOut},
    auth=None,
    summary="Send the file of a material",
)
def send_material(
    request: HttpRequest,
    tracking_code: str,
    key: str,
    file: File[UploadedFile],
    x_access_key: str | None = Header(None, alias="X-Access-Key"),
) -> Status[dict[str, Any]]:
    """One file (multipart, field ``file``) for the material ``key`` of the guide: its type is read
    from its bytes, its size limited; it is never public. 409 once the case is accepted."""
    case = _for_applicant(request, tracking_code, x_access_key)
    services.send_material(case=case, upload=services.Upload(key, file.name or "", cast(BinaryIO, file)))
    return Status(201, applicant_case_data(case))


def _document(case: Case, kind: str) -> HttpResponse:
    try:
        return documents.document_response(documents.document_file(case, kind))
    except documents.DocumentNotIssued as exc:
        raise Http404(kind) from exc
    except FontNotFound as exc:
        raise ApiProblem(503, "font_missing", _("The server has no Chinese font to make the PDF.")) from exc


@router.get(
    "/{tracking_code}/documents/{kind}",
    auth=None,
    summary="Download the decision or the certificate",
    response={200: None},
    openapi_extra=file_download("application/pdf"),
)
def get_document(
    request: HttpRequest,
    tracking_code: str,
    kind: str,
    x_access_key: str | None = Header(None, alias="X-Access-Key"),
) -> HttpResponse:
    """The document issued when the case was decided, as stored then (PDF): ``kind`` is
    ``decision`` or ``certificate`` (an approved licence only), for the holder of the access key
    (``X-Access-Key``). 404 without the right key or for a document not issued."""
    return _document(_for_applicant(request, tracking_code, x_access_key), kind)


@staff_router.post(
    "", response={201: CreatedCaseOut}, summary="Register an application received at the counter or by post"
)
def register_case(
    request: HttpRequest,
    payload: StaffCaseIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),
) -> Status[dict[str, Any]]:
    if payload.channel not in STAFF_CHANNELS:
        raise _invalid({"channel": _("Choose one of: %(values)s.") % {"values": ", ".join(STAFF_CHANNELS)}})
    version = _version(payload.service)
    if not selectors.may_act(request.user, version.item.agency, HANDLING_ROLES):
        raise ApiProblem(
            403,
            "permission_denied",
            _("Only the agency's information officers and its disclosure office register its cases."),
        )
    created, _new = idempotency.once(
        scope=f"cases.register:{request.user.pk}",
        key=idempotency_key,
        payload=payload.dict(),
        create=lambda: _submit(
            payload, by=request.user, channel=payload.channel, received_on=payload.received_on
        ),
        object_id=lambda case: str(case.pk),
        load=_load,
    )
    return Status(201, _created(created))


def _staff(user: Any, case: Case) -> dict[str, Any]:
    return staff_case_data(case, permitted_actions=selectors.actions_for(user, case))


@staff_router.get("", response=StaffCaseListOut, summary="Open cases, for staff")
def list_staff_cases(request: HttpRequest, warning: Literal["yellow", "red"] | None = None) -> dict[str, Any]:
    """The open cases of the person's agencies (decided ones until delivered), the nearest due date
    first: ``count`` and the first 50 ``items``. ``warning`` keeps only the yellow or red ones."""
    found = selectors.open_cases_for_staff(request.user, warning_level=warning)
    return {"count": found.count, "items": [case_data(case) for case in found.page]}


@staff_router.get("/{case_id}", response=StaffCaseOut, summary="One case, for staff")
def get_staff_case(request: HttpRequest, case_id: int) -> dict[str, Any]:
    return _staff(request.user, selectors.get_case_for_staff(request.user, case_id))


@staff_router.get(
    "/{case_id}/documents/{kind}",
    summary="A decided case's decision or certificate",
    response={200: None},
    openapi_extra=file_download("application/pdf"),
)
def get_staff_document(request: HttpRequest, case_id: int, kind: str) -> HttpResponse:
    """The document issued when the case was decided (PDF), as stored then; 404 if none."""
    return _document(selectors.get_case_for_staff(request.user, case_id), kind)


@staff_router.post("/{case_id}/actions", response=StaffCaseOut, summary="Take an action on a case")
def take_action(request: HttpRequest, case_id: int, payload: ActionIn) -> dict[str, Any]:
    """``action`` is one of the actions below; ``date`` defaults to today, never in the future. A step
    the status does not allow answers 409; one the person's roles do not allow 403
    ``permission_denied``; bad input 422 with a message per field."""
    case = selectors.get_case_for_staff(request.user, case_id)
    fields = payload.model_dump(exclude_none=True)
    action, date = fields.pop("action"), fields.pop("date", None)
    updated = services.perform_action(case=case, action=action, by=request.user, date=date, **fields)
    return _staff(request.user, updated)


# One router for the API shell to add (sunshine/api/urls.py): the applicant's and staff's paths.
routers = Router()
routers.add_router("/cases", results_router, tags=["service cases"])  # before /cases/{tracking_code}
routers.add_router("/cases", router, tags=["service cases"])
routers.add_router("/staff/cases", staff_router, tags=["staff cases"])
