"""The demo's public interaction (政民互动): ``manage.py demo_interaction`` on the demo city loads letters
of every kind in every status, common questions, solicitations, a survey and open days through the
services, once; the public pages then show them, without the writers' personal data."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from sunshine.core.models import AuditEntry
from sunshine.demo.letters import LETTER_CASES, subject_of
from sunshine.faq.models import Entry
from sunshine.letters.codes import Kind, Status
from sunshine.letters.models import Letter, LetterRating, LetterReplyTemplate
from sunshine.letters.public import masked_writer
from sunshine.opendays.models import Event, Registration
from sunshine.solicitations.models import Comment, Solicitation
from sunshine.surveys.models import Response, Survey

PRINTED_LETTER = re.compile(r"(X\d{4}-[0-9A-Z]{8})  key ([0-9a-f]+)  (\w+)")


@pytest.fixture
def demo_city(db, settings):
    settings.DEBUG = True
    call_command("demo_data", stdout=io.StringIO())


def load() -> str:
    out = io.StringIO()
    call_command("demo_interaction", stdout=out)
    return out.getvalue()


@pytest.fixture
def printed(demo_city) -> str:
    return load()


def letter(key: str) -> Letter:
    case = next(c for c in LETTER_CASES if c.key == key)
    return Letter.objects.filter(subject=subject_of(case)).order_by("id").first()  # type: ignore[return-value]


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Letter,
            LetterRating,
            LetterReplyTemplate,
            Entry,
            Solicitation,
            Comment,
            Survey,
            Response,
            Event,
            Registration,
            AuditEntry,
        )
    }


def test_the_demo_letters_cover_every_kind_and_every_status_and_their_replies_were_reviewed(printed):
    letters = Letter.objects.all()
    assert {x.kind for x in letters} == set(Kind.values)
    assert {x.status for x in letters} == set(Status.values)
    assert not letters.filter(received_on__gt=timezone.localdate()).exists()
    # Each reply was drafted, reviewed and signed by different people.
    for key, drafter in (("replied_rated", "officer"), ("mailbox_replied", "office")):
        event = letter(key).events.get(action="reply")
        assert event.by is not None
        assert event.by.username == drafter
        assert (event.data["reviewed_by"], event.data["signed_by"]) == ("王审核", "张签发")
        assert event.data["direct"] is False


def test_the_writers_rated_reopened_and_repeated_and_a_supervisor_stepped_in(printed):
    assert LetterRating.objects.count() == 3
    reopened = letter("reopened")
    assert reopened.status == Status.ACCEPTED
    assert reopened.reopened_on is not None
    assert letter("supervised").supervision_due_on is not None
    duplicate = next(c for c in LETTER_CASES if c.key == "duplicate")
    original, repeated = Letter.objects.filter(subject=subject_of(duplicate)).order_by("id")
    assert (original.flag, repeated.flag, repeated.duplicate_of) == ("", "duplicate", original)
    assert letter("transferred").agency.code == "YG-DC-JYJ"
    assert letter("awaiting_info").agency.code == "YG"  # a complaint about openness goes to the city
    assert set(LetterReplyTemplate.objects.values_list("agency__code", flat=True)) == {
        "YG",
        "YG-JYJ",
        "YG-RSJ",
    }


def test_the_published_letters_show_masked_names_and_no_phone(printed, client):
    page = client.get("/letters/").content.decode()
    published = Letter.objects.filter(reply_published=True, status__in=["replied", "closed"])
    assert published.count() == 4
    for shown in published:
        assert shown.tracking_code in page
        detail = client.get(f"/letters/{shown.tracking_code}/").content.decode()
        assert masked_writer(shown) in detail
        for personal in (shown.writer_name, shown.writer_phone):
            assert personal not in page
            assert personal not in detail
    assert letter("replied_private").tracking_code not in page
    assert "1380571" not in page


def test_the_letters_statistics_count_the_demo_letters_and_the_printed_keys_open_them(printed, client):
    since = (timezone.localdate() - datetime.timedelta(days=365)).isoformat()
    figures = client.get(f"/api/v1/letters/statistics?from={since}").json()
    assert figures["received"] == Letter.objects.count()
    assert figures["replied"] == Letter.objects.filter(replied_on__isnull=False).count() == 5
    assert figures["satisfaction"]["rated"] == 3  # the reopened letter keeps its writer's latest rating
    assert client.get("/letters/statistics/").status_code == 200
    # The codes and keys printed open the letters.
    shown = PRINTED_LETTER.findall(printed)
    assert len(shown) == Letter.objects.count()
    for code, key, status in shown[:3]:
        answer = client.get(f"/api/v1/letters/{code}", HTTP_X_ACCESS_KEY=key)
        assert answer.status_code == 200
        assert answer.json()["status"] == status


def test_the_common_questions_are_published_in_three_bureaus(printed, client):
    entries = Entry.objects.all()
    assert entries.count() == 10
    assert set(entries.values_list("status", flat=True)) == {"published"}
    assert set(entries.values_list("agency__code", flat=True)) == {"YG-RSJ", "YG-GAJ", "YG-SCJGJ"}
    assert all(e.submitted_by != e.published_by for e in entries)
    page = client.get("/faq/").content.decode()
    assert "社会保障卡丢失了怎么补办？" in page


def test_the_interaction_page_counts_what_is_open_and_the_solicitations_show_their_comments(printed, client):
    context = client.get("/interaction/").context
    assert context["open_solicitations"] == 1
    assert context["upcoming_open_days"] == 1
    opened, closed = Solicitation.objects.order_by("id")
    assert opened.comments.filter(status="approved").count() == 3
    assert closed.status == "feedback_published"
    assert set(closed.comments.values_list("adoption", flat=True)) == {"adopted", "partly", "not_adopted"}
    page = client.get(f"/solicitations/{opened.pk}/").content.decode()
    assert "学区划分调整时提前公示" in page
    assert "13905710101" not in page
    assert "征求意见期间共收到有效意见3条" in client.get(f"/solicitations/{closed.pk}/").content.decode()


def test_the_survey_s_results_are_published_and_one_open_day_is_coming_and_one_was_held(printed, client):
    survey = Survey.objects.get()
    assert survey.status == "results_published"
    assert survey.responses.count() == 20
    assert {q.kind for q in survey.questions.all()} == {"single", "multiple", "scale", "text"}
    assert client.get(f"/surveys/{survey.pk}/").status_code == 200
    coming = Event.objects.get(status="published")
    assert coming.starts_at > timezone.now()
    assert coming.registrations.count() == 3
    assert Event.objects.filter(status="held").count() == 1
    assert coming.title in client.get("/open-days/").content.decode()


def test_a_second_run_adds_nothing(printed):
    before = counts()
    again = load()
    assert "0 letters added; nothing else added" in again
    assert counts() == before
    assert PRINTED_LETTER.findall(again) == PRINTED_LETTER.findall(printed)


def test_the_demo_interaction_needs_the_demo_city(db, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="demo_data"):
        load()


def test_the_demo_interaction_refuses_a_production_database(demo_city, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        load()
