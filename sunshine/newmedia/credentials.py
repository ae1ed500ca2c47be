"""The accounts' credentials for the platforms' APIs (docs/newmedia.md#credentials), never in the
database: ``SUNSHINE_NEWMEDIA_CREDENTIALS`` (a local settings module) and the JSON file named by
``SUNSHINE_NEWMEDIA_CREDENTIALS_FILE``, each an object keyed by the account's id on the platform."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from sunshine.newmedia.adapters.base import PlatformError


def _from_file(path: str) -> dict[str, dict[str, str]]:
    try:
        found = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PlatformError(_("The credentials file cannot be read as JSON.")) from exc
    if not isinstance(found, dict):
        raise PlatformError(_("The credentials file must hold a JSON object keyed by account id."))
    return {str(k): v for k, v in found.items() if isinstance(v, dict)}


def credentials_for(account_id: str) -> dict[str, str] | None:
    """The credentials of the account with this id on its platform; None when there are none."""
    found: dict[str, dict[str, str]] = dict(getattr(settings, "SUNSHINE_NEWMEDIA_CREDENTIALS", {}) or {})
    path = getattr(settings, "SUNSHINE_NEWMEDIA_CREDENTIALS_FILE", "")
    if path:
        found.update(_from_file(path))
    value = found.get(account_id)
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else None
