"""New-media accounts of the agencies (政务新媒体, docs/newmedia.md): the registry of accounts with
their steps, and their posts: records queued for cross-posting (an outbox row per record and account,
sent by ``manage.py newmedia_push``) and posts entered by hand."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sunshine.core.models import StepEvent
from sunshine.newmedia.codes import AccountStatus, Platform, PostState


class Account(models.Model):
    """One account of an agency on a platform. The person in charge (name and phone) is internal:
    it never appears on a public page."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="newmedia_accounts",
    )
    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices)
    name = models.CharField(_("account name"), max_length=100)
    account_id = models.CharField(
        _("account id"), max_length=100, help_text=_("The account's id on the platform (微信号, 微博 uid …).")
    )
    public_url = models.URLField(
        _("public address"),
        max_length=500,
        blank=True,
        help_text=_(
            "The account's public page (profile link, home page); its QR code is shown on the portal."
        ),
    )
    operating_unit = models.CharField(_("operating unit"), max_length=200)
    manager_name = models.CharField(_("person in charge"), max_length=60, blank=True)
    manager_phone = models.CharField(_("phone of the person in charge"), max_length=40, blank=True)
    approval_date = models.DateField(_("date of the opening approval"), null=True, blank=True)
    approval_number = models.CharField(
        _("document number of the opening approval"), max_length=100, blank=True
    )
    opened_on = models.DateField(_("opened on"))
    status = models.CharField(
        _("status"), max_length=10, choices=AccountStatus.choices, default=AccountStatus.ACTIVE, db_index=True
    )
    ended_on = models.DateField(_("closed or merged on"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_accounts",
    )
    unanswered_messages = models.PositiveIntegerField(_("messages unanswered"), default=0)
    unanswered_counted_on = models.DateField(_("messages counted on"), null=True, blank=True)
    created_on = models.DateField(_("registered on"), default=timezone.localdate)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("new-media account")
        verbose_name_plural = _("new-media accounts")
        ordering = ["agency__path", "platform", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "account_id"], name="newmedia_account_once_per_platform"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} {self.name}"


class AccountEvent(StepEvent):
    """One step of an account, as staff read it in its history."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="events")

    def __str__(self) -> str:
        return f"{self.account} {self.action} {self.date}"


class Post(models.Model):
    """A post of an account: a published record queued for cross-posting (the outbox row, sent by
    the push with retries, never dropped), or a post entered by hand (``record`` empty)."""

    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.CASCADE, related_name="posts"
    )
    record = models.ForeignKey(
        "records.Record",
        verbose_name=_("record"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="newmedia_posts",
    )
    title = models.CharField(_("title"), max_length=300)
    state = models.CharField(_("state"), max_length=14, choices=PostState.choices, db_index=True)
    posted_on = models.DateField(_("posted on"), null=True, blank=True, db_index=True)
    url = models.URLField(_("post address"), max_length=500, blank=True)
    result = models.CharField(_("result"), max_length=500, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A run of the push claims a post until this time, so that two runs never send it twice.
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("new-media post")
        verbose_name_plural = _("new-media posts")
        ordering = ["-posted_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["record", "account"],
                condition=Q(record__isnull=False),
                name="newmedia_post_once_per_record_and_account",
            )
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=Q(state__in=["queued", "retrying"]),
                name="newmedia_pending_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.title[:40]}"
