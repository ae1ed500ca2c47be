"""The body of ``POST …/actions`` of every workflow: one schema per declared action, told apart by
``action``, described in English in the OpenAPI document.

Each domain names its schemas (``CaseAcceptAction``, ``SurveyOpenStep`` …): the names are part of the
published OpenAPI document, so ``prefix`` and ``suffix`` keep them as they are.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Annotated, Any, Literal, Union

from django.utils import translation
from pydantic import BaseModel, Field, create_model

from sunshine.core.workflow import Action

DATE_DESCRIPTION = "The day of the step: today when left out, never in the future."


def action_body(
    action: Action[Any],
    *,
    prefix: str = "",
    suffix: str = "Action",
    dated: bool = True,
    extra: dict[str, Any] | None = None,
) -> type[BaseModel]:
    """The body of one action: ``action`` (its tag), ``date`` when the step is dated, ``extra``
    fields, and the action's declared input."""
    name = prefix + "".join(part.title() for part in action.name.split("_")) + suffix
    tag: Any = Literal[action.name]
    with translation.override("en"):
        button, help_text = str(action.texts.button), str(action.texts.help)
    fields: dict[str, Any] = {"action": (tag, Field(description=button))}
    if dated:
        fields["date"] = (datetime.date | None, Field(None, description=DATE_DESCRIPTION))
    fields.update(extra or {})
    model: type[BaseModel] = create_model(name, __base__=action.input, __doc__=help_text, **fields)
    return model


def action_union(actions: Iterable[Action[Any]], **options: Any) -> Any:
    """The annotation of an actions body: the union of :func:`action_body` of each action,
    discriminated by ``action``."""
    bodies = tuple(action_body(action, **options) for action in actions)
    return Annotated[Union[bodies], Field(discriminator="action")]  # noqa: UP007
