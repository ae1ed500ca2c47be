from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sunshine.agencies.models import Agency
from sunshine.core.audit_actions import grouped_choices
from sunshine.core.selectors import AuditFilter

SYSTEM = "system"  # the person filter's value for rows no person wrote


def agency_choices(agencies: Iterable[Agency]) -> list[tuple[str, str]]:
    """(code, name) of agencies ordered by their place in the tree, each indented below its parent."""
    found = list(agencies)
    top = min((a.depth for a in found), default=0)
    return [(a.code, f"{'— ' * (a.depth - top)}{a.display_name}") for a in found]


class AuditFilterForm(forms.Form):
    """The audit page's filters: actions in words (by domain), an agency of the reader's tree with
    the agencies below it, a person who wrote rows the reader sees, and dates."""

    action = forms.ChoiceField(label=_("Action"), required=False)
    within = forms.ChoiceField(label=_("Agency"), required=False)
    person = forms.ChoiceField(label=_("Person"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(
        self,
        data: Any = None,
        *,
        agencies: Sequence[tuple[str, str]],
        people: Sequence[tuple[int, str]],
    ) -> None:
        super().__init__(data)
        action = self.fields["action"]
        assert isinstance(action, forms.ChoiceField)
        action.choices = [("", _("All actions")), *grouped_choices()]
        within = self.fields["within"]
        assert isinstance(within, forms.ChoiceField)
        within.choices = [("", _("All agencies")), *agencies]
        person = self.fields["person"]
        assert isinstance(person, forms.ChoiceField)
        person.choices = [
            ("", _("Everybody")),
            (SYSTEM, _("The system (automatic steps)")),
            *((str(pk), name) for pk, name in people),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since: datetime.date | None = cleaned.get("since")
        until: datetime.date | None = cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", ValidationError(_("The end date is before the start date.")))
        return cleaned

    def filters(self) -> AuditFilter:
        """The filters chosen; none when the form is not valid."""
        if not self.is_valid():
            return AuditFilter()
        data = self.cleaned_data
        person = data.get("person") or ""
        return AuditFilter(
            action=data.get("action") or None,
            within=data.get("within") or None,
            person=int(person) if person.isdigit() else None,
            by_system=person == SYSTEM,
            since=data.get("since"),
            until=data.get("until"),
        )
