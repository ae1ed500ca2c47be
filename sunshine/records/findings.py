"""The privacy scan of one revision: every text a reader could see (title, summary, keywords, body,
attachment names and their text), each finding with where it is and what a reviewer decided: let it
stay as it is, or mask it in the published copy (``masking``).

A reviewer's decision names a finding by a keyed digest of its kind and value, so it covers every
place the same value appears in the revision and the value itself is never stored.

The publishing agency's own contact details (the phone, fax and e-mail of its disclosure guide, and
those of the other issuing agencies) are published on purpose: they are not findings.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.crypto import salted_hmac
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from sunshine.records import privacy_scan
from sunshine.records.codes import AttachmentKind
from sunshine.records.models import Attachment, FindingDecision, Revision, ScanOverride
from sunshine.records.privacy_scan import Finding, Kind

KIND_LABELS = {
    Kind.RESIDENT_ID: _("Resident identity number"),
    Kind.MOBILE: _("Mobile phone number"),
    Kind.LANDLINE: _("Landline phone number"),
    Kind.BANK_CARD: _("Bank card number"),
    Kind.EMAIL: _("E-mail address"),
    Kind.PASSPORT: _("Passport number"),
    Kind.CLASSIFICATION: _("Classification mark"),
    Kind.NAME: _("Personal name"),
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
# Where a finding can be masked in the published copy: the text, and DOCX and XLSX attachments.
MASKABLE_SOURCES = frozenset({"body", "attachment"})
MASKABLE_FILES = frozenset({AttachmentKind.DOCX, AttachmentKind.XLSX})


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
    published_as: str = ""  # what the public reads when it is masked (the agency's rule for names)
    mask_refusal: str = ""  # why masking is not offered for this value, or "" when it is

    @property
    def decision(self) -> str | None:
        return self.override.decision if self.override is not None else None

    @property
    def may_mask(self) -> bool:
        return not self.mask_refusal

    @property
    def maskable_here(self) -> bool:
        return self.finding.kind != Kind.CLASSIFICATION and _maskable_place(self.source, self.attachment)

    @property
    def is_open(self) -> bool:
        """No decision yet, or a decision to mask a value that also stands where it cannot be masked
        (added to the title after the decision, say)."""
        if self.override is None:
            return True
        return self.override.decision == FindingDecision.MASK and not self.maskable_here

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


def context_of(text: str, finding: Finding) -> SafeString:
    """The finding with some text either side, escaped, the finding in <mark>."""
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


def _maskable_place(source: str, attachment: Attachment | None) -> bool:
    if source not in MASKABLE_SOURCES:
        return False
    return attachment is None or attachment.kind in MASKABLE_FILES


def agency_contacts(revision: Revision) -> set[tuple[str, str]]:
    """(kind, value) of the phone, fax and e-mail in the disclosure guides of the publishing agency
    and of the issuing agencies: published on purpose, so never findings."""
    agencies = [revision.record.agency, *revision.issuer_list()]
    return {
        (finding.kind, finding.value)
        for agency in agencies
        for text in (agency.phone, agency.fax, agency.email)
        if text
        for finding in privacy_scan.scan(text)
    }


def _mask_refusal(kind: str, places: list[tuple[str, Attachment | None]]) -> str:
    if kind == Kind.CLASSIFICATION:
        return str(_("A classification mark is not masked: the author removes it, or it stays."))
    if any(a is not None and a.kind == AttachmentKind.PDF for _s, a in places):
        return str(
            _(
                "Masking is not offered in a PDF: a covered number stays in the file underneath. Return the "
                "record so that the author replaces the PDF with a redacted copy from which the data is "
                "removed; until then the record cannot be published."
            )
        )
    if not all(_maskable_place(source, attachment) for source, attachment in places):
        return str(
            _(
                "It also stands in the title, summary, keywords or a file name, which are not "
                "masked: the author changes them."
            )
        )
    return ""


def scan_revision(revision: Revision) -> list[Located]:
    overrides = {(o.kind, o.digest): o for o in revision.overrides.all()}
    contacts = agency_contacts(revision)
    rule = revision.record.agency.name_masking
    found: list[tuple[str, Attachment | None, str, Finding, str]] = []
    places: dict[str, list[tuple[str, Attachment | None]]] = {}
    for source, attachment, text in texts_of(revision):
        for finding in privacy_scan.scan(text):
            if (finding.kind, finding.value) in contacts:
                continue
            digest = digest_of(finding.kind, finding.value)
            found.append((source, attachment, text, finding, digest))
            places.setdefault(digest, []).append((source, attachment))
    return [
        Located(
            finding=finding,
            source=source,
            attachment=attachment,
            digest=digest,
            override=overrides.get((finding.kind, digest)),
            context=context_of(text, finding),
            published_as=privacy_scan.mask(finding, rule),
            mask_refusal=_mask_refusal(finding.kind, places[digest]),
        )
        for source, attachment, text, finding, digest in found
    ]


def open_findings(revision: Revision) -> list[Located]:
    return [f for f in scan_revision(revision) if f.is_open]


def body_highlighted(revision: Revision) -> SafeString:
    contacts = agency_contacts(revision)
    found = privacy_scan.scan(revision.body_text)
    return highlight(revision.body_text, [f for f in found if (f.kind, f.value) not in contacts])
