"""Writing common questions: each change one transaction with its audit row.

``create_entry`` and ``update_entry`` write the text (and its search words, ``search.entry_tokens``);
the steps of review and publication go through the workflow kernel (``take_action``,
``actions.WORKFLOW``), which checks the roles and the status and audits each step.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import AnyUser
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.core.workflow import WorkflowError, WorkflowForbidden, invalid
from sunshine.faq.actions import DRAFTER_ROLES, EDITABLE, WORKFLOW, snapshot
from sunshine.faq.models import Entry
from sunshine.faq.search import entry_tokens
from sunshine.faq.selectors import may_act
from sunshine.letters.models import Letter
from sunshine.records.privacy_scan import mask_all, mask_name

QUESTION_MAX = 300
ANSWER_MAX = 20_000
CATEGORY_MAX = 100
EDITABLE_FIELDS = ("question", "answer", "category", "valid_from", "valid_until")


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """The text fields stripped; WorkflowError 422 naming each field in error."""
    errors: dict[str, str] = {}
    for name in ("question", "answer", "category"):
        if name in values:
            values[name] = (values[name] or "").strip()
    if "question" in values and not values["question"]:
        errors["question"] = _("Enter the question.")
    elif len(values.get("question", "")) > QUESTION_MAX:
        errors["question"] = _("At most %(limit)d characters.") % {"limit": QUESTION_MAX}
    if "answer" in values and not values["answer"]:
        errors["answer"] = _("Enter the answer.")
    elif len(values.get("answer", "")) > ANSWER_MAX:
        errors["answer"] = _("At most %(limit)d characters.") % {"limit": ANSWER_MAX}
    if len(values.get("category", "")) > CATEGORY_MAX:
        errors["category"] = _("At most %(limit)d characters.") % {"limit": CATEGORY_MAX}
    if errors:
        raise invalid(errors)
    return values


def _check_validity(entry: Entry) -> None:
    if entry.valid_from and entry.valid_until and entry.valid_until < entry.valid_from:
        raise invalid({"valid_until": _("The end of validity is before its start.")})


def create_entry(
    *,
    agency: Agency,
    by: AnyUser,
    question: str,
    answer: str,
    category: str = "",
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
) -> Entry:
    """A new common question of ``agency``, as a draft (information officers, disclosure office)."""
    if not may_act(by, agency, DRAFTER_ROLES):
        raise WorkflowForbidden(_("You cannot write common questions for this agency."))
    values = _clean({"question": question, "answer": answer, "category": category})
    entry = Entry(
        agency=agency, created_by=person_or_none(by), valid_from=valid_from, valid_until=valid_until, **values
    )
    _check_validity(entry)
    entry.question_tokens, entry.answer_tokens = entry_tokens(entry.question, entry.answer)
    with transaction.atomic():
        entry.save()
        audit.record(actor=by, action="faq.create", obj=entry, after=snapshot(entry), agency=agency)
    return entry


def update_entry(*, entry: Entry, by: AnyUser, **changes: Any) -> Entry:
    """Change the text, category or validity of a draft, returned or withdrawn entry."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
    values = _clean(dict(changes))
    with transaction.atomic():
        entry = Entry.objects.select_for_update().select_related("agency").get(pk=entry.pk)
        if not may_act(by, entry.agency, DRAFTER_ROLES):
            raise WorkflowForbidden(_("You cannot change common questions of this agency."))
        if entry.status not in EDITABLE:
            raise WorkflowError(
                409,
                "action_not_allowed",
                _("A question can be changed only as a draft, when returned or after it was withdrawn."),
            )
        before = snapshot(entry)
        for name, value in values.items():
            setattr(entry, name, value)
        _check_validity(entry)
        fields = [*values, "updated_at"]
        if "question" in values or "answer" in values:
            entry.question_tokens, entry.answer_tokens = entry_tokens(entry.question, entry.answer)
            fields += ["question_tokens", "answer_tokens"]
        entry.save(update_fields=fields)
        audit.record(
            actor=by, action="faq.edit", obj=entry, before=before, after=snapshot(entry), agency=entry.agency
        )
    return entry


# The letters whose reply may become a common question: answered (and, after, closed).
REPLIED_LETTER_STATUSES = frozenset({"replied", "closed"})


def _without_writer(text: str, letter: Letter) -> str:
    """``text`` with the privacy scan's findings masked (names after a label, phones, identity
    numbers, e-mail …) and the writer's own name, phone and e-mail masked wherever they stand."""
    rule = letter.agency.name_masking
    masked = mask_all(text, rule)
    name = letter.writer_name.strip()
    if len(name) >= 2:
        masked = masked.replace(name, mask_name(name, rule))
    for value in (letter.writer_phone.strip(), letter.writer_email.strip()):
        if len(value) >= 5:
            masked = masked.replace(value, "*" * len(value))
    return masked


def question_from_letter(letter: Letter) -> str:
    """The draft question: the letter's subject, then as much of its body as fits, masked."""
    subject = " ".join(letter.subject.split())
    body = " ".join(letter.body.split())
    text = f"{subject}：{body}" if body and body != subject else subject
    text = _without_writer(text, letter)
    if len(text) > QUESTION_MAX:
        text = text[: QUESTION_MAX - 1] + "…"
    return text


def create_from_letter(*, letter: Letter, by: AnyUser) -> Entry:
    """A draft common question from a replied letter: the question from its subject and body, the
    answer from its reply, both masked; the entry keeps the link to the letter and nothing of the
    writer. The officers and the disclosure office of the letter's agency may do it; the draft then
    goes through the usual review. 409 ``letter_not_replied`` for a letter without a reply."""
    agency = letter.agency
    if not may_act(by, agency, DRAFTER_ROLES):
        raise WorkflowForbidden(_("You cannot write common questions for this agency."))
    if letter.status not in REPLIED_LETTER_STATUSES or not letter.reply_text.strip():
        raise WorkflowError(
            409, "letter_not_replied", _("Only a letter that was replied to can become a common question.")
        )
    answer = _without_writer(letter.reply_text.strip(), letter)[:ANSWER_MAX]
    entry = Entry(
        agency=agency,
        created_by=person_or_none(by),
        source_letter=letter,
        **_clean({"question": question_from_letter(letter), "answer": answer, "category": ""}),
    )
    entry.question_tokens, entry.answer_tokens = entry_tokens(entry.question, entry.answer)
    with transaction.atomic():
        entry.save()
        audit.record(
            actor=by,
            action="faq.from_letter",
            obj=entry,
            after={**snapshot(entry), "letter": letter.tracking_code},
            agency=agency,
        )
    return entry


def take_action(*, entry: Entry, action: str, by: AnyUser, input: dict[str, Any] | None = None) -> Entry:
    """One step of review and publication (``actions.ACTIONS``), through the workflow kernel."""
    return WORKFLOW.perform(entry, action, by=by, input=input)
