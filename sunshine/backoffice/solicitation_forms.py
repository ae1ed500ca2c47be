"""The forms of the staff pages of solicitations: the draft, one form per step (its declared input's
fields) and the moderation of comments. The services and the workflow kernel check the rules; their
messages go beside the fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.backoffice.interaction_forms import agency_field, limit_agencies, moment_field
from sunshine.solicitations.codes import Adoption


class SolicitationForm(forms.Form):
    """The fields of a draft (``services.EDITABLE_FIELDS``). Attachments are not part of a
    solicitation yet: the draft's text is written here."""

    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(
        label=_("Text of the draft"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("The text put out for comment."),
    )
    explanation = forms.CharField(
        label=_("Explanation (起草说明)"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    opens_at = moment_field(_("Comments open"))
    closes_at = moment_field(_("Comments close"))


class NewSolicitationForm(SolicitationForm):
    agency = agency_field()

    field_order = ["agency", "title", "text", "explanation", "opens_at", "closes_at"]

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_agencies(self, agencies)


def _text(label: Any, rows: int = 4) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}))


def _index_number(label: Any) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=60)


class StepForm(forms.Form):
    """A step without input (publish). Every field is optional here: the step's declared input says
    what is missing, in the user's language."""

    def inputs(self) -> dict[str, Any]:
        return {name: value.strip() for name, value in self.cleaned_data.items()}


class CloseEarlyForm(StepForm):
    reason = _text(_("Reason, shown to the public"))


class FeedbackForm(StepForm):
    summary = _text(_("Feedback on the comments"), rows=8)
    policy_index_number = _index_number(_("Index number of the final policy (optional)"))


class LinkPolicyForm(StepForm):
    policy_index_number = _index_number(_("Index number of the final policy"))


STEP_FORMS: dict[str, type[StepForm]] = {
    "publish": StepForm,
    "close_early": CloseEarlyForm,
    "publish_feedback": FeedbackForm,
    "link_policy": LinkPolicyForm,
}


def step_form(action: str, data: Any = None) -> StepForm:
    return STEP_FORMS[action](data, prefix=action)


class ModerationForm(forms.Form):
    """The comments ticked and what to do with them: ``approve`` or ``reject`` (one reason for all),
    or ``mark_adoption`` (one adoption and one reason: a group of the feedback)."""

    action = forms.ChoiceField(choices=[(a, a) for a in ("approve", "reject", "mark_adoption")])
    ids = forms.TypedMultipleChoiceField(
        coerce=int, error_messages={"required": _("Tick at least one comment.")}
    )
    reason = forms.CharField(required=False, max_length=4000)
    adoption = forms.ChoiceField(choices=Adoption.choices, required=False)

    def __init__(self, *args: Any, ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["ids"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(pk, pk) for pk in ids]

    def inputs(self) -> dict[str, Any]:
        """The step's input for ``services.moderate``."""
        action = self.cleaned_data["action"]
        reason = self.cleaned_data.get("reason", "").strip()
        if action == "reject":
            return {"reason": reason}
        if action == "mark_adoption":
            return {"adoption": self.cleaned_data.get("adoption") or "", "reason": reason}
        return {}
