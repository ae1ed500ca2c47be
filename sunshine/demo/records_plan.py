"""What the demo records are: the plan of titles, numbers, dates and fates (see ``sunshine.demo.records``)."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.utils import timezone

from sunshine.agencies.models import Agency, AgencyKind
from sunshine.records.codes import ChecklistItem, Validity
from sunshine.records.models import Record

SEED = 2026
FIRST_DAY = datetime.date(2024, 1, 3)
ALL_CHECKS = list(ChecklistItem.values)


@dataclass
class Spec:
    agency: Agency
    key: str
    title: str
    genre: str
    formed: datetime.date
    number: str = ""
    topic: str = ""
    keywords: str = ""
    paragraphs: list[str] = field(default_factory=list)
    needs_interpretation: bool = False
    interprets: Spec | None = None
    delay: int = 5  # working days from formation to publication
    fate: str = "published"  # published, revised, withdrawn, draft, submitted, returned, signed, scheduled
    validity: str = Validity.VALID
    issuers: list[Agency] = field(default_factory=list)
    record: Record | None = None


DEPARTMENT_TOPICS = {
    "FGW": ("10.01", ["重大项目建设", "价格监测", "社会信用体系建设", "粮食安全保障"], "发改"),
    "JYJ": ("10.02", ["义务教育招生入学", "校园安全管理", "学前教育普惠发展", "课后服务"], "教"),
    "GAJ": ("15.01", ["户籍管理便民服务", "道路交通安全", "电动自行车登记", "出入境服务"], "公"),
    "MZJ": ("16.01", ["最低生活保障", "养老服务体系建设", "婚姻登记", "社区治理"], "民"),
    "CZJ": ("03.01", ["预算绩效管理", "政府采购", "国有资产管理", "财政资金直达"], "财"),
    "RSJ": ("14.01", ["稳岗就业补贴", "社会保险待遇调整", "技能人才培养", "根治欠薪"], "人社"),
    "ZRZYJ": ("04.01", ["国土空间规划", "土地出让", "耕地保护", "不动产登记"], "自然资源"),
    "STHJJ": ("09.03", ["大气污染防治", "河湖水质监测", "固体废物治理", "环境影响评价"], "环"),
    "ZJJ": ("09.02", ["老旧小区改造", "保障性住房", "建筑工地扬尘治理", "物业服务管理"], "建"),
    "JTJ": ("06.02", ["公交线路优化", "农村公路建设", "网约车管理", "停车设施建设"], "交"),
    "WJW": ("12.01", ["疫苗接种服务", "基层医疗服务", "医疗机构监管", "爱国卫生运动"], "卫健"),
    "SCJGJ": ("08.01", ["食品安全抽检", "价格监督检查", "特种设备安全", "市场主体登记"], "市监"),
    "WJJ": ("12.01", ["家庭医生签约", "基层医疗服务", "传染病防控", "老年健康服务"], "卫健"),
}
COMPANIES = [
    "阳光市恒达贸易有限公司",
    "阳光市鑫源建材有限公司",
    "阳光市味佳餐饮管理有限公司",
    "阳光市通达物流有限公司",
]
LAWS = [
    "《中华人民共和国政府信息公开条例》",
    "《中华人民共和国行政许可法》",
    "《优化营商环境条例》",
    "省有关规定",
]
HOLIDAYS = ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节、国庆节"]


def _body(rng: random.Random, subject: str, what: str) -> list[str]:
    return [
        f"为进一步做好{subject}工作，根据{rng.choice(LAWS)}等有关规定，结合本市实际，现就{what}有关事项通知如下。",
        f"一、提高认识，加强领导。各单位要充分认识{subject}的重要意义，明确责任分工，确保各项措施落到实处。",
        f"二、突出重点，精准施策。围绕{subject}的重点环节，建立工作台账，按月调度推进情况。",
        "三、强化督促，务求实效。市有关部门将适时开展督促检查，对工作推进不力的单位予以通报。",
        "本通知自印发之日起施行。",
    ]


def _short(agency: Agency) -> str:
    return agency.name.replace("阳光市", "") if agency.kind == AgencyKind.DEPARTMENT else agency.name


class Planner:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)  # noqa: S311 - demo data, not secrets
        self.specs: list[Spec] = []
        self.numbers: dict[tuple[str, int], int] = {}

    def day(self, start: datetime.date = FIRST_DAY, end: datetime.date | None = None) -> datetime.date:
        end = end or timezone.localdate() - datetime.timedelta(days=45)
        return start + datetime.timedelta(days=self.rng.randrange(max((end - start).days, 1)))

    def number(self, prefix: str, year: int) -> str:
        n = self.numbers.get((prefix, year), 0) + self.rng.randint(1, 4)
        self.numbers[(prefix, year)] = n
        return f"{prefix}〔{year}〕{n}号"

    def add(self, spec: Spec) -> Spec:
        if spec.delay == 5:
            spec.delay = self.rng.choice([2, 3, 5, 8, 12, 15, 18, 19, 24, 30])  # some late (over 20)
        self.specs.append(spec)
        return spec

    def policy(
        self, agency: Agency, prefix: str, subject: str, topic: str, *, key: str = "normative_documents"
    ) -> None:
        formed = self.day()
        name = f"阳光市{subject}管理办法" if self.rng.random() < 0.5 else f"关于加快推进{subject}的实施意见"
        genre = "measures" if name.endswith("办法") else "opinion"
        title = f"{agency.name}关于印发《{name}》的通知" if genre == "measures" else f"{agency.name}{name}"
        policy = self.add(
            Spec(
                agency,
                key,
                title,
                genre,
                formed,
                number=self.number(prefix, formed.year),
                topic=topic,
                keywords=f"{subject}，{'办法' if genre == 'measures' else '意见'}",
                paragraphs=_body(self.rng, subject, name),
                needs_interpretation=self.rng.random() < 0.8,
            )
        )
        if policy.needs_interpretation and self.rng.random() < 0.75:
            self.add(
                Spec(
                    agency,
                    "policy_interpretation",
                    f"《{name}》政策解读",
                    "interpretation",
                    formed,
                    topic=topic,
                    keywords=f"{subject}，政策解读",
                    paragraphs=[
                        f"一、出台背景。为深入推进{subject}，市政府组织起草了《{name}》。",
                        f"二、主要内容。文件共分为总则、主要任务、保障措施三个部分，明确了{subject}的目标和路径。",
                        "三、适用范围。本文件适用于本市行政区域内的相关单位和个人。",
                    ],
                    interprets=policy,
                    delay=policy.delay + 2,
                )
            )

    def department(self, agency: Agency, code: str) -> None:
        topic, subjects, abbr = DEPARTMENT_TOPICS.get(code, ("01.01", ["政务公开"], "办"))
        prefix = (
            f"阳{abbr}发" if agency.parent and agency.parent.code == "YG" else f"{agency.name[:2]}{abbr}发"
        )
        for subject in self.rng.sample(subjects, k=min(2, len(subjects))):
            self.policy(agency, prefix, subject, topic)
        for year in (2024, 2025, 2026):
            self.add(
                Spec(
                    agency,
                    "budget",
                    f"{agency.name}{year}年部门预算",
                    "report",
                    datetime.date(year, 2, 3),
                    topic="03.01",
                    keywords="部门预算",
                    paragraphs=[f"{agency.name}{year}年部门预算公开说明。"],
                    delay=self.rng.choice([6, 10, 14]),
                )
            )
            if year < 2026:
                self.add(
                    Spec(
                        agency,
                        "final_accounts",
                        f"{agency.name}{year}年部门决算",
                        "report",
                        datetime.date(year + 1, 7, 8),
                        topic="03.01",
                        keywords="部门决算",
                        paragraphs=[f"{agency.name}{year}年度部门决算公开说明。"],
                    )
                )
                self.add(
                    Spec(
                        agency,
                        "three_public_expenses",
                        f"{agency.name}{year}年度“三公”经费支出情况说明",
                        "report",
                        datetime.date(year + 1, 7, 10),
                        topic="03.01",
                        keywords="三公经费",
                        paragraphs=[f"{year}年度{agency.name}“三公”经费财政拨款支出较上年有所下降。"],
                    )
                )
        for _n in range(self.rng.randint(3, 6)):
            subject = self.rng.choice(subjects)
            formed = self.day()
            action = self.rng.choice(["召开", "部署", "开展", "推进"])
            self.add(
                Spec(
                    agency,
                    "work_news",
                    f"{_short(agency)}{action}{formed.year}年{subject}工作",
                    "news",
                    formed,
                    topic=topic,
                    keywords=subject,
                    paragraphs=[f"近日，{agency.name}{action}{subject}工作。"],
                    delay=self.rng.choice([1, 2, 3]),
                )
            )
        formed = self.day()
        self.add(
            Spec(
                agency,
                "notices",
                f"{agency.name}关于开展{formed.year}年{self.rng.choice(subjects)}专项检查的通知",
                "notice",
                formed,
                number=self.number(prefix.replace("发", "函"), formed.year),
                topic=topic,
                paragraphs=_body(self.rng, self.rng.choice(subjects), "专项检查"),
            )
        )
        if code in {"SCJGJ", "STHJJ", "GAJ", "ZJJ"}:
            for _n in range(2):
                formed = self.day()
                company = self.rng.choice(COMPANIES)
                self.add(
                    Spec(
                        agency,
                        "penalties",
                        f"{agency.name}行政处罚决定书（{company}）",
                        "decision",
                        formed,
                        number=self.number(f"阳{abbr}罚", formed.year),
                        topic=topic,
                        keywords="行政处罚",
                        paragraphs=[f"当事人：{company}。经查，当事人存在违法行为，依法作出罚款的行政处罚。"],
                    )
                )
        self.add(
            Spec(
                agency,
                "recruitment",
                f"{agency.name}2025年公开招聘事业单位工作人员公告",
                "announcement",
                datetime.date(2025, 3, 12),
                topic="14.03",
                keywords="招聘",
                paragraphs=["根据事业单位公开招聘有关规定，现将公开招聘工作人员有关事项公告如下。"],
            )
        )
        self.add(
            Spec(
                agency,
                "institution",
                f"{agency.name}主要职责和内设机构",
                "other",
                datetime.date(2024, 3, 1),
                topic="01.01",
                keywords="机构职能",
                paragraphs=[f"{agency.name}是市政府工作部门。"],
                delay=4,
            )
        )

    def city(self, city: Agency) -> None:
        for subject, topic in [
            ("优化营商环境", "02.01"),
            ("城市更新", "09.02"),
            ("数字政府建设", "01.04"),
            ("养老服务", "16.01"),
            ("生态文明建设", "09.03"),
            ("科技创新", "10.01"),
        ]:
            self.policy(city, "阳政发", subject, topic)
        for year in (2024, 2025, 2026):
            self.add(
                Spec(
                    city,
                    "plans",
                    f"阳光市{year}年政务公开工作要点",
                    "programme",
                    datetime.date(year, 4, 10),
                    number=self.number("阳政办发", year),
                    topic="01.01",
                    keywords="政务公开，工作要点",
                    paragraphs=_body(self.rng, "政务公开", "年度工作要点"),
                )
            )
            for month in (3, 6, 9, 12):
                day = datetime.date(year, month, 20)
                if day < timezone.localdate() - datetime.timedelta(days=30):
                    self.add(
                        Spec(
                            city,
                            "statistics",
                            f"{year}年1—{month}月阳光市国民经济主要指标",
                            "report",
                            day,
                            topic="02.02",
                            keywords="统计",
                            paragraphs=["全市经济运行总体平稳、稳中有进。"],
                            delay=self.rng.choice([4, 8, 10]),
                        )
                    )
        for n in range(4):
            formed = self.day()
            self.add(
                Spec(
                    city,
                    "appointments",
                    f"阳光市人民政府关于王建国等同志职务任免的通知（{formed.year}年第{n + 1}批）",
                    "notice",
                    formed,
                    number=self.number("阳政人", formed.year),
                    topic="14.03",
                    keywords="人事任免",
                    paragraphs=["经市人民政府研究决定，任免下列同志职务。"],
                )
            )
        for holiday in self.rng.sample(HOLIDAYS, 4):
            formed = self.day()
            self.add(
                Spec(
                    city,
                    "notices",
                    f"阳光市人民政府办公室关于{formed.year}年{holiday}放假安排的通知",
                    "notice",
                    formed,
                    number=self.number("阳政办明电", formed.year),
                    topic="01.01",
                    paragraphs=[f"根据国务院办公厅通知精神，现将{formed.year}年{holiday}放假安排通知如下。"],
                    delay=2,
                )
            )
        for n in range(3):
            formed = self.day()
            self.add(
                Spec(
                    city,
                    "proposals",
                    f"对市十七届人大{n + 3}次会议第{self.rng.randint(10, 300)}号建议的答复",
                    "letter",
                    formed,
                    number=self.number("阳政建复", formed.year),
                    topic="01.01",
                    paragraphs=["您提出的建议收悉，经研究，现答复如下。"],
                )
            )
        for subject in ["一网通办", "河湖长制", "安全生产"]:
            formed = self.day()
            self.add(
                Spec(
                    city,
                    "work_news",
                    f"阳光市召开{formed.year}年{subject}工作推进会",
                    "news",
                    formed,
                    topic="01.01",
                    paragraphs=[f"近日，阳光市召开{subject}工作推进会，部署下一阶段工作。"],
                    delay=2,
                )
            )
        formed = self.day(start=timezone.localdate() - datetime.timedelta(days=40))
        self.add(
            Spec(
                city,
                "work_news",
                "阳光市人民政府召开常务会议",
                "news",
                formed,
                topic="01.01",
                paragraphs=["会议研究部署近期重点工作。"],
                delay=1,
            )
        )
        formed = self.day()
        self.add(
            Spec(
                city,
                "major_decisions",
                "关于《阳光市生活垃圾分类管理办法（征求意见稿）》公开征求意见的公告",
                "announcement",
                formed,
                topic="09.03",
                keywords="征求意见",
                paragraphs=["为提高立法质量，现将征求意见稿全文公布，征求社会各界意见。"],
            )
        )

    def district(self, district: Agency) -> None:
        prefix = f"{district.name[3:5]}政发"
        for subject, topic in [("老旧小区改造", "09.02"), ("基层治理", "16.04")]:
            self.policy(district, prefix, subject, topic)
        for _n in range(4):
            formed = self.day()
            self.add(
                Spec(
                    district,
                    "work_news",
                    f"{district.name[3:]}召开{formed.year}年基层治理推进会",
                    "news",
                    formed,
                    topic="16.04",
                    paragraphs=["会议总结工作，部署下一阶段任务。"],
                    delay=2,
                )
            )

    def street(self, street: Agency) -> None:
        for _n in range(3):
            formed = self.day()
            subject = self.rng.choice(["垃圾分类", "平安建设", "为老服务", "文明创建"])
            self.add(
                Spec(
                    street,
                    "work_news",
                    f"{street.name.replace('办事处', '')}开展{subject}宣传活动",
                    "news",
                    formed,
                    topic="16.04",
                    paragraphs=[f"近日，{street.name}组织开展{subject}宣传活动。"],
                    delay=self.rng.choice([1, 3, 25]),
                )
            )

    def recent(self, agency: Agency) -> None:
        """Records still on their way: drafts, in review, returned, signed, scheduled."""
        today = timezone.localdate()
        subjects = [
            "冬季校园安全",
            "寒假学生安全教育",
            "中小学生近视防控",
            "校外培训机构监管",
            "教师资格认定",
            "校园食品安全",
            "家庭经济困难学生资助",
        ]
        fates = ["draft", "submitted", "returned", "signed", "scheduled", "submitted", "draft"]
        for n, (subject, fate) in enumerate(zip(subjects, fates, strict=True)):
            formed = today - datetime.timedelta(days=3 + 4 * n)
            spec = self.add(
                Spec(
                    agency,
                    "notices",
                    f"{agency.name}关于做好{subject}工作的通知",
                    "notice",
                    formed,
                    number=self.number("阳教发", formed.year),
                    topic="10.02",
                    paragraphs=_body(self.rng, subject, subject),
                    fate=fate,
                )
            )
            if n == 1:  # the reviewer's demo: the scan finds a landline and a mobile number
                spec.paragraphs.append("联系人：李老师，联系电话：0571-87651234，手机：13905710001。")


def plan(city: Agency) -> list[Spec]:
    planner = Planner()
    planner.city(city)
    for agency in (
        Agency.objects.filter(path__startswith=city.path, is_active=True).exclude(pk=city.pk).order_by("path")
    ):
        suffix = agency.code.rsplit("-", 1)[-1]
        if agency.kind == AgencyKind.DEPARTMENT:
            planner.department(agency, suffix)
        elif agency.kind == AgencyKind.GOVERNMENT:
            planner.district(agency)
        elif agency.kind == AgencyKind.TOWNSHIP:
            planner.street(agency)
    education = Agency.objects.filter(code="YG-JYJ").first()
    if education is not None:
        planner.recent(education)
    for spec in planner.specs:  # a few fates among the older published ones
        if spec.fate == "published" and spec.key in {"normative_documents", "notices", "work_news"}:
            roll = planner.rng.random()
            if roll < 0.06:
                spec.fate = "revised"
            elif roll < 0.09 and spec.key != "normative_documents":  # policies keep their interpretations
                spec.fate = "withdrawn"
        if spec.key == "normative_documents" and spec.formed.year == 2024 and planner.rng.random() < 0.3:
            spec.validity = planner.rng.choice([Validity.REPEALED, Validity.EXPIRED])
    return planner.specs
