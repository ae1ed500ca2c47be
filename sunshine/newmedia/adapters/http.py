"""The adapters' one way out: JSON over HTTP with the standard library. ``open_url`` is the transport
(the tests' guard replaces it to refuse any address but their local fake servers). Messages never
hold the address called: its query holds credentials."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from sunshine.newmedia.adapters.base import PlatformError

MAX_ANSWER = 1024 * 1024


def open_url(request: urllib.request.Request, timeout: float) -> tuple[int, bytes]:
    """Send ``request``; the HTTP status and body of the answer. PlatformError without one."""
    if not request.full_url.startswith(("https://", "http://")):
        raise PlatformError(_("The platform's address is not an http(s) address."))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 (checked above)
            return int(answer.status), answer.read(MAX_ANSWER)
    except urllib.error.HTTPError as exc:
        return int(exc.code), exc.read(MAX_ANSWER)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PlatformError(
            _("The platform could not be reached: %(reason)s") % {"reason": str(reason)[:200]}
        ) from exc


def call(
    method: str,
    url: str,
    *,
    timeout: float,
    params: Mapping[str, str] | None = None,
    json_body: Any = None,
    form: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """One call; the JSON object answered (whatever the HTTP status: the platforms put their errors
    in it). PlatformError when nothing, or no JSON object, comes back."""
    if params:
        url = f"{url}?{urlencode(params)}"
    headers = {"Accept": "application/json"}
    data: bytes | None = None
    if json_body is not None:
        data = json.dumps(json_body, ensure_ascii=False).encode("utf-8")
        headers["Content-Type"] = "application/json; charset=utf-8"
    elif form is not None:
        data = urlencode(form).encode("utf-8")
        headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)  # noqa: S310 (open_url checks)
    status, body = open_url(request, timeout)
    try:
        answer = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        answer = None
    if not isinstance(answer, dict):
        raise PlatformError(
            _("The platform answered HTTP %(status)s without a JSON object.") % {"status": status}
        )
    return answer
