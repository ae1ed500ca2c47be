"""The periods of letters, in working days on the one working-day clock (docs/letters.md#periods).

Pure Python, no Django imports. These are the site's defaults, not figures of a statute: an agency's
own periods (``models.LetterPeriod``) take their place where the administrator set them.
"""

from __future__ import annotations

# Working days to reply, counted from the day after receipt (docs/letters.md#periods).
CONSULTATION_WORKING_DAYS = 5
DEFAULT_WORKING_DAYS = 15
REPLY_WORKING_DAYS: dict[str, int] = {
    "consultation": CONSULTATION_WORKING_DAYS,
    "complaint": DEFAULT_WORKING_DAYS,
    "suggestion": DEFAULT_WORKING_DAYS,
    "report": DEFAULT_WORKING_DAYS,
    "mailbox": DEFAULT_WORKING_DAYS,
    "disclosure_complaint": DEFAULT_WORKING_DAYS,
}

# One extension, approved by a signer or the disclosure office: at most this many working days.
MAX_EXTENSION_WORKING_DAYS = 15  # docs/letters.md#extension

# The longest an agency may set for a kind of letter.
MAX_PERIOD_WORKING_DAYS = 60  # docs/letters.md#periods
