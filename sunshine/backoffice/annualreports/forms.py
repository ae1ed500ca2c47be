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
