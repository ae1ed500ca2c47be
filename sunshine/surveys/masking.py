"""What the public reads of a text answer: personal data masked by the privacy scan."""

from __future__ import annotations

from sunshine.records.privacy_scan import Kind, NameRule, mask, scan


def mask_text(text: str, name_rule: str = NameRule.SURNAME) -> str:
    masked = text
    for finding in reversed(scan(text)):
        if finding.kind == Kind.CLASSIFICATION:
            continue
        masked = masked[: finding.start] + mask(finding, name_rule) + masked[finding.end :]
    return masked
