"""A November 2026 (no holidays) in two halves, built through the services:

- first half (11-01..11-15): record A published 11-03; record B published 11-02 and changed 11-05;
  request "on time" received 11-02 and replied 11-10; request "late" received 10-08 (due 11-04) and
  replied 11-06; request "extended" received 11-02 (due 11-30), still open on 11-15; a letter
  received 11-02 and answered 11-06;
- second half (11-16..11-30): record A withdrawn 11-20; request "extended" extended on 11-18
  (due 12-14) and replied 11-25.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import translation

from sunshine.agencies.models import Role
from sunshine.inforequests import services as request_services
from sunshine.inforequests.services import Applicant, Wanted
from sunshine.letters import services as letter_services
from sunshine.letters.services import Writer
from sunshine.records import services as record_services
from sunshine.records.actions import WORKFLOW as RECORDS
from tests.records.conftest import ALL_CHECKS, at, make_draft, to_signed

D = datetime.date
FIRST_HALF = (D(2026, 11, 1), D(2026, 11, 15))
SECOND_HALF = (D(2026, 11, 16), D(2026, 11, 30))
TODAY = D(2026, 11, 30)


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def _request(tree, day: D):
    applicant = Applicant(
        kind="natural_person",
        name="陈小明",
        id_type="resident_id",
        id_number="11010519491231002X",
        phone="13800138000",
        email="chen@example.com",
        address="阳光市人民路1号",
    )
    wanted = Wanted(
        description="2025年度部门预算执行情况",
        document_number="",
        delivery_form="electronic",
        delivery_method="email",
    )
    request, _key = request_services.submit_request(
        agency=tree["education"], applicant=applicant, wanted=wanted, today=day
    )
    return request


def act(request, action, day, by, **fields):
    return request_services.perform_action(
        request=request, action=action, by=by, date=day, today=TODAY, **fields
    )


@pytest.fixture
def simon(make_user, tree):
    """Simon signs off the Education Bureau's records (签发)."""
    return make_user("simon", agency=tree["education"], role=Role.SIGNER)


@pytest.fixture
def first_half(tree, olga, simon):
    """Everything of the first half, as of its end."""
    a = to_signed(make_draft(tree["education"], title="关于2026年秋季学期开学工作的通知"))
    a = record_services.publish(revision=a, by=olga, now=at(D(2026, 11, 3)))
    b = to_signed(make_draft(tree["education"], title="阳光市教育局收费公示"))
    b = record_services.publish(revision=b, by=olga, now=at(D(2026, 11, 2)))
    b2 = record_services.start_revision(record=b.record, by=None)
    b2 = record_services.update_draft(revision=b2, by=None, change_note="更正收费标准")
    b2 = record_services.submit(revision=b2, by=None)
    b2 = record_services.review(revision=b2, by=None, decision="approve", checklist=ALL_CHECKS)
    b2 = record_services.sign(revision=b2, by=simon)
    b2 = record_services.publish(revision=b2, by=olga, now=at(D(2026, 11, 5)))

    on_time = act(
        _request(tree, D(2026, 11, 2)), "reply", D(2026, 11, 10), olga, outcome="disclosed", reasons=""
    )
    late = act(
        _request(tree, D(2026, 10, 8)),
        "reply",
        D(2026, 11, 6),
        olga,
        outcome="unavailable_not_held",
        reasons="本机关未制作该信息",
    )
    extended = _request(tree, D(2026, 11, 2))

    letter, _key = letter_services.submit_letter(
        agency=tree["education"],
        kind="complaint",
        subject="学校收费问题",
        body="孩子所在学校收取额外费用，请核查。",
        writer=Writer(name="陈小明", phone="13800138000", email="chen@example.com"),
        today=D(2026, 11, 2),
    )
    letter = letter_services.perform_action(
        letter=letter, action="accept", by=olga, date=D(2026, 11, 2), today=TODAY
    )
    letter = letter_services.perform_action(
        letter=letter,
        action="reply",
        by=olga,
        date=D(2026, 11, 6),
        today=TODAY,
        text="经核查，已退还。",
        publish=False,
    )
    return SimpleNamespace(a=a, b=b, b2=b2, on_time=on_time, late=late, extended=extended, letter=letter)


@pytest.fixture
def second_half(first_half, olga):
    """The later events: record A withdrawn, the open request extended and replied."""
    a = RECORDS.perform(
        first_half.a, "withdraw", by=olga, input={"reason": "已废止"}, now=at(D(2026, 11, 20))
    )
    extended = act(
        first_half.extended,
        "extend",
        D(2026, 11, 18),
        olga,
        working_days=10,
        reason="需要检索档案",
        approved_by="王主任",
    )
    extended = act(extended, "reply", D(2026, 11, 25), olga, outcome="disclosed", reasons="")
    return SimpleNamespace(a=a, extended=extended)
