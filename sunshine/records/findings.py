"""The privacy scan of one revision: every text a reader could see (title, summary, keywords, body,
attachment names and their text), each finding with where it is and whether a reviewer let it stay.

A reviewer's override names a finding by a keyed digest of its kind and value, so it covers every
place the same value appears in the revision and the value itself is never stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.crypto import salted_hmac
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from sunshine.records import privacy_scan
from sunshine.records.models import Attachment, Revision, ScanOverride
from sunshine.records.privacy_scan import Finding, Kind

KIND_LABELS = {
    Kind.RESIDENT_ID: _("Resident identity number"),
    Kind.MOBILE: _("Mobile phone number"),
    Kind.LANDLINE: _("Landline phone number"),
    Kind.BANK_CARD: _("Bank card number"),
    Kind.EMAIL: _("E-mail address"),
    Kind.PASSPORT: _("Passport number"),
    Kind.CLASSIFICATION: _("Classification mark"),
}
SOURCE_LABELS = {
    "title": _("Title"),
    "summary": _("Summary"),
    "keywords": _("Keywords"),
    "body": _("Text"),
    "attachment_name": _("Attachment name"),
    "attachment": _("Attachment"),
}
CONTEXT_CHARS = 30


def digest_of(kind: str, value: str) -> str:
    return salted_hmac("sunshine.records.privacy_scan", f"{kind}:{value}").hexdigest()[:40]


@dataclass(frozen=True)
class Located:
    finding: Finding
    source: str  # a key of SOURCE_LABELS
    attachment: Attachment | None
    digest: str
    override: ScanOverride | None
    context: SafeString  # the surrounding text, the finding in <mark>

    @property
    def is_open(self) -> bool:
        return self.override is None

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.finding.kind])

    @property
    def source_label(self) -> str:
        label = str(SOURCE_LABELS[self.source])
        return f"{label}: {self.attachment.name}" if self.attachment is not None else label

    @property
    def masked(self) -> str:
        return privacy_scan.mask(self.finding)


def highlight(text: str, findings: list[Finding]) -> SafeString:
    """``text`` escaped, with every finding wrapped in <mark>."""
    parts: list[str] = []
    cursor = 0
    for finding in findings:
        parts.append(escape(text[cursor : finding.start]))
        parts.append(f'<mark class="finding" data-kind="{finding.kind}">{escape(finding.text)}</mark>')
        cursor = finding.end
    parts.append(escape(text[cursor:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


def _context(text: str, finding: Finding) -> SafeString:
    start = max(finding.start - CONTEXT_CHARS, 0)
    end = min(finding.end + CONTEXT_CHARS, len(text))
    before = ("…" if start > 0 else "") + text[start : finding.start]
    after = text[finding.end : end] + ("…" if end < len(text) else "")
    return highlight(before + finding.text + after, [_shifted(finding, len(before))])


def _shifted(finding: Finding, start: int) -> Finding:
    return Finding(finding.kind, start, start + len(finding.text), finding.text, finding.value)


def texts_of(revision: Revision) -> list[tuple[str, Attachment | None, str]]:
    """(source, attachment, text) of everything the scan reads."""
    texts: list[tuple[str, Attachment | None, str]] = [
        ("title", None, revision.title),
        ("summary", None, revision.summary),
        ("keywords", None, revision.keywords),
        ("body", None, revision.body_text),
    ]
    for attachment in revision.attachments.all():
        texts.append(("attachment_name", attachment, attachment.name))
        texts.append(("attachment", attachment, attachment.text))
    return texts


def scan_revision(revision: Revision) -> list[Located]:
    overrides = {(o.kind, o.digest): o for o in revision.overrides.all()}
    located = []
    for source, attachment, text in texts_of(revision):
        for finding in privacy_scan.scan(text):
            digest = digest_of(finding.kind, finding.value)
            located.append(
                Located(
                    finding=finding,
                    source=source,
                    attachment=attachment,
                    digest=digest,
                    override=overrides.get((finding.kind, digest)),
                    context=_context(text, finding),
                )
            )
    return located


def open_findings(revision: Revision) -> list[Located]:
    return [f for f in scan_revision(revision) if f.is_open]


def body_highlighted(revision: Revision) -> SafeString:
    return highlight(revision.body_text, privacy_scan.scan(revision.body_text))
