"""The applicant rates the reply (1 to 5, with an optional comment): what the office reads to learn how
its replies are received. Only a replied request can be rated; a new rating replaces the last."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.core import audit
from sunshine.core.workflow import WorkflowError, invalid
from sunshine.inforequests.codes import Status
from sunshine.inforequests.events import RATE, record_event
from sunshine.inforequests.models import InfoRequest

MAX_COMMENT = 1000


@transaction.atomic
def rate_reply(*, request: InfoRequest, score: object, comment: str = "") -> InfoRequest:
    request = InfoRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != Status.REPLIED:
        raise WorkflowError(409, "not_replied", _("Only a reply can be rated, once the agency has replied."))
    comment = (comment or "").strip()
    errors: dict[str, str] = {}
    if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
        errors["score"] = _("Choose a rating from 1 to 5.")
    if len(comment) > MAX_COMMENT:
        errors["comment"] = _("Enter at most %(n)s characters.") % {"n": MAX_COMMENT}
    if errors:
        raise invalid(errors)
    assert isinstance(score, int)
    before = audit.snapshot(request, ("rating", "rating_comment"))
    request.rating, request.rating_comment, request.rated_at = score, comment, timezone.now()
    request.save(update_fields=["rating", "rating_comment", "rated_at", "updated_at"])
    record_event(request, RATE, timezone.localdate(), None, score=score, comment=comment)
    audit.record(
        actor=None,
        action=f"inforequest.{RATE}",
        obj=request,
        before=before,
        after=audit.snapshot(request, ("rating", "rating_comment")),
        agency=request.agency,
    )
    return request
