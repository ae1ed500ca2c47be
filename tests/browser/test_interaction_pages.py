"""The public-interaction pages (letters, open days, common questions, solicitations, surveys) as a
citizen and a civil servant see them, on a desktop (1280 px) and a phone (390 px): each page opens,
nothing sticks out sideways on the phone, and axe-core finds no serious or critical accessibility
violation on the portal's pages. Each page is kept as a picture under test-artifacts/interaction-*.

The data is made through the domain services: letters published, rated, reopened, flagged as a
duplicate, one open for more than three months (the red mark), one with a reply being drafted; a reply
template; a common question; an open day with registrations; a draft out for comment with comments; a
survey with answers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from sunshine.agencies.models import Role
from sunshine.faq import services as faq_services
from sunshine.letters import feedback
from sunshine.letters import services as letters
from sunshine.letters.models import Letter, LetterReplyTemplate
from sunshine.letters.replies import services as replies
from sunshine.letters.services import Writer
from sunshine.opendays import services as opendays
from sunshine.solicitations import services as solicitations
from sunshine.surveys import services as surveys
from sunshine.workdays import services as workdays
from tests.browser.axe_support import assert_no_blocking_violations
from tests.browser.conftest import screenshot
from tests.browser.portal_support import citizen, fits
from tests.browser.staff_support import staff
from tests.solicitations.conftest import make_draft as make_solicitation
from tests.surveys.conftest import good_answers
from tests.surveys.conftest import make_draft as make_survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = datetime.date(2026, 11, 16)  # a Monday
NOW = datetime.datetime(2026, 11, 16, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
WIDTHS = pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
WRITER = Writer(name="陈小明", phone="13800138000", email="chen@example.com")


@dataclass
class Scene:
    published: Letter  # replied, published; the writer has not rated it yet
    published_key: str
    rated: Letter  # replied, rated dissatisfied: may be reopened
    rated_key: str
    red: Letter  # registered on paper four months ago, still open
    drafting: Letter  # accepted, a reply being drafted
    event_id: int
    solicitation_id: int
    survey_id: int


def write(agency: Any, subject: str, body: str, day: datetime.date, **extra: Any) -> tuple[Letter, str]:
    return letters.submit_letter(
        agency=agency, kind="complaint", subject=subject, body=body, writer=WRITER, today=day, **extra
    )


def answer(letter: Letter, by: Any, day: datetime.date, replied_on: datetime.date, text: str) -> Letter:
    letter = letters.perform_action(letter=letter, action="accept", by=by, date=day, today=day)
    publish = letter.publish_consent
    return letters.perform_action(
        letter=letter, action="reply", by=by, date=replied_on, today=replied_on, text=text, publish=publish
    )


@pytest.fixture
def scene(transactional_db, tree, alice, olga, make_user, settings, monkeypatch) -> Scene:
    workdays.load_builtin_years(by=None)  # transactional tests flush the data migration's rows
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)  # the site's clock stands still
    education = tree["education"]
    make_user("rita", agency=education, role=Role.REVIEWER)

    # Letters answered directly (review and sign-off are the journey's subject, not this test's).
    settings.SUNSHINE_REPLY_REVIEW_DEFAULT = False
    published, published_key = write(
        education,
        "学校收取补课费",
        "孩子所在的阳光中学每月收取补课费三百元，家长意见很大，请教育局核查并予以纠正。",
        datetime.date(2026, 10, 12),
        publish_consent=True,
    )
    published = answer(
        published,
        alice,
        datetime.date(2026, 10, 12),
        datetime.date(2026, 10, 20),
        "陈小明您好：您反映的阳光中学收取补课费一事，经我局核查属实，已责令该校立即停止收费并退还已收取的费用。"
        "感谢您对教育工作的监督。\n阳光市教育局",
    )
    rated, rated_key = write(
        education, "校车接送时间过早", "校车每天早上六点就到站，孩子睡眠不足。", datetime.date(2026, 10, 13)
    )
    rated = answer(
        rated, alice, datetime.date(2026, 10, 13), datetime.date(2026, 10, 21), "已转告学校研究调整。"
    )
    feedback.rate_reply(
        letter=rated, rating="dissatisfied", comment="没有说明何时调整。", today=datetime.date(2026, 10, 22)
    )
    for n in range(3):  # more published letters for the list and the statistics
        extra, _key = write(
            tree["finance"] if n == 2 else education,
            ["食堂饭菜价格偏高", "建议增加课后服务时间", "公交站台缺少遮雨棚"][n],
            "请相关部门研究解决。",
            datetime.date(2026, 9, 14 + n),
            publish_consent=True,
        )
        answer(extra, None, datetime.date(2026, 9, 14 + n), datetime.date(2026, 9, 25), "已研究处理。")
    settings.SUNSHINE_REPLY_REVIEW_DEFAULT = True

    red, _key = write(
        education,
        "小区旁工地夜间施工扰民",
        "工地每晚施工到十二点以后。",
        TODAY,
        channel="post",
        received_on=datetime.date(2026, 7, 20),
        by=alice,
    )
    drafting, _key = write(education, "学区划分不合理", "我家离甲小学只有三百米，却被划到乙小学。", TODAY)
    drafting = letters.perform_action(letter=drafting, action="accept", by=alice, date=TODAY, today=TODAY)
    LetterReplyTemplate.objects.create(
        agency=education,
        title="已核查属实",
        text="{writer}您好：您反映的“{subject}”一事，经核查属实，我局已责令整改。{agency}",
    )
    replies.save_draft(
        letter=drafting, by=alice, text="您好：学区划分依据道路和居住片区确定，详见招生公告。", publish=False
    )
    # The same letter sent twice: the second is flagged a duplicate, for the moderation queue.
    write(education, "学校收费问题", "学校收取额外费用，请核查。", datetime.date(2026, 11, 13))
    write(education, "学校收费问题", "学校收取额外费用，请核查。", TODAY)

    entry = faq_services.create_entry(
        agency=education,
        by=alice,
        question="学校收取补课费怎么办？",
        answer="义务教育阶段学校不得组织有偿补课，发现后可向教育局投诉，电话 0571-12345678。",
        category="收费",
    )
    faq_services.take_action(entry=entry, action="submit", by=alice)
    faq_services.take_action(entry=entry, action="publish", by=olga)

    now = NOW
    starts = now + datetime.timedelta(days=10)
    event = opendays.create_event(
        agency=education,
        by=alice,
        title="教育局政府开放日：走进招生考试指挥中心",
        description="参观招生考试指挥中心，了解中考、高考的组织流程，与工作人员面对面交流。",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="阳光市教育局一楼大厅（人民路 1 号）",
        capacity=20,
        registration_opens_at=now - datetime.timedelta(days=1),
        registration_closes_at=now + datetime.timedelta(days=5),
    )
    event = opendays.publish_event(event=event, by=alice)
    for name, people in (("张三", 2), ("李四", 1)):
        opendays.register(event=event, name=name, phone="13800138000", email="p@example.com", people=people)

    solicitation = solicitations.perform(make_solicitation(education), "publish", by=None)
    for text in ("建议把报名时间延长到两周。", "希望公布各学校的划片范围图。"):
        solicitations.submit_comment(
            solicitation=solicitation, text=text, contact="13812345678", name="张三丰"
        )

    survey = surveys.perform(make_survey(education), "publish", by=None)
    for n in range(3):
        surveys.submit_response(survey=survey, respondent=f"token-{n}", answers=good_answers(survey))

    return Scene(
        published=published,
        published_key=published_key,
        rated=rated,
        rated_key=rated_key,
        red=red,
        drafting=drafting,
        event_id=event.pk,
        solicitation_id=solicitation.pk,
        survey_id=survey.pk,
    )


def look(page: Any, path: str, name: str, *, phone: bool, axe: bool = True) -> None:
    """Open ``path``, keep its picture, check it fits a phone and (portal) what axe-core finds."""
    response = page.goto(page.base_url + path)
    assert response is not None, path
    assert response.status == 200, (path, response.status)
    show(page, name, phone=phone, axe=axe)


def show(page: Any, name: str, *, phone: bool, axe: bool = True) -> None:
    width = "phone" if phone else "desktop"
    screenshot(page, f"interaction-{name}-{width}")
    if phone:
        assert fits(page), f"{page.url} is wider than the phone"
        # On a phone Chromium zooms out to show a page wider than the screen, and ``fits`` then
        # compares the wider page with the wider window: the screen's own width is the measure.
        assert not sticking_out(page), f"{page.url} is wider than the phone: {sticking_out(page)}"
    if axe:
        assert_no_blocking_violations(page, f"{name} ({width})")


def sticking_out(page: Any) -> list[str]:
    """The elements whose right edge passes the screen's (the outermost of each branch)."""
    return list(
        page.evaluate(
            """width => {
                const out = [];
                const scrolled = e => {  // inside a box that scrolls sideways (a wide table's)
                    for (let a = e.parentElement; a; a = a.parentElement) {
                        if (getComputedStyle(a).overflowX !== "visible") return true;
                    }
                    return false;
                };
                for (const e of document.querySelectorAll("body *")) {
                    const r = e.getBoundingClientRect();
                    if (r.right > width + 1 && !out.some(o => o.contains(e)) && !scrolled(e)) out.push(e);
                }
                const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
                    + (typeof e.className === "string" && e.className ? "." + e.classList[0] : "");
                return out.map(e => name(e) + " " + Math.round(e.getBoundingClientRect().right));
            }""",
            page.viewport_size["width"],
        )
    )


def follow(page: Any, code: str, key: str) -> None:
    page.goto(page.base_url + "/letters/follow/")
    page.fill("#id_tracking_code", code)
    page.fill("#id_access_key", key)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


@WIDTHS
def test_a_citizen_reads_writes_and_follows_letters_and_takes_part(browser, live_server, scene, phone):
    with citizen(browser, live_server.url, phone=phone) as page:
        look(page, "/letters/", "letters-list", phone=phone)
        look(page, f"/letters/{scene.published.tracking_code}/", "letter-published", phone=phone)
        look(page, "/letters/statistics/?from=2026-09-01&to=2026-11-30", "letters-statistics", phone=phone)

        page.goto(page.base_url + "/letters/write/?agency=CITY-EDU")
        page.fill("#id_subject", "学校收取补课费")
        page.fill("#id_body", "孩子学校每月收取补课费，请核查。")
        page.locator("#letter-suggestions li").first.wait_for()  # the suggestions panel, shown by its script
        show(page, "letter-write", phone=phone)

        follow(page, scene.published.tracking_code, scene.published_key)
        assert page.locator("#rating form").count() == 1
        show(page, "letter-follow-rate", phone=phone)
        follow(page, scene.rated.tracking_code, scene.rated_key)
        assert page.locator("#reopen-form").count() == 1
        show(page, "letter-follow-reopen", phone=phone)

        look(page, "/open-days/", "open-days", phone=phone)
        look(page, f"/open-days/{scene.event_id}/", "open-day-event", phone=phone)
        look(page, "/interaction/", "interaction", phone=phone)
        look(page, "/faq/", "faq", phone=phone)
        look(page, f"/solicitations/{scene.solicitation_id}/", "solicitation", phone=phone)
        look(page, f"/surveys/{scene.survey_id}/", "survey", phone=phone)


STAFF_PAGES = [
    ("alice", "/staff/letters/", "staff-letters-queue"),
    ("alice", "/staff/letters/{drafting}/", "staff-letter-drafting"),
    ("alice", "/staff/letters/{red}/", "staff-letter-red"),
    ("alice", "/staff/letters/moderation/", "staff-letters-moderation"),
    ("alice", "/staff/letters/templates/", "staff-letters-templates"),
    ("olga", "/staff/hotline/?q=补课", "staff-hotline"),
    ("alice", "/staff/open-days/", "staff-open-days"),
    ("alice", "/staff/open-days/{event}/", "staff-open-day"),
    ("alice", "/staff/solicitations/", "staff-solicitations"),
    ("alice", "/staff/solicitations/{solicitation}/", "staff-solicitation"),
    ("alice", "/staff/surveys/", "staff-surveys"),
    ("alice", "/staff/surveys/{survey}/results/", "staff-survey-results"),
    ("alice", "/staff/interaction/", "staff-interaction"),
]


@WIDTHS
def test_a_civil_servant_works_on_the_interaction_pages(browser, live_server, scene, phone):
    ids = {
        "drafting": scene.drafting.pk,
        "red": scene.red.pk,
        "event": scene.event_id,
        "solicitation": scene.solicitation_id,
        "survey": scene.survey_id,
    }
    for user in ("alice", "olga"):
        with staff(browser, live_server.url, user, phone=phone) as page:
            for who, path, name in STAFF_PAGES:
                if who == user:
                    look(page, path.format(**ids), name, phone=phone, axe=False)
            if user == "alice":
                page.goto(page.base_url + "/staff/letters/")
                assert page.locator("[data-red-mark]").count() >= 1
