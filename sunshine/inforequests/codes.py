"""The code values of requests: applicant kinds, channels, statuses, outcomes, review kinds.

These strings are an interface (API, annual report): keep them as they are.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicantKind(models.TextChoices):
    """The applicant columns of the annual report's table 3."""

    NATURAL_PERSON = "natural_person", _("Natural person")
    COMMERCIAL_ENTERPRISE = "commercial_enterprise", _("Commercial enterprise")
    RESEARCH_INSTITUTION = "research_institution", _("Research institution")
    PUBLIC_INTEREST_ORG = "public_interest_org", _("Public-interest organisation")
    LEGAL_SERVICE_ORG = "legal_service_org", _("Legal service organisation")
    OTHER_ORG = "other_org", _("Other organisation")


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident identity card")
    PASSPORT = "passport", _("Passport")
    HK_MACAO_PERMIT = "hk_macao_permit", _("Mainland travel permit for Hong Kong and Macao residents")
    TAIWAN_PERMIT = "taiwan_permit", _("Mainland travel permit for Taiwan residents")
    CREDIT_CODE = "credit_code", _("Unified social credit code")
    OTHER = "other", _("Other document")


class DeliveryForm(models.TextChoices):
    ELECTRONIC = "electronic", _("Electronic")
    PAPER = "paper", _("Paper")


class DeliveryMethod(models.TextChoices):
    EMAIL = "email", _("By e-mail")
    POST = "post", _("By post")
    PICKUP = "pickup", _("Collect in person")
    ONLINE = "online", _("Online on this site")


class Channel(models.TextChoices):
    """How the application reached the agency (条例 Art. 29, 31)."""

    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    POST = "post", _("By post")
    FAX = "fax", _("By fax")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    RECEIVED = "received", _("Received")
    AWAITING_CORRECTION = "awaiting_correction", _("Awaiting correction")
    IN_CONSULTATION = "in_consultation", _("In consultation")
    # 国办函〔2020〕109号: the applicant has been sent a fee notice and has not paid yet.
    AWAITING_FEE = "awaiting_fee", _("Awaiting fee payment")
    REPLIED = "replied", _("Replied")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CLOSED = "closed", _("Closed without reply")


OPEN_STATUSES = frozenset(
    {
        Status.SUBMITTED,
        Status.RECEIVED,
        Status.AWAITING_CORRECTION,
        Status.IN_CONSULTATION,
        Status.AWAITING_FEE,
    }
)
# Open statuses in which the reply period does not run (条例 Art. 30, 33; fee notice).
PAUSED_STATUSES = frozenset({Status.AWAITING_CORRECTION, Status.IN_CONSULTATION, Status.AWAITING_FEE})
CONCLUDED_STATUSES = frozenset({Status.REPLIED, Status.WITHDRAWN, Status.CLOSED})


class Outcome(models.TextChoices):
    """One code per leaf row of the annual report's table 3 (三、本年度办理结果)."""

    DISCLOSED = "disclosed", _("Disclosed")
    PARTIALLY_DISCLOSED = "partially_disclosed", _("Partially disclosed")
    WITHHELD_STATE_SECRET = "withheld_state_secret", _("Withheld: state secret")
    WITHHELD_PROHIBITED_BY_LAW = "withheld_prohibited_by_law", _("Withheld: prohibited by other laws")
    WITHHELD_SECURITY_STABILITY = "withheld_security_stability", _("Withheld: security and stability")
    WITHHELD_THIRD_PARTY = "withheld_third_party", _("Withheld: lawful rights of a third party")
    WITHHELD_INTERNAL_AFFAIRS = "withheld_internal_affairs", _("Withheld: internal affairs")
    WITHHELD_PROCESS_INFORMATION = "withheld_process_information", _("Withheld: process information")
    WITHHELD_ENFORCEMENT_FILE = "withheld_enforcement_file", _("Withheld: administrative enforcement file")
    WITHHELD_QUERY_REGIME = "withheld_query_regime", _("Withheld: subject to an administrative query regime")
    UNAVAILABLE_NOT_HELD = "unavailable_not_held", _("Cannot be provided: not held by this agency")
    UNAVAILABLE_NEEDS_CREATION = (
        "unavailable_needs_creation",
        _("Cannot be provided: would need to be created"),
    )
    UNAVAILABLE_UNCLEAR_AFTER_CORRECTION = (
        "unavailable_unclear_after_correction",
        _("Cannot be provided: still unclear after correction"),
    )
    NOT_PROCESSED_PETITION = "not_processed_petition", _("Not processed: petition, complaint or report")
    NOT_PROCESSED_REPEAT = "not_processed_repeat", _("Not processed: repeat application")
    NOT_PROCESSED_PUBLICATION = "not_processed_publication", _("Not processed: asks for a publication")
    NOT_PROCESSED_EXCESSIVE = "not_processed_excessive", _("Not processed: excessive repeated applications")
    NOT_PROCESSED_CONFIRMATION = "not_processed_confirmation", _("Not processed: asks to confirm or reissue")
    OTHER_CORRECTION_OVERDUE = "other_correction_overdue", _("Other: no correction within the period")
    OTHER_FEE_UNPAID = "other_fee_unpaid", _("Other: fee not paid within the period")
    OTHER = "other", _("Other")


# Outcomes staff choose when replying; the others are set by the system's own actions.
REPLY_OUTCOMES = frozenset(Outcome.values) - {Outcome.OTHER_CORRECTION_OVERDUE, Outcome.OTHER_FEE_UNPAID}


class FeeMethod(models.TextChoices):
    """How an information-processing fee is computed (国办函〔2020〕109号 Art. 3–5)."""

    PER_APPLICATION = "per_application", _("Per application")
    PER_PAGE = "per_page", _("Per page")


class ConsultationParty(models.TextChoices):
    THIRD_PARTY = "third_party", _("Third party (Art. 32)")
    AGENCY = "agency", _("Other agency (Art. 34)")


class ReviewKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", _("Administrative reconsideration")
    LITIGATION_DIRECT = "litigation_direct", _("Lawsuit without reconsideration")
    LITIGATION_AFTER_RECONSIDERATION = "litigation_after_reconsideration", _("Lawsuit after reconsideration")


class ReviewResult(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    CORRECTED = "corrected", _("Corrected")
    OTHER = "other", _("Other result")
    PENDING = "pending", _("Pending")


class ReplyStatus(models.TextChoices):
    """The path of a draft reply through the agency's review and sign-off (docs/workflows.md#replies)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("In review")
    APPROVED = "approved", _("Approved, awaiting sign-off")
    SIGNED = "signed", _("Signed, ready to send")
    RETURNED = "returned", _("Returned for changes")
    SENT = "sent", _("Sent")
