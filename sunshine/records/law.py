"""The legal figures of proactive disclosure (主动公开), each stated once with its source.

docs/legal.md explains each rule; the comment of each figure names the article and the section.
"""

from __future__ import annotations

# Publish within this many working days of the day the information was formed or changed
# (the day itself not counted), unless another law or regulation sets a different period.
PUBLICATION_WORKING_DAYS = 20  # 条例 Art. 26; docs/legal.md#proactive-publication
