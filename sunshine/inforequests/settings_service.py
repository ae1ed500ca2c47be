"""An agency's choices for handling requests (``AgencyRequestSettings``), changed with an audit row."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from sunshine.agencies.models import Agency
from sunshine.core import audit
from sunshine.inforequests.models import AgencyRequestSettings

SETTING_FIELDS = ("auto_confirm_online", "reply_review_required")


@transaction.atomic
def set_request_settings(*, by: Any, agency: Agency, **values: bool) -> AgencyRequestSettings:
    found, _created = AgencyRequestSettings.objects.select_for_update().get_or_create(agency=agency)
    before = audit.snapshot(found, list(SETTING_FIELDS))
    for name, value in values.items():
        if name not in SETTING_FIELDS:
            raise TypeError(name)
        setattr(found, name, bool(value))
    found.save()
    audit.record(
        actor=by,
        action="inforequest.settings",
        obj=found,
        before=before,
        after=audit.snapshot(found, list(SETTING_FIELDS)),
        agency=agency,
    )
    return found
