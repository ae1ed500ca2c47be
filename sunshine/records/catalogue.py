"""The standard disclosure catalogue (政府信息公开目录) every agency starts with, and the topic list.

Pure data: the seeding code (``services.seed_catalogue``, the data migration) reads it. Names are
data, not interface text: they are stored per agency and the disclosure office may rename them;
``name_en`` is shown to readers who chose English.

Categories follow 条例 Art. 20–21 and the catalogues of base-level governments (国办发〔2019〕54号;
docs/legal.md#proactive-publication). ``interval_days`` is the expected update interval: oversight flags a
category with nothing published for longer as stale (2 weeks for work news, about half a year for
policy documents and notices, a year for what changes yearly).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class StandardCategory:
    key: str
    name: str
    name_en: str
    interval_days: int | None  # None: published as things happen, no expected rhythm
    children: tuple[StandardCategory, ...] = field(default=())


def _c(
    key: str, name: str, name_en: str, interval_days: int | None, *children: StandardCategory
) -> StandardCategory:
    return StandardCategory(key, name, name_en, interval_days, tuple(children))


# Keys the code relies on.
POLICY_DOCUMENTS = "policy_documents"
NORMATIVE_DOCUMENTS = "normative_documents"
POLICY_INTERPRETATION = "policy_interpretation"
ANNUAL_REPORT = "annual_report"
WORK_NEWS = "work_news"
NOTICES = "notices"

HALF_YEAR = 182
YEAR = 365

STANDARD_CATEGORIES: tuple[StandardCategory, ...] = (
    _c("institution", "机构职能", "Functions and organisation", YEAR),
    _c(
        POLICY_DOCUMENTS,
        "政策文件",
        "Policy documents",
        HALF_YEAR,
        _c(NORMATIVE_DOCUMENTS, "行政规范性文件", "Normative documents", HALF_YEAR),
        _c("other_documents", "其他文件", "Other documents", HALF_YEAR),
    ),
    _c(POLICY_INTERPRETATION, "政策解读", "Policy interpretation", HALF_YEAR),
    _c("plans", "规划计划", "Plans and programmes", YEAR),
    _c(
        "finance",
        "财政信息",
        "Budgets and accounts",
        YEAR,
        _c("budget", "预算", "Budgets", YEAR),
        _c("final_accounts", "决算", "Final accounts", YEAR),
        _c("three_public_expenses", "三公经费", "Official travel, receptions and vehicles", YEAR),
    ),
    _c(
        "personnel",
        "人事信息",
        "Personnel",
        HALF_YEAR,
        _c("appointments", "人事任免", "Appointments and removals", None),
        _c("recruitment", "公务员招考", "Civil service recruitment", YEAR),
    ),
    _c("administrative_power", "行政权力", "Administrative powers", YEAR),
    _c(
        "enforcement",
        "行政执法",
        "Law enforcement",
        HALF_YEAR,
        _c("licensing", "行政许可", "Administrative licensing", 90),
        _c("penalties", "行政处罚", "Administrative penalties", 90),
        _c("compulsion", "行政强制", "Administrative compulsion", None),
    ),
    _c("fees", "行政事业性收费", "Administrative fees", YEAR),
    _c("public_resources", "公共资源交易", "Public resource trading and procurement", 90),
    _c("major_decisions", "重大决策", "Major decisions", YEAR),
    _c("major_projects", "重大建设项目", "Major construction projects", HALF_YEAR),
    _c("statistics", "统计信息", "Statistics", 90),
    _c("emergencies", "应急管理", "Emergency management", YEAR),
    _c("proposals", "建议提案办理", "Replies to deputies' suggestions and proposals", YEAR),
    _c(WORK_NEWS, "工作动态", "Work news", 14),
    _c(NOTICES, "通知公告", "Notices and announcements", HALF_YEAR),
    _c(ANNUAL_REPORT, "年度报告", "Annual reports on disclosure", YEAR),
)


def walk(
    categories: tuple[StandardCategory, ...] = STANDARD_CATEGORIES,
) -> list[tuple[StandardCategory, str]]:
    """Every standard category with its parent's key ("" at the top), parents first."""
    rows: list[tuple[StandardCategory, str]] = []
    for category in categories:
        rows.append((category, ""))
        rows.extend((child, category.key) for child in category.children)
    return rows


STANDARD_KEYS = frozenset(c.key for c, _parent in walk())


@dataclass(frozen=True)
class Topic:
    code: str
    name: str
    children: tuple[str, ...] = ()


# 主题分类: the State Council's subject classification as gov.cn shows it ("综合政务\政务公开"),
# top levels with the sub-topics most used by local governments. From the gov.cn catalogue
# pages; the administrator may add more.
TOPICS: tuple[Topic, ...] = (
    Topic("01", "综合政务", ("政务公开", "政务督查", "应急管理", "电子政务", "文秘工作", "其他")),
    Topic("02", "国民经济管理、国有资产监管", ("发展规划", "经济运行", "国有资产监管", "物价")),
    Topic("03", "财政、金融、审计", ("财政", "金融", "审计", "税务")),
    Topic("04", "国土资源、能源", ("土地", "矿产", "能源")),
    Topic("05", "农业、林业、水利", ("农业、畜牧业、渔业", "林业", "水利")),
    Topic("06", "工业、交通", ("工业", "交通", "信息产业")),
    Topic("07", "商贸、海关、旅游", ("国内贸易", "对外经贸合作", "旅游")),
    Topic("08", "市场监管、安全生产监管", ("市场监管", "安全生产监管", "食品药品监管")),
    Topic("09", "城乡建设、环境保护", ("城市规划", "城乡建设（含住房）", "环境监测、保护与治理")),
    Topic("10", "科技、教育", ("科技", "教育")),
    Topic("11", "文化、广电、新闻出版", ("文化", "广播影视", "新闻出版")),
    Topic("12", "卫生、体育", ("卫生", "医药管理", "体育")),
    Topic("13", "人口与计划生育、妇女儿童工作", ("人口与计划生育", "妇女儿童")),
    Topic("14", "劳动、人事、监察", ("就业", "社会保障", "人事工作", "监察")),
    Topic("15", "公安、安全、司法", ("公安", "司法")),
    Topic("16", "民政、扶贫、救灾", ("社会福利", "减灾救灾", "扶贫", "社区建设")),
    Topic("17", "民族、宗教", ()),
    Topic("18", "对外事务", ()),
    Topic("19", "港澳台侨工作", ()),
    Topic("20", "国防", ()),
    Topic("21", "其他", ()),
)


def topic_rows() -> list[tuple[str, str, str]]:
    """(code, name, parent code) of every topic, parents first; a sub-topic's code is "<parent>.<nn>"."""
    rows: list[tuple[str, str, str]] = []
    for topic in TOPICS:
        rows.append((topic.code, topic.name, ""))
        rows.extend((f"{topic.code}.{n:02d}", child, topic.code) for n, child in enumerate(topic.children, 1))
    return rows
