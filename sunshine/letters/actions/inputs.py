"""The typed input of each action on a letter: what the API's body and the service accept besides
``action`` and ``date``. Types are checked here; the rules by the handlers, in the user's language."""

from __future__ import annotations

import datetime

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt


class ActionInput(BaseModel):
    """No fields: the actions that take only their date."""

    model_config = ConfigDict(extra="ignore")


class TransferIn(ActionInput):
    to_agency: str | None = Field(None, max_length=40, description="The code of the receiving agency.")
    reason: str | None = Field(None, max_length=2000, description="Why it belongs to that agency.")


class ReturnIn(ActionInput):
    reason: str | None = Field(None, max_length=2000, description="Why the letter is not handled.")


class RequestInfoIn(ActionInput):
    items: list[str] | None = Field(None, description="Every item the writer must add.")


class ReceiveInfoIn(ActionInput):
    text: str | None = Field(None, max_length=5000, description="The writer's answer.")


class ExtendIn(ActionInput):
    working_days: StrictInt | None = Field(None, description="At most 15 working days, once.")
    reason: str | None = Field(None, max_length=2000)
    approver: int | str | None = Field(
        None, description="Who approved it: a signer or the disclosure office (user name or id)."
    )


class ReplyIn(ActionInput):
    text: str | None = Field(None, max_length=20000, description="The reply to the writer.")
    publish: StrictBool = Field(
        False, description="Publish the letter and its reply (only with the writer's consent)."
    )


class SuperviseIn(ActionInput):
    note: str | None = Field(None, max_length=2000, description="What the supervisor asks for.")
    due_on: datetime.date | None = Field(None, description="The day the supervisor expects the answer.")
