"""Sending a message to a member of the public: one interface, two channels (docs/operations.md,
Messages). E-mail goes through Django's mail backend; text messages (SMS) through the backend named
by ``SUNSHINE_SMS_BACKEND``:

- ``log`` (the default, and the demo's): the message is written to the log, nothing leaves;
- ``http``: a provider's HTTP API, ``POST SUNSHINE_SMS_URL`` with the JSON
  ``{"to", "text", "sender"}`` and the header ``Authorization: Bearer SUNSHINE_SMS_TOKEN``; any
  answer other than 2xx, or no answer within ``SUNSHINE_SMS_TIMEOUT`` seconds, is a failure.

A failure raises ``SendFailed`` with a short reason the caller keeps (never the message's text).
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.core.mail import send_mail

log = logging.getLogger(__name__)


class SendFailed(Exception):
    """The message did not go out; ``str(exc)`` says why, briefly."""


def send_email(to: str, subject: str, body: str) -> None:
    try:
        send_mail(subject, body, None, [to])
    except Exception as exc:  # the mail server's failures come in many classes (SMTP, socket, TLS)
        raise SendFailed(f"{type(exc).__name__}: {exc}"[:300]) from exc


def _sms_log(to: str, text: str) -> None:
    log.info(
        "Text message to %s…%s (%s characters), not sent: SUNSHINE_SMS_BACKEND=log",
        to[:3],
        to[-2:],
        len(text),
    )


def _sms_http(to: str, text: str) -> None:
    url = getattr(settings, "SUNSHINE_SMS_URL", "")
    if not url.startswith(("https://", "http://")):
        raise SendFailed("SUNSHINE_SMS_URL is not set to an http(s) address")
    body = json.dumps({"to": to, "text": text, "sender": settings.SITE_NAME}, ensure_ascii=False).encode()
    request = urllib.request.Request(  # noqa: S310 (an http(s) address, checked above)
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "Authorization": f"Bearer {getattr(settings, 'SUNSHINE_SMS_TOKEN', '')}",
        },
    )
    timeout = float(getattr(settings, "SUNSHINE_SMS_TIMEOUT", 10))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 (checked above)
            status = answer.status
    except urllib.error.HTTPError as exc:
        raise SendFailed(f"the SMS provider answered {exc.code}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise SendFailed(f"the SMS provider could not be reached: {exc}"[:300]) from exc
    if not 200 <= status < 300:
        raise SendFailed(f"the SMS provider answered {status}")


SMS_BACKENDS = {"log": _sms_log, "http": _sms_http}


def send_sms(to: str, text: str) -> None:
    name = getattr(settings, "SUNSHINE_SMS_BACKEND", "log")
    backend = SMS_BACKENDS.get(name)
    if backend is None:
        raise SendFailed(f"unknown SUNSHINE_SMS_BACKEND {name!r}")
    backend(to, text)
