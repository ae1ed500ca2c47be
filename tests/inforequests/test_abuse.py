"""Facts for staff about repeated and excessive applications (条例 Art. 35, 36 (六))."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from sunshine.agencies.models import Role
from sunshine.inforequests import services
from sunshine.inforequests.abuse import (
    MAX_CANDIDATES,
    SIMILARITY_THRESHOLD,
    applicant_volume,
    possible_repeats,
    request_tokens,
    similarity,
    tokens,
)
from sunshine.inforequests.codes import Status
from sunshine.inforequests.models import AgencyRequestSettings
from sunshine.inforequests.services import Applicant, Wanted
from tests.inforequests.conftest import CITIZEN_ID, D

BUDGET = "申请公开2025年度阳光市教育局部门预算执行情况"
BUDGET_REWORDED = "请公开阳光市教育局2025年度部门预算执行情况的文件"
ROADS = "关于人民路拓宽工程的环境影响评价报告"


def make(
    tree, day: datetime.date, description: str, *, agency: str = "education", id_number: str = CITIZEN_ID
):
    id_type = "resident_id" if id_number == CITIZEN_ID else "passport"
    request, _key = services.submit_request(
        agency=tree[agency],
        applicant=Applicant("natural_person", "陈小明", id_type, id_number, email="chen@example.com"),
        wanted=Wanted(description=description),
        channel="post",
        received_on=day,
        today=day,
    )
    return request


@pytest.fixture
def fred(make_user, tree):
    """Fred is an information officer of the Finance Bureau."""
    return make_user("fred", agency=tree["finance"], role=Role.OFFICER)


# --- the text measure ---------------------------------------------------------------------------


def test_tokens_keep_content_words_and_drop_particles_and_boilerplate():
    words = tokens(BUDGET_REWORDED)
    assert {"2025", "年度", "教育局", "部门", "预算", "执行"} <= words
    assert not words & {"请", "的", "公开", "申请", "文件", "市"}


def test_a_reworded_request_is_similar_and_an_unrelated_one_is_not():
    budget = request_tokens("", BUDGET)
    assert similarity(budget, request_tokens("", BUDGET_REWORDED)) >= SIMILARITY_THRESHOLD
    assert similarity(budget, request_tokens("", ROADS)) < 0.2
    assert similarity(budget, request_tokens("部门预算", "")) < SIMILARITY_THRESHOLD


def test_similarity_is_symmetric_and_one_for_the_same_text():
    a, b = request_tokens("预算", BUDGET), request_tokens("", ROADS)
    assert similarity(a, b) == similarity(b, a)
    assert similarity(a, a) == 1.0
    assert similarity(a, frozenset()) == 0.0


def test_the_title_counts_with_the_description():
    assert similarity(request_tokens("部门预算执行情况", "2025年度"), request_tokens("", BUDGET)) >= 0.5


# --- possible repeats ---------------------------------------------------------------------------


def test_earlier_similar_requests_of_the_same_applicant_to_the_same_agency_are_found(tree, alice):
    earlier = make(tree, D(2026, 6, 1), BUDGET)
    make(tree, D(2026, 6, 2), ROADS)  # same applicant, other information
    make(tree, D(2026, 6, 3), BUDGET, id_number="E12345678")  # another applicant
    make(tree, D(2026, 6, 4), BUDGET, agency="finance")  # another agency
    make(tree, D(2025, 9, 1), BUDGET)  # more than 12 months before
    current = make(tree, D(2026, 10, 12), BUDGET_REWORDED)
    make(tree, D(2026, 10, 13), BUDGET)  # after the current one
    found = possible_repeats(alice, current)
    assert [r.tracking_code for r in found] == [earlier.tracking_code]
    assert found[0].day == D(2026, 6, 1)
    assert SIMILARITY_THRESHOLD <= found[0].score <= 1
    assert found[0].percent == round(found[0].score * 100)


def test_the_most_similar_come_first(tree, alice):
    close = make(tree, D(2026, 5, 1), BUDGET)
    looser = make(tree, D(2026, 9, 1), "阳光市教育局2025年度部门预算执行情况和决算")
    current = make(tree, D(2026, 10, 12), BUDGET_REWORDED)
    assert [r.request_id for r in possible_repeats(alice, current)] == [close.pk, looser.pk]


def test_at_most_the_newest_candidates_are_compared(tree, alice):
    old = make(tree, D(2026, 5, 1), BUDGET)
    new = make(tree, D(2026, 9, 1), BUDGET)
    current = make(tree, D(2026, 10, 12), BUDGET)
    assert [r.request_id for r in possible_repeats(alice, current, limit=1)] == [new.pk]
    assert {r.request_id for r in possible_repeats(alice, current)} == {old.pk, new.pk}
    assert MAX_CANDIDATES == 200


def test_a_request_not_yet_received_counts_from_its_submission(tree, alice):
    AgencyRequestSettings.objects.create(agency=tree["education"], auto_confirm_online=False)
    earlier = make(tree, D(2026, 9, 1), BUDGET)
    online, _key = services.submit_request(
        agency=tree["education"],
        applicant=Applicant("natural_person", "陈小明", "resident_id", CITIZEN_ID, email="chen@example.com"),
        wanted=Wanted(description=BUDGET_REWORDED),
    )
    assert online.status == Status.SUBMITTED
    assert [r.request_id for r in possible_repeats(alice, online)] == [earlier.pk]


def test_only_people_who_may_see_the_request_get_the_facts(tree, fred):
    current = make(tree, D(2026, 10, 12), BUDGET)
    with pytest.raises(PermissionDenied):
        possible_repeats(fred, current)
    with pytest.raises(PermissionDenied):
        applicant_volume(fred, current)


# --- volume -------------------------------------------------------------------------------------


def test_the_volume_counts_each_of_the_last_twelve_months(tree, olga):
    for day in (D(2026, 10, 1), D(2026, 10, 12), D(2026, 3, 31), D(2025, 11, 2)):
        make(tree, day, BUDGET)
    make(tree, D(2026, 10, 9), ROADS, agency="finance")
    make(tree, D(2025, 10, 31), BUDGET)  # before the first month shown
    make(tree, D(2026, 10, 9), BUDGET, id_number="E12345678")  # another applicant
    current = make(tree, D(2026, 10, 14), BUDGET)
    volume = applicant_volume(olga, current, today=D(2026, 10, 15))
    months = {m.month.strftime("%Y-%m"): (m.this_agency, m.all_agencies) for m in volume.months}
    assert list(months) == [f"2025-{m}" for m in ("11", "12")] + [f"2026-{m:02d}" for m in range(1, 11)]
    assert months["2026-10"] == (3, 4)
    assert months["2026-03"] == (1, 1)
    assert months["2025-11"] == (1, 1)
    assert months["2026-05"] == (0, 0)
    assert (volume.this_agency_total, volume.all_agencies_total, volume.busiest) == (5, 6, 4)


def test_the_volume_leaves_out_agencies_the_user_cannot_see(tree, alice):
    make(tree, D(2026, 10, 9), ROADS, agency="finance")
    current = make(tree, D(2026, 10, 14), BUDGET)
    volume = applicant_volume(alice, current, today=D(2026, 10, 15))
    assert volume.all_agencies_total == 1


def test_the_volume_runs_across_the_new_year(tree, alice):
    current = make(tree, D(2026, 1, 5), BUDGET)
    volume = applicant_volume(alice, current, today=D(2026, 1, 20))
    assert volume.months[0].month == D(2025, 2, 1)
    assert volume.months[-1].month == D(2026, 1, 1)
    assert volume.months[-1].this_agency == 1
