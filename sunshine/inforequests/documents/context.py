"""The facts a document template may use, as a plain dict built from one request.

The documents are official notices in Chinese, the language of the Regulations, whatever language
the staff member reading the back office uses: the wording below (legal basis, remedies, dates)
is part of the documents, like their templates, and is not translated.

Legal sources (docs/legal.md#replies and docs/legal.md#remedies; the figures are in
``sunshine.inforequests.law``):
- 条例 = 《中华人民共和国政府信息公开条例》 (2019), Art. 14-16, 30-39, 42.
- 行政复议法 (2023) Art. 20: the period to seek reconsideration; Art. 23 (四): against a refusal to
  disclose, reconsideration comes first, and the agency must say so in its decision; Art. 24: the
  government at the same level decides on its departments, the government above on a government.
- 行政诉讼法 Art. 45: the period to sue after the reconsideration decision; Art. 46: the period to
  sue without reconsideration.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from sunshine.agencies.models import Agency, AgencyKind
from sunshine.inforequests.clock import correction_period_of
from sunshine.inforequests.codes import ConsultationParty, Outcome
from sunshine.inforequests.documents.blocks import escape_lines
from sunshine.inforequests.documents.kinds import DocumentKind
from sunshine.inforequests.law import (
    CONSULTATION_WORKING_DAYS,
    LAWSUIT_AFTER_RECONSIDERATION_DAYS,
    LAWSUIT_MONTHS,
    RECONSIDERATION_DAYS,
    REPLY_WORKING_DAYS,
)
from sunshine.inforequests.models import InfoRequest, Pause, RequestFile
from sunshine.workdays.calendar import current_calendar
from sunshine.workdays.clock import CalendarNotPublished, Deadline, deadline

REGULATIONS = "《中华人民共和国政府信息公开条例》"
_R = REGULATIONS
_WITHHELD = "第三十六条第（三）项"

# The provisions a reply notice cites, one entry per outcome code (the annual report's table 3 rows,
# mapped as in docs/legal.md#replies). Operators who cite differently override the outcome's paragraph
# template (reply/<outcome>.txt) and write their own citation there.
LEGAL_BASIS: dict[str, str] = {
    Outcome.DISCLOSED: f"{_R}第三十六条第（二）项",
    Outcome.PARTIALLY_DISCLOSED: f"{_R}第三十七条",
    Outcome.WITHHELD_STATE_SECRET: f"{_R}第十四条、{_WITHHELD}",
    Outcome.WITHHELD_PROHIBITED_BY_LAW: f"{_R}第十四条、{_WITHHELD}",
    Outcome.WITHHELD_SECURITY_STABILITY: f"{_R}第十四条、{_WITHHELD}",
    Outcome.WITHHELD_THIRD_PARTY: f"{_R}第十五条、{_WITHHELD}",
    Outcome.WITHHELD_INTERNAL_AFFAIRS: f"{_R}第十六条第一款、{_WITHHELD}",
    Outcome.WITHHELD_PROCESS_INFORMATION: f"{_R}第十六条第二款、{_WITHHELD}",
    Outcome.WITHHELD_ENFORCEMENT_FILE: f"{_R}第十六条第二款、{_WITHHELD}",
    Outcome.WITHHELD_QUERY_REGIME: f"{_R}第三十六条第（七）项",
    Outcome.UNAVAILABLE_NOT_HELD: f"{_R}第三十六条第（四）项",
    Outcome.UNAVAILABLE_NEEDS_CREATION: f"{_R}第三十八条",
    Outcome.UNAVAILABLE_UNCLEAR_AFTER_CORRECTION: f"{_R}第三十条",
    Outcome.NOT_PROCESSED_PETITION: f"{_R}第三十九条第一款",
    Outcome.NOT_PROCESSED_REPEAT: f"{_R}第三十六条第（六）项",
    Outcome.NOT_PROCESSED_PUBLICATION: f"{_R}第三十九条第二款",
    Outcome.NOT_PROCESSED_EXCESSIVE: f"{_R}第三十五条",
    # No article names this case; by practice it is no request for existing government information.
    Outcome.NOT_PROCESSED_CONFIRMATION: f"{_R}第二条、第三十八条",
    Outcome.OTHER_CORRECTION_OVERDUE: f"{_R}第三十条",
    Outcome.OTHER_FEE_UNPAID: f"{_R}第四十二条和《政府信息公开信息处理费管理办法》",
    Outcome.OTHER: f"{_R}的有关规定",
}

# 行政复议法 Art. 23 (四): against a refusal to disclose, the applicant must seek reconsideration before
# going to court, and the notice must say so. The annual report counts these outcomes as 不予公开
# (row 三) and partial disclosure refuses the rest.
RECONSIDERATION_FIRST = frozenset(
    {
        Outcome.PARTIALLY_DISCLOSED,
        Outcome.WITHHELD_STATE_SECRET,
        Outcome.WITHHELD_PROHIBITED_BY_LAW,
        Outcome.WITHHELD_SECURITY_STABILITY,
        Outcome.WITHHELD_THIRD_PARTY,
        Outcome.WITHHELD_INTERNAL_AFFAIRS,
        Outcome.WITHHELD_PROCESS_INFORMATION,
        Outcome.WITHHELD_ENFORCEMENT_FILE,
        Outcome.WITHHELD_QUERY_REGIME,
    }
)

UNKNOWN_RECONSIDERATION_BODY = "依法有管辖权的行政复议机关"

CHANNEL_TEXT = {
    "online": "通过互联网",
    "in_person": "当面",
    "post": "以邮寄方式",
    "fax": "通过传真",
}
DELIVERY_FORM_TEXT = {"electronic": "电子文本", "paper": "纸质文本"}
DELIVERY_METHOD_TEXT = {
    "email": "电子邮件",
    "post": "邮寄",
    "pickup": "当面领取",
    "online": "网上获取",
}


def chinese_date(day: datetime.date | None) -> str:
    """2026年3月5日: Arabic numerals, the year in full, no leading zeros (GB/T 9704-2012 7.3.5.3)."""
    if day is None:
        return ""
    return f"{day.year}年{day.month}月{day.day}日"


def _reply_files(request: InfoRequest) -> list[str]:
    """The names of the files sent with the reply (none before it is sent)."""
    from sunshine.inforequests.applicant_file import applicant_files

    if not request.pk:
        return []
    sent = applicant_files(request).filter(purpose=RequestFile.Purpose.REPLY)
    return [one_line(name) for name in sent.values_list("name", flat=True)]


def one_line(text: str) -> str:
    """Text given by a person, on one line: Chinese lines join without a space, others with one."""
    result = ""
    for line in (part.strip() for part in text.splitlines()):
        if not line:
            continue
        if result and (result[-1].isascii() and line[0].isascii()):
            result += " "
        result += line
    return result


def reconsideration_body(agency: Agency) -> str:
    """The government that decides on reconsideration (行政复议法 Art. 24): for a department, the
    government it belongs to; for a government or a street office, the government above it.

    Agencies under vertical leadership (customs, tax ...; Art. 27) go to the authority above them,
    which the agency tree does not tell: their operators override the reply notice template.
    """
    parent = agency.parent
    while parent is not None:
        if parent.kind == AgencyKind.GOVERNMENT:
            return parent.name
        parent = parent.parent
    return UNKNOWN_RECONSIDERATION_BODY


def remedies(outcome: str, body: str) -> str:
    """The paragraph on reconsideration and lawsuit that ends every reply notice."""
    direct = (
        f"可以自收到本告知书之日起{RECONSIDERATION_DAYS}日内向{body}申请行政复议，"
        f"也可以自收到本告知书之日起{LAWSUIT_MONTHS}个月内依法向人民法院提起行政诉讼。"
    )
    if outcome not in RECONSIDERATION_FIRST:
        return f"您对本答复不服的，{direct}"
    first = (
        "您对本答复中不予公开的决定不服的，依照《中华人民共和国行政复议法》第二十三条的规定，"
        f"应当先自收到本告知书之日起{RECONSIDERATION_DAYS}日内向{body}申请行政复议；"
        f"对行政复议决定不服的，可以自收到行政复议决定书之日起{LAWSUIT_AFTER_RECONSIDERATION_DAYS}日内"
        "依法向人民法院提起行政诉讼。"
    )
    if outcome == Outcome.PARTIALLY_DISCLOSED:
        return f"{first}您对本答复的其他内容不服的，{direct}"
    return first


def _receipt_due(request: InfoRequest) -> Deadline | None:
    """The 20th working day after receipt (条例 Art. 33), as the receipt states it."""
    if request.received_on is None:
        return None
    try:
        return deadline(request.received_on, REPLY_WORKING_DAYS, current_calendar())
    except CalendarNotPublished:
        return None  # a year outside what can be estimated: the receipt states the period only


def provisional_text(start: datetime.date | None, date: datetime.date | None, provisional: bool) -> str:
    """ "（暂定…）" after a date that rests on an unpublished year (docs/legal.md#provisional-years)."""
    if not provisional or start is None or date is None:
        return ""
    years = current_calendar().provisional_years_in(start, date)
    listed = "、".join(str(y) for y in years or [date.year])
    return f"（暂定日期，将在国务院公布{listed}年节假日安排后确认）"


# 国办函〔2020〕109号 Art. 4 (按件) and Art. 5 (按量).
FEE_METHOD_TEXT = {"per_application": "按件", "per_page": "按量"}


def _document_date(
    kind: DocumentKind, request: InfoRequest, pause: Pause | None, today: datetime.date
) -> datetime.date:
    """The date a document bears: the day of the step it reports."""
    dates: dict[str, datetime.date | None] = {
        "receipt": request.received_on,
        "correction_notice": request.correction_requested_on,
        "consultation_letter": pause.started_on if pause is not None else None,
        "extension_notice": request.extended_on,
        "fee_notice": request.fee_notified_on,
        "reply_notice": request.concluded_on,
    }
    return dates.get(kind.slug) or today


def _agency_context(agency: Agency) -> dict[str, str]:
    return {
        "agency_name": agency.name,
        "office_name": agency.office_name or agency.name,
        "agency_address": agency.address,
        "agency_postal_code": agency.postal_code,
        "agency_office_hours": agency.office_hours,
        "agency_phone": agency.phone,
        "agency_fax": agency.fax,
        "agency_email": agency.email,
        "agency_website": agency.website,
    }


def _information_summary(request: InfoRequest) -> str:
    """The information asked for, in one phrase: its name (or description) and document number."""
    summary = one_line(request.title) or one_line(request.description)
    if request.document_number:
        summary += f"（文号：{one_line(request.document_number)}）"
    return summary


def build_context(
    request: InfoRequest, kind: DocumentKind, *, today: datetime.date | None = None
) -> dict[str, Any]:
    """Everything a template of ``kind`` may print, as strings, lists and booleans.

    Person-written text is on one line (``one_line``) or, where a template prints it as paragraphs
    (reasons), escaped so that none of its lines reads as layout (``blocks.escape_lines``).
    """
    today = today or timezone.localdate()
    agency = request.agency
    form = DELIVERY_FORM_TEXT.get(request.delivery_form, "")
    method = DELIVERY_METHOD_TEXT.get(request.delivery_method, "")
    pause = request.pauses.order_by("-started_on", "-id").first()
    outcome = request.outcome
    body = reconsideration_body(agency)
    receipt_due = _receipt_due(request)
    context: dict[str, Any] = {
        **_agency_context(agency),
        "regulations": REGULATIONS,
        "document_date": chinese_date(_document_date(kind, request, pause, today)),
        "tracking_code": request.tracking_code,
        "applicant_name": one_line(request.applicant_name),
        "channel_text": CHANNEL_TEXT.get(request.channel, ""),
        "submitted_on": chinese_date(timezone.localdate(request.submitted_at)),
        "received_on": chinese_date(request.received_on),
        "due_date": chinese_date(request.due_date),
        "receipt_due_date": chinese_date(receipt_due.date if receipt_due else None),
        "receipt_due_provisional": provisional_text(
            request.received_on,
            receipt_due.date if receipt_due else None,
            bool(receipt_due and receipt_due.provisional),
        ),
        "due_date_provisional": provisional_text(
            request.clock_start, request.due_date, request.due_date_provisional
        ),
        "reply_working_days": REPLY_WORKING_DAYS,
        "information_title": one_line(request.title),
        "information_number": one_line(request.document_number),
        "information_description": one_line(request.description),
        "information": _information_summary(request),
        "delivery_text": f"{form}（{method}）" if form and method else form or method,
        # 条例 Art. 30
        "correction_items": [one_line(item) for item in request.correction_items if one_line(item)],
        "correction_requested_on": chinese_date(request.correction_requested_on),
        "correction_due": chinese_date(request.correction_due),
        "correction_due_provisional": provisional_text(
            request.correction_requested_on, request.correction_due, request.correction_due_provisional
        ),
        "correction_period": correction_period_of(request),
        # 条例 Art. 32, 34
        "consultation_party": pause.party if pause is not None else "",
        "consults_third_party": pause is not None and pause.party == ConsultationParty.THIRD_PARTY,
        "consultation_started_on": chinese_date(pause.started_on if pause is not None else None),
        "consultation_working_days": CONSULTATION_WORKING_DAYS,
        # 条例 Art. 33 para. 2
        "extension_days": request.extension_days,
        "extension_reason": one_line(request.extension_reason).rstrip("。；;.，, "),
        "extension_approved_by": one_line(request.extension_approved_by),
        "extended_on": chinese_date(request.extended_on),
        # The reply (条例 Art. 36-39) and the remedies.
        "outcome": outcome,
        "outcome_template": f"inforequests/documents/reply/{outcome}.txt" if outcome else "",
        "legal_basis": LEGAL_BASIS.get(outcome, ""),
        "reply_reasons": escape_lines(request.reply_reasons),
        # What the reply hands over: its files and the published records it points to.
        "reply_files": _reply_files(request),
        "reply_records": [one_line(str(n)) for n in (request.outcome_detail or {}).get("records", []) if n],
        "concluded_on": chinese_date(request.concluded_on),
        "reconsideration_body": body,
        "reconsideration_first": outcome in RECONSIDERATION_FIRST,
        "remedies": remedies(outcome, body) if outcome else "",
        # 信息处理费 (条例 Art. 42); read with getattr so that the documents do not depend on the fee fields.
        "fee_notified_on": chinese_date(getattr(request, "fee_notified_on", None)),
        "fee_due": chinese_date(getattr(request, "fee_due", None)),
        "fee_declined_on": chinese_date(getattr(request, "fee_declined_on", None)),
        "fee_amount": "" if request.fee_amount is None else str(request.fee_amount),
        "fee_method_text": FEE_METHOD_TEXT.get(request.fee_method, ""),
        "fee_due_provisional": provisional_text(
            request.fee_notified_on, request.fee_due, request.fee_due_provisional
        ),
    }
    return context
