"""Every record action is declared once (records.actions) with its texts, an entry point on the staff
pages where the people who take it do so (or none: the system's own), and its audit name as before."""

from __future__ import annotations

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from sunshine.backoffice.records import forms as record_forms
from sunshine.backoffice.records.views import ACTION_FORMS
from sunshine.core.models import AuditEntry
from sunshine.records import services
from sunshine.records.actions import ACTIONS, WORKFLOW
from sunshine.records.codes import EventKind
from tests.records.conftest import ALL_CHECKS, make_draft

# The audit actions of the record steps, as they have always been named (``record.<action>``).
AUDIT_NAMES = {
    "record.edit",
    "record.submit",
    "record.approve",
    "record.override",
    "record.mask",
    "record.return",
    "record.sign",
    "record.publish",
    "record.schedule",
    "record.unschedule",
    "record.publish_due",
    "record.withdraw",
    "record.supersede",
    "record.revise",
}


def _choices(form: type[forms.Form], field: str) -> set[str]:
    choice_field = form.base_fields[field]
    assert isinstance(choice_field, forms.ChoiceField)
    return {str(value) for value, _label in list(choice_field.choices)}  # type: ignore[arg-type]


# Where on the staff pages each step is taken, apart from the action forms of the record page.
OTHER_ENTRY_POINTS = {
    "edit": lambda: bool(reverse("records:edit", args=[1])),
    "approve": lambda: "approve" in _choices(record_forms.ReviewForm, "decision"),
    "return": lambda: (
        "return" in _choices(record_forms.ReviewForm, "decision")
        and "return" in _choices(record_forms.SignForm, "decision")
    ),
    "override": lambda: (
        bool(reverse("records:override", args=[1])) and "finding" in record_forms.OverrideForm.base_fields
    ),
    "mask": lambda: "mask" in _choices(record_forms.OverrideForm, "decision"),
    "schedule": lambda: "later" in _choices(record_forms.PublishForm, "when"),
}


@pytest.mark.parametrize("name", list(ACTIONS))
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_action_has_a_button_a_history_line_and_help(name, language):
    texts = ACTIONS[name].texts
    with translation.override(language):
        assert str(texts.button).strip(), name
        assert str(texts.history).strip(), name
        assert str(texts.help).strip(), name
        assert texts.public is None or str(texts.public).strip(), name


@pytest.mark.parametrize("name", list(ACTIONS))
def test_every_action_a_person_takes_has_its_place_on_the_staff_pages(name):
    action = ACTIONS[name]
    if action.system_only:
        assert name not in ACTION_FORMS
        assert name not in OTHER_ENTRY_POINTS
        return
    assert name in ACTION_FORMS or OTHER_ENTRY_POINTS[name](), name


def test_only_the_sweep_and_the_superseding_are_the_systems_own():
    assert {name for name, action in ACTIONS.items() if action.system_only} == {"publish_due", "supersede"}


def test_the_audit_names_are_unchanged():
    assert WORKFLOW.name == "record"
    assert {f"{WORKFLOW.name}.{name}" for name in ACTIONS} == AUDIT_NAMES
    assert all(name == action.name for name, action in ACTIONS.items())


def test_the_staff_history_reads_the_declared_lines(client, tree, alice, rita):
    revision = make_draft(tree["education"], by=alice)
    services.submit(revision=revision, by=alice)
    services.review(revision=revision, by=rita, decision="approve", checklist=ALL_CHECKS)
    assert list(
        AuditEntry.objects.filter(action__startswith="record.")
        .order_by("id")
        .values_list("action", flat=True)
    ) == [
        "record.create",
        "record.submit",
        "record.approve",
    ]
    client.force_login(alice)
    with translation.override("en"):
        page = client.get(reverse("records:detail", args=[revision.record_id]), HTTP_ACCEPT_LANGUAGE="en")
        text = page.content.decode()
        assert str(EventKind.CREATE.label) in text  # not an action: the kind's label
        assert str(ACTIONS["submit"].texts.history) in text
        assert str(ACTIONS["approve"].texts.history) in text


def test_the_record_page_shows_the_declared_button_and_help(client, tree, alice):
    revision = make_draft(tree["education"], by=alice)
    client.force_login(alice)
    with translation.override("en"):
        page = client.get(reverse("records:detail", args=[revision.record_id]), HTTP_ACCEPT_LANGUAGE="en")
        text = page.content.decode()
        assert str(ACTIONS["submit"].texts.button) in text
        assert str(ACTIONS["submit"].texts.help) in text
