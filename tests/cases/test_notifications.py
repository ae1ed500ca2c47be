"""Notices about a case: the applicant is told of every step that concerns them (received, missing
items with every item and why, accepted by staff or by law, not accepted, suspended and resumed,
extended, decided, delivered), with the private link and never the key; the officers are told when
the applicant has sent every missing material, and the case goes back to review."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from sunshine.cases import access, services
from sunshine.cases.models import Case, CaseNotice
from sunshine.core.messaging import SendFailed
from tests.cases.conftest import APPLICANT
from tests.records.files import make_pdf

D = datetime.date
MONDAY = D(2026, 11, 2)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


@pytest.fixture
def online(licence, django_capture_on_commit_callbacks):
    """A case applied online (in English) on Monday 2 November with the application only."""

    def make(**applicant: str) -> Case:
        with django_capture_on_commit_callbacks(execute=True):
            case, _key = services.submit_case(
                version=licence,
                applicant=services.Applicant(**{**APPLICANT.__dict__, **applicant}),
                materials=["application"],
                today=MONDAY,
            )
        return case

    return make


@pytest.fixture
def step(act, django_capture_on_commit_callbacks):
    def take(case: Case, action: str, date: D, **fields):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            return act(case, action, date, **fields)

    return take


def only_message():
    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    return mail.outbox[0]


def test_the_applicant_is_told_the_application_was_received_with_the_private_link_not_the_key(online):
    case = online()
    message = only_message()
    assert message.to == ["chen@example.com"]
    assert case.tracking_code in message.subject
    assert "Application submitted online" in message.subject
    assert "Received on: 2026-11-02" in message.body
    assert access.private_path(case) in message.body
    assert access.access_key_for(case) not in message.body
    assert no_personal_data_in(message.body)
    assert CaseNotice.objects.get().state == "sent"


def no_personal_data_in(body: str) -> bool:
    return APPLICANT.id_number not in body and APPLICANT.phone not in body


def test_the_notice_of_missing_items_lists_every_item_and_why_and_links_the_follow_page(online, step):
    case = online()
    items = [{"material": "assets", "reason": "须加盖公章"}, "法定代表人身份证明"]
    step(case, "notify_missing", D(2026, 11, 3), items=items)
    message = only_message()
    assert "Missing materials notified" in message.subject
    assert "- 资产证明: 须加盖公章" in message.body
    assert "- 法定代表人身份证明" in message.body
    assert access.private_path(case) in message.body


@pytest.mark.parametrize(
    ("action", "fields", "words"),
    [
        ("accept", {}, "The agency accepted your application."),
        ("refuse", {"reason": "不属于本机关职责"}, "did not accept your application: 不属于本机关职责"),
    ],
)
def test_acceptance_and_refusal_are_told(online, step, action, fields, words):
    case = online()
    step(case, action, D(2026, 11, 3), **fields)
    assert words in only_message().body


def test_suspension_resumption_extension_decision_and_delivery_are_each_told(online, step, sid):
    case = online()
    step(case, "accept", D(2026, 11, 3))
    told = []
    for action, date, fields in [
        ("suspend", D(2026, 11, 4), {"reason": "专家评审"}),
        ("resume", D(2026, 11, 6), {}),
        ("extend", D(2026, 11, 9), {"working_days": 5, "reason": "需要现场核查", "approved_by": "sid"}),
        ("decide", D(2026, 11, 10), {"result": "denied", "reasons": "不符合设立条件"}),
        ("deliver", D(2026, 11, 11), {}),
    ]:
        case = step(case, action, date, **fields)
        told.append(only_message())
    assert "The time limit is suspended: 专家评审" in told[0].body
    assert "The time limit runs again." in told[1].body
    assert "extended by 5 working days" in told[2].body
    assert "Reason: 需要现场核查" in told[2].body
    assert "The decision is due by:" in told[2].body
    assert "Denied" in told[3].body
    assert "Reasons: 不符合设立条件" in told[3].body
    assert "The decision was delivered to you." in told[4].body


def test_acceptance_by_law_through_the_sweep_is_told(online, django_capture_on_commit_callbacks):
    case = online()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("cases_sweep", "--today", "2026-11-10", stdout=io.StringIO())
    assert Case.objects.get(pk=case.pk).status == "accepted"
    assert "counts as accepted" in only_message().body


def test_steps_that_do_not_concern_the_applicant_are_not_told(online, step):
    case = online()
    step(case, "accept", D(2026, 11, 3))
    step(case, "complete_step", D(2026, 11, 4), step="review")
    assert mail.outbox == []


def test_an_applicant_without_e_mail_gets_a_text_message_and_without_contact_nothing(online):
    online(email="")
    assert CaseNotice.objects.get().channel == "sms"
    CaseNotice.objects.all().delete()
    online(email="", phone="", address="杭州市西湖区")
    assert not CaseNotice.objects.exists()


def test_the_officers_are_told_when_the_applicant_sends_the_last_missing_file_and_the_case_is_reviewed_again(
    client, online, step, alice, make_user, tree, monkeypatch, django_capture_on_commit_callbacks
):
    alice.email = "alice@edu.example.gov.cn"
    alice.save()
    make_user("nomail", agency=tree["education"], role="officer")  # no address: not told
    make_user("fin", agency=tree["finance"], role="officer", email="fin@example.gov.cn")  # other agency
    case = online()
    step(case, "notify_missing", D(2026, 11, 3), items=[{"material": "assets", "reason": "须加盖公章"}])
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: D(2026, 11, 4))
    mail.outbox.clear()
    file = SimpleUploadedFile("资产证明.pdf", make_pdf("Assets"))
    keys = {"tracking_code": case.tracking_code, "access_key": access.access_key_for(case), "file": file}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/cases/follow/materials/assets/", keys).status_code == 200
    case.refresh_from_db()
    assert case.status == "submitted"
    assert case.complete_on == D(2026, 11, 4)
    message = only_message()  # the system's receive_missing is not told: the page said it
    assert message.to == ["alice@edu.example.gov.cn"]
    assert case.tracking_code in message.subject
    assert "资产证明" in message.body
    assert f"/staff/cases/{case.pk}/" in message.body


def test_a_failed_send_is_recorded_and_sent_again_by_send_notifications(online, monkeypatch):
    def fail(*args, **kwargs):
        raise SendFailed("mail server down")

    monkeypatch.setattr("sunshine.core.notices.send_email", fail)
    online()
    notice = CaseNotice.objects.get()
    assert notice.state == "failed"
    assert notice.attempts == 1
    monkeypatch.undo()
    call_command("send_notifications", stdout=io.StringIO())
    notice.refresh_from_db()
    assert notice.state == "sent"
    assert notice.attempts == 2
    assert len(mail.outbox) == 1


def test_the_decision_and_the_refusal_carry_the_rating_link_that_opens_the_form(
    online, step, client, settings
):
    settings.SUNSHINE_SITE_URL = "https://gov.example.cn"
    case = online()
    step(case, "accept", D(2026, 11, 3))
    step(case, "decide", D(2026, 11, 10), result="approved")
    body = only_message().body
    assert "Rate how you were served (好差评), within 30 days: https://gov.example.cn/cases/rate/" in body
    link = next(word for word in body.split() if word.startswith("https://gov.example.cn/cases/rate/"))
    page = client.get(link.removeprefix("https://gov.example.cn"))
    assert page.status_code == 200
    assert case.tracking_code in page.content.decode()

    refused = online()
    step(refused, "refuse", D(2026, 11, 3), reason="不属于本机关职权范围")
    assert "/cases/rate/" in only_message().body


def test_the_steps_before_the_decision_carry_no_rating_link(online, step):
    case = online()
    step(case, "accept", D(2026, 11, 3))
    assert "/cases/rate/" not in only_message().body
