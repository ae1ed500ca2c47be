"""Solicitations in the API: the public list, one solicitation with its published comments and
feedback, a citizen's comment (/api/v1/solicitations); drafting, the steps and moderation for staff
(/api/v1/staff/solicitations). Errors answer the project's one envelope."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated, Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import BaseModel, Field

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import get_agency_for_staff
from sunshine.api.actions import action_union
from sunshine.api.auth import staff_auth
from sunshine.api.errors import ApiProblem
from sunshine.records import indexing
from sunshine.solicitations import selectors, services, throttle
from sunshine.solicitations.actions import COMMENT_WORKFLOW, WORKFLOW
from sunshine.solicitations.models import Comment, Solicitation

router = Router()
public_router = Router()
staff_router = Router(auth=staff_auth)


# --- Schemas ---------------------------------------------------------------------------------------


class SolicitationCommentIn(Schema):
    name: str = Field("", max_length=50, description="the name to show (optional); masked when published")
    contact: str = Field(min_length=1, max_length=100, description="telephone or e-mail; never public")
    text: str = Field(min_length=1, max_length=5000)


class SolicitationIn(Schema):
    agency: str = Field(min_length=1, max_length=40)
    title: str = Field(min_length=1, max_length=300)
    text: str = Field(min_length=1, description="the draft put out for comment")
    explanation: str = Field("", description="起草说明")
    opens_at: datetime.datetime
    closes_at: datetime.datetime


class SolicitationPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=300)
    text: str | None = Field(None, min_length=1)
    explanation: str | None = None
    opens_at: datetime.datetime | None = None
    closes_at: datetime.datetime | None = None


_IDS: dict[str, Any] = {"ids": (list[int], Field(min_length=1, max_length=500, description="comment ids"))}

if TYPE_CHECKING:
    StepIn = BaseModel
    CommentStepIn = BaseModel
else:
    StepIn = action_union(WORKFLOW.actions.values(), suffix="Step", dated=False)
    CommentStepIn = action_union(COMMENT_WORKFLOW.actions.values(), suffix="Step", dated=False, extra=_IDS)


# --- Answers ---------------------------------------------------------------------------------------
# Each names the keys the shapes below build, as they always answered (docs/api.md).


class SolicitationAgencyOut(Schema):
    code: str
    name: str


class SolicitationSummaryOut(Schema):
    id: int
    title: str
    agency: SolicitationAgencyOut
    status: str
    phase: str
    phase_label: str
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    days_left: int | None = Field(description="calendar days to the closing day; null when not open")
    published_comments: int | None = Field(description="in the public list and detail; null elsewhere")
    url: str


class SolicitationCommentOut(Schema):
    id: int
    name: str
    text: str
    created_at: datetime.datetime


class SolicitationAdoptedCommentOut(SolicitationCommentOut):
    adoption: str
    adoption_reason: str


# Once the feedback is published each comment also says whether it was adopted (and why).
PublishedComment = Annotated[
    SolicitationAdoptedCommentOut | SolicitationCommentOut, Field(union_mode="left_to_right")
]


class SolicitationPolicyOut(Schema):
    index_number: str
    title: str
    url: str


class FeedbackGroupOut(Schema):
    reason: str
    comments: list[int] = Field(description="comment ids")


class FeedbackSectionOut(Schema):
    adoption: str
    label: str
    count: int
    groups: list[FeedbackGroupOut]


class SolicitationFeedbackOut(Schema):
    summary: str
    published_at: datetime.datetime
    policy: SolicitationPolicyOut | None
    sections: list[FeedbackSectionOut]


class SolicitationOut(SolicitationSummaryOut):
    text: str
    explanation: str
    closed_early_reason: str
    comments: list[PublishedComment]
    feedback: SolicitationFeedbackOut | None = Field(description="null until the feedback is published")


class SolicitationStaffCommentOut(Schema):
    id: int
    name: str
    contact: str
    text: str
    status: str
    published_name: str
    published_text: str
    rejection_reason: str
    adoption: str
    adoption_reason: str
    created_at: datetime.datetime
    actions: list[str]


class SolicitationStaffOut(SolicitationOut):
    actions: list[str]
    all_comments: list[SolicitationStaffCommentOut]


class SolicitationCommentReceiptOut(Schema):
    id: int
    status: str


# --- Shapes ----------------------------------------------------------------------------------------


def _summary(solicitation: Solicitation, now: datetime.datetime) -> dict[str, Any]:
    return {
        "id": solicitation.pk,
        "title": solicitation.title,
        "agency": {"code": solicitation.agency.code, "name": solicitation.agency.name},
        "status": solicitation.status,
        "phase": solicitation.phase(now),
        "phase_label": solicitation.get_phase_display(now),
        "opens_at": solicitation.opens_at,
        "closes_at": solicitation.closes_at,
        "days_left": solicitation.days_left(now),
        "published_comments": getattr(solicitation, "published_comments", None),
        "url": f"/solicitations/{solicitation.pk}/",
    }


def _public_comment(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "name": comment.published_name,
        "text": comment.published_text,
        "created_at": comment.created_at,
    }


def _feedback(solicitation: Solicitation) -> dict[str, Any] | None:
    if solicitation.feedback_published_at is None:
        return None
    policy = selectors.policy_record(solicitation)
    return {
        "summary": solicitation.feedback_summary,
        "published_at": solicitation.feedback_published_at,
        "policy": None
        if policy is None
        else {
            "index_number": solicitation.policy_index_number,
            "title": policy.title,
            "url": indexing.record_url(solicitation.policy_index_number),
        },
        "sections": [
            {
                "adoption": section.adoption,
                "label": section.label,
                "count": section.count,
                "groups": [
                    {"reason": group.reason, "comments": [c.pk for c in group.comments]}
                    for group in section.groups
                ],
            }
            for section in selectors.feedback(solicitation)
        ],
    }


def _detail(solicitation: Solicitation, now: datetime.datetime) -> dict[str, Any]:
    return {
        **_summary(solicitation, now),
        "text": solicitation.text,
        "explanation": solicitation.explanation,
        "closed_early_reason": solicitation.closed_early_reason,
        "comments": [
            {**_public_comment(c), "adoption": c.adoption, "adoption_reason": c.adoption_reason}
            if solicitation.feedback_published_at
            else _public_comment(c)
            for c in selectors.published_comments(solicitation)
        ],
        "feedback": _feedback(solicitation),
    }


def _staff_comment(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "name": comment.name,
        "contact": comment.contact,
        "text": comment.text,
        "status": comment.status,
        "published_name": comment.published_name,
        "published_text": comment.published_text,
        "rejection_reason": comment.rejection_reason,
        "adoption": comment.adoption,
        "adoption_reason": comment.adoption_reason,
        "created_at": comment.created_at,
        "actions": COMMENT_WORKFLOW.allowed(comment.status),
    }


def _staff_detail(request: HttpRequest, solicitation: Solicitation) -> dict[str, Any]:
    now = timezone.now()
    user = request.user
    return {
        **_detail(solicitation, now),
        "actions": selectors.steps_for(user, solicitation),
        "all_comments": [_staff_comment(c) for c in selectors.staff_comments(solicitation)],
    }


# --- Public ----------------------------------------------------------------------------------------


@public_router.get(
    "",
    response=list[SolicitationSummaryOut],
    summary="Solicitations open and closed, newest first, with days left",
)
def list_solicitations(request: HttpRequest) -> list[dict[str, Any]]:
    now = timezone.now()
    return [_summary(s, now) for s in selectors.public_solicitations()]


@public_router.get(
    "/{int:pk}", response=SolicitationOut, summary="One solicitation with its published comments and feedback"
)
def get_solicitation(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _detail(selectors.get_public_solicitation(pk), timezone.now())


@public_router.post(
    "/{int:pk}/comments", response={201: SolicitationCommentReceiptOut}, summary="Send a comment"
)
def post_comment(request: HttpRequest, pk: int, payload: SolicitationCommentIn) -> Status[dict[str, Any]]:
    """Taken only while the solicitation is open (409 ``solicitation_closed`` before and after);
    published after moderation, with personal data masked; the contact is never public."""
    solicitation = selectors.get_public_solicitation(pk)
    throttle.check(request)
    comment = services.submit_comment(
        solicitation=solicitation, name=payload.name, contact=payload.contact, text=payload.text
    )
    throttle.count(request)
    return Status(201, {"id": comment.pk, "status": comment.status})


# --- Staff -----------------------------------------------------------------------------------------


def _agency(request: HttpRequest, code: str) -> Agency:
    try:
        return get_agency_for_staff(request.user, code)
    except Http404 as exc:  # an agency out of reach is bad input here
        raise ApiProblem(
            422,
            "validation_error",
            _("Some of the input is not valid."),
            {"agency": _("No agency has this code.")},
        ) from exc


@staff_router.get(
    "", response=list[SolicitationSummaryOut], summary="The solicitations of the agencies your roles open"
)
def staff_list(request: HttpRequest) -> list[dict[str, Any]]:
    now = timezone.now()
    return [_summary(s, now) for s in selectors.solicitations_for_staff(request.user)]


@staff_router.post("", response={201: SolicitationStaffOut}, summary="Draft a solicitation")
def staff_create(request: HttpRequest, payload: SolicitationIn) -> Status[dict[str, Any]]:
    solicitation = services.create_solicitation(
        agency=_agency(request, payload.agency),
        by=request.user,
        title=payload.title,
        text=payload.text,
        explanation=payload.explanation,
        opens_at=payload.opens_at,
        closes_at=payload.closes_at,
    )
    return Status(201, _staff_detail(request, solicitation))


@staff_router.get("/{int:pk}", response=SolicitationStaffOut, summary="One solicitation with every comment")
def staff_get(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _staff_detail(request, selectors.get_solicitation_for_staff(request.user, pk))


@staff_router.patch("/{int:pk}", response=SolicitationStaffOut, summary="Change a draft")
def staff_update(request: HttpRequest, pk: int, payload: SolicitationPatch) -> dict[str, Any]:
    solicitation = selectors.get_solicitation_for_staff(request.user, pk)
    changes = payload.dict(exclude_unset=True)
    solicitation = services.update_solicitation(solicitation=solicitation, by=request.user, **changes)
    return _staff_detail(request, solicitation)


@staff_router.post(
    "/{int:pk}/actions",
    response=SolicitationStaffOut,
    summary="Take a step: publish, close early, publish the feedback",
)
def staff_step(request: HttpRequest, pk: int, payload: StepIn) -> dict[str, Any]:
    solicitation = selectors.get_solicitation_for_staff(request.user, pk)
    body = payload.model_dump()
    action = body.pop("action")
    solicitation = services.perform(solicitation, action, by=request.user, **body)
    return _staff_detail(request, solicitation)


@staff_router.post(
    "/{int:pk}/comments/actions",
    response=SolicitationStaffOut,
    summary="Moderate comments: approve (in bulk), reject, record the adoption of one or a group",
)
def staff_moderate(request: HttpRequest, pk: int, payload: CommentStepIn) -> dict[str, Any]:
    solicitation = selectors.get_solicitation_for_staff(request.user, pk)
    body = payload.model_dump()
    action, ids = body.pop("action"), body.pop("ids")
    comments = selectors.comments_by_ids(solicitation, ids)
    services.moderate(comments, action, by=request.user, **body)
    return _staff_detail(request, selectors.get_solicitation_for_staff(request.user, pk))


router.add_router("/solicitations", public_router)
router.add_router("/staff/solicitations", staff_router)
