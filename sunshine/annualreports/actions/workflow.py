"""The annual report's review, sign-off and publication as kernel actions (docs/workflows.md).

The disclosure office submits the draft, a reviewer approves it (or a reviewer or signer returns it
with comments), the signer signs it off and the disclosure office publishes it. There is no history
model: the audit log (``annualreport.<action>``) is the report's history.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.agencies.models import Agency
from sunshine.annualreports import selectors
from sunshine.annualreports.actions.handlers import keep_comments
from sunshine.annualreports.actions.inputs import CommentsIn, ReturnIn
from sunshine.annualreports.actions.publish import publish
from sunshine.annualreports.actions.roles import (
    DRAFTER_ROLES,
    PUBLISHER_ROLES,
    RETURN_ROLES,
    REVIEWER_ROLES,
    SIGNER_ROLES,
)
from sunshine.annualreports.actions.snapshot import snapshot
from sunshine.annualreports.models import AnnualReportDraft, ReportStatus
from sunshine.core.workflow import Action, AnyUser, Texts, Workflow

ACTIONS: dict[str, Action[AnnualReportDraft]] = {
    "submit": Action(
        name="submit",
        allowed_from=frozenset({ReportStatus.DRAFT}),
        to=ReportStatus.SUBMITTED,
        roles=DRAFTER_ROLES,
        texts=Texts(
            button=gettext_lazy("Submit for review"),
            history=gettext_lazy("Submitted the annual report for review"),
            help=gettext_lazy(
                "The disclosure office sends the draft to a reviewer. Departments must publish the "
                "report on the previous year by 31 January and governments by 31 March "
                "(条例 Art. 49); leave time for review and sign-off."
            ),
        ),
        handler=keep_comments,
        input=CommentsIn,
    ),
    "return": Action(
        name="return",
        allowed_from=frozenset({ReportStatus.SUBMITTED, ReportStatus.APPROVED}),
        to=ReportStatus.DRAFT,
        roles=RETURN_ROLES,
        texts=Texts(
            button=gettext_lazy("Return to the drafter"),
            history=gettext_lazy("Returned the annual report to the drafter"),
            help=gettext_lazy(
                "A reviewer or the signer sends the report back as a draft and says what has to "
                "change; the disclosure office corrects it and submits it again. The deadline of "
                "条例 Art. 49 does not move."
            ),
        ),
        handler=keep_comments,
        input=ReturnIn,
    ),
    "approve": Action(
        name="approve",
        allowed_from=frozenset({ReportStatus.SUBMITTED}),
        to=ReportStatus.APPROVED,
        roles=REVIEWER_ROLES,
        texts=Texts(
            button=gettext_lazy("Approve"),
            history=gettext_lazy("Approved the annual report"),
            help=gettext_lazy(
                "The reviewer confirms that the report covers what 条例 Art. 50 requires, in the "
                "national format, and that its figures check; it then goes to the signer."
            ),
        ),
        handler=keep_comments,
        input=CommentsIn,
    ),
    "sign": Action(
        name="sign",
        allowed_from=frozenset({ReportStatus.APPROVED}),
        to=ReportStatus.SIGNED,
        roles=SIGNER_ROLES,
        texts=Texts(
            button=gettext_lazy("Sign off"),
            history=gettext_lazy("Signed off the annual report"),
            help=gettext_lazy(
                "The signer approves the report on behalf of the agency; the disclosure office can "
                "then publish it (条例 Art. 49)."
            ),
        ),
        handler=keep_comments,
        input=CommentsIn,
    ),
    "publish": Action(
        name="publish",
        allowed_from=frozenset({ReportStatus.SIGNED}),
        to=ReportStatus.PUBLISHED,
        roles=PUBLISHER_ROLES,
        texts=Texts(
            button=gettext_lazy("Publish"),
            history=gettext_lazy("Published the annual report"),
            help=gettext_lazy(
                "Publishes the report as a record of the agency's annual-report category, with an "
                "index number, and freezes its tables: later corrections do not change it. "
                "条例 Art. 49: departments publish by 31 January, governments by 31 March of the "
                "following year."
            ),
        ),
        handler=publish,
        input=CommentsIn,
    ),
}


def _may_act(user: AnyUser, agency: Agency, roles: Iterable[str]) -> bool:
    # Looked up when called: the selectors import the roles of this package.
    return selectors.may_act(user, agency, roles)


def _not_allowed(draft: AnnualReportDraft, action: Action[AnnualReportDraft]) -> str:
    return _("“%(action)s” is not possible while the report is “%(status)s”.") % {
        "action": action.texts.button,
        "status": draft.get_status_display(),
    }


WORKFLOW: Workflow[AnnualReportDraft] = Workflow(
    name="annualreport",
    actions=ACTIONS,
    agency_of=lambda draft: draft.agency,
    may_act=_may_act,
    snapshot=snapshot,
    not_allowed_code="action_not_allowed",
    not_allowed_message=_not_allowed,
)
