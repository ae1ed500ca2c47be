"""One adapter per platform that takes posts through an API (docs/newmedia.md#cross-posting): WeChat
official accounts and Weibo. The other platforms are recorded as not supported."""

from __future__ import annotations

from sunshine.newmedia.adapters import wechat, weibo
from sunshine.newmedia.adapters.base import Adapter
from sunshine.newmedia.codes import Platform

ADAPTERS: dict[str, Adapter] = {Platform.WECHAT: wechat.send, Platform.WEIBO: weibo.send}


def adapter_for(platform: str) -> Adapter | None:
    return ADAPTERS.get(platform)
