"""Synthetic agencies and staff in bulk, for benchmarks and load tests (``sunshine generate``).

The tree looks like a province: a provincial government with its departments (厅/委/局), then
cities, each with its departments and districts or counties; each district or county has its own
departments and streets or towns (街道/镇), each of those has communities or villages (社区/村).
The plan is built in memory depth-first and cut at the requested size, so every agency's parent
is in the plan before it. Rows are written one depth level at a time with ``bulk_create``; the
materialised ``path`` (parent path + "<pk>/", as ``services.create_agency`` writes it) is then
filled in by one UPDATE per level, so subtree queries (``path LIKE X.path%``) see every node.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat

from sunshine.agencies.models import AGENCY_CODE_VALIDATOR, Agency, AgencyKind, Membership, Role

BATCH_SIZE = 500
CODE_MAX_LENGTH = 40


def _words(text: str) -> list[str]:
    return text.split()


PROVINCE_NAMES = ["江南", "岭东", "河西", "云岭", "海川", "秦原", "湘楚", "燕北"]
CITY_FIRST = "青临云白金柳桃安平宁长永新丰清泰兴富嘉华"
CITY_SECOND = "山江溪石川河源阳州原城海湖林"
DISTRICT_FIRST = "东西南北中上下前后高"
DISTRICT_SECOND = "城湖关塘坪桥港岗庄"
STREET_NAMES = _words(
    "东湖 西关 南门 北苑 新华 人民路 解放路 长安 和平 友谊 建设 朝阳 "
    "文化 滨江 花园 春晖 明德 翠苑 湖滨 文新 望江 双桥"
)
TOWN_NAMES = _words("石桥 柳林 杏花 龙泉 青石 马鞍 白沙 清水 黄土 桃源 梨园 枫林 金鸡 凤凰 大河 小溪")
COMMUNITY_NAMES = _words(
    "幸福 和谐 阳光 春晖 丽景 翠苑 锦绣 桂花 梧桐 银杏 紫荆 海棠 金桥 明珠 新村 康乐 怡园 兰亭"
)
VILLAGE_NAMES = _words("王家 李家 张家 刘庄 陈湾 杨柳 高桥 下沙 上岗 东坪 西塘 南岭 北坡 前进 红星 胜利")
PROVINCE_DEPARTMENTS = _words(
    "发展和改革委员会 教育厅 科学技术厅 公安厅 民政厅 司法厅 财政厅 "
    "人力资源和社会保障厅 自然资源厅 生态环境厅 住房和城乡建设厅 交通运输厅 "
    "水利厅 农业农村厅 商务厅 文化和旅游厅 卫生健康委员会 审计厅"
)
CITY_DEPARTMENTS = _words(
    "发展和改革委员会 教育局 公安局 民政局 司法局 财政局 人力资源和社会保障局 "
    "自然资源和规划局 生态环境局 住房和城乡建设局 交通运输局 卫生健康委员会"
)
COUNTY_DEPARTMENTS = _words("教育局 财政局 民政局 卫生健康局 市场监督管理局 农业农村局 应急管理局 统计局")
DISTRICTS_PER_CITY = 4
STREETS_PER_DISTRICT = 4
COMMUNITIES_PER_STREET = 6
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉力鹏飞宇浩然思雨欣怡晨子轩梓涵佳琪"
)
# How the roles of generated staff are spread: most are information officers.
ROLE_WEIGHTS: list[tuple[str, int]] = [
    (Role.OFFICER, 50),
    (Role.REVIEWER, 20),
    (Role.SIGNER, 10),
    (Role.DISCLOSURE_OFFICE, 10),
    (Role.SUPERVISOR, 5),
    (Role.ADMINISTRATOR, 5),
]
# Roles held over a whole tree sit in governments (政府办公室, 监察, 系统管理员).
GOVERNMENT_ROLES = frozenset({Role.DISCLOSURE_OFFICE, Role.SUPERVISOR, Role.ADMINISTRATOR})


class GenerationError(Exception):
    """The generation cannot run as asked (bad prefix, prefix already used); nothing was written."""


@dataclass
class PlannedAgency:
    """One agency of the plan; ``row`` is the unsaved model instance, ``parent`` its planned parent."""

    row: Agency
    depth: int
    parent: PlannedAgency | None = None


@dataclass
class GenerationResult:
    root: Agency
    agencies: int
    staff: int
    memberships: int
    by_kind: dict[str, int] = field(default_factory=dict)
    by_role: dict[str, int] = field(default_factory=dict)
    max_depth: int = 0

    def summary(self) -> dict[str, object]:
        """The counts, as recorded in the audit entry."""
        return {
            "agencies": self.agencies,
            "staff": self.staff,
            "memberships": self.memberships,
            "by_kind": self.by_kind,
            "by_role": self.by_role,
            "max_depth": self.max_depth,
        }


def _pair_name(index: int, firsts: str, seconds: str) -> str:
    """A distinct two-character place name for each index below len(firsts) * len(seconds)."""
    first, second = divmod(index, len(seconds))
    name = firsts[first % len(firsts)] + seconds[second]
    lap = first // len(firsts)
    return name if lap == 0 else f"{name}{'新' * lap}"


def _cycled(names: list[str], index: int) -> str:
    lap, position = divmod(index, len(names))
    return names[position] if lap == 0 else f"{names[position]}{lap + 1}"


def check_prefix(prefix: str) -> str:
    """The code prefix, validated: a valid agency code that leaves room for the sequence number."""
    if not prefix or len(prefix) > 20:
        raise GenerationError("The prefix must have 1 to 20 characters.")
    try:
        AGENCY_CODE_VALIDATOR(prefix)
    except ValidationError as exc:
        raise GenerationError(f"The prefix {prefix!r} is not a valid agency code start.") from exc
    return prefix


def username_prefix(prefix: str) -> str:
    return f"{prefix.lower()}-staff-"


class TreePlanner:
    """Lays out ``size`` agencies, depth-first, with codes ``<prefix>-<sequence>``."""

    def __init__(self, *, prefix: str, size: int, rng: random.Random) -> None:
        self.prefix = prefix
        self.size = size
        self.rng = rng
        self.width = max(6, len(str(size)))
        self.planned: list[PlannedAgency] = []
        self.province = rng.choice(PROVINCE_NAMES)
        self.postal_base = rng.randrange(10, 86) * 10000
        self.area_code = rng.randrange(100, 999)

    def plan(self) -> list[PlannedAgency]:
        for _ in self._walk():
            if len(self.planned) >= self.size:
                break
        return self.planned

    def _add(self, kind: str, name: str, parent: PlannedAgency | None, sort_order: int) -> PlannedAgency:
        sequence = len(self.planned) + 1
        code = f"{self.prefix}-{sequence:0{self.width}d}"
        row = Agency(
            code=code,
            kind=kind,
            name=name,
            parent=None,
            sort_order=sort_order,
            is_active=True,
            office_name=f"{name}办公室" if kind != AgencyKind.VILLAGE else "",
            address=f"{self.province}省{name[:6]}{self.rng.randrange(1, 300)}号",
            postal_code=f"{self.postal_base + self.rng.randrange(0, 9999):06d}",
            office_hours="工作日 9:00-12:00，13:30-17:00",
            phone=f"0{self.area_code}-{self.rng.randrange(10_000_000, 99_999_999)}",
        )
        node = PlannedAgency(row=row, depth=0 if parent is None else parent.depth + 1, parent=parent)
        self.planned.append(node)
        return node

    def _walk(self) -> Iterator[PlannedAgency]:
        """Yield after each planned agency, so that planning stops at the requested size."""
        province = f"{self.province}省"
        root = self._add(AgencyKind.GOVERNMENT, f"{province}人民政府", None, 0)
        yield root
        for order, department in enumerate(PROVINCE_DEPARTMENTS, start=1):
            yield self._add(AgencyKind.DEPARTMENT, f"{province}{department}", root, order)
        city_index = 0
        while True:  # as many cities as the size asks for
            city_name = _pair_name(city_index, CITY_FIRST, CITY_SECOND) + "市"
            city = self._add(AgencyKind.GOVERNMENT, f"{city_name}人民政府", root, 100 + city_index)
            yield city
            for order, department in enumerate(CITY_DEPARTMENTS, start=1):
                yield self._add(AgencyKind.DEPARTMENT, f"{city_name}{department}", city, order)
            for district_index in range(DISTRICTS_PER_CITY):
                yield from self._district(city, city_index, district_index)
            city_index += 1

    def _district(self, city: PlannedAgency, city_index: int, district_index: int) -> Iterator[PlannedAgency]:
        is_county = district_index % 2 == 1  # a city has urban districts (区) and rural counties (县)
        base = _pair_name(city_index * DISTRICTS_PER_CITY + district_index, DISTRICT_FIRST, DISTRICT_SECOND)
        district_name = base + ("县" if is_county else "区")
        district = self._add(AgencyKind.GOVERNMENT, f"{district_name}人民政府", city, 100 + district_index)
        yield district
        for order, department in enumerate(COUNTY_DEPARTMENTS, start=1):
            yield self._add(AgencyKind.DEPARTMENT, f"{district_name}{department}", district, order)
        for street_index in range(STREETS_PER_DISTRICT):
            offset = (city_index + district_index) * STREETS_PER_DISTRICT + street_index
            if is_county:
                township_name = _cycled(TOWN_NAMES, offset) + "镇"
                township = self._add(
                    AgencyKind.TOWNSHIP, f"{township_name}人民政府", district, 100 + street_index
                )
            else:
                township_name = _cycled(STREET_NAMES, offset) + "街道"
                township = self._add(
                    AgencyKind.TOWNSHIP, f"{township_name}办事处", district, 100 + street_index
                )
            yield township
            for community_index in range(COMMUNITIES_PER_STREET):
                offset = street_index * COMMUNITIES_PER_STREET + community_index
                if is_county:
                    name = f"{township_name}{_cycled(VILLAGE_NAMES, offset)}村民委员会"
                else:
                    name = f"{township_name}{_cycled(COMMUNITY_NAMES, offset)}社区居民委员会"
                yield self._add(AgencyKind.VILLAGE, name, township, community_index + 1)


def _write_tree(planned: list[PlannedAgency], prefix: str) -> None:
    """Insert the plan level by level and fill in the materialised paths with one UPDATE a level."""
    max_depth = max(node.depth for node in planned)
    for depth in range(max_depth + 1):
        level = [node for node in planned if node.depth == depth]
        for node in level:
            if node.parent is not None:
                node.row.parent_id = node.parent.row.pk
        Agency.objects.bulk_create([node.row for node in level], batch_size=BATCH_SIZE)
        # Rows of this run still without a path are exactly this level (no long "IN" lists).
        new_rows = Agency.objects.filter(code__startswith=f"{prefix}-", path="")
        if any(node.row.pk is None for node in level):  # a backend that cannot return ids
            ids = dict(new_rows.values_list("code", "pk"))
            for node in level:
                node.row.pk = ids[node.row.code]
        own_id = Cast(F("pk"), output_field=CharField())
        if depth == 0:
            new_rows.update(path=Concat(Value("/"), own_id, Value("/"), output_field=CharField()))
        else:
            parent_path = Subquery(Agency.objects.filter(pk=OuterRef("parent_id")).values("path")[:1])
            new_rows.update(path=Concat(parent_path, own_id, Value("/"), output_field=CharField()))
    for node in planned:
        node.row.path = f"{node.parent.row.path if node.parent else '/'}{node.row.pk}/"


def _person_name(rng: random.Random) -> tuple[str, str]:
    surname = rng.choice(SURNAMES)
    given = "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2))))
    return surname, given


def _write_staff(
    *, prefix: str, count: int, agencies: list[Agency], rng: random.Random, password: str | None
) -> tuple[int, Counter[str]]:
    """Create ``count`` people with one role each (a fifth hold a second one) spread over ``agencies``."""
    if count <= 0:
        return 0, Counter()
    user_model = get_user_model()
    password_hash = make_password(password) if password else make_password(None)  # unusable without one
    width = max(6, len(str(count)))
    people = []
    for index in range(1, count + 1):
        surname, given = _person_name(rng)
        people.append(
            user_model(
                username=f"{username_prefix(prefix)}{index:0{width}d}",
                last_name=surname,
                first_name=given,
                email=f"{prefix.lower()}.staff{index}@example.gov.cn",
                password=password_hash,
                is_active=True,
            )
        )
    user_model.objects.bulk_create(people, batch_size=BATCH_SIZE)
    if any(person.pk is None for person in people):
        ids = dict(
            user_model.objects.filter(username__startswith=username_prefix(prefix)).values_list(
                "username", "pk"
            )
        )
        for person in people:
            person.pk = ids[person.username]
    governments = [agency for agency in agencies if agency.kind == AgencyKind.GOVERNMENT]
    roles = [role for role, _ in ROLE_WEIGHTS]
    weights = [weight for _, weight in ROLE_WEIGHTS]
    seen: set[tuple[int, int, str]] = set()
    memberships: list[Membership] = []
    for person in people:
        for _ in range(2 if rng.random() < 0.2 else 1):
            role = rng.choices(roles, weights)[0]
            agency = rng.choice(governments if role in GOVERNMENT_ROLES else agencies)
            key = (person.pk, agency.pk, role)
            if key not in seen:
                seen.add(key)
                memberships.append(Membership(user_id=person.pk, agency_id=agency.pk, role=role))
    Membership.objects.bulk_create(memberships, batch_size=BATCH_SIZE)
    return len(memberships), Counter(m.role for m in memberships)


def ensure_prefix_is_free(prefix: str) -> None:
    used = Agency.objects.filter(code__startswith=f"{prefix}-").count()
    if used:
        raise GenerationError(
            f"The prefix {prefix!r} is already used by {used} agencies. "
            "Choose another one with --prefix to add a distinct set."
        )
    if get_user_model().objects.filter(username__startswith=username_prefix(prefix)).exists():
        raise GenerationError(
            f"People named {username_prefix(prefix)}… exist already. Choose another one with --prefix."
        )


def generate_agencies(
    *, prefix: str, agencies: int, staff: int, seed: int = 1, password: str | None = None
) -> GenerationResult:
    """Write a tree of ``agencies`` agencies and ``staff`` people. Call inside a transaction."""
    check_prefix(prefix)
    if agencies < 1:
        raise GenerationError("--agencies must be at least 1 (the root).")
    if staff < 0:
        raise GenerationError("--staff cannot be negative.")
    width = max(6, len(str(agencies)))
    if len(prefix) + 1 + width > CODE_MAX_LENGTH:
        raise GenerationError("The prefix is too long for that many agencies.")
    ensure_prefix_is_free(prefix)
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    planned = TreePlanner(prefix=prefix, size=agencies, rng=rng).plan()
    _write_tree(planned, prefix)
    rows = [node.row for node in planned]
    memberships, by_role = _write_staff(prefix=prefix, count=staff, agencies=rows, rng=rng, password=password)
    return GenerationResult(
        root=rows[0],
        agencies=len(rows),
        staff=max(staff, 0),
        memberships=memberships,
        by_kind=dict(sorted(Counter(row.kind for row in rows).items())),
        by_role=dict(sorted(by_role.items())),
        max_depth=max(node.depth for node in planned),
    )
