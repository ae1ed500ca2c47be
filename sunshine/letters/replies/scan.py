"""The privacy scan of a letter's draft reply: the text is read as a request's reply is
(``inforequests.replies.scan``). The writer's own name, phone and e-mail are not findings (the reply
goes to them), nor are the agency's published numbers. A finding is shown masked; open findings stop
sending the draft to review unless the officer leaves them to the reviewer, who sees them too."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString

from sunshine.inforequests.replies.scan import is_own, own_values
from sunshine.letters.models import LetterReplyDraft
from sunshine.records import privacy_scan
from sunshine.records.findings import KIND_LABELS, context_of, digest_of
from sunshine.records.privacy_scan import Finding


@dataclass(frozen=True)
class LetterReplyFinding:
    finding: Finding
    digest: str
    context: SafeString

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.finding.kind])

    @property
    def masked(self) -> str:
        return privacy_scan.mask(self.finding)


def scan_draft(draft: LetterReplyDraft) -> list[LetterReplyFinding]:
    letter, agency = draft.letter, draft.letter.agency
    own = own_values(
        [letter.writer_name, letter.writer_phone, letter.writer_email, agency.phone, agency.fax, agency.email]
    )
    return [
        LetterReplyFinding(f, digest_of(f.kind, f.value), context_of(draft.text, f))
        for f in privacy_scan.scan(draft.text or "")
        if not is_own(f, own)
    ]
