"""``{% reply_to_faq_button letter %}``: the button that turns a replied letter's reply into a draft
common question, for the people who write common questions of the letter's agency."""

from __future__ import annotations

from typing import Any

from django import template

from sunshine.faq.actions import DRAFTER_ROLES
from sunshine.faq.selectors import may_act
from sunshine.faq.services import REPLIED_LETTER_STATUSES
from sunshine.letters.models import Letter

register = template.Library()


@register.inclusion_tag("backoffice/letters/_reply_to_faq.html", takes_context=True)
def reply_to_faq_button(context: dict[str, Any], letter: Letter) -> dict[str, Any]:
    request = context.get("request")
    shown = (
        request is not None
        and letter.status in REPLIED_LETTER_STATUSES
        and bool(letter.reply_text.strip())
        and may_act(request.user, letter.agency, DRAFTER_ROLES)
    )
    return {"shown": shown, "letter": letter, "csrf_token": context.get("csrf_token")}
