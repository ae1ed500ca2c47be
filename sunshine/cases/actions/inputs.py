"""The typed input of each action on a case: what the API's body and the service accept besides
``action`` and ``date``. Types are checked here; the rules by the handlers, in the user's language."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, StrictInt


class ActionInput(BaseModel):
    """No fields: the actions that take only their date."""

    model_config = ConfigDict(extra="ignore")


class ReasonIn(ActionInput):
    reason: str | None = Field(None, max_length=2000, description="Why.")


class MissingItemIn(BaseModel):
    material: str = Field("", max_length=40, description="The key of the guide's material, if any.")
    reason: str = Field("", max_length=1000, description="What is missing or wrong, and what to add.")


class NotifyMissingIn(ActionInput):
    items: list[MissingItemIn | str] | None = Field(
        None, description="Every missing item at once: a text, or the material's key and the reason."
    )


class CompleteStepIn(ActionInput):
    step: str | None = Field(None, max_length=40, description="The key of the guide's step.")


class ExtendIn(ActionInput):
    working_days: StrictInt | None = Field(None, description="At most 10 working days, once.")
    reason: str | None = Field(None, max_length=2000)
    approved_by: int | str | None = Field(
        None, description="Who approved it: a signer or the disclosure office (user name or id)."
    )


class DecideIn(ActionInput):
    result: str | None = Field(None, description="`approved` or `denied`.")
    reasons: str | None = Field(None, max_length=20000, description="The reasons (required when denied).")
