"""Agencies in the API: the public list and guide, and administration for administrators."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from sunshine.agencies import selectors, services
from sunshine.agencies.models import Agency, AgencyKind, Membership, Role
from sunshine.api.auth import staff_auth
from sunshine.api.errors import ApiProblem

router = Router()


class AgencyOut(Schema):
    code: str
    kind: AgencyKind
    name: str
    name_en: str
    parent_code: str | None

    @staticmethod
    def resolve_parent_code(obj: Agency) -> str | None:
        return obj.parent.code if obj.parent is not None else None


class GuideOut(Schema):
    office_name: str
    address: str
    postal_code: str
    office_hours: str
    phone: str
    fax: str
    email: str
    website: str
    how_to_apply: str


class AgencyDetailOut(AgencyOut):
    guide: GuideOut
    children: list[str]

    @staticmethod
    def resolve_guide(obj: Agency) -> GuideOut:
        return GuideOut.model_validate(obj, from_attributes=True)

    @staticmethod
    def resolve_children(obj: Agency) -> list[str]:
        return [child.code for child in obj.children.filter(is_active=True).order_by("sort_order", "code")]


class GuideIn(Schema):
    office_name: str | None = Field(None, max_length=100)
    address: str | None = Field(None, max_length=200)
    postal_code: str | None = Field(None, pattern=r"^(\d{6})?$")
    office_hours: str | None = Field(None, max_length=200)
    phone: str | None = Field(None, max_length=50)
    fax: str | None = Field(None, max_length=50)
    email: str | None = Field(None, max_length=254)
    website: str | None = Field(None, max_length=200)
    how_to_apply: str | None = None


class AgencyIn(GuideIn):
    code: str = Field(min_length=1, max_length=40)
    kind: AgencyKind
    name: str = Field(min_length=1, max_length=100)
    name_en: str = Field("", max_length=200)
    parent_code: str | None = None


class AgencyPatch(GuideIn):
    name: str | None = Field(None, min_length=1, max_length=100)
    name_en: str | None = Field(None, max_length=200)
    parent_code: str | None = None
    is_active: bool | None = None


class MembershipIn(Schema):
    username: str = Field(min_length=1, max_length=150)
    role: Role


class MembershipOut(Schema):
    id: int
    username: str
    agency: str
    role: Role

    @staticmethod
    def resolve_username(obj: Membership) -> str:
        return obj.user.get_username()

    @staticmethod
    def resolve_agency(obj: Membership) -> str:
        return obj.agency.code


def _parent(code: str | None) -> Agency | None:
    if code is None:
        return None
    parent = Agency.objects.filter(code=code).first()
    if parent is None:
        raise ApiProblem(
            422,
            "validation_error",
            _("Some of the input is not valid."),
            {"parent_code": _("No agency has this code.")},
        )
    return parent


@router.get("", response=list[AgencyOut], auth=None, summary="List agencies")
def list_agencies(
    request: HttpRequest, parent: str | None = None, kind: AgencyKind | None = None
) -> list[Agency]:
    """Every active agency, in tree order. Filter by ``parent`` code or ``kind``."""
    agencies = selectors.public_agencies()
    if parent is not None:
        agencies = agencies.filter(parent__code=parent)
    if kind is not None:
        agencies = agencies.filter(kind=kind)
    return list(agencies.order_by("path"))


@router.get("/{code}", response=AgencyDetailOut, auth=None, summary="One agency with its disclosure guide")
def get_agency(request: HttpRequest, code: str) -> Agency:
    return selectors.get_public_agency(code)


@router.post("", response={201: AgencyDetailOut}, auth=staff_auth, summary="Create an agency")
def create_agency(request: HttpRequest, payload: AgencyIn) -> Status[Agency]:
    data = payload.dict(exclude_none=True)
    parent = _parent(data.pop("parent_code", None))
    if Agency.objects.filter(code=payload.code).exists():
        raise ApiProblem(
            409,
            "duplicate_code",
            _("An agency with this code exists already."),
            {"code": _("An agency with this code exists already.")},
        )
    code, kind, name = data.pop("code"), data.pop("kind"), data.pop("name")
    agency = services.create_agency(by=request.user, code=code, kind=kind, name=name, parent=parent, **data)
    return Status(201, agency)


@router.patch("/{code}", response=AgencyDetailOut, auth=staff_auth, summary="Change an agency or its guide")
def update_agency(request: HttpRequest, code: str, payload: AgencyPatch) -> Agency:
    agency = get_object_or_404(Agency, code=code)
    data = payload.dict(exclude_unset=True)
    if "parent_code" in data:
        data["parent"] = _parent(data.pop("parent_code"))
    data = {k: ("" if v is None and k != "parent" else v) for k, v in data.items()}
    return services.update_agency(by=request.user, agency=agency, **data)


@router.get("/{code}/members", response=list[MembershipOut], auth=staff_auth, summary="People and roles")
def list_members(request: HttpRequest, code: str) -> list[Membership]:
    agency = selectors.get_agency_for_staff(request.user, code)
    return list(agency.memberships.select_related("user", "agency").order_by("role", "user__username"))


@router.post("/{code}/members", response={201: MembershipOut}, auth=staff_auth, summary="Give a role")
def grant_role(request: HttpRequest, code: str, payload: MembershipIn) -> Status[Membership]:
    agency = get_object_or_404(Agency, code=code)
    user = get_user_model().objects.filter(username=payload.username).first()
    if user is None:
        raise ApiProblem(
            422,
            "validation_error",
            _("Some of the input is not valid."),
            {"username": _("No person has this username.")},
        )
    return Status(201, services.grant_role(by=request.user, user=user, agency=agency, role=payload.role))


@router.delete(
    "/{code}/members/{membership_id}", response={204: None}, auth=staff_auth, summary="Take a role away"
)
def revoke_role(request: HttpRequest, code: str, membership_id: int) -> Status[None]:
    membership = get_object_or_404(
        Membership.objects.select_related("user", "agency"), pk=membership_id, agency__code=code
    )
    services.revoke_role(by=request.user, membership=membership)
    return Status(204, None)
