"""Requests in the API: the applicant's (POST /requests, GET /requests/{code}) and staff's."""

from __future__ import annotations

import datetime
import json
from typing import TYPE_CHECKING, Any, Literal

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Header, Query, Router, Schema, Status, UploadedFile
from pydantic import BaseModel, Field, ValidationError

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import agencies_for_staff, public_agencies
from sunshine.api.actions import action_union
from sunshine.api.auth import staff_auth
from sunshine.api.contract import file_download
from sunshine.api.errors import GENERIC_ERRORS, ApiProblem, TooManyTries, validation_fields
from sunshine.core import idempotency, submissions
from sunshine.core.pagination import PageNumber
from sunshine.inforequests import access, selectors, services, throttle
from sunshine.inforequests.actions import ACTIONS
from sunshine.inforequests.applicant_file import applicant_file, file_response
from sunshine.inforequests.codes import (
    ApplicantKind,
    Channel,
    DeliveryForm,
    DeliveryMethod,
    IdType,
    ReviewKind,
    ReviewResult,
)
from sunshine.inforequests.correction import answer_correction
from sunshine.inforequests.documents.fonts import FontNotFound
from sunshine.inforequests.documents.responses import document_response
from sunshine.inforequests.documents.services import DocumentUnavailable, generate_for_applicant
from sunshine.inforequests.fee_answer import answer_fee
from sunshine.inforequests.models import InfoRequest
from sunshine.inforequests.notifications import notify_submitted
from sunshine.inforequests.presenters import applicant_request_data, request_data
from sunshine.inforequests.queue import queue_page
from sunshine.inforequests.queue_filters import QueueFilter, QueueFilterErrors
from sunshine.inforequests.rating import rate_reply
from sunshine.inforequests.reviews import add_review
from sunshine.inforequests.schemas import (
    ApplicantRequestOut,
    CreatedRequestOut,
    QueuePageOut,
    ReviewCreatedOut,
    StaffRequestOut,
)

router = Router()
staff_router = Router(auth=staff_auth)


class ApplicantIn(Schema):
    kind: ApplicantKind
    name: str = Field(min_length=1, max_length=200)
    id_type: IdType
    id_number: str = Field(min_length=1, max_length=50)
    phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)
    address: str = Field("", max_length=300)


class DeliveryIn(Schema):
    form: DeliveryForm
    method: DeliveryMethod


class RequestIn(Schema):
    agency: str = Field(min_length=1, max_length=40)
    applicant: ApplicantIn
    title: str = Field("", max_length=300)
    description: str = Field(min_length=1, max_length=5000)
    document_number: str = Field("", max_length=100)
    delivery: DeliveryIn


class StaffRequestIn(RequestIn):
    channel: Channel
    received_on: datetime.date


# The body of POST …/actions: one schema per declared action, told apart by ``action``.
if TYPE_CHECKING:
    ActionIn = BaseModel
else:
    ActionIn = action_union(ACTIONS.values())


class RequestReviewIn(Schema):
    kind: ReviewKind
    filed_on: datetime.date
    result: ReviewResult = ReviewResult.PENDING
    decided_on: datetime.date | None = None


class QueueQuery(Schema):
    """The queue's filters are read by ``QueueFilter.from_params``, as on the page and in its export;
    they are declared here as text so that the OpenAPI document lists them."""

    agency: str | None = Field(None, description="An agency's code.")
    status: str | None = Field(None, description="One status, or `all` for concluded requests too.")
    open: str | None = Field(None, description="`false`: concluded requests too (default `true`).")
    state: str | None = Field(None, description="The clock: `on_time`, `due_soon`, `overdue` or `paused`.")
    received_from: str | None = Field(None, description="Received on or after this day, YYYY-MM-DD.")
    received_to: str | None = Field(None, description="Received on or before this day, YYYY-MM-DD.")
    assigned: str | None = Field(None, description="`me` or `nobody`.")
    q: str | None = Field(None, description="Words of the tracking code, name or description.")
    page: PageNumber = 1
    page_size: int = Field(50, ge=1, le=500)


def _problem(exc: services.RequestError) -> ApiProblem:
    return ApiProblem(exc.status, exc.code, exc.message, exc.fields)


def _submit(payload: RequestIn, *, agency: Agency, by: Any = None, **extra: Any) -> tuple[InfoRequest, str]:
    applicant = services.Applicant(**payload.applicant.dict())
    wanted = services.Wanted(
        description=payload.description,
        document_number=payload.document_number,
        title=payload.title,
        delivery_form=payload.delivery.form,
        delivery_method=payload.delivery.method,
    )
    try:
        return services.submit_request(agency=agency, applicant=applicant, wanted=wanted, by=by, **extra)
    except services.RequestError as exc:
        raise _problem(exc) from exc


def _unknown_agency() -> ApiProblem:
    return ApiProblem(
        422,
        "validation_error",
        _("Some of the input is not valid."),
        {"agency": _("No agency has this code.")},
    )


def _may_not_register() -> ApiProblem:
    return ApiProblem(
        403,
        "permission_denied",
        _("Only the agency's information officers and its disclosure office register its requests."),
    )


def _for_applicant(request: HttpRequest, tracking_code: str, key: str | None) -> InfoRequest:
    """The request the code and the ``X-Access-Key`` open. A wrong key is a failed try, counted with
    the portal's (``throttle``): after as many, every look-up from the address answers 429 a while.
    No key at all is not a try, as an empty field of the portal's form is not."""
    refused = throttle.refusal(request, tracking_code)
    if refused is not None:
        raise TooManyTries(throttle.refused_message(), refused.retry_after)
    if not (key or "").strip():
        raise Http404(tracking_code)
    try:
        return selectors.get_request_for_applicant(tracking_code, key)
    except Http404:
        throttle.record_failure(request, tracking_code)
        raise


def _staff_data(user: Any, found: InfoRequest) -> dict[str, Any]:
    data = request_data(found, with_applicant=True, with_history=True, for_staff=True)
    data["permitted_actions"] = selectors.actions_for(user, found)
    return data


def _created(request: InfoRequest) -> dict[str, Any]:
    return {**request_data(request, with_applicant=True), "access_key": access.access_key_for(request)}


@router.post("", response={201: CreatedRequestOut}, auth=None, summary="Apply for government information")
def create_request(
    request: HttpRequest,
    payload: RequestIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),
) -> Status[dict[str, Any]]:
    """An application under 条例 Art. 29. Answers the request with its ``tracking_code`` and the
    secret ``access_key`` (keep both: together they open the request). Repeating the call with
    the same ``Idempotency-Key`` header returns the first result instead of a second request.
    Past the applications allowed per address or per e-mail or phone, 429 ``too_many_submissions``
    with ``Retry-After``; the receipt e-mail goes to an address at most once an hour unless it is
    confirmed (docs/security.md#anonymous-submissions)."""
    agency = public_agencies().filter(code=payload.agency).first()
    if agency is None:
        raise _unknown_agency()
    contacts = [payload.applicant.email, payload.applicant.phone]

    def create() -> InfoRequest:
        submissions.check(request, contacts)  # 429 too_many_submissions, Retry-After
        return _submit(payload, agency=agency)[0]

    created, new = idempotency.once(
        scope="inforequests.create",
        key=idempotency_key,
        payload=payload.dict(),
        create=create,
        object_id=lambda r: str(r.pk),
        load=lambda pk: InfoRequest.objects.select_related("agency").get(pk=int(pk)),
    )
    answer = _created(created)
    if new:  # a repeated call with the same Idempotency-Key does not send a second acknowledgement
        submissions.count(request, contacts)
        private_url = request.build_absolute_uri(access.private_path(created))
        notify_submitted(request=created, access_key=answer["access_key"], status_url=private_url)
    return Status(201, answer)


@router.get("/{tracking_code}", response=ApplicantRequestOut, auth=None, summary="Follow your request")
def get_request(
    request: HttpRequest, tracking_code: str, x_access_key: str | None = Header(None, alias="X-Access-Key")
) -> dict[str, Any]:
    """The request with the given tracking code, for the holder of its access key
    (``X-Access-Key`` header). Anybody else gets 404; after 10 wrong keys from one address in ten
    minutes (on the portal or here), every look-up from it answers 429 ``too_many_tries`` for a while."""
    found = _for_applicant(request, tracking_code, x_access_key)
    return applicant_request_data(found)


@router.get(
    "/{tracking_code}/documents/{kind}.pdf",
    auth=None,
    url_name="applicant_document",
    summary="Download a notice of your request",
    response={200: None},
    openapi_extra=file_download("application/pdf"),
)
def get_document(
    request: HttpRequest,
    tracking_code: str,
    kind: str,
    x_access_key: str | None = Header(None, alias="X-Access-Key"),
) -> HttpResponse:
    """A notice addressed to the applicant (the ``documents`` of the request) as PDF, for the
    holder of the access key (``X-Access-Key``). 404 without the right key, for a kind that is
    not addressed to the applicant or not made yet; 503 when the server has no Chinese font."""
    found = _for_applicant(request, tracking_code, x_access_key)
    try:
        document = generate_for_applicant(request=found, kind=kind, fmt="pdf")
    except DocumentUnavailable as exc:
        raise Http404(kind) from exc
    except FontNotFound as exc:
        raise ApiProblem(503, "font_missing", str(exc)) from exc
    return document_response(found, document)


@router.get(
    "/{tracking_code}/files/{file_id}",
    auth=None,
    url_name="applicant_file",
    summary="Download a file of your request",
    response={200: None},
    openapi_extra=file_download("*/*"),
)
def get_file(
    request: HttpRequest,
    tracking_code: str,
    file_id: int,
    x_access_key: str | None = Header(None, alias="X-Access-Key"),
) -> FileResponse:
    """One of the request's ``files`` (the applicant's own correction files, the files of the
    reply), for the holder of the access key. 404 otherwise."""
    found = _for_applicant(request, tracking_code, x_access_key)
    return file_response(applicant_file(found, file_id))


@router.post(
    "/{tracking_code}/correction", response=ApplicantRequestOut, auth=None, summary="Send a correction"
)
def send_correction(
    request: HttpRequest,
    tracking_code: str,
    text: Form[str] = "",
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]  # optional: text alone may do
    x_access_key: str | None = Header(None, alias="X-Access-Key"),
) -> dict[str, Any]:
    """The correction the agency asked for (条例 Art. 30), as ``multipart/form-data``: ``text``
    and/or ``files`` (up to 10). The reply period starts again on the day it arrives. 409 when the
    request is not awaiting a correction; 404 without the right ``X-Access-Key``."""
    found = _for_applicant(request, tracking_code, x_access_key)
    updated = answer_correction(request=found, text=text, files=files or [])
    return applicant_request_data(updated)


class RatingIn(Schema):
    score: int = Field(description="1 (not useful at all) to 5 (fully).")
    comment: str = Field("", max_length=1000)


@router.post("/{tracking_code}/rating", response=ApplicantRequestOut, auth=None, summary="Rate the reply")
def rate(
    request: HttpRequest,
    tracking_code: str,
    payload: RatingIn,
    x_access_key: str | None = Header(None, alias="X-Access-Key"),
) -> dict[str, Any]:
    """The applicant's rating of the reply, shown to the agency's office; a new rating replaces the
    last. 409 ``not_replied`` before the reply; 404 without the right ``X-Access-Key``."""
    found = _for_applicant(request, tracking_code, x_access_key)
    updated = rate_reply(request=found, score=payload.score, comment=payload.comment)
    return applicant_request_data(updated)


class FeeAnswerIn(Schema):
    """The applicant's answer to a fee notice."""

    decision: Literal["paid", "declined"] = Field(
        description="`paid`: you paid (the office checks it); `declined`: you will not pay."
    )
    reference: str = Field(
        "",
        max_length=200,
        description="For `paid`, required: the number of the bank transfer or of the 非税收入 receipt.",
    )
    paid_on: datetime.date | None = Field(None, description="For `paid`: the day you paid, YYYY-MM-DD.")


FEE_ANSWER_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": FeeAnswerIn.model_json_schema()},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["decision"],
                "properties": {
                    **FeeAnswerIn.model_json_schema()["properties"],
                    "files": {
                        "type": "array",
                        "items": {"type": "string", "format": "binary"},
                        "description": "A copy of the receipt (up to 5 files).",
                    },
                },
            }
        },
    },
}


def _fee_answer(request: HttpRequest) -> tuple[FeeAnswerIn, list[Any]]:
    """The body as JSON or as ``multipart/form-data`` (with files), checked alike."""
    files: list[Any] = []
    if request.content_type == "multipart/form-data":
        raw: Any = {k: v for k, v in request.POST.items() if k in FeeAnswerIn.model_fields}
        files = request.FILES.getlist("files")
    else:
        try:
            raw = json.loads(request.body or b"{}")
        except ValueError as exc:
            raise ApiProblem(400, "bad_request", GENERIC_ERRORS[400][1]()) from exc
    if isinstance(raw, dict) and raw.get("paid_on") == "":
        raw["paid_on"] = None
    try:
        return FeeAnswerIn.model_validate(raw), files
    except ValidationError as exc:
        raise ApiProblem(
            422, "validation_error", _("Some of the input is not valid."), validation_fields(exc.errors())
        ) from exc


@router.post(
    "/{tracking_code}/fee",
    response=ApplicantRequestOut,
    auth=None,
    summary="Answer a fee notice: paid or declined",
    openapi_extra={"requestBody": FEE_ANSWER_BODY},
)
def answer_fee_notice(
    request: HttpRequest, tracking_code: str, x_access_key: str | None = Header(None, alias="X-Access-Key")
) -> dict[str, Any]:
    """The applicant's answer to the information-processing fee notice (条例 Art. 42,
    国办函〔2020〕109号), as JSON or as ``multipart/form-data`` with ``files`` (a copy of the receipt).

    ``paid``: you paid by bank transfer or at the non-tax revenue (非税收入) counter; give the
    payment's ``reference`` and, if you can, ``paid_on``. The office checks the payment and records
    it: until then the reply period stays stopped (``fee.state`` stays `pending`, with
    ``fee.payment_declared``). ``declined``: you will not pay; the request is closed and no longer
    processed. 409 when no fee is awaited; 404 without the right ``X-Access-Key``."""
    found = _for_applicant(request, tracking_code, x_access_key)
    answer, files = _fee_answer(request)
    updated = answer_fee(
        request=found,
        decision=answer.decision,
        reference=answer.reference,
        paid_on=answer.paid_on,
        files=files,
    )
    return applicant_request_data(updated)


@staff_router.post(
    "", response={201: CreatedRequestOut}, summary="Register a request received in person, by post or fax"
)
def register_request(
    request: HttpRequest,
    payload: StaffRequestIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),
) -> Status[dict[str, Any]]:
    agency = agencies_for_staff(request.user).filter(code=payload.agency).first()
    if agency is None:
        raise _unknown_agency()
    if not selectors.agencies_to_register_for(request.user).filter(pk=agency.pk).exists():
        raise _may_not_register()
    created, _new = idempotency.once(
        scope=f"inforequests.register:{request.user.pk}",
        key=idempotency_key,
        payload=payload.dict(),
        create=lambda: _submit(
            payload, agency=agency, by=request.user, channel=payload.channel, received_on=payload.received_on
        )[0],
        object_id=lambda r: str(r.pk),
        load=lambda pk: InfoRequest.objects.select_related("agency").get(pk=int(pk)),
    )
    return Status(201, _created(created))


@staff_router.get("", response=QueuePageOut, summary="The queue of requests with their clocks")
def list_requests(request: HttpRequest, filters: Query[QueueQuery]) -> dict[str, Any]:
    parsed = QueueFilter.from_params(request.GET)
    if isinstance(parsed, QueueFilterErrors):
        raise ApiProblem(422, "validation_error", _("Some of the input is not valid."), parsed.messages())
    return queue_page(request.user, parsed, page=filters.page, page_size=filters.page_size)


@staff_router.get("/{request_id}", response=StaffRequestOut, summary="One request, for staff")
def get_staff_request(request: HttpRequest, request_id: int) -> dict[str, Any]:
    found = selectors.get_request_for_staff(request.user, request_id)
    return _staff_data(request.user, found)


@staff_router.post("/{request_id}/actions", response=StaffRequestOut, summary="Take an action on a request")
def take_action(request: HttpRequest, request_id: int, payload: ActionIn) -> dict[str, Any]:
    """``action`` is one of the actions below; ``date`` defaults to today and is never in the
    future. An action the current status does not allow answers 409 and changes nothing.

    The information-processing fee (条例 Art. 42, 国办函〔2020〕109号): ``notify_fee`` with
    ``method`` ``per_application`` (the fee follows from the applicant's applications that calendar
    month) or ``per_page`` with ``pages``; the reply period stops until ``record_fee_payment``;
    ``fee_unpaid`` closes the request once the payment period (``fee.payable_by``) has passed.

    Who may act: the agency's information officers and its disclosure office (of the agency or
    above it) take every action; a signer only ``extend``; everyone else answers 403
    ``permission_denied``. ``extend`` records its approver, a signer of the agency or its disclosure
    office: the person acting if they are one, else the one named in ``approver`` (user name or id)."""
    found = selectors.get_request_for_staff(request.user, request_id)
    fields = payload.model_dump(exclude_none=True)
    action, date = fields.pop("action"), fields.pop("date", None)
    updated = services.perform_action(request=found, action=action, by=request.user, date=date, **fields)
    return _staff_data(request.user, updated)


@staff_router.post(
    "/{request_id}/reviews", response={201: ReviewCreatedOut}, summary="Record a reconsideration or lawsuit"
)
def create_review(request: HttpRequest, request_id: int, payload: RequestReviewIn) -> Status[dict[str, Any]]:
    found = selectors.get_request_for_staff(request.user, request_id)
    try:
        review = add_review(request=found, by=request.user, **payload.dict())
    except services.RequestError as exc:
        raise _problem(exc) from exc
    return Status(
        201,
        {
            "id": review.pk,
            "request": found.pk,
            "kind": review.kind,
            "filed_on": review.filed_on,
            "result": review.result,
            "decided_on": review.decided_on,
        },
    )
