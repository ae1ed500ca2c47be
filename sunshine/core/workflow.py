"""The one workflow kernel: how anything with a procedure changes state (docs/workflows.md).

A domain declares its actions as data, each an :class:`Action`: the statuses it starts from, the
status it leads to, the roles that may take it, its typed input (a pydantic model), its handler, its
texts (the button, the staff history line, the public history line, the help with the legal article)
and whether the privacy scan gates it. The domain's :class:`Workflow` holds them with what the kernel
needs to know of the domain's objects (how to lock one, its agency, who holds which role, its audit
snapshot, its history). ``Workflow.perform`` then does, in one transaction: row lock → role, status
and date checks → privacy gate → handler → new status → history event → audit row, and the
notifications after the commit. Every refusal is one :class:`WorkflowError` (HTTP status, code,
message, fields), read alike by services, the API and the pages.

``core`` imports no domain app: what is domain-specific comes in as callables.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from typing import Any, Generic, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, ValidationError

from sunshine.core import audit, audit_actions
from sunshine.core.input_errors import validation_fields

AnyUser = AbstractBaseUser | AnonymousUser
Obj = TypeVar("Obj", bound=models.Model)
Text = str | Promise


class WorkflowError(Exception):
    """A step that cannot be taken: ``status`` 403 for the person, 404 for something gone, 409 for
    the state, 422 for the input; ``code`` for programs, ``message`` for people (translated),
    ``fields`` the message per input field."""

    def __init__(self, status: int, code: str, message: str, fields: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, dict(fields or {})

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "fields": self.fields}


class WorkflowForbidden(WorkflowError, PermissionDenied):
    """403: the person's roles do not allow the step. Also a ``PermissionDenied``, so a page that
    does not catch it answers 403 like any other refusal."""

    def __init__(self, message: str | None = None, code: str = "permission_denied") -> None:
        super().__init__(403, code, message or _("Your roles do not allow you to take this step."))


def invalid(fields: Mapping[str, str]) -> WorkflowError:
    """422 with a message per field."""
    return WorkflowError(422, "validation_error", _("Some of the input is not valid."), fields)


class ScanGate(StrEnum):
    """How the privacy scan's open findings gate an action."""

    NONE = "none"
    CONFIRM = "confirm"  # open findings stop it unless the person asks a reviewer to decide
    BLOCK = "block"  # open findings stop it: remove them or have a reviewer override them


@dataclass(frozen=True)
class Texts:
    """What people read about an action. ``public`` is the line of the public (applicant's) history:
    a text with ``%(name)s`` placeholders filled from the event's data, or a function of that data;
    None where the step is not shown to the public."""

    button: Text  # imperative: the button and the heading of its form
    history: Text  # what happened, in the staff history
    help: Text  # what it means, with its legal basis
    public: Text | Callable[[Mapping[str, Any]], str] | None = None

    def public_line(self, data: Mapping[str, Any]) -> str:
        if self.public is None:
            return str(self.history)
        if callable(self.public):
            return self.public(data)
        return str(self.public) % _Blank(data)


class _Blank(dict[str, Any]):
    """Event data for ``%`` formatting: a missing value reads as nothing instead of failing."""

    def __missing__(self, key: str) -> str:
        return ""


class NoInput(BaseModel):
    """The input of an action that takes nothing but its date."""


class StepInput(BaseModel):
    """The base of an action's input: fields it does not know (the page's other fields) are ignored."""

    model_config = ConfigDict(extra="ignore")


@dataclass
class Step(Generic[Obj]):
    """One action being taken, as its handler sees it: the locked object, the action, the person
    (None: the system or the member of the public the object belongs to), its typed input, the day
    the step is recorded for and the present moment."""

    obj: Obj
    action: Action[Obj]
    by: AnyUser | None
    input: Any
    date: datetime.date
    today: datetime.date
    now: datetime.datetime
    acknowledged: bool = False  # the person asks a reviewer to decide on privacy findings (CONFIRM)
    before: dict[str, Any] = field(default_factory=dict)
    # What one hook leaves for a later one (the history event the ``event`` hook wrote, for ``notify``).
    kept: dict[str, Any] = field(default_factory=dict)


Handler = Callable[[Step[Any]], Mapping[str, Any] | None]


@dataclass(frozen=True)
class Action(Generic[Obj]):
    """One action of a procedure. ``roles`` empty: only the system takes it. ``to`` None: the
    status stays. ``handler`` changes the object (not its status) and returns the data of the
    history event and the audit row; it raises WorkflowError to refuse."""

    name: str
    allowed_from: frozenset[str]
    to: str | None
    roles: frozenset[str]
    texts: Texts
    handler: Handler | None = None
    input: type[BaseModel] = NoInput
    scan: ScanGate = ScanGate.NONE

    def parse(self, raw: BaseModel | Mapping[str, Any] | None) -> BaseModel:
        """The typed input; WorkflowError 422 naming each field in error."""
        if isinstance(raw, self.input):
            return raw
        values = raw.model_dump() if isinstance(raw, BaseModel) else dict(raw or {})
        try:
            return self.input.model_validate(values)
        except ValidationError as exc:
            raise invalid(validation_fields(exc.errors())) from exc

    @property
    def system_only(self) -> bool:
        return not self.roles


def not_before_last_step(
    last_step_date: Callable[[Any], datetime.date | None],
) -> Callable[[Step[Any]], None]:
    """The ``check`` of a dated procedure: a step is never dated before the last recorded one."""

    def check(step: Step[Any]) -> None:
        last = last_step_date(step.obj)
        if last is not None and step.date < last:
            raise invalid(
                {"date": _("The date cannot be before the last recorded step (%(date)s).") % {"date": last}}
            )

    return check


def _not_allowed(obj: models.Model, action: Action[Any]) -> str:
    label = getattr(obj, "get_status_display", None)
    return _("“%(action)s” is not possible while the status is “%(status)s”.") % {
        "action": action.texts.button,
        "status": label() if callable(label) else "",
    }


@dataclass(frozen=True)
class Workflow(Generic[Obj]):
    """The actions of one domain and what the kernel needs to know of its objects.

    ``name`` prefixes the audit actions (``inforequest.reply``), which the audit log shows in the
    words of each action's ``texts.history`` (``audit_actions``). ``may_act(user, agency, roles)``
    says whether the person holds one of the roles for the agency; ``agency_of`` gives the object's
    agency. Hooks, each optional: ``lock`` (default: ``select_for_update`` by primary key),
    ``check`` (domain checks before the handler, e.g. the date against the history),
    ``scan_gate`` (the privacy scan, for actions declaring one), ``save`` (after the handler and
    the status, e.g. derived dates; default ``obj.save()``), ``event`` (the history entry),
    ``notify`` (messages, run after the commit).
    """

    name: str
    actions: Mapping[str, Action[Obj]]
    agency_of: Callable[[Obj], Any]
    may_act: Callable[[AnyUser, Any, frozenset[str]], bool]
    snapshot: Callable[[Obj], dict[str, Any]]
    lock: Callable[[Obj], Obj] | None = None
    status_field: str = "status"
    not_allowed_code: str = "action_not_allowed"
    not_allowed_message: Callable[[Obj, Action[Obj]], str] = _not_allowed
    forbidden_message: Callable[[], str] | None = None
    check: Callable[[Step[Obj]], None] | None = None
    scan_gate: Callable[[Step[Obj]], None] | None = None
    save: Callable[[Step[Obj]], None] | None = None
    event: Callable[[Step[Obj], Mapping[str, Any]], None] | None = None
    notify: Callable[[Step[Obj], Mapping[str, Any]], None] | None = None
    # Entries of the history that are not actions (how an object entered, the system's own steps),
    # audited by their services under this workflow's name: ``inforequest.submit``.
    history_entries: Mapping[str, Texts] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, action in self.actions.items():
            if name != action.name:
                raise ValueError(f"{self.name}: action {action.name!r} is declared as {name!r}")
        if set(self.actions) & set(self.history_entries):
            raise ValueError(f"{self.name}: a history entry has the name of an action")
        # The audit log reads each code in the words of the staff history (audit_actions).
        audit_actions.register_workflow(
            self.name,
            {
                **{name: texts.history for name, texts in self.history_entries.items()},
                **{name: action.texts.history for name, action in self.actions.items()},
            },
        )

    # --- Reading the declarations ----------------------------------------------------------------

    def action(self, name: str) -> Action[Obj]:
        found = self.actions.get(name)
        if found is None:
            raise invalid({"action": _("Unknown action.")})
        return found

    def history_text(self, name: str) -> str:
        """The words of an action or history entry in the staff history (the name itself when it is
        neither, e.g. a step of an older version)."""
        declared = self.actions.get(name)
        texts = declared.texts if declared is not None else self.history_entries.get(name)
        return str(texts.history) if texts is not None else name

    def allowed(self, status: str) -> list[str]:
        """The actions the status allows, in the order of the declarations."""
        return [name for name, a in self.actions.items() if status in a.allowed_from]

    def for_roles(self, status: str, roles: Iterable[str]) -> list[str]:
        """The actions the status allows that a holder of ``roles`` may take."""
        held = frozenset(roles)
        return [name for name in self.allowed(status) if self.actions[name].roles & held]

    def status_of(self, obj: Obj) -> str:
        return str(getattr(obj, self.status_field))

    # --- Taking an action ------------------------------------------------------------------------

    def forbidden(self) -> WorkflowForbidden:
        return WorkflowForbidden(self.forbidden_message() if self.forbidden_message else None)

    def may(self, user: AnyUser | None, obj: Obj, action: Action[Obj]) -> bool:
        """Whether ``user`` may take ``action`` on ``obj`` (None: the system, who may)."""
        return user is None or self.may_act(user, self.agency_of(obj), action.roles)

    def _lock(self, obj: Obj) -> Obj:
        if self.lock is not None:
            return self.lock(obj)
        manager = type(obj)._default_manager
        return manager.select_for_update().get(pk=obj.pk)

    def perform(
        self,
        obj: Obj,
        action: str,
        *,
        by: AnyUser | None,
        input: BaseModel | Mapping[str, Any] | None = None,
        date: datetime.date | None = None,
        today: datetime.date | None = None,
        now: datetime.datetime | None = None,
        acknowledged: bool = False,
    ) -> Obj:
        """Take ``action`` on ``obj`` for ``by`` and return the object as stored; WorkflowError and
        nothing changed when it cannot be taken."""
        declared = self.action(action)
        with transaction.atomic():
            obj = self._lock(obj)
            if not self.may(by, obj, declared):
                raise self.forbidden()
            if self.status_of(obj) not in declared.allowed_from:
                raise WorkflowError(409, self.not_allowed_code, self.not_allowed_message(obj, declared))
            parsed = declared.parse(input)  # the input once the person and the step are allowed
            now = now or timezone.now()
            today = today or timezone.localdate()
            date = date or today
            if date > today:
                raise invalid({"date": _("The date cannot be in the future.")})
            step = Step(obj, declared, by, parsed, date, today, now, acknowledged)
            if self.check is not None:
                self.check(step)
            if declared.scan != ScanGate.NONE and self.scan_gate is not None:
                self.scan_gate(step)
            step.before = self.snapshot(obj)
            data = dict(declared.handler(step) or {}) if declared.handler is not None else {}
            if declared.to is not None:
                setattr(obj, self.status_field, declared.to)
            if self.save is not None:
                self.save(step)
            else:
                obj.save()
            if self.event is not None:
                self.event(step, data)
            audit.record(
                actor=by,
                action=f"{self.name}.{declared.name}",
                obj=obj,
                before=step.before,
                after={**self.snapshot(obj), **audit.json_value(data)},
                agency=self.agency_of(obj),
            )
            if self.notify is not None:
                transaction.on_commit(partial(self.notify, step, data))
        return obj
