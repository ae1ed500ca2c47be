"""The documents an agency sends about a request, as data: what each needs before it can be made.

Each kind names its template (``inforequests/documents/<slug>.txt``), who it is addressed to, the
facts of the request it needs and the statuses it can be made in. ``unavailable_reason`` is the
one place that says why a kind cannot be made yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sunshine.inforequests.codes import Status
from sunshine.inforequests.models import InfoRequest

APPLICANT = "applicant"
CONSULTED_PARTY = "consulted_party"


@dataclass(frozen=True)
class DocumentKind:
    slug: str
    label: str | Promise
    # Who the document is addressed to: the applicant may download only the kinds addressed to them.
    addressee: str
    # A field of InfoRequest that must be set (the step the document reports has been taken).
    needs_field: str | None
    # The statuses the request must be in; None: any status once ``needs_field`` is set.
    statuses: frozenset[str] | None
    # Whether the request must have had a consultation (a Pause row).
    needs_consultation: bool
    unavailable: str | Promise

    @property
    def template(self) -> str:
        return f"inforequests/documents/{self.slug}.txt"


RECEIPT = DocumentKind(
    slug="receipt",
    label=_("Acknowledgement of receipt"),
    addressee=APPLICANT,
    needs_field="received_on",  # 条例 Art. 31: the day of receipt
    statuses=None,
    needs_consultation=False,
    unavailable=_("The request has not been confirmed as received yet."),
)
CORRECTION_NOTICE = DocumentKind(
    slug="correction_notice",
    label=_("Notice to correct the application"),
    addressee=APPLICANT,
    needs_field="correction_requested_on",  # 条例 Art. 30
    statuses=None,
    needs_consultation=False,
    unavailable=_("No correction has been requested for this request."),
)
CONSULTATION_LETTER = DocumentKind(
    slug="consultation_letter",
    label=_("Consultation letter"),
    addressee=CONSULTED_PARTY,
    needs_field=None,  # 条例 Art. 32 (third party), Art. 34 (co-producing agency)
    statuses=None,
    needs_consultation=True,
    unavailable=_("No consultation has been started for this request."),
)
EXTENSION_NOTICE = DocumentKind(
    slug="extension_notice",
    label=_("Notice of extension"),
    addressee=APPLICANT,
    needs_field="extended_on",  # 条例 Art. 33 para. 2
    statuses=None,
    needs_consultation=False,
    unavailable=_("The reply period of this request has not been extended."),
)
FEE_NOTICE = DocumentKind(
    slug="fee_notice",
    label=_("Notice of the information-processing fee"),
    addressee=APPLICANT,
    needs_field="fee_notified_on",  # 条例 Art. 42, 国办函〔2020〕109号
    statuses=None,
    needs_consultation=False,
    unavailable=_("No fee notice has been sent for this request."),
)
REPLY_NOTICE = DocumentKind(
    slug="reply_notice",
    label=_("Reply notice"),
    addressee=APPLICANT,
    needs_field="outcome",  # 条例 Art. 30, 35-39, 42
    # Replied, or closed by the system (no correction, fee not paid); a withdrawn request gets none.
    statuses=frozenset({Status.REPLIED, Status.CLOSED}),
    needs_consultation=False,
    unavailable=_("There is no reply notice before the request has been replied to or closed."),
)

KINDS: dict[str, DocumentKind] = {
    kind.slug: kind
    for kind in (
        RECEIPT,
        CORRECTION_NOTICE,
        CONSULTATION_LETTER,
        EXTENSION_NOTICE,
        FEE_NOTICE,
        REPLY_NOTICE,
    )
}


def unavailable_reason(kind: DocumentKind, request: InfoRequest) -> str | None:
    """Why ``kind`` cannot be made for ``request`` now, or None when it can."""
    if kind.statuses is not None and request.status not in kind.statuses:
        return str(kind.unavailable)
    if kind.needs_field is not None and not getattr(request, kind.needs_field):
        return str(kind.unavailable)
    if kind.needs_consultation and not request.pauses.exists():
        return str(kind.unavailable)
    return None


def available_kinds(request: InfoRequest) -> list[DocumentKind]:
    """The kinds that can be made for ``request`` in its present state, in the order of the procedure."""
    return [kind for kind in KINDS.values() if unavailable_reason(kind, request) is None]
