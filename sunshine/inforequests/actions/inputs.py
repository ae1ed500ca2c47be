"""The typed input of each action on a request: what the API's body, the staff form and the service
accept besides ``action`` and ``date``. The types are checked here; the rules (ranges, what is
required for which outcome) are checked by the handlers, with messages in the user's language."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from sunshine.inforequests.codes import FeeMethod


class ActionInput(BaseModel):
    """No fields: the actions that take only their date."""

    model_config = ConfigDict(extra="ignore")


class RequestCorrectionIn(ActionInput):
    items: list[str] | None = Field(None, description="Every item the applicant must correct (条例 Art. 30).")
    period_working_days: StrictInt | None = Field(None, description="The period for the correction.")


class ReceiveCorrectionIn(ActionInput):
    text: str | None = Field(None, max_length=5000, description="The correction, as the applicant wrote it.")
    file_ids: list[int] | None = Field(None, description="Files the applicant sent with it (stored first).")
    online: bool | None = Field(None, description="Sent by the applicant on the portal or through the API.")


class StartConsultationIn(ActionInput):
    party: Literal["third_party", "agency"] | None = Field(
        None, description="A third party (Art. 32) or another agency (Art. 34)."
    )


class ExtendIn(ActionInput):
    working_days: StrictInt | None = Field(None, description="At most 20 working days, once (Art. 33).")
    reason: str | None = Field(None, max_length=2000)
    approver: int | str | None = Field(
        None, description="Who approved it: a signer or the disclosure office (user name or id)."
    )
    approved_by: str | None = Field(None, max_length=100, description="The approver's name as shown.")


class ReplyIn(ActionInput):
    outcome: str | None = Field(None, description="The outcome of the reply (条例 Art. 36).")
    reasons: str | None = Field(None, max_length=10000)
    detail: dict[str, Any] | None = None


class WithdrawIn(ActionInput):
    by_applicant: bool | None = Field(None, description="Whether the applicant withdrew it (default: yes).")


class NotifyFeeIn(ActionInput):
    method: FeeMethod | None = Field(None, description="`per_application` or `per_page` (条例 Art. 42).")
    pages: StrictInt | None = Field(None, description="For a fee per page: the number of pages.")
