"""The rating form (好差评): the level, the optional sub-scores and a comment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.evaluations.codes import DIMENSIONS, Level

LEVELS = [(str(value), label) for value, label in sorted(Level.choices, reverse=True)]


class EvaluationForm(forms.Form):
    level = forms.ChoiceField(
        label=_("How satisfied are you?"),
        choices=LEVELS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how satisfied you are.")},
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the agency reads it; it is never published."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in DIMENSIONS.items():
            self.fields[f"dim_{key}"] = forms.ChoiceField(
                label=str(label), required=False, choices=[("", _("No answer")), *LEVELS]
            )

    def dimension_fields(self) -> list[forms.BoundField]:
        return [self[f"dim_{key}"] for key in DIMENSIONS]

    def rating(self) -> dict[str, Any]:
        """The input of ``services.rate_case`` / ``rate_window``."""
        data = self.cleaned_data
        return {
            "level": int(data["level"]),
            "comment": data.get("comment") or "",
            "dimensions": {key: int(data[f"dim_{key}"]) for key in DIMENSIONS if data.get(f"dim_{key}")},
        }
