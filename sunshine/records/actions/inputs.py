"""The typed input of each record action. The checks that name a field in people's words (a reason
is required, at most so many characters) are the handlers', after the role and status checks, so
that a refusal for the person or the state comes first, as it always has."""

from __future__ import annotations

import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

MAX_REASON = 2000
MAX_SCHEDULE_DAYS = 366

Checklist = dict[str, bool] | list[str] | None


class SubmitInput(BaseModel):
    comments: str | None = ""


class ApproveInput(BaseModel):
    checklist: Checklist = None
    comments: str | None = ""


class ReturnInput(BaseModel):
    comments: str | None = ""
    checklist: Checklist = None


class SignInput(BaseModel):
    comments: str | None = ""


class PublishInput(BaseModel):
    backdate: datetime.datetime | None = None  # the system only: records published before the platform


class ScheduleInput(BaseModel):
    at: datetime.datetime


class WithdrawInput(BaseModel):
    reason: str | None = ""


class OverrideInput(BaseModel):
    digest: str
    reason: str | None = ""


class MaskInput(BaseModel):
    digest: str
    reason: str | None = ""


class EditInput(BaseModel):
    """The draft fields changed, by name (objects: the category, the issuing agencies …)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    fields: dict[str, Any] = {}
