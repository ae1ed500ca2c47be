"""The rows and columns of the national annual-report format (国办公开办函〔2021〕30号), as data.

Each row and column carries the format's own Chinese wording, printed as it is in every language,
and an English label for readers of the English interface.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sunshine.inforequests.codes import ApplicantKind, Outcome, ReviewKind, ReviewResult


@dataclass(frozen=True)
class Line:
    code: str
    official: str  # the format's wording
    label: str | Promise  # for the English interface
    level: int = 0  # indentation in the printed table
    numbered: bool = True  # False for headings that carry no figures


TOTAL = "total"

# 表三 columns: the six applicant kinds and the total.
APPLICANT_COLUMNS: tuple[Line, ...] = (
    Line(ApplicantKind.NATURAL_PERSON, "自然人", _("Natural person")),
    Line(ApplicantKind.COMMERCIAL_ENTERPRISE, "商业企业", _("Commercial enterprise")),
    Line(ApplicantKind.RESEARCH_INSTITUTION, "科研机构", _("Research institution")),
    Line(ApplicantKind.PUBLIC_INTEREST_ORG, "社会公益组织", _("Public-interest organisation")),
    Line(ApplicantKind.LEGAL_SERVICE_ORG, "法律服务机构", _("Legal service organisation")),
    Line(ApplicantKind.OTHER_ORG, "其他", _("Other")),
    Line(TOTAL, "总计", _("Total")),
)
COLUMN_CODES: tuple[str, ...] = tuple(c.code for c in APPLICANT_COLUMNS)
KIND_CODES: tuple[str, ...] = COLUMN_CODES[:-1]

NEW_THIS_YEAR = "new_this_year"
CARRIED_OVER = "carried_over"
CARRIED_TO_NEXT_YEAR = "carried_to_next_year"

# 表三 rows in the format's order. Headings (numbered=False) carry no figures; the leaves are the
# outcome codes of the request lifecycle, one per leaf row.
APPLICATION_LINES: tuple[Line, ...] = (
    Line(NEW_THIS_YEAR, "一、本年新收政府信息公开申请数量", _("I. New applications this year")),
    Line(CARRIED_OVER, "二、上年结转政府信息公开申请数量", _("II. Applications carried over from last year")),
    Line("results", "三、本年度办理结果", _("III. Results this year"), numbered=False),
    Line(Outcome.DISCLOSED, "（一）予以公开", _("(1) Disclosed"), 1),
    Line(
        Outcome.PARTIALLY_DISCLOSED,
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        _("(2) Partially disclosed (counted here only)"),
        1,
    ),
    Line("withheld", "（三）不予公开", _("(3) Withheld"), 1, numbered=False),
    Line(Outcome.WITHHELD_STATE_SECRET, "1.属于国家秘密", _("1. State secret"), 2),
    Line(
        Outcome.WITHHELD_PROHIBITED_BY_LAW, "2.其他法律行政法规禁止公开", _("2. Prohibited by other laws"), 2
    ),
    Line(Outcome.WITHHELD_SECURITY_STABILITY, "3.危及“三安全一稳定”", _("3. Security and stability"), 2),
    Line(Outcome.WITHHELD_THIRD_PARTY, "4.保护第三方合法权益", _("4. Lawful rights of a third party"), 2),
    Line(Outcome.WITHHELD_INTERNAL_AFFAIRS, "5.属于三类内部事务信息", _("5. Internal affairs"), 2),
    Line(Outcome.WITHHELD_PROCESS_INFORMATION, "6.属于四类过程性信息", _("6. Process information"), 2),
    Line(Outcome.WITHHELD_ENFORCEMENT_FILE, "7.属于行政执法案卷", _("7. Enforcement case file"), 2),
    Line(Outcome.WITHHELD_QUERY_REGIME, "8.属于行政查询事项", _("8. Administrative query matter"), 2),
    Line("unavailable", "（四）无法提供", _("(4) Cannot be provided"), 1, numbered=False),
    Line(Outcome.UNAVAILABLE_NOT_HELD, "1.本机关不掌握相关政府信息", _("1. Not held by this agency"), 2),
    Line(
        Outcome.UNAVAILABLE_NEEDS_CREATION,
        "2.没有现成信息需要另行制作",
        _("2. Would need to be created"),
        2,
    ),
    Line(
        Outcome.UNAVAILABLE_UNCLEAR_AFTER_CORRECTION,
        "3.补正后申请内容仍不明确",
        _("3. Still unclear after correction"),
        2,
    ),
    Line("not_processed", "（五）不予处理", _("(5) Not processed"), 1, numbered=False),
    Line(Outcome.NOT_PROCESSED_PETITION, "1.信访举报投诉类申请", _("1. Petition, report or complaint"), 2),
    Line(Outcome.NOT_PROCESSED_REPEAT, "2.重复申请", _("2. Repeat application"), 2),
    Line(Outcome.NOT_PROCESSED_PUBLICATION, "3.要求提供公开出版物", _("3. Asks for a publication"), 2),
    Line(
        Outcome.NOT_PROCESSED_EXCESSIVE,
        "4.无正当理由大量反复申请",
        _("4. Excessive repeated applications without good reason"),
        2,
    ),
    Line(
        Outcome.NOT_PROCESSED_CONFIRMATION,
        "5.要求行政机关确认或重新出具已获取信息",
        _("5. Asks to confirm or reissue information already obtained"),
        2,
    ),
    Line("other_handling", "（六）其他处理", _("(6) Other handling"), 1, numbered=False),
    Line(
        Outcome.OTHER_CORRECTION_OVERDUE,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        _("1. No correction within the period without good reason; no longer processed"),
        2,
    ),
    Line(
        Outcome.OTHER_FEE_UNPAID,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        _("2. Fee not paid as the fee notice required; no longer processed"),
        2,
    ),
    Line(Outcome.OTHER, "3.其他", _("3. Other"), 2),
    Line(TOTAL, "（七）总计", _("(7) Total"), 1),
    Line(CARRIED_TO_NEXT_YEAR, "四、结转下年度继续办理", _("IV. Carried over to next year")),
)
ROW_CODES: tuple[str, ...] = tuple(line.code for line in APPLICATION_LINES if line.numbered)
OUTCOME_CODES: tuple[str, ...] = tuple(Outcome.values)

# 表四 columns: reconsideration, then lawsuits without and after reconsideration, each by result.
REVIEW_RESULT_COLUMNS: tuple[Line, ...] = (
    Line(ReviewResult.UPHELD, "结果维持", _("Upheld")),
    Line(ReviewResult.CORRECTED, "结果纠正", _("Corrected")),
    Line(ReviewResult.OTHER, "其他结果", _("Other result")),
    Line(ReviewResult.PENDING, "尚未审结", _("Not yet decided")),
    Line(TOTAL, "总计", _("Total")),
)
REVIEW_GROUPS: tuple[Line, ...] = (
    Line(ReviewKind.RECONSIDERATION, "行政复议", _("Administrative reconsideration")),
    Line(ReviewKind.LITIGATION_DIRECT, "未经复议直接起诉", _("Lawsuit without reconsideration")),
    Line(ReviewKind.LITIGATION_AFTER_RECONSIDERATION, "复议后起诉", _("Lawsuit after reconsideration")),
)
REVIEW_RESULT_CODES: tuple[str, ...] = tuple(c.code for c in REVIEW_RESULT_COLUMNS)

# 表二 (第二十条第（一）项): documents by kind, issued, repealed and in force.
REGULATIONS = "regulations"
NORMATIVE_DOCUMENTS = "normative_documents"
ISSUED, REPEALED, IN_FORCE = "issued", "repealed", "in_force"
DOCUMENT_ROWS: tuple[Line, ...] = (
    Line(REGULATIONS, "规章", _("Rules (regulations of governments and departments)")),
    Line(NORMATIVE_DOCUMENTS, "行政规范性文件", _("Normative documents")),
)
DOCUMENT_COLUMNS: tuple[Line, ...] = (
    Line(ISSUED, "本年制发件数", _("Issued this year")),
    Line(REPEALED, "本年废止件数", _("Repealed this year")),
    Line(IN_FORCE, "现行有效件数", _("In force")),
)
DOCUMENT_COLUMN_CODES: tuple[str, ...] = tuple(c.code for c in DOCUMENT_COLUMNS)

# 表二 (第二十条第（五）、（六）、（八）项): decisions and fees, entered by staff.
LICENSING, PENALTY, ENFORCEMENT, FEES = "licensing", "penalty", "enforcement", "fees"
DECISION_GROUPS: tuple[tuple[str, tuple[Line, ...]], ...] = (
    ("第二十条第（五）项", (Line(LICENSING, "行政许可", _("Administrative licensing")),)),
    (
        "第二十条第（六）项",
        (
            Line(PENALTY, "行政处罚", _("Administrative penalties")),
            Line(ENFORCEMENT, "行政强制", _("Administrative compulsion")),
        ),
    ),
)
DECISION_COLUMN = Line("decisions", "本年处理决定数量", _("Decisions this year"))
FEES_GROUP = "第二十条第（八）项"
FEES_LINE = Line(FEES, "行政事业性收费", _("Administrative fees"))
FEES_COLUMN = Line("amount", "本年收费金额（单位：万元）", _("Amount this year (10,000 yuan)"))
DOCUMENTS_GROUP = "第二十条第（一）项"
CONTENT_HEADING = "信息内容"

# The six parts of the report, in the format's wording.
SECTION_TITLES: tuple[str, ...] = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
APPLICATIONS_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
