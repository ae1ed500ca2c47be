"""The privacy scan of a draft reply: its reasons and detail, and the text of every file attached to
it. The applicant's own name, identity number, phone and e-mail are not findings (the reply goes to them),
nor are the agency's own contact numbers from its guide. A reviewer may let a finding stay, with a
reason; it is named by the same keyed digest the records' scan uses, so the value is never stored."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from sunshine.inforequests.models import ReplyDraft, RequestFile
from sunshine.records import privacy_scan
from sunshine.records.findings import KIND_LABELS, context_of, digest_of
from sunshine.records.privacy_scan import Finding

SOURCE_LABELS = {
    "reasons": _("Reasons and legal basis"),
    "note": _("Detail"),
    "file_name": _("File name"),
    "file": _("File"),
}


@dataclass(frozen=True)
class ReplyFinding:
    finding: Finding
    source: str
    file: RequestFile | None
    digest: str
    kept: dict[str, Any] | None
    context: SafeString

    @property
    def is_open(self) -> bool:
        return self.kept is None

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.finding.kind])

    @property
    def source_label(self) -> str:
        label = str(SOURCE_LABELS[self.source])
        return f"{label}: {self.file.name}" if self.file is not None else label

    @property
    def masked(self) -> str:
        return privacy_scan.mask(self.finding)


def _normalised(value: str) -> str:
    return "".join(ch for ch in value.lower() if ch.isalnum() or ch in "@.")


def not_findings(draft: ReplyDraft) -> set[str]:
    """Values that are never findings in this reply: the applicant's own contact data and the
    agency's published contact numbers (normalised as the scan normalises them)."""
    request, agency = draft.request, draft.request.agency
    return own_values(
        [
            request.applicant_name,
            request.applicant_id_number,
            request.applicant_phone,
            request.applicant_email,
            agency.phone,
            agency.fax,
            agency.email,
        ]
    )


def own_values(values: Iterable[str | None]) -> set[str]:
    """Values that are never findings in a reply (the addressee's own contact data, the agency's
    published numbers), normalised as the scan normalises them: test with ``is_own``."""
    found: set[str] = set()
    for value in values:
        if not value:
            continue
        found.add(_normalised(value))
        digits = "".join(ch for ch in value if ch.isdigit())
        if digits:
            found.add(digits)
            if digits.startswith("86") and len(digits) == 13:
                found.add(digits[2:])
    return found


def is_own(finding: Finding, own: set[str]) -> bool:
    return finding.value in own or _normalised(finding.value) in own


def texts_of(draft: ReplyDraft) -> list[tuple[str, RequestFile | None, str]]:
    texts: list[tuple[str, RequestFile | None, str]] = [
        ("reasons", None, draft.reasons),
        ("note", None, draft.note),
    ]
    for file in draft.files.all():
        texts.append(("file_name", file, file.name))
        texts.append(("file", file, file.text))
    return texts


def scan_draft(draft: ReplyDraft) -> list[ReplyFinding]:
    skip = not_findings(draft)
    kept = draft.kept_findings or {}
    found: list[ReplyFinding] = []
    for source, file, text in texts_of(draft):
        for finding in privacy_scan.scan(text or ""):
            if is_own(finding, skip):
                continue
            digest = digest_of(finding.kind, finding.value)
            found.append(
                ReplyFinding(finding, source, file, digest, kept.get(digest), context_of(text, finding))
            )
    return found


def open_findings(draft: ReplyDraft) -> list[ReplyFinding]:
    return [f for f in scan_draft(draft) if f.is_open]


def images_to_look_at(draft: ReplyDraft) -> list[RequestFile]:
    """Files the scan cannot read (images, scans): the reviewer must look at them."""
    return [f for f in draft.files.all() if not f.has_text]
