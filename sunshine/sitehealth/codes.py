"""The code values of website health: what a finding is about and how serious it is.

These strings are stored and shown in pages: keep them as they are (docs/sitehealth.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Severity(models.TextChoices):
    # 单项否决: one such item fails the whole site in the national spot checks.
    VETO = "veto", _("Veto item")
    WARNING = "warning", _("Warning")


class Kind(models.TextChoices):
    UNREACHABLE = "unreachable", _("Site unreachable")
    HOME_STALE = "home_stale", _("Home page not updated for two weeks")
    BROKEN_LINK = "broken_link", _("Broken link")
    BROKEN_ATTACHMENT = "broken_attachment", _("Broken attachment link")
    DYNAMIC_STALE = "dynamic_stale", _("News column not updated for two weeks")
    NOTICE_POLICY_STALE = "notice_policy_stale", _("Notice or policy column not updated for six months")
    COLUMN_STALE = "column_stale", _("Column not updated within its interval")
    BLANK_COLUMN = "blank_column", _("Blank column")
    LETTERS_UNANSWERED = "letters_unanswered", _("Messages unanswered for three months")


class ColumnClass(models.TextChoices):
    """How the norms judge a column's freshness."""

    DYNAMIC = "dynamic", _("News (two weeks)")
    NOTICE_POLICY = "notice_policy", _("Notices and policies (six months)")
    OTHER = "other", _("Its own interval")
