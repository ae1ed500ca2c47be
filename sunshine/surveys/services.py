"""Every write of a survey: keyword-only functions, one transaction each, audited.

The steps with a status (publish, close early, publish the results) go through the workflow kernel
(``actions``); drafting and a citizen's response are written here.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.core.workflow import WorkflowError, WorkflowForbidden, invalid
from sunshine.surveys.actions import WORKFLOW
from sunshine.surveys.actions.handlers import snapshot
from sunshine.surveys.codes import CHOICE_KINDS, SCALE, Kind, Phase, Status
from sunshine.surveys.models import Answer, Option, Question, Response, Survey
from sunshine.surveys.roles import DRAFTER_ROLES, may_act

AnyUser = AbstractBaseUser | AnonymousUser
EDITABLE_FIELDS = ("title", "introduction", "opens_at", "closes_at", "anonymous", "questions")
TEXT_LIMIT = 2000


def _check_period(opens_at: datetime.datetime, closes_at: datetime.datetime) -> None:
    if closes_at <= opens_at:
        raise invalid({"closes_at": _("The survey must close after it opens.")})


def _checked_questions(questions: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Questions as ``{"kind", "text", "required", "options"}``; 422 naming the question otherwise."""
    errors: dict[str, str] = {}
    cleaned: list[dict[str, Any]] = []
    for number, raw in enumerate(questions, start=1):
        kind = str(raw.get("kind", ""))
        text = str(raw.get("text", "")).strip()
        options = [str(o).strip() for o in raw.get("options") or [] if str(o).strip()]
        name = f"questions.{number}"
        if kind not in Kind.values:
            errors[name] = _("Choose the kind of question.")
        elif not text:
            errors[name] = _("Write the question.")
        elif kind in CHOICE_KINDS and len(options) < 2:
            errors[name] = _("A choice question needs at least two options.")
        elif kind not in CHOICE_KINDS and options:
            errors[name] = _("Only choice questions have options.")
        cleaned.append(
            {"kind": kind, "text": text, "required": bool(raw.get("required", True)), "options": options}
        )
    if errors:
        raise invalid(errors)
    return cleaned


def _write_questions(survey: Survey, questions: list[dict[str, Any]]) -> None:
    survey.questions.all().delete()
    for position, q in enumerate(questions, start=1):
        question = Question.objects.create(
            survey=survey, position=position, kind=q["kind"], text=q["text"], required=q["required"]
        )
        Option.objects.bulk_create(
            Option(question=question, position=n, text=text) for n, text in enumerate(q["options"], start=1)
        )


def create_survey(
    *,
    agency: Agency,
    by: AnyUser | None,
    title: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    questions: Sequence[Mapping[str, Any]],
    introduction: str = "",
    anonymous: bool = True,
) -> Survey:
    if by is not None and not may_act(by, agency, DRAFTER_ROLES):
        raise WorkflowForbidden()
    if not title.strip():
        raise invalid({"title": _("This field is required.")})
    _check_period(opens_at, closes_at)
    cleaned = _checked_questions(questions)
    with transaction.atomic():
        survey = Survey.objects.create(
            agency=agency,
            title=title.strip(),
            introduction=introduction,
            opens_at=opens_at,
            closes_at=closes_at,
            anonymous=anonymous,
            created_by=person_or_none(by),
        )
        _write_questions(survey, cleaned)
        audit.record(
            actor=by,
            action="survey.create",
            obj=survey,
            after={**snapshot(survey), "questions": len(cleaned)},
            agency=agency,
        )
    return survey


def update_survey(*, survey: Survey, by: AnyUser | None, **changes: Any) -> Survey:
    """Change a draft (its questions are replaced when given); 409 once it is published."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise invalid({name: _("This field cannot be changed.") for name in sorted(unknown)})
    if changes.get("introduction", "") is None:
        changes["introduction"] = ""
    empty = sorted(name for name, value in changes.items() if value is None)
    if empty:
        raise invalid(dict.fromkeys(empty, _("This field is required.")))
    if "title" in changes and not str(changes["title"]).strip():
        raise invalid({"title": _("This field is required.")})
    questions = changes.pop("questions", None)
    cleaned = _checked_questions(questions) if questions is not None else None
    with transaction.atomic():
        survey = Survey.objects.select_for_update().select_related("agency").get(pk=survey.pk)
        if by is not None and not may_act(by, survey.agency, DRAFTER_ROLES):
            raise WorkflowForbidden()
        if survey.status != Status.DRAFT:
            raise WorkflowError(409, "action_not_allowed", _("Only a draft can be changed."))
        before = snapshot(survey)
        for name, value in changes.items():
            setattr(survey, name, value.strip() if name == "title" else value)
        _check_period(survey.opens_at, survey.closes_at)
        survey.save(update_fields=[*changes, "updated_at"])
        if cleaned is not None:
            _write_questions(survey, cleaned)
        audit.record(
            actor=by,
            action="survey.edit",
            obj=survey,
            before=before,
            after=snapshot(survey),
            agency=survey.agency,
        )
    return survey


def perform(survey: Survey, action: str, *, by: AnyUser | None, **input: Any) -> Survey:
    """A step of the survey: ``publish``, ``close_early``, ``publish_results``."""
    return WORKFLOW.perform(survey, action, by=by, input=input)


def closed_error(survey: Survey, now: datetime.datetime) -> WorkflowError:
    if survey.phase(now) == Phase.UPCOMING:
        message = _("This survey is not open yet: it opens on %(date)s.") % {
            "date": timezone.localtime(survey.opens_at).strftime("%Y-%m-%d %H:%M")
        }
    else:
        message = _("This survey has closed: answers are no longer taken.")
    return WorkflowError(409, "survey_closed", message)


def already_answered() -> WorkflowError:
    return WorkflowError(409, "already_answered", _("You have already answered this survey. Thank you."))


def _answer_rows(question: Question, value: Any) -> list[Answer]:
    """The answers a value makes for ``question``; ValueError with the message when it is bad."""
    if value is None or value == "" or value == []:
        if question.required:
            raise ValueError(_("Answer this question."))
        return []
    if question.kind in CHOICE_KINDS:
        values = value if isinstance(value, list) else [value]
        if question.kind == Kind.SINGLE and len(values) != 1:
            raise ValueError(_("Choose one option."))
        options = {o.pk: o for o in question.options.all()}
        try:
            chosen = sorted({int(v) for v in values})
        except (TypeError, ValueError) as exc:
            raise ValueError(_("Choose among the options given.")) from exc
        if any(pk not in options for pk in chosen):
            raise ValueError(_("Choose among the options given."))
        return [Answer(question=question, option=options[pk]) for pk in chosen]
    if question.kind == Kind.SCALE:
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if isinstance(value, bool) or number not in SCALE:
            raise ValueError(_("Choose a number from 1 to 5."))
        return [Answer(question=question, scale=number)]
    text = str(value).strip()
    if len(text) > TEXT_LIMIT:
        raise ValueError(_("An answer has at most 2,000 characters."))
    if not text:
        if question.required:
            raise ValueError(_("Answer this question."))
        return []
    return [Answer(question=question, text=text)]


def submit_response(
    *,
    survey: Survey,
    respondent: str,
    answers: Mapping[str, Any],
    name: str = "",
    now: datetime.datetime | None = None,
) -> Response:
    """A citizen's answers, ``{question id: value}``: an option id (a list of them for multiple
    choice), a number from 1 to 5, or a text. 409 ``survey_closed`` outside the period, 409
    ``already_answered`` for a second response with one token, 422 naming each bad question
    (``questions.<id>``); nothing is stored on refusal."""
    now = now or timezone.now()
    with transaction.atomic():
        survey = Survey.objects.select_for_update(of=("self",)).select_related("agency").get(pk=survey.pk)
        if not survey.is_open(now):
            raise closed_error(survey, now)
        if survey.responses.filter(respondent=respondent).exists():
            raise already_answered()
        questions = list(survey.questions.prefetch_related("options"))
        known = {str(q.pk) for q in questions}
        given = {str(key): value for key, value in answers.items()}  # ids may be ints from Python
        errors: dict[str, str] = {
            f"questions.{key}": _("This survey has no such question.")
            for key in map(str, answers)
            if key not in known
        }
        rows: list[Answer] = []
        for question in questions:
            try:
                rows.extend(_answer_rows(question, given.get(str(question.pk))))
            except ValueError as exc:
                errors[f"questions.{question.pk}"] = str(exc)
        name = name.strip()
        if not survey.anonymous and not name:
            errors["name"] = _("This survey asks for your name.")
        elif len(name) > 50:
            errors["name"] = _("A name has at most 50 characters.")
        if errors:
            raise invalid(errors)
        try:
            with transaction.atomic():
                response = Response.objects.create(
                    survey=survey,
                    respondent=respondent,
                    name="" if survey.anonymous else name,
                    created_at=now,
                )
        except IntegrityError as exc:  # the same token, twice at once
            raise already_answered() from exc
        for row in rows:
            row.response = response
        Answer.objects.bulk_create(rows)
        audit.record(
            actor=None,
            action="survey.respond",
            obj=survey,
            after={"response": response.pk},
            agency=survey.agency,
        )
    return response
