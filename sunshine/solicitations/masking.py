"""What the public reads of a comment: personal data masked by the privacy scan."""

from __future__ import annotations

import re

from sunshine.records.privacy_scan import NameRule, mask_all, mask_name

_HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")


def mask_display_name(name: str, name_rule: str = NameRule.SURNAME) -> str:
    """The name a commenter gave, as published: a Chinese personal name by the agency's rule (张**),
    anything else with its personal data masked."""
    name = name.strip()
    if _HAN_NAME.fullmatch(name):
        return mask_name(name, name_rule)
    return mask_all(name, name_rule)
