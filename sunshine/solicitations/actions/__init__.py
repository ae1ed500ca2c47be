"""The steps of a solicitation and of its comments, declared for the workflow kernel."""

from sunshine.solicitations.actions.declarations import COMMENT_WORKFLOW, WORKFLOW

__all__ = ["COMMENT_WORKFLOW", "WORKFLOW"]
