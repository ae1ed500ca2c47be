"""The legal figures of requests for information (依申请公开), each stated once with its source.

docs/legal.md explains each rule; the comment of each figure names the article and the section.
Pure Python: no Django imports, so the fee arithmetic and the documents can read it anywhere.
"""

from __future__ import annotations

# The reply period: working days after the day of receipt (not counted).
REPLY_WORKING_DAYS = 20  # 条例 Art. 33 para. 2; docs/legal.md#reply-period

# One extension, approved by the head of the disclosure office: at most this many working days.
MAX_EXTENSION_WORKING_DAYS = 20  # 条例 Art. 33 para. 2; docs/legal.md#extension

# The correction notice (补正) must go out within this many working days of receipt.
CORRECTION_NOTICE_WORKING_DAYS = 7  # 条例 Art. 30; docs/legal.md#correction

# The law asks for a "reasonable" correction period; Sunshine accepts 1 to this many working days.
MAX_CORRECTION_PERIOD = 60  # bound of the 条例 Art. 30 period set by Sunshine; docs/legal.md#correction

# A third party or a co-producing agency has this many working days to answer a consultation.
CONSULTATION_WORKING_DAYS = 15  # 条例 Art. 32, Art. 34; docs/legal.md#consultation

# Working days the applicant has to pay after the fee notice (the reply period stops meanwhile).
FEE_PAYMENT_WORKING_DAYS = 20  # 国办函〔2020〕109号, to be confirmed; docs/legal.md#fee-payment

# Per-application fee (按件), counted over one applicant's applications in one calendar month:
# the first ones free, the next ones at a first rate up to a count, then bands dearer step by step.
FREE_APPLICATIONS_PER_MONTH = 10  # 国办函〔2020〕109号 Art. 4 (一); docs/legal.md#fees
FIRST_CHARGED_BAND_END = 30  # 国办函〔2020〕109号 Art. 4 (二); docs/legal.md#fees
FIRST_CHARGED_RATE = 100  # yuan each, 国办函〔2020〕109号 Art. 4 (二); docs/legal.md#fees
BAND_SIZE = 10  # applications a band, 国办函〔2020〕109号 Art. 4 (三); docs/legal.md#fees
BAND_STEP = 100  # yuan more each per band, 国办函〔2020〕109号 Art. 4 (三); docs/legal.md#fees

# Per-page fee (按量) of one application: (first page, last page or None for no end, yuan a page).
PER_PAGE_RATES: tuple[tuple[int, int | None, int], ...] = (  # 国办函〔2020〕109号 Art. 5; docs/legal.md#fees
    (1, 30, 0),
    (31, 100, 10),
    (101, 200, 20),
    (201, None, 40),
)

# The applicant's remedies, as every reply notice states them.
RECONSIDERATION_DAYS = 60  # days to seek 行政复议: 行政复议法 (2023) Art. 20; docs/legal.md#remedies
LAWSUIT_MONTHS = 6  # months to sue directly: 行政诉讼法 Art. 46; docs/legal.md#remedies
LAWSUIT_AFTER_RECONSIDERATION_DAYS = 15  # days to sue after 复议: 行政诉讼法 Art. 45; docs/legal.md#remedies
