"""The fixed lists of a service guide: kinds of power, handling types, online levels, life events,
the form of a material and the statuses of a version (docs/eservices.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """The kind of an item of the power list (权力清单) or a public service."""

    LICENSING = "licensing", _("Administrative licensing (行政许可)")
    PENALTY = "penalty", _("Administrative penalty (行政处罚)")
    COERCION = "coercion", _("Administrative coercion (行政强制)")
    LEVY = "levy", _("Administrative levy (行政征收)")
    BENEFIT = "benefit", _("Administrative benefit (行政给付)")
    INSPECTION = "inspection", _("Administrative inspection (行政检查)")
    CONFIRMATION = "confirmation", _("Administrative confirmation (行政确认)")
    REWARD = "reward", _("Administrative reward (行政奖励)")
    ADJUDICATION = "adjudication", _("Administrative adjudication (行政裁决)")
    OTHER_POWER = "other_power", _("Other administrative power (其他行政权力)")
    PUBLIC_SERVICE = "public_service", _("Public service (公共服务)")


class HandlingType(models.TextChoices):
    IMMEDIATE = "immediate", _("Handled on the spot (即办件)")
    PROMISED = "promised", _("Handled within a promised time (承诺件)")


class OnlineLevel(models.IntegerChoices):
    """How far an item can be done online (docs/eservices.md, "Online level")."""

    INFORMATION = 0, _("Information only")
    FORMS = 1, _("Forms can be downloaded")
    APPLY = 2, _("Can be applied for online")
    ONLINE = 3, _("Handled fully online")
    NO_VISIT = 4, _("Handled online without any visit")


class LifeEvent(models.TextChoices):
    """The life events (and business events) a citizen browses the catalogue by."""

    BIRTH = "birth", _("Having a child (生育)")
    EDUCATION = "education", _("Education (教育)")
    EMPLOYMENT = "employment", _("Employment (就业)")
    MARRIAGE = "marriage", _("Marriage (婚姻)")
    HOUSING = "housing", _("Housing (住房)")
    RETIREMENT = "retirement", _("Old age and pensions (养老)")
    MEDICAL = "medical", _("Medical care (医疗)")
    RESIDENCE = "residence", _("Household registration (户籍)")
    BUSINESS = "business", _("Starting a business (开办企业)")
    CONSTRUCTION = "construction", _("Building projects (工程建设)")
    DEATH = "death", _("Death and funerals (身后事)")


class MaterialForm(models.TextChoices):
    ORIGINAL = "original", _("Original")
    COPY = "copy", _("Copy")
    BOTH = "both", _("Original and copy")


class FilePurpose(models.TextChoices):
    TEMPLATE = "template", _("Blank form")
    SAMPLE = "sample", _("Filled-in sample")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned for changes")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Replaced by a newer version")


# The statuses of a version still being written or reviewed: an item has at most one.
OPEN_STATUSES: frozenset[str] = frozenset({Status.DRAFT, Status.SUBMITTED, Status.RETURNED})
