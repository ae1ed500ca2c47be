"""Letters (信件) and what happens to them: their events, pauses, transfers and the agencies' periods."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sunshine.core.models import Notice
from sunshine.letters.codes import Channel, Flag, Kind, Rating, ReplyStatus, Status
from sunshine.letters.periods import MAX_PERIOD


class Letter(models.Model):
    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True)
    # The writer's access key is derived from this salt with the site's secret; it is not stored.
    access_salt = models.CharField(max_length=32, editable=False)
    # The agency that handles the letter now (after routing and transfers).
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="letters"
    )
    # The agency the writer addressed (a complaint about disclosure goes to the government above it).
    addressed_to = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("addressed to"),
        on_delete=models.PROTECT,
        related_name="letters_addressed",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("letter"))
    publish_consent = models.BooleanField(_("the writer agrees to publication"), default=False)

    # The writer. Personal data: only staff and the key holder see it.
    writer_name = models.CharField(_("name"), max_length=100)
    writer_phone = models.CharField(_("phone"), max_length=30, blank=True)
    writer_email = models.EmailField(_("e-mail"), blank=True)
    # The language the writer wrote in: notices to them are written in it.
    language = models.CharField(_("language"), max_length=10, default="zh-hans")

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    received_on = models.DateField(_("received on"), db_index=True)
    # The day the current agency's period counts from: receipt, or the day of the last transfer.
    clock_start = models.DateField()
    period_working_days = models.PositiveSmallIntegerField(_("reply period (working days)"))
    due_date = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    due_date_provisional = models.BooleanField(_("due date provisional"), default=False)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)

    info_items = models.JSONField(default=list, blank=True)

    extension_days = models.PositiveSmallIntegerField(default=0)
    extension_reason = models.TextField(blank=True)
    extension_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("extension approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    reply_text = models.TextField(_("reply"), blank=True)
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    # Published only where the writer agreed and the agency chose to.
    reply_published = models.BooleanField(_("published"), default=False)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    # The day the writer reopened the letter after a dissatisfied rating (once per letter).
    reopened_on = models.DateField(_("reopened on"), null=True, blank=True)
    # The search words of a published letter (subject, letter and reply as published, masked), cut by
    # ``sunshine.search.segment``, space-separated with a space at each end; empty while not public.
    public_words = models.TextField(blank=True, default="", editable=False)

    # The last supervision (督办): its note and the day the supervisor expects the answer.
    supervised_on = models.DateField(_("supervised on"), null=True, blank=True)
    supervision_due_on = models.DateField(_("supervision due on"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    # Moderation (letters/moderation.py): the writer's contact normalized, to find their earlier
    # letters cheaply, and the flag a letter may carry. A flagged letter is handled like any other.
    contact_phone = models.CharField(max_length=30, blank=True, db_index=True, editable=False)
    contact_email = models.CharField(max_length=254, blank=True, db_index=True, editable=False)
    flag = models.CharField(_("flag"), max_length=20, choices=Flag.choices, blank=True, db_index=True)
    flag_reason = models.TextField(_("reason for the flag"), blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    # None with a flag: the system flagged the letter on arrival.
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-received_on", "-id"]
        indexes = [
            # The public list, newest reply first: only published letters are in the index.
            models.Index(
                fields=["-replied_on", "-id"],
                name="letter_public_newest",
                condition=models.Q(reply_published=True, publish_consent=True),
            ),
            # The staff queue (docs/letters.md): one agency's open letters; and, for people who read
            # many agencies, the open letters in the queue's order, the first page read off the index.
            models.Index(
                fields=["agency", "status", "due_date", "received_on"], name="letter_queue_agency_idx"
            ),
            models.Index(fields=["due_date", "received_on", "id"], name="letter_queue_order_idx"),
        ]

    def __str__(self) -> str:
        return self.tracking_code


class LetterEvent(models.Model):
    """One step of a letter, as the writer and staff see it in the history."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=40)
    date = models.DateField(_("date"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.letter} {self.action} {self.date}"


class LetterPause(models.Model):
    """A request for information during which the reply period does not run: the working days after
    ``started_on`` up to and including ``ended_on`` (the day the answer arrived) are not counted."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="pauses")
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"{self.letter} {self.started_on}–{self.ended_on or ''}"


class LetterTransfer(models.Model):
    """A letter passed to another agency. The sending agency keeps a read view of it."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="transfers")
    from_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="letters_transferred_out"
    )
    to_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="letters_transferred_in"
    )
    date = models.DateField(_("date"))
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.letter} {self.from_agency_id}→{self.to_agency_id} {self.date}"


class LetterPeriod(models.Model):
    """An agency's own reply period for one kind of letter, in place of the site's default."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="letter_periods"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    working_days = models.PositiveSmallIntegerField(
        _("working days"), validators=[MinValueValidator(1), MaxValueValidator(MAX_PERIOD)]
    )

    class Meta:
        verbose_name = _("reply period of letters")
        verbose_name_plural = _("reply periods of letters")
        constraints = [models.UniqueConstraint(fields=["agency", "kind"], name="unique_letter_period")]

    def __str__(self) -> str:
        return f"{self.agency} {self.kind} {self.working_days}"


class LetterRating(models.Model):
    """The writer's rating of one reply: ``round`` 0 for the first reply, 1 for the reply after the
    letter was reopened. One rating per reply."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="ratings")
    round = models.PositiveSmallIntegerField(default=0)
    rating = models.CharField(_("rating"), max_length=30, choices=Rating.choices)
    comment = models.TextField(_("comment"), blank=True)
    rated_on = models.DateField(_("rated on"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rating of a reply")
        verbose_name_plural = _("ratings of replies")
        ordering = ["letter", "round"]
        constraints = [models.UniqueConstraint(fields=["letter", "round"], name="one_rating_per_reply")]

    def __str__(self) -> str:
        return f"{self.letter} {self.round} {self.rating}"


class LetterReplyDraft(models.Model):
    """The reply to a letter being prepared, on its way through the agency's review (保密审查) and
    sign-off (领导签批) before the letter's ``reply`` step sends it (docs/letters.md#reply-review)."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="reply_drafts")
    status = models.CharField(
        _("status"), max_length=12, choices=ReplyStatus.choices, default=ReplyStatus.DRAFT, db_index=True
    )
    text = models.TextField(_("reply"), blank=True)
    publish = models.BooleanField(_("publish the letter and its reply"), default=False)
    # The template the draft was started from, if any (kept for the record; the text is the draft's).
    template = models.ForeignKey(
        "LetterReplyTemplate", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_comment = models.TextField(_("comments"), blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("draft reply to a letter")
        verbose_name_plural = _("draft replies to letters")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.letter.tracking_code} · {self.get_status_display()}"


class LetterReplyTemplate(models.Model):
    """A text an agency's officers start a reply from, for one kind of letter or for every kind
    (``kind`` empty). Its placeholders are filled when a draft starts (``reply_templates.PLACEHOLDERS``)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="letter_reply_templates",
    )
    kind = models.CharField(
        _("kind"), max_length=30, choices=Kind.choices, blank=True, help_text=_("Empty: every kind.")
    )
    title = models.CharField(_("title"), max_length=100)
    text = models.TextField(_("text"))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reply template for letters")
        verbose_name_plural = _("reply templates for letters")
        ordering = ["agency", "kind", "title", "id"]

    def __str__(self) -> str:
        return self.title


class LetterNotice(Notice):
    """An e-mail to the writer about a step of their letter (``core.models.Notice``): planned in the
    step's transaction, sent after the commit by the task queue, retried by ``send_notifications``
    while it fails. Composed when sent, in the writer's language; the row keeps no key."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="notices")
    event = models.ForeignKey(LetterEvent, on_delete=models.CASCADE, related_name="notices")

    class Meta(Notice.Meta):
        verbose_name = _("notice to the writer")
        verbose_name_plural = _("notices to the writer")
        indexes = [models.Index(fields=["state", "attempts"], name="letternotice_state_idx")]

    def __str__(self) -> str:
        return f"{self.letter} {self.channel} {self.state}"
