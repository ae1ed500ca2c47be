"""The form of the public deadline calculator."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy


class DeadlineForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("Day of receipt"),
        help_text=gettext_lazy("The day the application was received. It is not counted."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": gettext_lazy("Enter a real date as YYYY-MM-DD.")},
    )
    working_days = forms.IntegerField(
        label=gettext_lazy("Working days"),
        help_text=gettext_lazy("For example 20 for a reply to an information request."),
        min_value=1,
        max_value=365,
        initial=20,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": gettext_lazy("Enter a whole number of working days.")},
    )
