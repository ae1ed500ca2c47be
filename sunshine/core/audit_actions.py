"""The audit actions in words: one registry of every code the audit log may hold.

Two sources, each code listed once:

- the steps of the procedures, declared on the workflow kernel: each :class:`~sunshine.core.workflow.
  Workflow` registers itself here when it is built, its codes ``<workflow>.<action>`` read in the
  words of the action's staff history line (``Texts.history``), and likewise the other entries of its
  history it declares (``history_entries``);
- every other code a service writes with ``audit.record``, in ``LABELS`` below, grouped by domain.

An unlabelled code is a mistake: the test settings make ``audit.record`` refuse one
(``SUNSHINE_AUDIT_STRICT``), and ``tests/core/test_audit_actions.py`` reads the source for every code
passed to it. In production an unlabelled code is written all the same, logged, and shown as it is.

``core`` imports no domain app: the codes below are text, and the workflows are found by importing
each installed app's ``actions`` module, the place a domain declares its workflow.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)

Text = str | Promise

# The domains, by the first part of the code, in the order the audit page lists them.
DOMAINS: dict[str, Text] = {
    "inforequest": _("Requests for information"),
    "inforequest_reply": _("Requests for information"),
    "record": _("Records"),
    "records": _("Records"),
    "annualreport": _("Annual reports"),
    "bulletin": _("Government bulletin"),
    "solicitation": _("Opinion solicitations"),
    "solicitation_comment": _("Opinion solicitations"),
    "survey": _("Surveys"),
    "letter": _("Letters"),
    "letter_reply": _("Letters"),
    "letter_template": _("Letters"),
    "faq": _("Common questions"),
    "opendays": _("Open days"),
    "eservice": _("Services online"),
    "case": _("Service cases"),
    "supervision": _("Electronic supervision"),
    "supervision_notice": _("Electronic supervision"),
    "evaluation": _("Service evaluations"),
    "rectification": _("Service evaluations"),
    "inspection": _("Inspections"),
    "oversight": _("Assessment and ranking"),
    "inspection_rectification": _("Inspections"),
    "newmedia_account": _("New-media accounts"),
    "calendar": _("Working-day calendar"),
    "agency": _("Agencies and people"),
    "membership": _("Agencies and people"),
    "account": _("Agencies and people"),
    "onboarding": _("Imports from files"),
    "api_token": _("API tokens"),
    "second_factor": _("Second factor (TOTP)"),
    "generate": _("Test data"),
}

# Rows of these domains concern every agency: every reader of the audit log sees them, whatever
# their tree (the calendar counts every deadline of every agency).
SHARED_DOMAINS = frozenset({"calendar"})

# Codes written by services outside the workflow kernel. The kernel's codes are not listed here.
LABELS: dict[str, Text] = {
    # Agencies and people
    "agency.create": _("Agency created"),
    "agency.update": _("Agency details changed"),
    "membership.grant": _("Role granted"),
    "membership.revoke": _("Role withdrawn"),
    "account.create": _("Staff account created and invited to set a password"),
    "account.update": _("Staff account's name or e-mail changed"),
    "account.invite": _("Invitation to set a password sent again"),
    # Imports from files (docs/onboarding.md): one entry per run, with its counts
    "onboarding.import": _("Import from a file run"),
    # Requests for information (the steps of the procedure are the workflow's)
    "inforequest.assign": _("Request assigned"),
    "inforequest.renew_key": _("New query key issued to the applicant"),
    "inforequest.review.add": _("Administrative review or lawsuit recorded"),
    "inforequest.document": _("Notice to the applicant produced"),
    "inforequest.export": _("Request list exported"),
    "inforequest.import": _("Past request imported for the annual report"),
    "inforequest.reminders": _("Reminders of due and overdue requests sent to officers"),
    "inforequest.settings": _("Request settings of the agency changed"),
    "inforequest_reply.edit": _("Reply draft edited"),
    "inforequest_reply.add_files": _("Files added to the reply"),
    "inforequest_reply.remove_file": _("File removed from the reply"),
    # Letters (the steps of the procedure and of the reply's review are the workflows')
    "letter_reply.edit": _("Reply to a letter edited"),
    "letter_template.create": _("Reply template for letters added"),
    "letter_template.change": _("Reply template for letters changed"),
    "letter_template.deactivate": _("Reply template for letters deactivated"),
    # Records (the steps of review and publication are the workflow's)
    "record.import": _("Records imported from a file"),
    "record.create": _("Record drafted"),
    "record.attach": _("Attachment added"),
    "record.detach": _("Attachment removed"),
    "record.validity": _("Validity changed"),
    "record.confirm_due_date": _("Publication deadline confirmed on the published calendar"),
    "records.category.create": _("Catalogue category added"),
    "records.category.update": _("Catalogue category changed"),
    # Government bulletin (政府公报; docs/bulletins.md)
    "bulletin.create": _("Bulletin issue drafted"),
    "bulletin.add_entry": _("Record added to a bulletin issue"),
    "bulletin.remove_entry": _("Record removed from a bulletin issue"),
    "bulletin.move_entry": _("Record moved in a bulletin issue's contents"),
    "bulletin.publish": _("Bulletin issue published with its PDF"),
    # Annual reports
    "annualreport.open": _("Annual report draft opened"),
    "annualreport.edit": _("Annual report draft edited"),
    # Letters (the steps of the procedure and the merge of a duplicate are the workflow's)
    "letter.flag": _("Letter flagged for moderation (duplicate or abusive)"),
    "letter.clear_flag": _("Letter's moderation flag cleared"),
    # Common questions (the steps of review and publication are the workflow's)
    "faq.create": _("Common question drafted"),
    "faq.edit": _("Common question edited"),
    "faq.from_letter": _("Common question drafted from a letter's reply"),
    # Service guides (网上办事; the steps of review and publication are the workflow's)
    "eservice.create": _("Service item created with its first guide version"),
    "eservice.edit": _("Service guide draft edited"),
    "eservice.new_version": _("New service guide version started from the published one"),
    "eservice.add_file": _("Blank form or sample of a service material added"),
    "eservice.remove_file": _("Blank form or sample of a service material removed"),
    # Service cases (the steps of the procedure are the workflow's)
    "case.add_material": _("File of a case material sent by the applicant"),
    # Electronic supervision (the steps of a notice are the workflow's)
    "supervision.level": _("Supervision level of a case changed by the sweep"),
    # Service evaluation (好差评; the steps of a rectification are the workflow's)
    "evaluation.rate": _("Case rated by the applicant"),
    "evaluation.append": _("Appended rating of a case by the applicant"),
    "evaluation.window_rate": _("Counter rated anonymously through its QR code"),
    # Open days
    "opendays.create": _("Open day drafted"),
    "opendays.publish": _("Open day published"),
    "opendays.cancel": _("Open day cancelled"),
    "opendays.held": _("Open day marked held"),
    "opendays.report": _("Open day report drafted as a record"),
    "opendays.register": _("Registration for an open day"),
    "opendays.cancel_registration": _("Registration for an open day cancelled"),
    "opendays.export": _("Registrations for an open day exported"),
    # Assessment and ranking (监督考核)
    "oversight.scheme_create": _("Assessment scheme created"),
    "oversight.scheme_version": _("New version of an assessment scheme saved"),
    "oversight.ranking_publish": _("Ranking published"),
    # Working-day calendar
    "calendar.publish_year": _("Calendar year published"),
    "calendar.check": _("Calendar package checked for newly published years"),
    # API tokens
    "api_token.issue": _("API token issued"),
    "api_token.revoke": _("API token revoked"),
    # The second factor (docs/security.md#second-factor)
    "second_factor.enrol": _("Second factor (authenticator app) set up"),
    "second_factor.remove": _("Second factor removed"),
    "second_factor.fail": _("Wrong second-factor code given"),
    "second_factor.recovery_used": _("Recovery code used to sign in"),
    # Test data (the generate command)
    "generate.agencies": _("Synthetic agencies generated"),
    "generate.records": _("Synthetic records generated"),
}


class UnlabelledAuditAction(ImproperlyConfigured):
    """An audit row was written with a code that has no label here."""


@dataclass(frozen=True)
class AuditAction:
    code: str
    label: Text

    @property
    def domain(self) -> str:
        return self.code.split(".", 1)[0]

    @property
    def domain_label(self) -> str:
        return str(DOMAINS.get(self.domain, self.domain))


_workflow_labels: dict[str, dict[str, Text]] = {}
_discovered: list[bool] = []


def register_workflow(name: str, labels: Mapping[str, Text]) -> None:
    """Record the codes of workflow ``name``: its action and history-entry names with their words.
    Called by ``Workflow`` when it is built."""
    _workflow_labels[name] = {f"{name}.{action}": label for action, label in labels.items()}


def discover_workflows() -> None:
    """Import, once, every installed app's ``actions`` module and the URLs (the pages, their services
    and so every workflow a page may take), so that each workflow is registered."""
    if _discovered:
        return
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "actions"):
            import_module(f"{config.name}.actions")
    import_module(settings.ROOT_URLCONF)
    _discovered.append(True)


def workflow_labels() -> dict[str, Text]:
    discover_workflows()
    return {code: label for labels in _workflow_labels.values() for code, label in labels.items()}


def all_actions() -> dict[str, AuditAction]:
    """Every labelled code: the workflows' and ``LABELS``."""
    merged = {**workflow_labels(), **LABELS}
    return {code: AuditAction(code, label) for code, label in merged.items()}


def is_known(code: str) -> bool:
    return code in LABELS or code in workflow_labels()


def label_of(code: str) -> str:
    """The code in words; the code itself when nobody labelled it (an old row, a mistake)."""
    found = LABELS.get(code) or workflow_labels().get(code)
    return str(found) if found is not None else code


def domain_label_of(code: str) -> str:
    return AuditAction(code, code).domain_label


def check_known(code: str) -> None:
    """Refuse (strict, in tests) or log an unlabelled code."""
    if is_known(code):
        return
    message = f"The audit action {code!r} has no label: add it to sunshine/core/audit_actions.py (LABELS)."
    if getattr(settings, "SUNSHINE_AUDIT_STRICT", False):
        raise UnlabelledAuditAction(message)
    log.warning(message)


def grouped_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The codes in words for a select list, grouped by domain (in ``DOMAINS`` order), each group
    sorted by its words."""
    order = {label: n for n, label in enumerate(dict.fromkeys(str(v) for v in DOMAINS.values()))}
    groups: dict[str, list[tuple[str, str]]] = {}
    for action in all_actions().values():
        groups.setdefault(action.domain_label, []).append((action.code, str(action.label)))
    return [
        (group, sorted(groups[group], key=lambda choice: choice[1]))
        for group in sorted(groups, key=lambda g: (order.get(g, len(order)), g))
    ]


def shared_rows() -> Q:
    """The rows every reader of the audit log sees (``SHARED_DOMAINS``)."""
    condition = Q(pk__in=[])
    for domain in sorted(SHARED_DOMAINS):
        condition |= Q(action__startswith=f"{domain}.")
    return condition
