from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.annualreports.actions import EDITABLE_FIELDS
from sunshine.annualreports.models import AnnualReportDraft
from sunshine.annualreports.report import Scope


class DraftForm(forms.ModelForm):
    scope = forms.ChoiceField(
        label=_("Scope of tables 3 and 4"),
        choices=[(Scope.SELF, _("This agency only")), (Scope.TREE, _("With every agency below it"))],
    )

    class Meta:
        model = AnnualReportDraft
        fields = EDITABLE_FIELDS
        widgets = {
            "overview": forms.Textarea(attrs={"rows": 8}),
            "problems": forms.Textarea(attrs={"rows": 5}),
            "other_matters": forms.Textarea(attrs={"rows": 5}),
        }


class ActionForm(forms.Form):
    comments = forms.CharField(label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


def derive_licensing(form: DraftForm, count: int, year: int) -> None:
    """The licensing decisions come from the cases (docs/cases.md#annual-report): shown, not typed."""
    field = form.fields["licensing_decisions"]
    field.disabled = True
    field.initial = count
    form.initial["licensing_decisions"] = count
    field.help_text = _("Counted from the licensing cases decided in %(year)s on this platform.") % {
        "year": year
    }
