"""The demo city: a government, its departments, two districts with streets and communities,
and one demo person for every role. Used by ``manage.py demo_data``; loading twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db import transaction

from sunshine.agencies import services
from sunshine.agencies.models import Agency, AgencyKind, Role

DEMO_PASSWORD = "sunshine-demo-2026"  # noqa: S105 - printed for the demo, refused in production

CITY = ("YG", "阳光市人民政府", "Sunshine City People's Government")
CITY_DEPARTMENTS = [
    ("FGW", "阳光市发展和改革委员会", "Development and Reform Commission"),
    ("JYJ", "阳光市教育局", "Education Bureau"),
    ("GAJ", "阳光市公安局", "Public Security Bureau"),
    ("MZJ", "阳光市民政局", "Civil Affairs Bureau"),
    ("CZJ", "阳光市财政局", "Finance Bureau"),
    ("RSJ", "阳光市人力资源和社会保障局", "Human Resources and Social Security Bureau"),
    ("ZRZYJ", "阳光市自然资源和规划局", "Natural Resources and Planning Bureau"),
    ("STHJJ", "阳光市生态环境局", "Ecology and Environment Bureau"),
    ("ZJJ", "阳光市住房和城乡建设局", "Housing and Urban-Rural Development Bureau"),
    ("JTJ", "阳光市交通运输局", "Transport Bureau"),
    ("WJW", "阳光市卫生健康委员会", "Health Commission"),
    ("SCJGJ", "阳光市市场监督管理局", "Market Regulation Administration"),
]
DISTRICTS = [
    ("DC", "东城区", "Dongcheng District", ["春晖街道", "明德街道", "和平街道"]),
    ("XH", "西湖区", "Xihu District", ["湖滨街道", "翠苑街道", "文新街道"]),
]
DISTRICT_DEPARTMENTS = [
    ("JYJ", "教育局", "Education Bureau"),
    ("CZJ", "财政局", "Finance Bureau"),
    ("WJJ", "卫生健康局", "Health Bureau"),
    ("MZJ", "民政局", "Civil Affairs Bureau"),
]
COMMUNITIES = ["第一社区", "第二社区"]


@dataclass(frozen=True)
class DemoPerson:
    username: str
    full_name: str
    agency_code: str
    role: str | None
    superuser: bool = False


PEOPLE = [
    DemoPerson("admin", "系统管理员", "YG", Role.ADMINISTRATOR, superuser=True),
    DemoPerson("officer", "李信息", "YG-JYJ", Role.OFFICER),
    DemoPerson("reviewer", "王审核", "YG-JYJ", Role.REVIEWER),
    DemoPerson("signer", "张签发", "YG-JYJ", Role.SIGNER),
    DemoPerson("office", "赵公开", "YG", Role.DISCLOSURE_OFFICE),
    DemoPerson("supervisor", "钱监察", "YG", Role.SUPERVISOR),
    DemoPerson("dc-office", "孙公开", "YG-DC", Role.DISCLOSURE_OFFICE),
    DemoPerson("dc-officer", "周信息", "YG-DC-JYJ", Role.OFFICER),
]


def _guide(name: str, code: str, index: int) -> dict[str, str]:
    return {
        "office_name": f"{name}政府信息公开工作机构",
        "address": f"阳光市人民大道{100 + index}号",
        "postal_code": "310000",
        "office_hours": "工作日 上午9:00–12:00，下午13:30–17:00（法定节假日除外）",
        "phone": f"0571-8{index:03d}{index:04d}"[:13],
        "fax": f"0571-8{index:03d}0000",
        "email": f"gk-{code.lower()}@example.gov.cn",
        "how_to_apply": (
            "申请人可以通过本平台在线提交政府信息公开申请，也可以通过信函、传真或者当面提交书面申请。"
            "申请应当包括申请人的姓名或者名称、身份证明、联系方式，申请公开的政府信息的名称、文号"
            "或者便于查询的其他特征性描述，以及获取信息的方式、途径。"
        ),
    }


class DemoLoader:
    def __init__(self) -> None:
        self.index = 0
        self.created = 0

    def agency(self, code: str, kind: str, name: str, name_en: str, parent: Agency | None) -> Agency:
        existing = Agency.objects.filter(code=code).first()
        if existing is not None:
            return existing
        self.index += 1
        self.created += 1
        return services.create_agency(
            by=None,
            code=code,
            kind=kind,
            name=name,
            name_en=name_en,
            parent=parent,
            sort_order=self.index,
            **_guide(name, code, self.index),
        )


@transaction.atomic
def load_demo_city() -> dict[str, int]:
    """Create what is missing of the demo city; return how many agencies and people were added."""
    loader = DemoLoader()
    city = loader.agency(CITY[0], AgencyKind.GOVERNMENT, CITY[1], CITY[2], None)
    for suffix, name, name_en in CITY_DEPARTMENTS:
        loader.agency(f"YG-{suffix}", AgencyKind.DEPARTMENT, name, name_en, city)
    for code, name, name_en, streets in DISTRICTS:
        district = loader.agency(
            f"YG-{code}", AgencyKind.GOVERNMENT, f"阳光市{name}人民政府", f"{name_en} Government", city
        )
        for suffix, dept, dept_en in DISTRICT_DEPARTMENTS:
            loader.agency(f"YG-{code}-{suffix}", AgencyKind.DEPARTMENT, f"{name}{dept}", dept_en, district)
        for s, street_name in enumerate(streets, start=1):
            street = loader.agency(
                f"YG-{code}-JD{s:02d}", AgencyKind.TOWNSHIP, f"{name}{street_name}办事处", "", district
            )
            for c, community in enumerate(COMMUNITIES, start=1):
                loader.agency(
                    f"YG-{code}-JD{s:02d}-SQ{c:02d}",
                    AgencyKind.VILLAGE,
                    f"{street_name[:-2]}{community}居民委员会",
                    "",
                    street,
                )
    people = 0
    user_model = get_user_model()
    for person in PEOPLE:
        user, created = user_model.objects.get_or_create(username=person.username)
        if created:
            people += 1
            assert isinstance(user, AbstractUser)
            user.first_name = person.full_name
            user.email = f"{person.username}@example.gov.cn"
            user.is_staff = person.superuser
            user.is_superuser = person.superuser
            user.set_password(DEMO_PASSWORD)
            user.save()
        if person.role:
            agency = Agency.objects.get(code=person.agency_code)
            services.grant_role(by=None, user=user, agency=agency, role=person.role)
    return {"agencies": loader.created, "people": people}
