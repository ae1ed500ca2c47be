"""One form per action on a letter (``letters.actions.ACTIONS``): the fields of the action's input,
and the date of the step. The letters service checks the rules; its messages go beside the fields."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.agencies.selectors import public_agencies
from sunshine.letters import selectors
from sunshine.letters.actions import ACTIONS
from sunshine.letters.models import Letter

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(label: Any, rows: int = 4, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}))


class LetterActionForm(forms.Form):
    """The date of the step; the subclasses add the action's own fields."""

    date = forms.DateField(
        label=_("Date of the step"),
        required=False,
        widget=DATE,
        help_text=_("Today when left empty."),
    )

    def __init__(self, *args: Any, letter: Letter, user: Any, **kwargs: Any) -> None:
        self.letter, self.user = letter, user
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False  # the service says what is missing, in the user's language

    def inputs(self) -> dict[str, Any]:
        """The action's input for ``services.perform_action`` (without ``date``)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "date" and v not in (None, "")}

    def add_service_errors(self, fields: Mapping[str, str]) -> None:
        for key, message in fields.items():
            self.add_error(key if key in self.fields else None, message)


class TransferForm(LetterActionForm):
    to_agency = forms.ChoiceField(label=_("Receiving agency"))
    reason = _text(_("Reason"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_agency"]
        assert isinstance(field, forms.ChoiceField)
        others = public_agencies().exclude(pk=self.letter.agency_id).order_by("path")
        field.choices = [("", _("Choose an agency")), *((a.code, a.display_name) for a in others)]


class ReturnForm(LetterActionForm):
    reason = _text(_("Reason"))


class RequestInfoForm(LetterActionForm):
    items = _text(_("What the writer must add"))
    items.help_text = _("One item a line.")

    def inputs(self) -> dict[str, Any]:
        lines = [line.strip() for line in str(self.cleaned_data.get("items") or "").splitlines()]
        return {"items": [line for line in lines if line]}


class ReceiveInfoForm(LetterActionForm):
    text = _text(_("The writer's answer"))


class ExtendForm(LetterActionForm):
    working_days = forms.IntegerField(label=_("Working days"))
    reason = _text(_("Reason"), rows=3)
    approver = forms.ChoiceField(label=_("Approved by"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["approver"]
        assert isinstance(field, forms.ChoiceField)
        people = selectors.extension_approvers(self.letter.agency).order_by("username")
        field.choices = [("", _("Myself")), *((u.get_username(), u.get_username()) for u in people)]


class ReplyForm(LetterActionForm):
    text = _text(_("Reply"), rows=8)
    publish = forms.BooleanField(label=_("Publish the letter and its reply"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from sunshine.letters.replies.services import signed_draft

        super().__init__(*args, **kwargs)
        if signed_draft(self.letter) is not None:
            # The signed draft is what is sent, its text and publication as signed.
            del self.fields["text"]
            del self.fields["publish"]
        elif not self.letter.publish_consent:
            del self.fields["publish"]

    def inputs(self) -> dict[str, Any]:
        return {
            "text": self.cleaned_data.get("text") or "",
            "publish": bool(self.cleaned_data.get("publish")),
        }


class SuperviseForm(LetterActionForm):
    note = _text(_("What the supervision asks for"), rows=3)
    due_on = forms.DateField(label=_("Answer expected by"), widget=DATE)


FORMS: dict[str, type[LetterActionForm]] = {
    "accept": LetterActionForm,
    "transfer": TransferForm,
    "return": ReturnForm,
    "request_info": RequestInfoForm,
    "receive_info": ReceiveInfoForm,
    "extend": ExtendForm,
    "reply": ReplyForm,
    "supervise": SuperviseForm,
    "close": LetterActionForm,
}
assert set(FORMS) == set(ACTIONS), "one form per declared action"


def action_form(action: str, letter: Letter, user: Any, data: Any = None) -> LetterActionForm:
    return FORMS[action](data, letter=letter, user=user, prefix=action)


def step_date(form: LetterActionForm) -> datetime.date | None:
    value = form.cleaned_data.get("date")
    return value if isinstance(value, datetime.date) else None
