"""The demo's services online (网上办事): six published service guides of three city bureaus and one
guide of the Education Bureau waiting in review, each written through ``eservices.services`` and
taken through the workflow kernel (``eservice``) by the demo's people (``sunshine/demo/agencies.py``):

- the published guides are written and sent to review by the city's disclosure office ``office`` and
  published by ``reviewer`` (given the reviewer role in those bureaus here: four eyes);
- the Education Bureau's guide is written and sent to review by its officer ``officer``: it waits on
  the review desk of ``reviewer`` (and of ``office``).

Every item is known by its code: loading again adds only what is missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation

from sunshine.agencies import services as agency_services
from sunshine.agencies.models import Agency, Role
from sunshine.eservices import services
from sunshine.eservices.models import Item

WRITER = "office"
REVIEWER = "reviewer"
IN_REVIEW_WRITER = "officer"
HALL = "阳光市民中心（阳光市人民大道1号）"
HOURS = "工作日 上午9:00–12:00，下午13:30–17:00（法定节假日除外）"
SUPERVISION = "12345"
ID_CARD_FEES = "《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）"


@dataclass(frozen=True)
class Guide:
    agency: str
    code: str
    fields: dict[str, Any]
    materials: list[dict[str, Any]]
    steps: list[dict[str, Any]]
    windows: list[dict[str, Any]]
    events: list[str] = field(default_factory=list)


def _fields(**values: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "handling_type": "promised",
        "free": True,
        "fees": "",
        "fee_basis": "",
        "supervision_phone": SUPERVISION,
    }
    return {**base, **values}


def _m(
    key: str, name: str, form: str = "original", copies: int = 1, condition: str = "", notes: str = ""
) -> dict[str, Any]:
    return {
        "key": key,
        "name": name,
        "form": form,
        "copies": copies,
        "required": not condition,
        "condition": condition,
        "notes": notes,
    }


def _s(key: str, name: str, role: str, days: int, description: str) -> dict[str, Any]:
    return {"key": key, "name": name, "role": role, "days": days, "description": description}


def _w(key: str, name: str, address: str = HALL) -> dict[str, Any]:
    return {"key": key, "name": name, "address": address, "hours": HOURS}


PUBLISHED: list[Guide] = [
    Guide(
        "YG-RSJ",
        "YG-RSJ-GF-001",
        _fields(
            name="失业保险金申领",
            kind="benefit",
            legal_basis="《失业保险条例》第十四条、第十六条；《失业保险金申领发放办法》第四条、第五条。",
            conditions=(
                "同时具备下列条件的失业人员：\n"
                "1. 按照规定参加失业保险，所在单位和本人已按照规定履行缴费义务满1年；\n"
                "2. 非因本人意愿中断就业；\n"
                "3. 已经进行失业登记，并有求职要求。"
            ),
            statutory_days=10,
            promised_days=3,
            contact_phone="0571-87012333",
            online_level=4,
        ),
        [
            _m("id_card", "居民身份证"),
            _m("termination", "解除或者终止劳动关系的证明", notes="单位已通过系统上传的无需提供"),
            _m("bank_card", "本人社会保障卡或者银行借记卡", form="copy"),
            _m("agent_id", "代办人居民身份证", condition="委托他人代办的", notes="同时提供委托书"),
        ],
        [
            _s("apply", "申请", "申请人", 0, "通过“阳光人社”网上办事大厅、掌上12333或者窗口提出申请。"),
            _s(
                "accept",
                "受理",
                "社会保险经办窗口",
                1,
                "材料齐全的当场受理；不齐全的一次性告知需要补正的材料。",
            ),
            _s("review", "审核", "失业保险科", 2, "核对参保缴费记录和失业原因，确定领取期限和标准。"),
            _s("pay", "发放", "失业保险科", 0, "审核通过的，按月将失业保险金发放到本人社会保障卡。"),
        ],
        [_w("hall", "阳光市民中心人社综合窗口（12号至16号）")],
        ["employment"],
    ),
    Guide(
        "YG-RSJ",
        "YG-RSJ-GG-002",
        _fields(
            name="职业资格证书补办",
            kind="public_service",
            legal_basis="《中华人民共和国劳动法》第六十九条；《国家职业资格证书管理规定》（劳部发〔1994〕98号）。",
            conditions="在本市取得职业资格证书后遗失或者损毁的持证人。",
            statutory_days=20,
            promised_days=10,
            contact_phone="0571-87012345",
            online_level=2,
        ),
        [
            _m("id_card", "居民身份证"),
            _m("application", "职业资格证书补办申请表", notes="可在本页下载空白表格"),
            _m("photo", "近期免冠二寸白底彩色照片", copies=2),
            _m("damaged", "损毁的原证书", condition="证书损毁的"),
        ],
        [
            _s("accept", "受理", "职业技能鉴定中心窗口", 1, "核对身份和原发证记录。"),
            _s("verify", "核查", "职业技能鉴定中心", 5, "在证书数据库中核查原证书信息。"),
            _s("print", "制证", "职业技能鉴定中心", 3, "打印补发证书并加注“补发”字样。"),
            _s("deliver", "发证", "职业技能鉴定中心窗口", 1, "窗口领取或者免费邮寄送达。"),
        ],
        [_w("hall", "阳光市职业技能鉴定中心服务窗口", "阳光市人民大道106号一楼")],
        ["employment"],
    ),
    Guide(
        "YG-SCJGJ",
        "YG-SCJGJ-XK-001",
        _fields(
            name="个体工商户设立登记",
            kind="licensing",
            legal_basis=(
                "《促进个体工商户发展条例》第八条；《中华人民共和国市场主体登记管理条例》第三条、"
                "第二十一条；《中华人民共和国市场主体登记管理条例实施细则》。"
            ),
            conditions="有经营能力的公民；经营场所符合法律、法规的规定；经营范围不属于法律、行政法规禁止的项目。",
            statutory_days=3,
            promised_days=1,
            contact_phone="0571-87012315",
            online_level=4,
        ),
        [
            _m("application", "个体工商户登记（备案）申请书"),
            _m("id_card", "经营者居民身份证", form="both"),
            _m("premises", "经营场所使用证明", form="copy", notes="房产证明或者租赁合同"),
            _m("permit", "前置许可文件", form="copy", condition="经营范围涉及登记前置许可的"),
        ],
        [
            _s("apply", "申请", "申请人", 0, "通过“阳光e企办”全程网上提交，或者到窗口提交。"),
            _s("accept", "受理审查", "登记注册窗口", 1, "材料齐全、符合法定形式的予以确认并当场登记。"),
            _s("license", "发照", "登记注册窗口", 0, "发放营业执照，也可以领取电子营业执照。"),
        ],
        [
            _w("hall", "阳光市民中心市场主体登记窗口（20号至25号）"),
            _w("dc", "东城区政务服务中心商事登记窗口", "阳光市东城区和平路8号"),
        ],
        ["business"],
    ),
    Guide(
        "YG-SCJGJ",
        "YG-SCJGJ-XK-002",
        _fields(
            name="食品经营许可",
            kind="licensing",
            legal_basis="《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》。",
            conditions=(
                "具有与经营的食品品种、数量相适应的经营场所，保持场所环境整洁；具有相应的设备设施和"
                "食品安全管理人员；具有保证食品安全的规章制度；具有合理的设备布局和工艺流程。"
            ),
            statutory_days=10,
            promised_days=5,
            contact_phone="0571-87012316",
            online_level=3,
        ),
        [
            _m("application", "食品经营许可申请书"),
            _m("license", "营业执照或者其他主体资格证明文件", form="copy"),
            _m("layout", "经营场所平面布局图和设备布局、操作流程说明"),
            _m("rules", "食品安全自查、从业人员健康管理等规章制度"),
            _m("agent", "授权委托书及代理人身份证明", condition="委托他人办理的"),
        ],
        [
            _s("accept", "受理", "食品许可窗口", 1, "材料齐全、符合法定形式的予以受理。"),
            _s("review", "材料审查", "食品经营监管科", 1, "审查申请材料是否符合条件。"),
            _s("inspect", "现场核查", "市场监管所", 2, "需要核查的，两名以上核查人员到经营场所现场核查。"),
            _s("decide", "决定", "分管局领导", 1, "作出准予或者不予许可的书面决定。"),
            _s("issue", "发证", "食品许可窗口", 0, "准予许可的，颁发食品经营许可证。"),
        ],
        [_w("hall", "阳光市民中心市场监管综合窗口（26号）")],
        ["business"],
    ),
    Guide(
        "YG-GAJ",
        "YG-GAJ-XK-001",
        _fields(
            name="户口迁移（市内迁入）",
            kind="licensing",
            legal_basis="《中华人民共和国户口登记条例》第十条、第十三条；《阳光市户籍管理规定》。",
            conditions="在本市有合法稳定住所，或者投靠直系亲属、工作调动、升学等符合本市落户政策的人员。",
            statutory_days=20,
            promised_days=5,
            contact_phone="0571-87012110",
            online_level=2,
        ),
        [
            _m("booklet", "迁出地居民户口簿"),
            _m("id_card", "居民身份证"),
            _m("housing", "合法稳定住所证明", form="copy", notes="不动产权证书或者经备案的租赁合同"),
            _m("relation", "亲属关系证明", condition="投靠亲属落户的"),
            _m("consent", "户主或者房屋产权人同意落户的书面意见", condition="入户他人户内的"),
        ],
        [
            _s("accept", "受理", "派出所户籍窗口", 1, "核对身份和落户条件，材料不全的一次性告知。"),
            _s("review", "审核", "派出所户籍民警", 2, "审核落户条件，必要时调查核实。"),
            _s("approve", "审批", "公安分局户政科", 2, "作出准予迁入或者不予迁入的决定。"),
            _s("register", "办理登记", "派出所户籍窗口", 0, "准予迁入的，办理户口登记并签发户口簿。"),
        ],
        [
            _w("hall", "阳光市民中心公安户政窗口（30号至32号）"),
            _w("station", "户籍所在地派出所户籍窗口", "各派出所"),
        ],
        ["residence", "housing"],
    ),
    Guide(
        "YG-GAJ",
        "YG-GAJ-QR-002",
        _fields(
            name="居民身份证换领",
            kind="confirmation",
            legal_basis=(
                "《中华人民共和国居民身份证法》第五条、第八条、第十一条、第二十条；《国家发展改革委 "
                "财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）。"
            ),
            conditions="居民身份证有效期满、证件损坏难以辨认或者登记项目变更的本市户籍居民。",
            statutory_days=60,
            promised_days=15,
            free=False,
            fees="换领居民身份证工本费每证20元。",
            fee_basis=ID_CARD_FEES,
            contact_phone="0571-87012110",
            online_level=1,
        ),
        [
            _m("old_card", "原居民身份证"),
            _m("booklet", "居民户口簿", condition="登记项目变更的"),
            _m("guardian", "监护人居民身份证", condition="未满十六周岁的"),
        ],
        [
            _s("accept", "受理", "派出所户籍窗口", 0, "现场采集人像和指纹，核对登记项目。"),
            _s("print", "制证", "公安局制证中心", 12, "制作居民身份证。"),
            _s("deliver", "领证", "派出所户籍窗口", 3, "到受理窗口领取，也可以选择邮寄送达。"),
        ],
        [_w("hall", "阳光市民中心公安户政窗口（30号至32号）")],
        ["residence"],
    ),
]

IN_REVIEW = Guide(
    "YG-JYJ",
    "YG-JYJ-XK-001",
    _fields(
        name="民办学校办学许可",
        kind="licensing",
        legal_basis="《中华人民共和国民办教育促进法》第十二条、第十七条；《中华人民共和国民办教育促进法实施条例》。",
        conditions="举办者具有举办民办学校的资格，学校有规范的名称、章程和与办学规模相适应的资产、校舍和师资。",
        statutory_days=60,
        promised_days=30,
        contact_phone="0571-87012021",
        online_level=2,
    ),
    [
        _m("application", "民办学校设立申请书"),
        _m("charter", "学校章程和首届理事会（董事会）组成人员名单"),
        _m("assets", "办学资金来源和资产有效证明文件", form="copy", copies=2),
        _m("teachers", "校长、教师的资格证明文件", form="copy"),
        _m("donation", "捐赠协议", condition="有捐赠的"),
    ],
    [
        _s("accept", "受理", "教育政务窗口", 1, "材料齐全的予以受理。"),
        _s("review", "审查", "民办教育处", 15, "审查申请材料，组织专家评议。"),
        _s("inspect", "实地考察", "民办教育处", 8, "到拟办学场所实地考察校舍和设施。"),
        _s("decide", "决定", "局长办公会", 5, "作出是否批准的书面决定，批准的颁发办学许可证。"),
    ],
    [_w("hall", "阳光市民中心教育窗口（40号）")],
    ["education", "business"],
)


@dataclass
class EservicesResult:
    published: int = 0
    in_review: int = 0
    codes: list[str] = field(default_factory=list)


def _write(guide: Guide, by: Any) -> Any:
    return services.create_item(
        agency=Agency.objects.get(code=guide.agency),
        by=by,
        code=guide.code,
        fields=guide.fields,
        materials=guide.materials,
        steps=guide.steps,
        windows=guide.windows,
        events=guide.events,
    )


def load_guides(people: Mapping[str, Any]) -> EservicesResult:
    result = EservicesResult(codes=[g.code for g in PUBLISHED])
    for code in sorted({g.agency for g in PUBLISHED}):
        agency = Agency.objects.get(code=code)
        agency_services.grant_role(by=None, user=people[REVIEWER], agency=agency, role=Role.REVIEWER)
    known = set(
        Item.objects.filter(code__in=[g.code for g in [*PUBLISHED, IN_REVIEW]]).values_list("code", flat=True)
    )
    for guide in PUBLISHED:
        if guide.code in known:
            continue
        with transaction.atomic():
            version = _write(guide, people[WRITER])
            version = services.take_action(version=version, action="submit", by=people[WRITER])
            services.take_action(version=version, action="publish", by=people[REVIEWER])
        result.published += 1
    if IN_REVIEW.code not in known:
        with transaction.atomic():
            version = _write(IN_REVIEW, people[IN_REVIEW_WRITER])
            services.take_action(version=version, action="submit", by=people[IN_REVIEW_WRITER])
        result.in_review += 1
    return result


PEOPLE = (WRITER, REVIEWER, IN_REVIEW_WRITER)
AGENCIES = tuple(sorted({g.agency for g in [*PUBLISHED, IN_REVIEW]}))


def load_eservices() -> EservicesResult:
    """Create what is missing of the demo's service guides on the demo city (``demo_data``);
    LookupError when the city or its people are not there."""
    people = {u.username: u for u in get_user_model().objects.filter(username__in=PEOPLE)}
    present = set(Agency.objects.filter(code__in=AGENCIES).values_list("code", flat=True))
    missing = sorted({*PEOPLE} - set(people)) + sorted({*AGENCIES} - present)
    if missing:
        raise LookupError(f"The demo city is missing {', '.join(missing)}: run manage.py demo_data first.")
    with translation.override(settings.LANGUAGE_CODE):
        return load_guides(people)
