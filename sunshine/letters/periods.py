"""The periods of letters, in working days on the one working-day clock (docs/letters.md#periods).

Pure Python, no Django imports. These are the site's defaults, not figures of a statute: an agency's
own periods (``models.LetterPeriod``) take their place where the administrator set them.
"""

from __future__ import annotations

# Working days to reply, counted from the day after receipt (docs/letters.md#periods).
CONSULTATION_PERIOD = 5
DEFAULT_PERIOD = 15
REPLY_PERIODS: dict[str, int] = {
    "consultation": CONSULTATION_PERIOD,
    "complaint": DEFAULT_PERIOD,
    "suggestion": DEFAULT_PERIOD,
    "report": DEFAULT_PERIOD,
    "mailbox": DEFAULT_PERIOD,
    "disclosure_complaint": DEFAULT_PERIOD,
}

# One extension, approved by a signer or the disclosure office: at most this many working days.
MAX_EXTENSION = 15  # docs/letters.md#extension

# The longest an agency may set for a kind of letter.
MAX_PERIOD = 60  # docs/letters.md#periods
