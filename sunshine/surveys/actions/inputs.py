"""The typed inputs of the steps (the API's bodies are built from them)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class CloseEarlyInput(BaseModel):
    reason: str = Field(
        min_length=1, max_length=2000, description="why the survey closes before the date set"
    )


class ResultsInput(BaseModel):
    summary: str = Field("", max_length=20000, description="a word on the results (optional)")
