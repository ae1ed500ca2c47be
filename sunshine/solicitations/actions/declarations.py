"""Every step of a solicitation and of its comments, declared once for the workflow kernel
(docs/workflows.md, docs/solicitations.md).

A solicitation: draft → published (open between ``opens_at`` and ``closes_at``, then closed; it may
be closed early) → feedback published. A comment: awaiting moderation → published (its personal data
masked) or not published (with the reason); a published comment is then marked adopted, partly
adopted or not adopted, with the reasons, until the feedback is published.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sunshine.core.workflow import Action, Texts, Workflow
from sunshine.solicitations.actions import handlers
from sunshine.solicitations.actions.inputs import (
    AdoptionInput,
    CloseEarlyInput,
    FeedbackInput,
    LinkPolicyInput,
    RejectInput,
)
from sunshine.solicitations.codes import CommentStatus, Status
from sunshine.solicitations.models import Comment, Solicitation
from sunshine.solicitations.roles import MODERATOR_ROLES, PUBLISHER_ROLES, may_act

ACTIONS: dict[str, Action[Solicitation]] = {
    "publish": Action(
        "publish",
        frozenset({Status.DRAFT}),
        Status.PUBLISHED,
        PUBLISHER_ROLES,
        Texts(
            button=_("Publish for comment"),
            history=_("Solicitation published for comment"),
            help=_(
                "The draft, its explanation and the comment period become public; comments are taken "
                "from the opening to the closing time."
            ),
            public=_("Published for comment"),
        ),
        handlers.publish,
    ),
    "close_early": Action(
        "close_early",
        frozenset({Status.PUBLISHED}),
        None,
        PUBLISHER_ROLES,
        Texts(
            button=_("Close comments early"),
            history=_("Comment period closed early"),
            help=_("No more comments are taken from now on; the reason is shown on the public page."),
            public=_("Comment period closed early"),
        ),
        handlers.close_early,
        CloseEarlyInput,
    ),
    "publish_feedback": Action(
        "publish_feedback",
        frozenset({Status.PUBLISHED}),
        Status.FEEDBACK_PUBLISHED,
        PUBLISHER_ROLES,
        Texts(
            button=_("Publish the feedback"),
            history=_("Feedback on the comments published"),
            help=_(
                "After the comment period: how the comments were taken up (采纳情况), each published "
                "comment adopted, partly adopted or not adopted with the reasons."
            ),
            public=_("Feedback published"),
        ),
        handlers.publish_feedback,
        FeedbackInput,
    ),
    "link_policy": Action(
        "link_policy",
        frozenset({Status.PUBLISHED, Status.FEEDBACK_PUBLISHED}),
        None,
        PUBLISHER_ROLES,
        Texts(
            button=_("Link the final policy"),
            history=_("Final policy linked"),
            help=_("The index number of the policy document published at the end of the solicitation."),
        ),
        handlers.link_policy,
        LinkPolicyInput,
    ),
}

WORKFLOW: Workflow[Solicitation] = Workflow(
    name="solicitation",
    actions=ACTIONS,
    agency_of=handlers.agency_of,
    may_act=may_act,
    snapshot=handlers.snapshot,
    lock=handlers.lock,
    history_entries={
        "create": Texts(
            button=_("New solicitation"),
            history=_("Solicitation drafted"),
            help=_("A draft put out for public comment, with its explanation and its comment period."),
        ),
        "edit": Texts(
            button=_("Change the draft"),
            history=_("Solicitation draft changed"),
            help=_("The title, the text, the explanation or the comment period of a draft."),
        ),
    },
)

COMMENT_ACTIONS: dict[str, Action[Comment]] = {
    "approve": Action(
        "approve",
        frozenset({CommentStatus.PENDING}),
        CommentStatus.APPROVED,
        MODERATOR_ROLES,
        Texts(
            button=_("Publish the comment"),
            history=_("Comment approved for publication"),
            help=_(
                "The comment is shown on the public page with personal data masked; the contact is never "
                "shown."
            ),
        ),
        handlers.approve,
    ),
    "reject": Action(
        "reject",
        frozenset({CommentStatus.PENDING}),
        CommentStatus.REJECTED,
        MODERATOR_ROLES,
        Texts(
            button=_("Do not publish"),
            history=_("Comment not published"),
            help=_("The comment is kept for the record but not shown, with the reason."),
        ),
        handlers.reject,
        RejectInput,
    ),
    "mark_adoption": Action(
        "mark_adoption",
        frozenset({CommentStatus.APPROVED}),
        None,
        MODERATOR_ROLES,
        Texts(
            button=_("Record the adoption"),
            history=_("Adoption of a comment recorded"),
            help=_("Adopted, partly adopted or not adopted, with the reasons, for the published feedback."),
        ),
        handlers.mark_adoption,
        AdoptionInput,
    ),
}

COMMENT_WORKFLOW: Workflow[Comment] = Workflow(
    name="solicitation_comment",
    actions=COMMENT_ACTIONS,
    agency_of=handlers.comment_agency,
    may_act=may_act,
    snapshot=handlers.comment_snapshot,
    lock=handlers.lock_comment,
    check=handlers.check_comment,
    history_entries={
        "submit": Texts(
            button=_("Send your comment"),
            history=_("Comment received"),
            help=_("A comment sent during the comment period; it is published after moderation."),
        ),
    },
)
