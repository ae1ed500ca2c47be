"""State changes of agencies and memberships: one transaction and one audit entry each."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from sunshine.agencies.models import AGENCY_FIELDS, Agency, AgencyKind, Membership, Role
from sunshine.agencies.selectors import require_administrator
from sunshine.core import audit, public_cache

AnyUser = AbstractBaseUser | AnonymousUser


def _check_parent(agency: Agency, parent: Agency | None) -> None:
    if parent is None:
        return
    if agency.pk is not None and parent.path.startswith(agency.path):
        raise ValidationError({"parent": _("An agency cannot be placed below itself.")})


@transaction.atomic
def create_agency(
    *,
    by: AnyUser | None,
    code: str,
    kind: str,
    name: str,
    parent: Agency | None = None,
    **fields: Any,
) -> Agency:
    """Create an agency under ``parent`` (None for a top-level government)."""
    if by is not None:
        require_administrator(by, parent)
    agency = Agency(code=code, kind=kind, name=name, parent=parent, **fields)
    if kind not in AgencyKind.values:
        raise ValidationError({"kind": _("Unknown kind of agency.")})
    agency.full_clean(exclude=["path"])
    agency.save()
    agency.path = f"{parent.path if parent else '/'}{agency.pk}/"
    agency.save(update_fields=["path"])
    audit.record(
        actor=by,
        action="agency.create",
        obj=agency,
        after=audit.snapshot(agency, AGENCY_FIELDS),
        agency=agency,
    )
    public_cache.bump()  # the portal's agency pages show the change at once
    return agency


@transaction.atomic
def update_agency(*, by: AnyUser | None, agency: Agency, **changes: Any) -> Agency:
    """Change an agency's names, guide or place in the tree."""
    if by is not None:
        require_administrator(by, agency)
    unknown = set(changes) - set(AGENCY_FIELDS)
    if unknown:
        raise ValueError(f"not agency fields: {sorted(unknown)}")
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    before = audit.snapshot(agency, changes)
    for name, value in changes.items():
        setattr(agency, name, value)
    if "parent" in changes:
        _check_parent(agency, changes["parent"])
    agency.full_clean(exclude=["path"])
    update_fields = [*changes, "updated_at"]
    if "parent" in changes:
        old_path = agency.path
        new_path = f"{agency.parent.path if agency.parent else '/'}{agency.pk}/"
        if new_path != old_path:
            Agency.objects.filter(path__startswith=old_path).exclude(pk=agency.pk).update(
                path=Concat(Value(new_path), Substr(F("path"), len(old_path) + 1))
            )
            agency.path = new_path
            update_fields.append("path")
    agency.save(update_fields=update_fields)
    audit.record(
        actor=by,
        action="agency.update",
        obj=agency,
        before=before,
        after=audit.snapshot(agency, changes),
        agency=agency,
    )
    public_cache.bump()  # the portal's agency pages show the change at once
    return agency


@transaction.atomic
def grant_role(*, by: AnyUser | None, user: AbstractBaseUser, agency: Agency, role: str) -> Membership:
    """Give ``user`` a role in ``agency``; granting a role held already changes nothing."""
    if by is not None:
        require_administrator(by, agency)
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    membership, created = Membership.objects.get_or_create(user=user, agency=agency, role=role)
    if created:
        audit.record(
            actor=by,
            action="membership.grant",
            obj=membership,
            after={"user": user.get_username(), "agency": agency.code, "role": role},
            agency=agency,
        )
    return membership


@transaction.atomic
def revoke_role(*, by: AnyUser | None, membership: Membership) -> None:
    if by is not None:
        require_administrator(by, membership.agency)
    audit.record(
        actor=by,
        action="membership.revoke",
        obj=membership,
        before={
            "user": membership.user.get_username(),
            "agency": membership.agency.code,
            "role": membership.role,
        },
        agency=membership.agency,
    )
    membership.delete()
