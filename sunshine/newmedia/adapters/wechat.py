"""WeChat official accounts (微信公众号): an access token from the AppID and AppSecret, the record as a
draft article (``draft/add``), published with ``freepublish/submit``; ``freepublish/get`` gives the
article's address once it is out. Errors come as ``{"errcode": N, "errmsg": "..."}``: the common
codes are said in words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.newmedia.adapters import http
from sunshine.newmedia.adapters.base import Content, PlatformError, Sent

ERRORS = {
    -1: gettext_lazy("the platform is busy; it is tried again later"),
    40001: gettext_lazy("invalid credential: the AppSecret is wrong or the access token has expired"),
    40013: gettext_lazy("invalid AppID"),
    40125: gettext_lazy("invalid AppSecret"),
    40164: gettext_lazy("this server's IP address is not on the account's IP whitelist"),
    40007: gettext_lazy("invalid media id (the cover image)"),
    42001: gettext_lazy("the access token has expired"),
    45009: gettext_lazy("the daily limit of API calls is reached"),
    48001: gettext_lazy("the account is not authorised for this API"),
    53503: gettext_lazy("the draft cannot be published"),
}


def check(answer: Mapping[str, Any]) -> None:
    code = answer.get("errcode")
    if code in (None, 0):
        return
    words = ERRORS.get(code) if isinstance(code, int) else None
    raise PlatformError(
        _("WeChat error %(code)s: %(words)s")
        % {"code": code, "words": words or str(answer.get("errmsg", ""))[:200]}
    )


def _base() -> str:
    return str(settings.SUNSHINE_NEWMEDIA_WECHAT_URL).rstrip("/")


def access_token(credentials: Mapping[str, str], timeout: float) -> str:
    appid, secret = credentials.get("appid", ""), credentials.get("secret", "")
    if not appid or not secret:
        raise PlatformError(_("The account's credentials lack the AppID or the AppSecret."))
    answer = http.call(
        "GET",
        f"{_base()}/cgi-bin/token",
        params={"grant_type": "client_credential", "appid": appid, "secret": secret},
        timeout=timeout,
    )
    check(answer)
    token = answer.get("access_token")
    if not isinstance(token, str) or not token:
        raise PlatformError(_("WeChat gave no access token."))
    return token


def send(content: Content, credentials: Mapping[str, str], timeout: float) -> Sent:
    token = access_token(credentials, timeout)
    auth = {"access_token": token}
    article = {
        "title": content.title[:64],
        "author": "",
        "digest": content.digest[:120],
        "content": content.html,
        "content_source_url": content.link,
        "thumb_media_id": credentials.get("thumb_media_id", ""),
        "need_open_comment": 0,
        "only_fans_can_comment": 0,
    }
    draft = http.call(
        "POST",
        f"{_base()}/cgi-bin/draft/add",
        params=auth,
        json_body={"articles": [article]},
        timeout=timeout,
    )
    check(draft)
    media_id = draft.get("media_id")
    if not media_id:
        raise PlatformError(_("WeChat gave no media id for the draft."))
    submitted = http.call(
        "POST",
        f"{_base()}/cgi-bin/freepublish/submit",
        params=auth,
        json_body={"media_id": media_id},
        timeout=timeout,
    )
    check(submitted)
    publish_id = str(submitted.get("publish_id", ""))
    note = _("publish id %(id)s") % {"id": publish_id}
    status = http.call(
        "POST",
        f"{_base()}/cgi-bin/freepublish/get",
        params=auth,
        json_body={"publish_id": publish_id},
        timeout=timeout,
    )
    check(status)
    items = (status.get("article_detail") or {}).get("item") or []
    url = next((str(i.get("article_url")) for i in items if isinstance(i, dict) and i.get("article_url")), "")
    if not url:
        note = _("submitted for publication, publish id %(id)s") % {"id": publish_id}
    return Sent(url=url, note=note)
