"""The JSON an operation answers, written out the way the API wrote its hand-built dictionaries
(ninja's encoder): a typed response must answer exactly this, key for key and value for value."""

from __future__ import annotations

import json
from typing import Any

from ninja.responses import NinjaJSONEncoder


def as_sent(value: Any) -> Any:
    """``value`` as the clients read it once encoded, before any schema touched it."""
    return json.loads(json.dumps(value, cls=NinjaJSONEncoder))
