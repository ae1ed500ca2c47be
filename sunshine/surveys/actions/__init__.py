"""The steps of a survey, declared for the workflow kernel."""

from sunshine.surveys.actions.declarations import WORKFLOW

__all__ = ["WORKFLOW"]
