"""The agency tree, the disclosure guide of each agency, and staff roles within agencies."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

AGENCY_CODE_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9-]{0,39}$",
    _("Use 1 to 40 letters, digits or hyphens, starting with a letter or digit."),
)


class AgencyKind(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    DEPARTMENT = "department", _("Department")
    TOWNSHIP = "township", _("Township or street")
    VILLAGE = "village", _("Village or community")


class Role(models.TextChoices):
    OFFICER = "officer", _("Information officer")
    REVIEWER = "reviewer", _("Reviewer")
    SIGNER = "signer", _("Signer")
    DISCLOSURE_OFFICE = "disclosure_office", _("Disclosure office")
    SUPERVISOR = "supervisor", _("Supervisor")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles whose holders see the non-public data of every agency below their own.
TREE_ROLES = frozenset({Role.DISCLOSURE_OFFICE, Role.SUPERVISOR, Role.ADMINISTRATOR})
# Roles that may read the audit log (besides superusers), within their tree.
AUDIT_READER_ROLES = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})


class NameMasking(models.TextChoices):
    """How the agency masks a person's name in what it publishes (the values of
    ``records.privacy_scan.NameRule``; docs/privacy.md)."""

    SURNAME = "surname", _("Keep the surname, a star for each other character (张**)")
    SURNAME_MOU = "surname_mou", _("Keep the surname, 某 for each other character (张某某)")
    FULL = "full", _("Mask the whole name (***)")


class Agency(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True, validators=[AGENCY_CODE_VALIDATOR])
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    name = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of primary keys, "/1/5/12/": the subtree of X is path LIKE X.path%.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    # 公开指南: the disclosure guide (条例 Art. 12).
    office_name = models.CharField(_("disclosure office"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=6, blank=True, validators=[RegexValidator(r"^\d{6}$")]
    )
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    how_to_apply = models.TextField(_("how to apply"), blank=True)
    # What a masked name becomes in the agency's published records (the privacy scan's "mask").
    name_masking = models.CharField(
        _("masking of names"),
        max_length=20,
        choices=NameMasking.choices,
        default=NameMasking.SURNAME,
        help_text=_("How a person's name is masked in published records when a reviewer decides to mask it."),
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["path", "sort_order"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the active language (English falls back to Chinese)."""
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name

    @property
    def depth(self) -> int:
        return max(self.path.count("/") - 2, 0)


GUIDE_FIELDS = (
    "office_name",
    "address",
    "postal_code",
    "office_hours",
    "phone",
    "fax",
    "email",
    "website",
    "how_to_apply",
)
AGENCY_FIELDS = (
    "code",
    "kind",
    "name",
    "name_en",
    "parent",
    "sort_order",
    "is_active",
    *GUIDE_FIELDS,
    "name_masking",
)


class Membership(models.Model):
    """A person holds a role in an agency. One person may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="unique_membership_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"
