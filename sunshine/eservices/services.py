"""Writing service items and their guides: each change one transaction with its audit row.

``create_item`` writes an item with its first version (a draft); ``update_version`` changes a draft
or returned version with its materials, steps, windows and life events; ``new_version`` starts the
next version from the published one; ``add_file``/``remove_file`` keep a material's blank form and
sample. The steps of review and publication go through the workflow kernel (``take_action``,
``actions.WORKFLOW``), which checks the roles, the status and four eyes and audits each step.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, BinaryIO

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import AnyUser
from sunshine.core import audit
from sunshine.core.users import person_or_none
from sunshine.core.workflow import WorkflowError, WorkflowForbidden, invalid
from sunshine.eservices.actions import DRAFTER_ROLES, EDITABLE, WORKFLOW, snapshot
from sunshine.eservices.codes import (
    FilePurpose,
    HandlingType,
    Kind,
    LifeEvent,
    MaterialForm,
    OnlineLevel,
    Status,
)
from sunshine.eservices.models import Item, LifeEventTag, Material, MaterialFile, Step, Version, Window
from sunshine.eservices.selectors import may_act, open_version, published_version
from sunshine.records import attachments as files

Row = Mapping[str, Any]

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{1,63}$")
KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
MAX_DAYS = 3650
MAX_ROWS = 60
# The fields of a version that a person writes (the child rows come separately).
FIELDS = (
    "name",
    "kind",
    "legal_basis",
    "conditions",
    "statutory_days",
    "promised_days",
    "handling_type",
    "free",
    "fees",
    "fee_basis",
    "contact_phone",
    "supervision_phone",
    "online_level",
)
TEXT_LIMITS = {
    "name": 200,
    "legal_basis": 20_000,
    "conditions": 20_000,
    "fees": 5000,
    "fee_basis": 5000,
    "contact_phone": 40,
    "supervision_phone": 40,
}
# Each kind of child row: its model, its text fields with their limits, the prefix of generated keys.
ROW_TEXTS: dict[str, dict[str, int]] = {
    "materials": {"name": 200, "condition": 300, "notes": 300},
    "steps": {"name": 100, "role": 100, "description": 5000},
    "windows": {"name": 200, "address": 300, "hours": 200},
}
KEY_PREFIX = {"materials": "m", "steps": "s", "windows": "w"}


def _too_long(limit: int) -> str:
    return _("At most %(limit)d characters.") % {"limit": limit}


def _days(value: Any) -> int | None:
    try:
        days = int(value)
    except (TypeError, ValueError):
        return None
    return days if 0 <= days <= MAX_DAYS else None


def clean_fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The version's own fields, checked; WorkflowError 422 naming each field in error."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, limit in TEXT_LIMITS.items():
        values[name] = str(raw.get(name) or "").strip()
        if len(values[name]) > limit:
            errors[name] = _too_long(limit)
    if not values["name"]:
        errors["name"] = _("Enter the name of the item.")
    if not values["legal_basis"]:
        errors["legal_basis"] = _("Give the legal basis: the law, regulation or rule and its article.")
    kind = str(raw.get("kind") or "")
    if kind not in Kind.values:
        errors["kind"] = _("Choose a kind from the list.")
    values["kind"] = kind
    handling = str(raw.get("handling_type") or HandlingType.PROMISED)
    if handling not in HandlingType.values:
        errors["handling_type"] = _("Choose a handling type from the list.")
    values["handling_type"] = handling
    for name in ("statutory_days", "promised_days"):
        days = _days(raw.get(name))
        if days is None:
            errors[name] = _("Give a number of working days from 0 to %(max)d.") % {"max": MAX_DAYS}
        values[name] = days
    if not errors.keys() & {"statutory_days", "promised_days"}:
        if values["promised_days"] > values["statutory_days"]:
            errors["promised_days"] = _("The promised time limit cannot be longer than the statutory one.")
        elif handling == HandlingType.IMMEDIATE and values["promised_days"] != 0:
            errors["promised_days"] = _("An item handled on the spot promises 0 working days.")
    try:
        level = int(raw.get("online_level") or 0)
    except (TypeError, ValueError):
        level = -1
    if level not in OnlineLevel.values:
        errors["online_level"] = _("Choose an online level from the list.")
    values["online_level"] = level
    values["free"] = bool(raw.get("free", True))
    if values["free"]:
        values["fees"] = values["fee_basis"] = ""
    else:
        if not values["fees"]:
            errors["fees"] = _("Give the fees, or mark the item free of charge.")
        if not values["fee_basis"]:
            errors["fee_basis"] = _("Give the basis of the fees (the document that sets them).")
    if errors:
        raise invalid(errors)
    return values


def clean_events(raw: Iterable[str]) -> list[str]:
    events = sorted({str(e) for e in raw})
    unknown = [e for e in events if e not in LifeEvent.values]
    if unknown:
        raise invalid({"events": _("Choose life events from the list.")})
    return events


def clean_rows(kind: str, rows: Sequence[Row]) -> list[dict[str, Any]]:
    """Child rows of one kind checked, in order, each with a key (kept, or made up for a new row)."""
    limits = ROW_TEXTS[kind]
    errors: dict[str, str] = {}
    if len(rows) > MAX_ROWS:
        raise invalid({kind: _("At most %(n)d rows.") % {"n": MAX_ROWS}})
    cleaned: list[dict[str, Any]] = []
    for i, row in enumerate(rows):
        where = f"{kind}.{i}"
        out: dict[str, Any] = {"key": str(row.get("key") or "").strip()}
        for name, limit in limits.items():
            out[name] = str(row.get(name) or "").strip()
            if len(out[name]) > limit:
                errors[f"{where}.{name}"] = _too_long(limit)
        if not out["name"]:
            errors[f"{where}.name"] = _("Enter a name.")
        if out["key"] and not KEY_RE.match(out["key"]):
            errors[f"{where}.key"] = _("Use up to 40 lower-case letters, digits, hyphens and underscores.")
        if kind == "materials":
            out["form"] = str(row.get("form") or MaterialForm.ORIGINAL)
            if out["form"] not in MaterialForm.values:
                errors[f"{where}.form"] = _("Choose original, copy or both.")
            copies = _days(row.get("copies", 1))
            if copies is None or not 1 <= copies <= 99:
                errors[f"{where}.copies"] = _("Give a number of copies from 1 to 99.")
            out["copies"] = copies
            out["required"] = bool(row.get("required", True))
            if not out["required"] and not out["condition"]:
                errors[f"{where}.condition"] = _("Say when a material that is not always required is needed.")
        if kind == "steps":
            days = _days(row.get("days", 0))
            if days is None:
                errors[f"{where}.days"] = _("Give a number of working days from 0 to %(max)d.") % {
                    "max": MAX_DAYS
                }
            out["days"] = days
        if kind == "windows" and not out["address"]:
            errors[f"{where}.address"] = _("Give the address of the window.")
        cleaned.append(out)
    seen: set[str] = set()
    for i, out in enumerate(cleaned):
        if out["key"] and out["key"] in seen:
            errors[f"{kind}.{i}.key"] = _("Each row needs its own key.")
        seen.add(out["key"])
    if errors:
        raise invalid(errors)
    n = 0
    for out in cleaned:
        while not out["key"]:
            n += 1
            candidate = f"{KEY_PREFIX[kind]}{n}"
            if candidate not in seen:
                out["key"] = candidate
                seen.add(candidate)
    return cleaned


def _check_step_days(fields: Mapping[str, Any], steps: Sequence[Row]) -> None:
    errors = {
        f"steps.{i}.days": _("A step cannot take longer than the statutory time limit.")
        for i, step in enumerate(steps)
        if step["days"] > fields["statutory_days"]
    }
    if errors:
        raise invalid(errors)


MODELS: dict[str, type[Material] | type[Step] | type[Window]] = {
    "materials": Material,
    "steps": Step,
    "windows": Window,
}


def _write_rows(version: Version, kind: str, rows: Sequence[Row]) -> None:
    """Make the version's rows of ``kind`` be ``rows``: matched by key (a material keeps its files),
    the others created, those no longer listed deleted."""
    model = MODELS[kind]
    existing = {row.key: row for row in model.objects.filter(version=version)}
    wanted = {row["key"] for row in rows}
    model.objects.filter(version=version).exclude(key__in=wanted).delete()
    for position, row in enumerate(rows, start=1):
        values = {name: value for name, value in row.items() if name != "key"}
        current = existing.get(row["key"])
        if current is None:
            model.objects.create(version=version, key=row["key"], position=position, **values)
        else:
            for name, value in values.items():
                setattr(current, name, value)
            current.position = position
            current.save()


def _write_events(version: Version, events: Sequence[str]) -> None:
    LifeEventTag.objects.filter(version=version).exclude(event__in=events).delete()
    have = set(LifeEventTag.objects.filter(version=version).values_list("event", flat=True))
    LifeEventTag.objects.bulk_create(
        [LifeEventTag(version=version, event=e) for e in events if e not in have]
    )


def _children(version: Version) -> dict[str, Any]:
    """What the audit keeps of the child rows: their keys, in order."""
    return {
        "materials": list(version.materials.order_by("position").values_list("key", flat=True)),
        "steps": list(version.steps.order_by("position").values_list("key", flat=True)),
        "windows": list(version.windows.order_by("position").values_list("key", flat=True)),
        "events": sorted(version.events.values_list("event", flat=True)),
    }


def create_item(
    *,
    agency: Agency,
    by: AnyUser,
    code: str,
    fields: Mapping[str, Any],
    materials: Sequence[Row] = (),
    steps: Sequence[Row] = (),
    windows: Sequence[Row] = (),
    events: Iterable[str] = (),
) -> Version:
    """A new item of ``agency`` with its first version, a draft (officers, the disclosure office)."""
    if not may_act(by, agency, DRAFTER_ROLES):
        raise WorkflowForbidden(_("You cannot write service guides for this agency."))
    code = (code or "").strip()
    errors: dict[str, str] = {}
    if not CODE_RE.match(code):
        errors["code"] = _("Use 2 to 64 letters, digits and hyphens.")
    elif Item.objects.filter(code__iexact=code).exists():
        errors["code"] = _("Another item already has this code.")
    try:
        values = clean_fields(fields)
    except WorkflowError as exc:
        errors.update(exc.fields)
    if errors:
        raise invalid(errors)
    rows = {"materials": clean_rows("materials", materials), "steps": clean_rows("steps", steps)}
    rows["windows"] = clean_rows("windows", windows)
    _check_step_days(values, rows["steps"])
    chosen = clean_events(events)
    with transaction.atomic():
        item = Item.objects.create(agency=agency, code=code, created_by=person_or_none(by))
        version = Version.objects.create(item=item, number=1, created_by=person_or_none(by), **values)
        for kind, kind_rows in rows.items():
            _write_rows(version, kind, kind_rows)
        _write_events(version, chosen)
        audit.record(
            actor=by,
            action="eservice.create",
            obj=version,
            after={**snapshot(version), **_children(version)},
            agency=agency,
        )
    return version


def _lock_editable(version: Version, by: AnyUser) -> Version:
    version = Version.objects.select_for_update().select_related("item", "item__agency").get(pk=version.pk)
    if not may_act(by, version.item.agency, DRAFTER_ROLES):
        raise WorkflowForbidden(_("You cannot change service guides of this agency."))
    if version.status not in EDITABLE:
        raise WorkflowError(
            409, "action_not_allowed", _("A version can be changed only as a draft or when it was returned.")
        )
    return version


def update_version(
    *,
    version: Version,
    by: AnyUser,
    fields: Mapping[str, Any],
    materials: Sequence[Row],
    steps: Sequence[Row],
    windows: Sequence[Row],
    events: Iterable[str],
) -> Version:
    """Change a draft or returned version: its fields and all its child rows at once."""
    values = clean_fields(fields)
    rows = {
        "materials": clean_rows("materials", materials),
        "steps": clean_rows("steps", steps),
        "windows": clean_rows("windows", windows),
    }
    _check_step_days(values, rows["steps"])
    chosen = clean_events(events)
    with transaction.atomic():
        version = _lock_editable(version, by)
        before = {**snapshot(version), **_children(version)}
        for name, value in values.items():
            setattr(version, name, value)
        version.save()
        for kind, kind_rows in rows.items():
            _write_rows(version, kind, kind_rows)
        _write_events(version, chosen)
        audit.record(
            actor=by,
            action="eservice.edit",
            obj=version,
            before=before,
            after={**snapshot(version), **_children(version)},
            agency=version.item.agency,
        )
    return version


def new_version(*, item: Item, by: AnyUser) -> Version:
    """The next version of ``item``, a draft copied from the published one (its rows keep their keys
    and the materials their files). 409 ``version_open`` while another version is being written or
    reviewed, 409 ``not_published`` when nothing is published yet."""
    with transaction.atomic():
        item = Item.objects.select_for_update().select_related("agency").get(pk=item.pk)
        if not may_act(by, item.agency, DRAFTER_ROLES):
            raise WorkflowForbidden(_("You cannot change service guides of this agency."))
        if open_version(item) is not None:
            raise WorkflowError(
                409, "version_open", _("A version of this item is already being written or reviewed.")
            )
        source = published_version(item)
        if source is None:
            raise WorkflowError(
                409, "not_published", _("Only a published guide can be the start of a new version.")
            )
        last = item.versions.order_by("-number").values_list("number", flat=True).first() or 0
        version = Version.objects.create(
            item=item,
            number=last + 1,
            status=Status.DRAFT,
            created_by=person_or_none(by),
            **{name: getattr(source, name) for name in FIELDS},
        )
        for material in source.materials.prefetch_related("files"):
            copy = Material.objects.create(
                version=version,
                key=material.key,
                position=material.position,
                name=material.name,
                form=material.form,
                copies=material.copies,
                required=material.required,
                condition=material.condition,
                notes=material.notes,
            )
            for stored in material.files.all():
                MaterialFile.objects.create(
                    material=copy,
                    purpose=stored.purpose,
                    file=stored.file.name,
                    name=stored.name,
                    kind=stored.kind,
                    size=stored.size,
                    sha256=stored.sha256,
                    uploaded_at=stored.uploaded_at,
                )
        for step in source.steps.all():
            Step.objects.create(
                version=version,
                key=step.key,
                position=step.position,
                name=step.name,
                role=step.role,
                days=step.days,
                description=step.description,
            )
        for window in source.windows.all():
            Window.objects.create(
                version=version,
                key=window.key,
                position=window.position,
                name=window.name,
                address=window.address,
                hours=window.hours,
            )
        _write_events(version, list(source.events.values_list("event", flat=True)))
        audit.record(
            actor=by,
            action="eservice.new_version",
            obj=version,
            after={**snapshot(version), "from_version": source.number},
            agency=item.agency,
        )
    return version


def _material(version: Version, key: str) -> Material:
    material = version.materials.filter(key=key).first()
    if material is None:
        raise WorkflowError(404, "not_found", _("This version has no material with this key."))
    return material


def add_file(
    *, version: Version, by: AnyUser, material_key: str, purpose: str, file: BinaryIO, name: str
) -> MaterialFile:
    """A material's blank form or sample (replacing the one it had): its type read from its bytes,
    its size limited (``SUNSHINE_ATTACHMENT_MAX_BYTES``)."""
    if purpose not in FilePurpose.values:
        raise invalid({"purpose": _("Choose a blank form or a sample.")})
    try:
        inspected = files.inspect(file, name, max_bytes=settings.SUNSHINE_ATTACHMENT_MAX_BYTES)
    except files.AttachmentRejected as exc:
        raise WorkflowError(422, exc.code, exc.message, {"file": exc.message}) from exc
    with transaction.atomic():
        version = _lock_editable(version, by)
        material = _material(version, material_key)
        material.files.filter(purpose=purpose).delete()  # the stored file stays: an older version may use it
        stored = MaterialFile(
            material=material,
            purpose=purpose,
            name=inspected.name,
            kind=inspected.kind,
            size=inspected.size,
            sha256=inspected.sha256,
            uploaded_at=timezone.now(),
        )
        stored.file.save(f"upload.{inspected.kind}", File(file), save=False)
        stored.save()
        audit.record(
            actor=by,
            action="eservice.add_file",
            obj=version,
            after={
                **snapshot(version),
                "material": material.key,
                "purpose": purpose,
                "name": stored.name,
                "sha256": stored.sha256,
                "size": stored.size,
            },
            agency=version.item.agency,
        )
    return stored


def remove_file(*, version: Version, by: AnyUser, material_key: str, purpose: str) -> None:
    with transaction.atomic():
        version = _lock_editable(version, by)
        material = _material(version, material_key)
        removed = material.files.filter(purpose=purpose).first()
        if removed is None:
            raise WorkflowError(404, "not_found", _("This material has no such file."))
        removed.delete()
        audit.record(
            actor=by,
            action="eservice.remove_file",
            obj=version,
            after={**snapshot(version), "material": material.key, "purpose": purpose, "name": removed.name},
            agency=version.item.agency,
        )


def take_action(
    *, version: Version, action: str, by: AnyUser, input: Mapping[str, Any] | None = None
) -> Version:
    """One step of review and publication (``actions.ACTIONS``), through the workflow kernel."""
    return WORKFLOW.perform(version, action, by=by, input=input)
