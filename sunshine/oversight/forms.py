"""The form of an assessment scheme (docs/oversight.md#assessment-schemes): its name, the government
whose agencies it ranks, from which month it applies, and one line per indicator (points, direction,
target, minimum count; no points = not used)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sunshine.agencies.models import Agency
from sunshine.oversight.indicators import INDICATORS, LOWER_IS_BETTER, Indicator
from sunshine.oversight.models import AssessmentScheme, Direction, SchemeScope
from sunshine.oversight.periods import parse_period
from sunshine.oversight.rankings import ItemInput


class SchemeForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40, help_text=_("Letters, digits and hyphens."))
    name = forms.CharField(label=_("Scheme name"), max_length=200)
    root = forms.ModelChoiceField(
        label=_("Government whose agencies are ranked"), queryset=Agency.objects.none()
    )
    scope = forms.ChoiceField(label=_("Agencies ranked"), choices=SchemeScope.choices)
    effective_from = forms.CharField(
        label=_("Applies from the month of"),
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"}),
    )
    newcomer_months = forms.IntegerField(
        label=_("Months before a newly added agency is ranked"), min_value=0, max_value=24, initial=3
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(
        self,
        *args: Any,
        roots: QuerySet[Agency],
        scheme: AssessmentScheme | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        root_field = self.fields["root"]
        assert isinstance(root_field, forms.ModelChoiceField)
        root_field.queryset = roots
        items = {item.indicator: item for item in scheme.items.all()} if scheme is not None else {}
        if scheme is not None:
            self.fields["code"].disabled = True
            self.initial.update(
                {
                    "code": scheme.code,
                    "name": scheme.name,
                    "root": scheme.root_id,
                    "scope": scheme.scope,
                    "effective_from": f"{scheme.effective_from:%Y-%m}",
                    "newcomer_months": scheme.newcomer_months,
                    "notes": scheme.notes,
                }
            )
        for code, indicator in INDICATORS.items():
            item = items.get(code)
            self.fields[f"weight_{code}"] = forms.DecimalField(
                label=_("Points"), required=False, min_value=Decimal(0), max_digits=6, decimal_places=2
            )
            self.fields[f"direction_{code}"] = forms.ChoiceField(
                label=_("Better when"), choices=Direction.choices
            )
            self.fields[f"target_{code}"] = forms.DecimalField(
                label=_("Target"),
                required=False,
                min_value=Decimal(0),
                max_value=None if indicator.is_count else Decimal(1),
                max_digits=12,
                decimal_places=4,
            )
            self.fields[f"minimum_{code}"] = forms.IntegerField(
                label=_("Minimum count"), required=False, min_value=0
            )
            self.initial[f"direction_{code}"] = (
                item.direction if item else (Direction.LOWER if code in LOWER_IS_BETTER else Direction.HIGHER)
            )
            if item is not None:
                self.initial[f"weight_{code}"] = item.weight
                self.initial[f"target_{code}"] = item.target
                self.initial[f"minimum_{code}"] = item.minimum
            else:
                self.initial[f"target_{code}"] = (
                    Decimal(0) if code in LOWER_IS_BETTER else _default_target(indicator)
                )
                self.initial[f"minimum_{code}"] = 0

    def indicator_rows(self) -> list[tuple[Indicator, list[forms.BoundField]]]:
        return [
            (indicator, [self[f"{name}_{code}"] for name in ("weight", "direction", "target", "minimum")])
            for code, indicator in INDICATORS.items()
        ]

    def clean_effective_from(self) -> datetime.date:
        month = parse_period(self.cleaned_data["effective_from"])
        if month is None:
            raise forms.ValidationError(_("Give a month as YYYY-MM."))
        return month.first

    def items(self) -> list[ItemInput]:
        data = self.cleaned_data
        found: list[ItemInput] = []
        for code in INDICATORS:
            weight = data.get(f"weight_{code}")
            if not weight:
                continue
            found.append(
                ItemInput(
                    indicator=code,
                    weight=weight,
                    direction=data[f"direction_{code}"],
                    target=data.get(f"target_{code}") or Decimal(0),
                    minimum=data.get(f"minimum_{code}") or 0,
                )
            )
        return found


def _default_target(indicator: Indicator) -> Decimal:
    return Decimal(10) if indicator.is_count else Decimal(1)
