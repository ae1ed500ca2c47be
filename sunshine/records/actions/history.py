"""The lines of a revision's staff history: an event that is a declared action reads the action's
``history`` text; the events that are not actions (created, attachment added or removed) keep
their labels of ``EventKind``."""

from __future__ import annotations

from sunshine.records.actions.declarations import ACTIONS
from sunshine.records.codes import EventKind


def history_labels() -> dict[str, str]:
    """Each kind of event with the line the staff history shows for it."""
    labels = {str(kind): str(label) for kind, label in EventKind.choices}
    for name, action in ACTIONS.items():
        if name in labels:  # the event an action writes is of its own name (publish_due: publish)
            labels[name] = str(action.texts.history)
    return labels
