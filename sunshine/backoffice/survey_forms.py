"""The forms of the staff pages of surveys: the survey's own fields, its questions as plain form
blocks (add, remove and reorder with buttons that send the form back unsaved; no script needed) and
one form per step. The services and the workflow kernel check the rules; their messages go beside
the fields or the question they name."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sunshine.backoffice.interaction_forms import agency_field, limit_agencies, moment_field
from sunshine.surveys.codes import CHOICE_KINDS, Kind
from sunshine.surveys.models import Survey
from sunshine.surveys.selectors import questions as survey_questions

MAX_QUESTIONS = 100
MAX_OPTIONS = 30


class SurveyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    introduction = forms.CharField(
        label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    opens_at = moment_field(_("Opens"))
    closes_at = moment_field(_("Closes"))
    anonymous = forms.BooleanField(
        label=_("Anonymous: respondents give no name"),
        required=False,
        help_text=_("Identified surveys ask each respondent for a name (never published)."),
    )


class NewSurveyForm(SurveyForm):
    agency = agency_field()

    field_order = ["agency", "title", "introduction", "opens_at", "closes_at", "anonymous"]

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_agencies(self, agencies)


@dataclass
class QuestionBlock:
    """One question as the form shows it: the options one a line."""

    kind: str = Kind.SINGLE
    text: str = ""
    required: bool = True
    options: str = ""
    error: str = ""

    @property
    def blank(self) -> bool:
        return not self.text.strip() and not self.options.strip()

    def as_input(self) -> dict[str, Any]:
        """The question as ``services`` take it."""
        options = [line.strip() for line in self.options.splitlines() if line.strip()]
        return {"kind": self.kind, "text": self.text, "required": self.required, "options": options}


def blocks_of(survey: Survey) -> list[QuestionBlock]:
    return [
        QuestionBlock(
            kind=q.kind,
            text=q.text,
            required=q.required,
            options="\n".join(o.text for o in q.options.all()) if q.kind in CHOICE_KINDS else "",
        )
        for q in survey_questions(survey)
    ]


def blocks_from(data: Mapping[str, Any]) -> list[QuestionBlock]:
    """The question blocks sent with the form (``q-<n>-kind`` …, ``questions-count`` of them)."""
    try:
        count = int(data.get("questions-count", 0))
    except (TypeError, ValueError):
        count = 0
    blocks = []
    for n in range(max(0, min(count, MAX_QUESTIONS))):
        blocks.append(
            QuestionBlock(
                kind=str(data.get(f"q-{n}-kind", "")),
                text=str(data.get(f"q-{n}-text", ""))[:500],
                required=bool(data.get(f"q-{n}-required")),
                options="\n".join(str(data.get(f"q-{n}-options", "")).splitlines()[:MAX_OPTIONS]),
            )
        )
    return blocks


def apply(blocks: list[QuestionBlock], op: str) -> list[QuestionBlock]:
    """The blocks after a button of the editor: ``add``, ``up:<n>``, ``down:<n>``, ``remove:<n>``."""
    blocks = list(blocks)
    if op == "add":
        if len(blocks) < MAX_QUESTIONS:
            blocks.append(QuestionBlock())
        return blocks
    name, _sep, number = op.partition(":")
    try:
        n = int(number)
    except ValueError:
        return blocks
    if not 0 <= n < len(blocks):
        return blocks
    if name == "remove":
        del blocks[n]
    elif name == "up" and n > 0:
        blocks[n - 1], blocks[n] = blocks[n], blocks[n - 1]
    elif name == "down" and n < len(blocks) - 1:
        blocks[n + 1], blocks[n] = blocks[n], blocks[n + 1]
    return blocks


def questions_input(blocks: list[QuestionBlock]) -> tuple[list[dict[str, Any]], list[int]]:
    """The questions for the service (empty blocks left out) and, for each, the block it came from
    (the service names a bad question by its number among those it was given)."""
    kept = [n for n, block in enumerate(blocks) if not block.blank]
    return [blocks[n].as_input() for n in kept], kept


def put_question_errors(
    blocks: list[QuestionBlock], kept: list[int], fields: Mapping[str, str]
) -> dict[str, str]:
    """Put each ``questions.<number>`` message on its block; the other messages are returned."""
    rest: dict[str, str] = {}
    for name, message in fields.items():
        prefix, _sep, number = name.partition(".")
        if prefix == "questions" and number.isdigit() and 0 < int(number) <= len(kept):
            blocks[kept[int(number) - 1]].error = message
        else:
            rest[name] = message
    return rest


class StepForm(forms.Form):
    """A step without input (publish); every field optional: the kernel says what is missing."""

    def inputs(self) -> dict[str, Any]:
        return {name: value.strip() for name, value in self.cleaned_data.items()}


class CloseEarlyForm(StepForm):
    reason = forms.CharField(
        label=_("Reason, shown to the public"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ResultsForm(StepForm):
    summary = forms.CharField(
        label=_("A word on the results (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


STEP_FORMS: dict[str, type[StepForm]] = {
    "publish": StepForm,
    "close_early": CloseEarlyForm,
    "publish_results": ResultsForm,
}


def step_form(action: str, data: Any = None) -> StepForm:
    return STEP_FORMS[action](data, prefix=action)
