"""What the staff forms of solicitations and surveys (政民互动) share: the agency to draft for, the
date-and-time fields of a period, and the service's messages put beside the fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sunshine.agencies.models import Agency
from sunshine.core.workflow import WorkflowError

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class AgencyChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Agency) -> str:
        return obj.display_name


def agency_field() -> AgencyChoice:
    return AgencyChoice(label=_("Agency"), queryset=Agency.objects.none())


def moment_field(label: Any) -> forms.DateTimeField:
    """A date and time in the site's time zone (``<input type="datetime-local">``)."""
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        error_messages={"invalid": _("Enter a date and time.")},
    )


def limit_agencies(form: forms.Form, agencies: QuerySet[Agency]) -> None:
    field = form.fields["agency"]
    assert isinstance(field, AgencyChoice)
    field.queryset = agencies


def put_errors(form: forms.Form, exc: WorkflowError, aliases: Mapping[str, str] | None = None) -> None:
    """The service's messages beside their fields (``aliases`` renames a service field to the
    form's), the others at the top of the form."""
    for name, message in exc.fields.items():
        name = (aliases or {}).get(name, name)
        form.add_error(name if name in form.fields else None, message)
    if not exc.fields:
        form.add_error(None, exc.message)
