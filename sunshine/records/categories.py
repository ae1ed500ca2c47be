"""Each agency's disclosure catalogue: seeded with the standard categories, edited by the disclosure
office (add, rename, reorder, change the update interval, take out of use); every edit audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.core import audit, public_cache
from sunshine.records import catalogue
from sunshine.records.actions import CATALOGUE_ROLES
from sunshine.records.models import Category, Topic
from sunshine.records.selectors import may_act

AnyUser = AbstractBaseUser | AnonymousUser

CATEGORY_FIELDS = ("name", "name_en", "parent", "interval_days", "sort_order", "is_active")


def seed_catalogue(agency: Agency) -> int:
    """Create the standard categories the agency lacks (by key); answers how many were added.

    Part of creating an agency (signal) or of loading demo data: no audit entry of its own.
    """
    existing = dict(Category.objects.filter(agency=agency).values_list("key", "pk"))
    added = 0
    for n, (standard, parent_key) in enumerate(catalogue.walk(), start=1):
        if standard.key in existing:
            continue
        row = Category.objects.create(
            agency=agency,
            parent_id=existing.get(parent_key) if parent_key else None,
            key=standard.key,
            name=standard.name,
            name_en=standard.name_en,
            interval_days=standard.interval_days,
            sort_order=n * 10,
        )
        existing[standard.key] = row.pk
        added += 1
    return added


def ensure_topics() -> int:
    """The standard topic list (主题分类); creates what is missing, answers how many were added."""
    existing = dict(Topic.objects.values_list("code", "pk"))
    added = 0
    for n, (code, name, parent) in enumerate(catalogue.topic_rows(), start=1):
        if code in existing:
            continue
        row = Topic.objects.create(code=code, name=name, parent_id=existing.get(parent), sort_order=n)
        existing[code] = row.pk
        added += 1
    return added


def _check_parent(category: Category, parent: Category | None) -> None:
    if parent is None:
        return
    if parent.agency_id != category.agency_id:
        raise ValidationError({"parent": _("Choose a category of the same agency.")})
    if parent.parent_id is not None:
        raise ValidationError({"parent": _("The catalogue has two levels: choose a top-level category.")})
    if category.pk is not None and parent.pk == category.pk:
        raise ValidationError({"parent": _("A category cannot be placed below itself.")})
    if category.pk is not None and category.children.exists():
        raise ValidationError({"parent": _("A category with sub-categories stays at the top level.")})


def _require_office(by: AnyUser | None, agency: Agency) -> None:
    if by is not None and not may_act(by, agency, CATALOGUE_ROLES):
        raise PermissionDenied


@transaction.atomic
def create_category(*, agency: Agency, by: AnyUser | None, name: str, **fields: Any) -> Category:
    _require_office(by, agency)
    unknown = set(fields) - set(CATEGORY_FIELDS)
    if unknown:
        raise ValueError(f"not category fields: {sorted(unknown)}")
    taken = set(
        Category.objects.filter(agency=agency, key__startswith="custom-").values_list("key", flat=True)
    )
    n = len(taken) + 1
    while f"custom-{n}" in taken:
        n += 1
    category = Category(agency=agency, key=f"custom-{n}", name=name.strip(), **fields)
    _check_parent(category, fields.get("parent"))
    category.full_clean()
    category.save()
    audit.record(
        actor=by,
        action="records.category.create",
        obj=category,
        after=audit.snapshot(category, ("key", *CATEGORY_FIELDS)),
        agency=agency,
    )
    public_cache.bump()  # catalogue names and order show on the portal
    return category


@transaction.atomic
def update_category(*, category: Category, by: AnyUser | None, **changes: Any) -> Category:
    _require_office(by, category.agency)
    unknown = set(changes) - set(CATEGORY_FIELDS)
    if unknown:
        raise ValueError(f"not category fields: {sorted(unknown)}")
    category = Category.objects.select_for_update().get(pk=category.pk)
    before = audit.snapshot(category, changes)
    if "parent" in changes:
        _check_parent(category, changes["parent"])
    for name, value in changes.items():
        setattr(category, name, value.strip() if isinstance(value, str) else value)
    category.full_clean()
    category.save(update_fields=[*changes, "updated_at"])
    audit.record(
        actor=by,
        action="records.category.update",
        obj=category,
        before=before,
        after=audit.snapshot(category, changes),
        agency=category.agency,
    )
    public_cache.bump()  # catalogue names and order show on the portal
    return category
