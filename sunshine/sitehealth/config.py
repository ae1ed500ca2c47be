"""The settings of website health (docs/sitehealth.md#settings), read when a command runs."""

from __future__ import annotations

from django.conf import settings

from sunshine.sitehealth.crawler import Limits


def base_url() -> str:
    return (settings.SUNSHINE_SITEHEALTH_BASE_URL or settings.SUNSHINE_SITE_URL).rstrip("/")


def limits() -> Limits:
    return Limits(
        max_pages=settings.SUNSHINE_SITEHEALTH_MAX_PAGES,
        max_depth=settings.SUNSHINE_SITEHEALTH_MAX_DEPTH,
        delay=settings.SUNSHINE_SITEHEALTH_DELAY_MS / 1000,
        timeout=float(settings.SUNSHINE_SITEHEALTH_TIMEOUT),
        user_agent=settings.SUNSHINE_SITEHEALTH_USER_AGENT,
        skip_prefixes=tuple(settings.SUNSHINE_SITEHEALTH_SKIP_PREFIXES),
    )


def dynamic_keys() -> frozenset[str]:
    return frozenset(settings.SUNSHINE_SITEHEALTH_DYNAMIC_KEYS)


def notice_policy_keys() -> frozenset[str]:
    return frozenset(settings.SUNSHINE_SITEHEALTH_NOTICE_POLICY_KEYS)


def blank_columns_veto() -> int:
    return int(settings.SUNSHINE_SITEHEALTH_BLANK_COLUMNS_VETO)
