"""The typed input of the report's steps: the reviewer's or drafter's comments."""

from __future__ import annotations

from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field, field_validator

COMMENTS_MAX_LENGTH = 4000


class CommentsIn(BaseModel):
    """Comments kept on the report (``review_comments``) and in the audit entry; optional."""

    model_config = ConfigDict(str_strip_whitespace=True)

    comments: str = Field(default="", max_length=COMMENTS_MAX_LENGTH)


class ReturnIn(CommentsIn):
    """Returning the report to the drafter says what has to change."""

    @field_validator("comments")
    @classmethod
    def _say_what_has_to_change(cls, value: str) -> str:
        if not value:
            raise ValueError(_("Say what has to change before the report is returned."))
        return value
