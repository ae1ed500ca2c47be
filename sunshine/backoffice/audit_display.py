"""The audit log in words, for the audit page: the action's label, the person, the object with a link
to its staff page, what was decided (the finding kept, the outcome, the reason given) and what changed,
field by field under the field's own label.

A row keeps ``before`` and ``after`` as JSON: the object's audited fields (keys that are fields of the
object's model) and what the step added (the reason, a checklist, a finding). The step's additions
that record a decision are shown first; then each field whose value changed, old → new. Where the
row has no ``before`` (something created, a decision on one part of an object), its additions are
shown and the object's state is kept in a folded list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.annualreports.models import AnnualReportDraft
from sunshine.core import audit_actions
from sunshine.core.models import AuditEntry
from sunshine.inforequests.provisional import change_lines
from sunshine.records.codes import ChecklistItem
from sunshine.records.findings import KIND_LABELS
from sunshine.records.models import Revision

# The words of what a step adds to a row, where the key is not a field of the object's model.
EXTRA_LABELS: dict[str, Any] = {
    "reason": gettext_lazy("Reason"),
    "reasons": gettext_lazy("Reasons given"),
    "comments": gettext_lazy("Comments"),
    "checklist": gettext_lazy("Confidentiality checklist"),
    "finding": gettext_lazy("Privacy finding"),
    "open_findings": gettext_lazy("Open privacy findings"),
    "outcome": gettext_lazy("Outcome"),
    "working_days": gettext_lazy("Working days"),
    "approved_by": gettext_lazy("Approved by"),
    "approver": gettext_lazy("Approver"),
    "party": gettext_lazy("Consulted party"),
    "items": gettext_lazy("Items to correct"),
    "period_working_days": gettext_lazy("Period in working days"),
    "late": gettext_lazy("Notice given late"),
    "online": gettext_lazy("Received online"),
    "text": gettext_lazy("Text"),
    "files": gettext_lazy("Files"),
    "detail": gettext_lazy("Details"),
    "by_applicant": gettext_lazy("By the applicant"),
    "method": gettext_lazy("Method"),
    "amount": gettext_lazy("Amount (yuan)"),
    "basis": gettext_lazy("Basis"),
    "payable_by": gettext_lazy("Payable by"),
    "changes": gettext_lazy("Dates"),
    "fields": gettext_lazy("Fields changed"),
    "from_revision": gettext_lazy("From revision"),
    "due_on_before": gettext_lazy("Deadline before"),
    "provisional_before": gettext_lazy("Provisional before"),
    "index_number": gettext_lazy("Index number"),
    "publish_at": gettext_lazy("Publication time"),
    "days_off_on_weekdays": gettext_lazy("Days off on weekdays"),
    "working_weekend_days": gettext_lazy("Working weekend days"),
    "years_loaded": gettext_lazy("Years loaded"),
    "package_version": gettext_lazy("Calendar package version"),
    "format": gettext_lazy("Format"),
    "filters": gettext_lazy("Filters"),
    "rows": gettext_lazy("Rows"),
    "kind": gettext_lazy("Kind"),
    "prefix": gettext_lazy("Token prefix"),
    "file": gettext_lazy("File"),
    "row": gettext_lazy("Row"),
}
# What a step decided: shown first, in this order.
DECISION_KEYS = ("finding", "outcome", "checklist", "reason", "reasons", "comments", "approved_by")
# Keys that name a revision's object rather than say something about it (its record and number).
REVISION_CONTEXT_KEYS = frozenset({"record", "revision"})
# The approver of an extension as the API gives them; ``approved_by`` has their name.
REPEATED_KEYS = frozenset({"approver"})
LONG_TEXT = 240  # characters of a long text kept in a row (a report's section)


@dataclass(frozen=True)
class Line:
    """One fact of a row: ``value`` alone, or ``before`` → ``value``."""

    label: str
    value: str
    before: str | None = None

    @property
    def changed(self) -> bool:
        return self.before is not None


@dataclass
class AuditRow:
    entry: AuditEntry
    action: str
    domain: str
    person: str
    username: str
    object_kind: str
    object_name: str
    url: str | None
    shared: bool  # a row that concerns every agency (the calendar)
    decision: list[Line] = field(default_factory=list)
    changes: list[Line] = field(default_factory=list)
    state: list[Line] = field(default_factory=list)

    @property
    def has_detail(self) -> bool:
        return bool(self.decision or self.changes or self.state)


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, key: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        found = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) else None


class _Words:
    """Puts the values of one page's rows into words, looking each related object up once."""

    def __init__(self) -> None:
        self._related: dict[tuple[type[models.Model], Any], str] = {}

    def label(self, model: type[models.Model] | None, key: str) -> str:
        found = _field(model, key)
        if found is not None:
            return str(capfirst(found.verbose_name))
        if key in EXTRA_LABELS:
            return str(EXTRA_LABELS[key])
        return capfirst(key.replace("_", " "))

    def value(self, model: type[models.Model] | None, key: str, value: Any) -> str:
        if value is None or value == "" or value == [] or value == {}:
            return "—"
        special = _SPECIAL.get(key)
        if special is not None:
            return special(value)
        found = _field(model, key)
        if found is not None and found.choices:
            choices = {str(k): v for k, v in found.flatchoices}
            if str(value) in choices:
                return str(choices[str(value)])
        if (
            found is not None
            and found.is_relation
            and found.related_model is not None
            and isinstance(value, int)
        ):
            return self._object(found.related_model, value)  # type: ignore[arg-type]  # never "self" here
        return _plain(value)

    def _object(self, model: type[models.Model], pk: Any) -> str:
        key = (model, pk)
        if key not in self._related:
            found = model._default_manager.filter(pk=pk).first()
            self._related[key] = str(found) if found is not None else f"#{pk}"
        return self._related[key]


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return "; ".join(_plain(item) for item in value) or "—"
    if isinstance(value, dict):
        if "name" in value:  # a person as a step records them: id, username, name
            return str(value["name"] or value.get("username") or "")
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items()) or "—"
    if isinstance(value, str) and "T" in value:
        moment = parse_datetime(value)
        if moment is not None:
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return date_format(moment, "Y-m-d H:i")
    text = str(value)
    return text if len(text) <= LONG_TEXT else text[: LONG_TEXT - 1] + "…"


def _checklist(value: Any) -> str:
    if not isinstance(value, Mapping):
        return _plain(value)
    labels = dict(ChecklistItem.choices)
    ticked = [str(labels.get(item, item)) for item, on in value.items() if on]
    missing = [str(labels.get(item, item)) for item, on in value.items() if not on]
    if not missing:
        return _("Every item confirmed")
    return _("Confirmed: %(ticked)s. Not confirmed: %(missing)s.") % {
        "ticked": "; ".join(ticked) or "—",
        "missing": "; ".join(missing),
    }


def _revision_fields(value: Any) -> str:
    if not isinstance(value, list):
        return _plain(value)
    words = _Words()
    return "; ".join(words.label(Revision, str(name)) for name in value)


def _dates(value: Any) -> str:
    return "; ".join(change_lines({"changes": value})) if isinstance(value, list) else _plain(value)


def _finding(value: Any) -> str:
    """A privacy finding as a decision keeps it: its kind in words, its masked form (the value itself
    is never stored) and where it was found, if the row says."""
    if not isinstance(value, Mapping):
        return _plain(value)
    kind = str(value.get("kind", ""))
    label = str(KIND_LABELS.get(kind, kind))  # type: ignore[call-overload]  # a Kind is a str
    where = value.get("where")
    text = f"{label} {value.get('masked', '')}".strip()
    return _("%(finding)s (in %(where)s)") % {"finding": text, "where": where} if where else text


_SPECIAL: dict[str, Callable[[Any], str]] = {
    "checklist": _checklist,
    "fields": _revision_fields,
    "changes": _dates,
    "finding": _finding,
}


def _lines(entry: AuditEntry, words: _Words) -> tuple[list[Line], list[Line], list[Line]]:
    model = _model(entry.object_type)
    before = dict(entry.before) if isinstance(entry.before, dict) else {}
    after = dict(entry.after) if isinstance(entry.after, dict) else {}
    if entry.action == "record.override" and "finding" not in after:  # kept as two keys of the row
        after["finding"] = {"kind": after.pop("kind", ""), "masked": after.pop("masked", "")}
    hidden = REPEATED_KEYS | (REVISION_CONTEXT_KEYS if model is Revision else frozenset())
    keys = [k for k in dict.fromkeys([*before, *after]) if k not in hidden]

    def is_state(key: str) -> bool:
        return _field(model, key) is not None

    decision = [
        Line(words.label(model, k), words.value(model, k, after[k]))
        for k in DECISION_KEYS
        if k in after and after[k] not in (None, "", [], {}) and not (k in before and before[k] == after[k])
    ]
    shown = {k for k in DECISION_KEYS if k in after}
    changes: list[Line] = []
    state: list[Line] = []
    for key in keys:
        if key in shown:
            continue
        if key in before and key in after:
            if isinstance(before[key], list) and isinstance(after[key], list) and before[key] != after[key]:
                changes.append(Line(words.label(model, key), _list_change(before[key], after[key])))
            elif before[key] != after[key]:
                changes.append(
                    Line(
                        words.label(model, key),
                        words.value(model, key, after[key]),
                        words.value(model, key, before[key]),
                    )
                )
        elif key in after:
            line = Line(words.label(model, key), words.value(model, key, after[key]))
            if entry.before is None and is_state(key):
                if after[key] not in (None, "", [], {}):
                    state.append(line)
            else:
                changes.append(line)
        else:  # kept before, gone after: a deletion
            changes.append(Line(words.label(model, key), "—", words.value(model, key, before[key])))
    if not decision and not changes:  # something created: its state is what there is to read
        changes, state = state, []
    return decision, changes, state


def _list_change(old: list[Any], new: list[Any]) -> str:
    """What a list gained and lost (the days of a calendar year, the items of a notice)."""
    added = [item for item in new if item not in old]
    removed = [item for item in old if item not in new]
    parts = []
    if added:
        parts.append(_("added: %(items)s") % {"items": _plain(added)})
    if removed:
        parts.append(_("removed: %(items)s") % {"items": _plain(removed)})
    return "; ".join(parts) or _("reordered")


def _revision_record(entry: AuditEntry) -> Any:
    for side in (entry.after, entry.before):
        if isinstance(side, dict) and side.get("record"):
            return side["record"]
    return None


def _urls(entries: list[AuditEntry]) -> dict[int, str]:
    """The staff page of each row's object, where one exists."""
    drafts = {
        str(pk): (code, year)
        for pk, code, year in AnnualReportDraft.objects.filter(
            pk__in=[e.object_id for e in entries if e.object_type == "annualreports.annualreportdraft"]
        ).values_list("pk", "agency__code", "year")
    }
    urls: dict[int, str] = {}
    for e in entries:
        url: str | None = None
        if e.object_type == "inforequests.inforequest":
            url = reverse("backoffice:request_detail", args=[e.object_id])
        elif e.object_type == "inforequests.review" and isinstance(e.after, dict) and e.after.get("request"):
            url = reverse("backoffice:request_detail", args=[e.after["request"]])
        elif e.object_type == "records.revision" and _revision_record(e) is not None:
            url = reverse("records:detail", args=[_revision_record(e)])
        elif e.object_type == "records.record":
            url = reverse("records:detail", args=[e.object_id])
        elif e.object_type == "records.category":
            url = reverse("records:category", args=[e.object_id])
        elif e.object_type == "annualreports.annualreportdraft" and e.object_id in drafts:
            url = reverse("annualreports_staff:detail", args=drafts[e.object_id])
        elif e.object_type in {"workdays.calendaryear", "workdays.calendarcheck"}:
            url = reverse("workdays:staff_years")
        if url is not None:
            urls[e.pk] = url
    return urls


def _person(entry: AuditEntry) -> tuple[str, str]:
    """(name, username) of who wrote the row; ("", "") for the system."""
    try:
        user: AbstractBaseUser | None = entry.actor if entry.actor_id else None
    except ObjectDoesNotExist:  # the person's account was deleted; the row keeps their username
        user = None
    if user is None:
        return (entry.actor_name, entry.actor_name) if entry.actor_name else ("", "")
    full_name = getattr(user, "get_full_name", lambda: "")()
    return (full_name or entry.actor_name, entry.actor_name)


def rows(entries: Iterable[AuditEntry]) -> list[AuditRow]:
    """The entries of one page in words."""
    found = list(entries)
    words = _Words()
    urls = _urls(found)
    result = []
    for e in found:
        model = _model(e.object_type)
        decision, changes, state = _lines(e, words)
        name, username = _person(e)
        result.append(
            AuditRow(
                entry=e,
                action=audit_actions.label_of(e.action),
                domain=audit_actions.domain_label_of(e.action),
                person=name,
                username=username,
                object_kind=str(capfirst(model._meta.verbose_name)) if model is not None else e.object_type,
                object_name=e.object_repr,
                url=urls.get(e.pk),
                shared=e.action.split(".", 1)[0] in audit_actions.SHARED_DOMAINS,
                decision=decision,
                changes=changes,
                state=state,
            )
        )
    return result
