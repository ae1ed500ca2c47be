"""Records in the staff API (/api/v1/staff/records): drafting, attachments, review, sign-off,
publication, withdrawal and the catalogue. Errors answer the project's one envelope."""

from __future__ import annotations

import datetime
from typing import Any, BinaryIO, Literal, cast

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import agencies_for_staff, get_agency_for_staff
from sunshine.api.auth import staff_auth
from sunshine.api.errors import ApiProblem
from sunshine.core.pagination import PageNumber, page_slice
from sunshine.records import presenters, selectors, services, worklist
from sunshine.records.actions import DRAFTER_ROLES
from sunshine.records.api_schemas import CategoryOut, RecordPageOut, StaffRecordOut
from sunshine.records.codes import ChecklistItem, Genre, Validity
from sunshine.records.codes import Status as RecordStatus
from sunshine.records.models import Attachment, Category, Record, Revision, Topic

router = Router(auth=staff_auth)


class DraftPatch(Schema):
    title: str | None = Field(None, max_length=300)
    summary: str | None = Field(None, max_length=500)
    category: str | None = Field(None, description="key of a category of the agency's catalogue")
    topic: str | None = Field(None, description="code of a topic (主题分类), empty for none")
    genre: Genre | None = None
    issuers: list[str] | None = Field(None, description="codes of the issuing agencies, lead first")
    document_number: str | None = Field(None, max_length=100)
    formation_date: datetime.date | None = None
    keywords: list[str] | None = None
    body: str | None = Field(None, description="HTML (sanitised) or plain text, one paragraph per line")
    needs_interpretation: bool | None = None
    interprets: str | None = Field(None, description="index number of the policy document interpreted")
    change_note: str | None = Field(None, max_length=300)


class DraftIn(DraftPatch):
    agency: str = Field(min_length=1, max_length=40)
    title: str = Field(min_length=1, max_length=300)  # required here
    category: str = Field(min_length=1)  # required here


class SubmitIn(Schema):
    acknowledge_findings: bool = Field(
        False, description="send to review although the privacy scan found something: the reviewer decides"
    )
    comments: str = Field("", max_length=2000)


class ReviewIn(Schema):
    decision: Literal["approve", "return"]
    checklist: list[ChecklistItem] = Field(default_factory=list)
    comments: str = Field("", max_length=2000)


class SignIn(Schema):
    comments: str = Field("", max_length=2000)


class PublishIn(Schema):
    at: datetime.datetime | None = Field(None, description="a future time to schedule; empty: publish now")


class RecordWithdrawIn(Schema):
    reason: str = Field(min_length=1, max_length=2000)


class OverrideIn(Schema):
    finding: str = Field(min_length=1, max_length=64, description="the id of a finding")
    decision: Literal["keep", "mask"] = Field(
        "keep", description="`keep`: published as it is (a reason is required); `mask`: masked for the public"
    )
    reason: str = Field("", max_length=2000, description="why it may be published (required to keep it)")


class ValidityIn(Schema):
    validity: Validity
    on: datetime.date | None = None
    replaced_by: str | None = Field(None, description="index number of the replacing record")


class StaffRecordQuery(Schema):
    agency: str | None = None
    include_below: bool = True
    status: RecordStatus | None = None
    category: str | None = None
    timeliness: Literal["due_soon", "overdue", "late"] | None = None
    q: str | None = Field(None, max_length=100)
    page: PageNumber = 1
    page_size: int = Field(50, ge=1, le=500)


def _problem(exc: services.RecordError) -> ApiProblem:
    return ApiProblem(exc.status, exc.code, exc.message, exc.fields)


def _invalid(fields: dict[str, str]) -> ApiProblem:
    return ApiProblem(422, "validation_error", _("Some of the input is not valid."), fields)


def _resolve(agency: Agency, values: dict[str, Any]) -> dict[str, Any]:
    """Codes and keys of the payload as the objects the services take."""
    fields = dict(values)
    errors: dict[str, str] = {}
    if "category" in fields:
        category = Category.objects.filter(agency=agency, key=fields["category"], is_active=True).first()
        if category is None:
            errors["category"] = _("This agency's catalogue has no category with this key.")
        fields["category"] = category
    if "topic" in fields:
        code = fields["topic"]
        fields["topic"] = Topic.objects.filter(code=code).first() if code else None
        if code and fields["topic"] is None:
            errors["topic"] = _("No topic has this code.")
    if "issuers" in fields:
        codes = fields["issuers"] or []
        found = {a.code: a for a in Agency.objects.filter(code__in=codes, is_active=True)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            errors["issuers"] = _("No active agency has the code %(codes)s.") % {"codes": ", ".join(unknown)}
        fields["issuers"] = [found[code] for code in codes if code in found]
    if "keywords" in fields:
        fields["keywords"] = "；".join(fields["keywords"] or [])
    if "interprets" in fields:
        number = fields["interprets"]
        fields["interprets"] = Record.objects.filter(index_number=number).first() if number else None
        if number and fields["interprets"] is None:
            errors["interprets"] = _("No published record has this index number.")
    if errors:
        raise _invalid(errors)
    return fields


def _latest(request: HttpRequest, record_id: int) -> Revision:
    return selectors.latest_revision(selectors.get_record_for_staff(request.user, record_id))


def _answer(revision: Revision) -> dict[str, Any]:
    revision.refresh_from_db()
    revision.record.refresh_from_db()
    return presenters.record_data(revision, with_history=True)


@router.get("", response=RecordPageOut, summary="Records of one's agencies, newest change first")
def list_records(request: HttpRequest, filters: Query[StaffRecordQuery]) -> dict[str, Any]:
    agency = None
    if filters.agency:
        agency = agencies_for_staff(request.user).filter(code=filters.agency).first()
        if agency is None:
            raise _invalid({"agency": _("No agency has this code.")})
    revisions = worklist.filtered(
        request.user,
        agency=agency,
        include_below=filters.include_below,
        status=filters.status,
        category=filters.category,
        timeliness=filters.timeliness,
        q=filters.q,
    )
    bounds = worklist.limits()
    shown = revisions[page_slice(filters.page, filters.page_size)]
    return {
        "count": revisions.count(),
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [presenters.summary_row(r, bounds) for r in shown],
    }


@router.post("", response={201: StaffRecordOut}, summary="Start a record as a draft")
def create_record(request: HttpRequest, payload: DraftIn) -> Status[dict[str, Any]]:
    """A new record of ``agency`` with its first revision, as a draft. ``issuers`` defaults to the
    agency; ``body`` may be HTML (sanitised) or plain text."""
    agency = selectors.agencies_with_roles(request.user, DRAFTER_ROLES).filter(code=payload.agency).first()
    if agency is None:
        raise _invalid({"agency": _("You cannot start records for this agency.")})
    values = payload.dict(exclude_unset=True)
    values.pop("agency")
    try:
        revision = services.create_draft(agency=agency, by=request.user, **_resolve(agency, values))
    except services.RecordError as exc:
        raise _problem(exc) from exc
    return Status(201, _answer(revision))


@router.get("/categories", response=list[CategoryOut], summary="The catalogue of an agency")
def list_categories(request: HttpRequest, agency: str) -> list[dict[str, Any]]:
    found = get_agency_for_staff(request.user, agency)
    return [
        {
            "key": c.key,
            "name": c.name,
            "name_en": c.name_en,
            "parent": c.parent.key if c.parent else None,
            "interval_days": c.interval_days,
            "is_active": c.is_active,
        }
        for c in Category.objects.filter(agency=found).select_related("parent").order_by("sort_order", "pk")
    ]


@router.get("/{record_id}", response=StaffRecordOut, summary="One record with its latest revision")
def get_record(request: HttpRequest, record_id: int) -> dict[str, Any]:
    return presenters.record_data(_latest(request, record_id), with_history=True)


@router.patch("/{record_id}", response=StaffRecordOut, summary="Change a draft")
def edit_record(request: HttpRequest, record_id: int, payload: DraftPatch) -> dict[str, Any]:
    revision = _latest(request, record_id)
    values = _resolve(revision.record.agency, payload.dict(exclude_unset=True))
    try:
        revision = services.update_draft(revision=revision, by=request.user, **values)
    except services.RecordError as exc:
        raise _problem(exc) from exc
    return _answer(revision)


def _act(request: HttpRequest, record_id: int, action: Any, **kwargs: Any) -> dict[str, Any]:
    revision = _latest(request, record_id)
    try:
        result = action(revision=revision, by=request.user, **kwargs)
    except services.RecordError as exc:
        raise _problem(exc) from exc
    return _answer(result if isinstance(result, Revision) else revision)


@router.post("/{record_id}/submit", response=StaffRecordOut, summary="Send to confidentiality review")
def submit_record(request: HttpRequest, record_id: int, payload: SubmitIn) -> dict[str, Any]:
    """Open privacy findings stop the submission (409 ``privacy_findings``, the findings in
    ``fields``) unless ``acknowledge_findings`` asks the reviewer to decide on them."""
    return _act(request, record_id, services.submit, **payload.dict())


@router.post(
    "/{record_id}/review", response=StaffRecordOut, summary="Confidentiality review: approve or return"
)
def review_record(request: HttpRequest, record_id: int, payload: ReviewIn) -> dict[str, Any]:
    """``approve`` needs every item of the checklist and a clear privacy scan; ``return`` needs
    comments (signers return with it too)."""
    return _act(request, record_id, services.review, **payload.dict())


@router.post(
    "/{record_id}/overrides",
    response=StaffRecordOut,
    summary="Decide on a privacy finding: let it stay (with the reason) or mask it",
)
def override_finding(request: HttpRequest, record_id: int, payload: OverrideIn) -> dict[str, Any]:
    """``mask`` is refused (422 ``not_maskable``) for a PDF, a classification mark or a value that also
    stands in the title, summary, keywords or a file name: the author removes it there."""
    return _act(
        request,
        record_id,
        services.override_finding,
        digest=payload.finding,
        reason=payload.reason,
        decision=payload.decision,
    )


@router.post("/{record_id}/sign", response=StaffRecordOut, summary="Sign off (签发)")
def sign_record(request: HttpRequest, record_id: int, payload: SignIn) -> dict[str, Any]:
    return _act(request, record_id, services.sign, **payload.dict())


@router.post("/{record_id}/publish", response=StaffRecordOut, summary="Publish now, or schedule for a time")
def publish_record(request: HttpRequest, record_id: int, payload: PublishIn) -> dict[str, Any]:
    """The first publication gives the record its index number (索引号)."""
    return _act(request, record_id, services.publish, at=payload.at)


@router.post("/{record_id}/unschedule", response=StaffRecordOut, summary="Cancel a scheduled publication")
def unschedule_record(request: HttpRequest, record_id: int) -> dict[str, Any]:
    return _act(request, record_id, services.unschedule)


@router.post("/{record_id}/withdraw", response=StaffRecordOut, summary="Withdraw a published record")
def withdraw_record(request: HttpRequest, record_id: int, payload: RecordWithdrawIn) -> dict[str, Any]:
    return _act(request, record_id, services.withdraw, reason=payload.reason)


@router.post(
    "/{record_id}/revisions",
    response={201: StaffRecordOut},
    summary="Start a new revision of a published record",
)
def revise_record(request: HttpRequest, record_id: int) -> Status[dict[str, Any]]:
    record = selectors.get_record_for_staff(request.user, record_id)
    try:
        revision = services.start_revision(record=record, by=request.user)
    except services.RecordError as exc:
        raise _problem(exc) from exc
    return Status(201, _answer(revision))


@router.post("/{record_id}/validity", response=StaffRecordOut, summary="Change the validity (有效性)")
def change_validity(request: HttpRequest, record_id: int, payload: ValidityIn) -> dict[str, Any]:
    record = selectors.get_record_for_staff(request.user, record_id)
    replaced_by = None
    if payload.replaced_by:
        replaced_by = Record.objects.filter(index_number=payload.replaced_by).first()
        if replaced_by is None:
            raise _invalid({"replaced_by": _("No published record has this index number.")})
    try:
        services.change_validity(
            record=record, by=request.user, validity=payload.validity, on=payload.on, replaced_by=replaced_by
        )
    except services.RecordError as exc:
        raise _problem(exc) from exc
    record.refresh_from_db()  # the service changed its own copy: answer the validity as stored
    return presenters.record_data(selectors.latest_revision(record), with_history=True)


@router.post("/{record_id}/attachments", response={201: StaffRecordOut}, summary="Attach a file")
def upload_attachment(
    request: HttpRequest, record_id: int, file: File[UploadedFile]
) -> Status[dict[str, Any]]:
    """PDF, DOCX, XLSX, PNG, JPEG or GIF, recognised from the content; at most
    SUNSHINE_ATTACHMENT_MAX_BYTES. Its text is read for the privacy scan."""
    revision = _latest(request, record_id)
    try:
        attachment = services.add_attachment(
            revision=revision, by=request.user, file=cast(BinaryIO, file), name=file.name or ""
        )
    except services.RecordError as exc:
        raise _problem(exc) from exc
    return Status(201, _answer(attachment.revision))


@router.delete(
    "/{record_id}/attachments/{attachment_id}", response=StaffRecordOut, summary="Remove an attachment"
)
def delete_attachment(request: HttpRequest, record_id: int, attachment_id: int) -> dict[str, Any]:
    revision = _latest(request, record_id)
    attachment = Attachment.objects.filter(pk=attachment_id, revision=revision).first()
    if attachment is None:
        raise ApiProblem(404, "not_found", _("Nothing was found at this address."))
    try:
        services.remove_attachment(attachment=attachment, by=request.user)
    except services.RecordError as exc:
        raise _problem(exc) from exc
    return _answer(revision)
