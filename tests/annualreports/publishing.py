"""A year's annual report taken through its steps by the people holding the roles, for the tests of
the pages that show published reports."""

from __future__ import annotations

import datetime

from sunshine.agencies.models import Agency
from sunshine.annualreports import services
from sunshine.annualreports.models import AnnualReportDraft


def publish_year(
    agency: Agency, year: int, people: dict, on: datetime.date | None = None
) -> AnnualReportDraft:
    """Opens, fills in, submits, approves, signs and publishes ``agency``'s report on ``year``."""
    draft = services.open_draft(agency=agency, year=year, by=people["office"])
    draft = services.update_draft(
        draft=draft,
        by=people["office"],
        overview=f"{year}年，本机关认真落实政府信息公开条例，主动公开和依申请公开工作稳步推进。",
        problems="栏目更新不够及时；下一年度建立更新提醒机制。",
        other_matters="本年度未收取信息处理费。",
    )
    on = on or datetime.date(year + 1, 1, 20)
    for action, who in (
        ("submit", "office"),
        ("approve", "reviewer"),
        ("sign", "signer"),
        ("publish", "office"),
    ):
        draft = services.take_action(draft=draft, action=action, by=people[who], today=on)
    draft.refresh_from_db()
    return draft
