"""The typed inputs of the steps (the API's bodies are built from them)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from sunshine.solicitations.codes import Adoption


class CloseEarlyInput(BaseModel):
    reason: str = Field(min_length=1, max_length=2000, description="why comments close before the date set")


class FeedbackInput(BaseModel):
    summary: str = Field(min_length=1, max_length=20000, description="the feedback on the comments received")
    policy_index_number: str = Field(
        "", max_length=60, description="index number of the final policy, once it is published"
    )


class LinkPolicyInput(BaseModel):
    policy_index_number: str = Field(min_length=1, max_length=60)


class RejectInput(BaseModel):
    reason: str = Field(min_length=1, max_length=2000, description="why the comment is not published")


class AdoptionInput(BaseModel):
    adoption: Adoption
    reason: str = Field("", max_length=4000, description="the reasons; required unless adopted")
