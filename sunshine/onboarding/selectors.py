"""Reads of imports on behalf of the acting person: administrators see their own, superusers all."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from sunshine.agencies.selectors import require_administrator
from sunshine.onboarding.models import ImportJob

AnyUser = AbstractBaseUser | AnonymousUser


def jobs_for(user: AnyUser) -> QuerySet[ImportJob]:
    """The imports ``user`` may follow. PermissionDenied for people who may not import."""
    require_administrator(user)
    jobs = ImportJob.objects.select_related("created_by")
    return jobs if getattr(user, "is_superuser", False) else jobs.filter(created_by_id=user.pk)


def get_job_for(user: AnyUser, pk: int) -> ImportJob:
    try:
        return jobs_for(user).get(pk=pk)
    except ImportJob.DoesNotExist as exc:
        raise Http404(str(pk)) from exc
