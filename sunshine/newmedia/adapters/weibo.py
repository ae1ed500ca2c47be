"""Weibo (微博): the record's title and portal link shared with ``statuses/share`` and the account's
access token. Errors come as ``{"error_code": N, "error": "..."}``: the common codes are said in
words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.newmedia.adapters import http
from sunshine.newmedia.adapters.base import Content, PlatformError, Sent

WEB = "https://weibo.com"
MAX_TEXT = 140  # characters, the link included

ERRORS = {
    10022: gettext_lazy("too many calls from this IP address"),
    10023: gettext_lazy("too many calls for this account"),
    20012: gettext_lazy("the text is too long"),
    20019: gettext_lazy("the same text was posted already"),
    21314: gettext_lazy("the access token has been used"),
    21315: gettext_lazy("the access token has expired"),
    21319: gettext_lazy("the access was revoked by the account"),
    21327: gettext_lazy("the access token has expired"),
    21332: gettext_lazy("invalid access token"),
}


def check(answer: Mapping[str, Any]) -> None:
    code = answer.get("error_code")
    if code in (None, 0):
        return
    words = ERRORS.get(code) if isinstance(code, int) else None
    raise PlatformError(
        _("Weibo error %(code)s: %(words)s")
        % {"code": code, "words": words or str(answer.get("error", ""))[:200]}
    )


def status_text(content: Content) -> str:
    """The title and the link, the title shortened to keep within the length Weibo allows."""
    room = MAX_TEXT - len(content.link) - 1
    title = content.title if len(content.title) <= room else content.title[: max(room - 1, 0)] + "…"
    return f"{title} {content.link}".strip()


def send(content: Content, credentials: Mapping[str, str], timeout: float) -> Sent:
    token = credentials.get("access_token", "")
    if not token:
        raise PlatformError(_("The account's credentials lack the access token."))
    base = str(settings.SUNSHINE_NEWMEDIA_WEIBO_URL).rstrip("/")
    answer = http.call(
        "POST",
        f"{base}/2/statuses/share.json",
        form={"access_token": token, "status": status_text(content)},
        timeout=timeout,
    )
    check(answer)
    post_id = str(answer.get("idstr") or answer.get("id") or "")
    user = answer.get("user") or {}
    uid = str(user.get("idstr") or user.get("id") or "") if isinstance(user, dict) else ""
    if not post_id:
        raise PlatformError(_("Weibo gave no id for the post."))
    return Sent(url=f"{WEB}/{uid}/{post_id}" if uid else "", note=_("post id %(id)s") % {"id": post_id})
