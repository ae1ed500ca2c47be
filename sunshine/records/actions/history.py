"""The lines of a revision's staff history: an event that is a declared action reads the action's
``history`` text; the events that are not actions (created, attachment added or removed) keep
their labels of ``EventKind``."""

from __future__ import annotations

from sunshine.records.actions.declarations import ACTIONS
from sunshine.records.actions.hooks import EVENT_KINDS
from sunshine.records.codes import EventKind


def history_labels() -> dict[str, str]:
    """Each kind of event with the line the staff history shows for it."""
    labels = {str(kind): str(label) for kind, label in EventKind.choices}
    for name, action in ACTIONS.items():
        kind = EVENT_KINDS.get(name, name)
        if kind in labels and kind == name:
            labels[kind] = str(action.texts.history)
    return labels


def history_line(kind: str) -> str:
    return history_labels().get(kind, kind)
