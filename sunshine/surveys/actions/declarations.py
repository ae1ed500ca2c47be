"""Every step of a survey, declared once for the workflow kernel (docs/surveys.md).

draft → published (open between ``opens_at`` and ``closes_at``, then closed; it may be closed early)
→ results published.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sunshine.core.workflow import Action, Texts, Workflow
from sunshine.surveys.actions import handlers
from sunshine.surveys.actions.inputs import CloseEarlyInput, ResultsInput
from sunshine.surveys.codes import Status
from sunshine.surveys.models import Survey
from sunshine.surveys.roles import PUBLISHER_ROLES, may_act

ACTIONS: dict[str, Action[Survey]] = {
    "publish": Action(
        "publish",
        frozenset({Status.DRAFT}),
        Status.PUBLISHED,
        PUBLISHER_ROLES,
        Texts(
            button=_("Publish the survey"),
            history=_("Survey published"),
            help=_("The survey becomes public; answers are taken from the opening to the closing time."),
            public=_("Survey published"),
        ),
        handlers.publish,
    ),
    "close_early": Action(
        "close_early",
        frozenset({Status.PUBLISHED}),
        None,
        PUBLISHER_ROLES,
        Texts(
            button=_("Close the survey early"),
            history=_("Survey closed early"),
            help=_("No more answers are taken from now on; the reason is shown on the public page."),
            public=_("Survey closed early"),
        ),
        handlers.close_early,
        CloseEarlyInput,
    ),
    "publish_results": Action(
        "publish_results",
        frozenset({Status.PUBLISHED}),
        Status.RESULTS_PUBLISHED,
        PUBLISHER_ROLES,
        Texts(
            button=_("Publish the results"),
            history=_("Survey results published"),
            help=_("After the survey has closed: the counts, the charts and the text answers, masked."),
            public=_("Results published"),
        ),
        handlers.publish_results,
        ResultsInput,
    ),
}

WORKFLOW: Workflow[Survey] = Workflow(
    name="survey",
    actions=ACTIONS,
    agency_of=handlers.agency_of,
    may_act=may_act,
    snapshot=handlers.snapshot,
    lock=handlers.lock,
    history_entries={
        "create": Texts(
            button=_("New survey"),
            history=_("Survey drafted"),
            help=_("A questionnaire with its questions and its period."),
        ),
        "edit": Texts(
            button=_("Change the survey"),
            history=_("Survey draft changed"),
            help=_("The title, the introduction, the period or the questions of a draft."),
        ),
        "respond": Texts(
            button=_("Send your answers"),
            history=_("Survey answered"),
            help=_("A citizen's answers, taken while the survey is open."),
        ),
    },
)
