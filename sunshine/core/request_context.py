"""Who is acting and from where, for the audit log, without passing the request into services."""

from __future__ import annotations

from contextvars import ContextVar

_client_ip: ContextVar[str | None] = ContextVar("sunshine_client_ip", default=None)
_site_url: ContextVar[str | None] = ContextVar("sunshine_site_url", default=None)


def set_client_ip(ip: str | None) -> object:
    return _client_ip.set(ip)


def reset_client_ip(token: object) -> None:
    _client_ip.reset(token)  # type: ignore[arg-type]  # the token came from set_client_ip


def client_ip() -> str | None:
    return _client_ip.get()


def set_site_url(url: str | None) -> object:
    return _site_url.set(url)


def reset_site_url(token: object) -> None:
    _site_url.reset(token)  # type: ignore[arg-type]  # the token came from set_site_url


def site_url() -> str | None:
    """The scheme and host the current web request came to (``https://gk.example.gov.cn``), for
    links in messages it causes; None outside a web request."""
    return _site_url.get()
