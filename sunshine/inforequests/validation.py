"""Checks of an applicant's particulars, with messages in the user's language."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from sunshine.inforequests.codes import ApplicantKind, DeliveryForm, DeliveryMethod, IdType

if TYPE_CHECKING:
    from sunshine.inforequests.services import Applicant, Wanted

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
PERSON_ID_TYPES = {
    IdType.RESIDENT_ID,
    IdType.PASSPORT,
    IdType.HK_MACAO_PERMIT,
    IdType.TAIWAN_PERMIT,
    IdType.OTHER,
}
ORG_ID_TYPES = {IdType.CREDIT_CODE, IdType.OTHER}
CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def resident_id_is_valid(number: str) -> bool:
    """An 18-character resident identity number with a correct check character (GB 11643)."""
    number = number.strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == number[17]


def masked_id_number(id_type: str, number: str) -> str:
    """An identity document number as pages show it back to the applicant: an 18-character resident
    identity number keeps its first 6 (the region) and last 4 characters, ``110101********4258``;
    any other number its first 2 and last 2, and a number of 4 characters or fewer nothing."""
    number = number.strip()
    keep = (6, 4) if id_type == IdType.RESIDENT_ID and len(number) == 18 else (2, 2)
    if len(number) <= sum(keep):
        return "*" * len(number)
    return number[: keep[0]] + "*" * (len(number) - sum(keep)) + number[len(number) - keep[1] :]


def applicant_errors(applicant: Applicant) -> dict[str, str]:
    errors: dict[str, str] = {}
    if applicant.kind not in ApplicantKind.values:
        errors["applicant.kind"] = _("Choose the type of applicant.")
    if not applicant.name.strip():
        errors["applicant.name"] = _("Give the applicant's name.")
    elif len(applicant.name) > 200:
        errors["applicant.name"] = _("Enter at most %(n)s characters.") % {"n": 200}
    allowed = PERSON_ID_TYPES if applicant.kind == ApplicantKind.NATURAL_PERSON else ORG_ID_TYPES
    if applicant.id_type not in allowed:
        errors["applicant.id_type"] = _("Choose an identity document that fits the type of applicant.")
    number = applicant.id_number.strip()
    if not number:
        errors["applicant.id_number"] = _("Give the number of the identity document.")
    elif applicant.id_type == IdType.RESIDENT_ID and not resident_id_is_valid(number):
        errors["applicant.id_number"] = _("This is not a valid 18-character resident identity number.")
    elif applicant.id_type == IdType.CREDIT_CODE and not CREDIT_CODE.match(number.upper()):
        errors["applicant.id_number"] = _("This is not a valid 18-character unified social credit code.")
    elif len(number) > 50:
        errors["applicant.id_number"] = _("Enter at most %(n)s characters.") % {"n": 50}
    if not (applicant.phone.strip() or applicant.email.strip() or applicant.address.strip()):
        errors["applicant.phone"] = _("Give at least one way to contact the applicant.")
    if applicant.phone.strip() and not re.fullmatch(r"[0-9+\-() ]{5,30}", applicant.phone.strip()):
        errors["applicant.phone"] = _("Enter a phone number of digits, spaces, +, - and brackets.")
    if applicant.email.strip():
        try:
            validate_email(applicant.email.strip())
        except ValidationError:
            errors["applicant.email"] = _("Enter a valid e-mail address.")
    return errors


def wanted_errors(wanted: Wanted, applicant: Applicant) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not wanted.description.strip():
        errors["description"] = _("Describe the information you want.")
    elif len(wanted.description) > 5000:
        errors["description"] = _("Enter at most %(n)s characters.") % {"n": 5000}
    if wanted.delivery_form not in DeliveryForm.values:
        errors["delivery.form"] = _("Choose the form of the information.")
    if wanted.delivery_method not in DeliveryMethod.values:
        errors["delivery.method"] = _("Choose how the information is to reach you.")
    elif wanted.delivery_method == DeliveryMethod.EMAIL and not applicant.email.strip():
        errors["applicant.email"] = _("Give an e-mail address to receive the information by e-mail.")
    elif wanted.delivery_method == DeliveryMethod.POST and not applicant.address.strip():
        errors["applicant.address"] = _("Give a postal address to receive the information by post.")
    return errors
