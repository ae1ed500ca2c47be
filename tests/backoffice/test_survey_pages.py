"""Staff pages of surveys (/staff/surveys/): a survey drafted with its questions through plain
forms, published, answered, closed and read as charts, tables and exports."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from sunshine.agencies.models import Role
from sunshine.core.models import AuditEntry
from sunshine.surveys import services
from sunshine.surveys.models import Question, Survey
from tests.surveys.conftest import close, make_draft

DAY = datetime.timedelta(days=1)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def in_english():
    """Messages compared in English (the site's default language is Chinese)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def simon(make_user, tree):
    """Simon signs for the Education Bureau (签发): he publishes, he does not draft."""
    return make_user("simon", agency=tree["education"], role=Role.SIGNER)


def moment(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def survey_fields(tree: Any, questions: list[dict[str, Any]], **changes: Any) -> dict[str, Any]:
    now = timezone.now()
    fields: dict[str, Any] = {
        "agency": tree["education"].pk,
        "title": "义务教育招生工作满意度调查",
        "introduction": "请根据实际情况填写。",
        "opens_at": moment(now - DAY),
        "closes_at": moment(now + 10 * DAY),
        "anonymous": "on",
        "questions-count": len(questions),
    }
    for n, q in enumerate(questions):
        fields[f"q-{n}-kind"] = q["kind"]
        fields[f"q-{n}-text"] = q["text"]
        fields[f"q-{n}-options"] = "\n".join(q.get("options", []))
        if q.get("required", True):
            fields[f"q-{n}-required"] = "1"
    fields.update(changes)
    return fields


QUESTIONS: list[dict[str, Any]] = [
    {"kind": "single", "text": "您的孩子在哪个学段？", "options": ["小学", "初中"]},
    {"kind": "scale", "text": "您对招生工作的满意度"},
    {"kind": "text", "text": "其他建议", "required": False},
]


def test_a_survey_goes_from_its_draft_to_the_chart_of_its_results_through_the_pages(
    client, tree, alice, simon
):
    client.force_login(alice)
    assert client.get("/staff/surveys/new/", **EN).status_code == 200
    response = client.post("/staff/surveys/new/", survey_fields(tree, QUESTIONS), **EN)
    assert response.status_code == 302
    survey = Survey.objects.get()
    detail = f"/staff/surveys/{survey.pk}/"
    assert [q.kind for q in survey.questions.all()] == ["single", "scale", "text"]

    # Alice adds a multiple-choice question, moves it up one place, then saves it first.
    fields = survey_fields(tree, QUESTIONS)
    del fields["agency"]
    page = client.post(detail, {**fields, "op": "add"}, **EN)
    assert page.status_code == 200
    assert 'name="q-3-text"' in page.content.decode()
    assert survey.questions.count() == 3  # an editor button saves nothing
    more: list[dict[str, Any]] = [
        *QUESTIONS,
        {"kind": "multiple", "text": "您关心哪些事项？", "options": ["学区", "收费"]},
    ]
    fields = survey_fields(tree, more)
    del fields["agency"]
    page = client.post(detail, {**fields, "op": "up:3"}, **EN).content.decode()
    assert page.index("您对招生工作的满意度") < page.index("您关心哪些事项？") < page.index("其他建议")
    reordered: list[dict[str, Any]] = [more[3], *QUESTIONS]
    fields = survey_fields(tree, reordered)
    del fields["agency"]
    assert client.post(detail, fields, **EN).status_code == 302
    assert list(survey.questions.values_list("kind", flat=True)) == ["multiple", "single", "scale", "text"]

    # Simon publishes; people answer; he closes it early and reads the results.
    client.force_login(simon)
    assert "Publish the survey" in client.get(detail, **EN).content.decode()
    assert client.post(f"{detail}steps/publish/", **EN).status_code == 302
    survey.refresh_from_db()
    assert survey.status == "published"
    questions = list(survey.questions.prefetch_related("options"))
    for n, (choice, scale) in enumerate([(0, 5), (1, 4), (0, 5)]):
        services.submit_response(
            survey=survey,
            respondent=f"r{n}",
            answers={
                str(questions[0].pk): [questions[0].options.all()[0].pk],
                str(questions[1].pk): questions[1].options.all()[choice].pk,
                str(questions[2].pk): scale,
                str(questions[3].pk): "电话 13812345678 联系我",
            },
        )
    response = client.post(f"{detail}steps/close_early/", {"close_early-reason": ""}, **EN)
    assert response.status_code == 422  # the reason is required, shown beside its field
    assert 'class="field__error"' in response.content.decode()
    response = client.post(f"{detail}steps/close_early/", {"close_early-reason": "样本已足够"}, **EN)
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.phase() == "closed"

    results = client.get(f"{detail}results/", **EN)
    assert results.status_code == 200
    body = results.content.decode()
    assert body.count('<svg class="chart"') == 3  # two choice questions and the scale
    assert "<title" in body
    assert "average 4.67" in body
    assert "电话 13812345678 联系我" in body  # staff read the answers as written
    csv = client.get(results.context["csv_url"])
    assert csv.status_code == 200
    assert csv.content.startswith("\ufeff".encode())
    assert client.get(results.context["xlsx_url"]).status_code == 200

    assert (
        client.post(f"{detail}steps/publish_results/", {"publish_results-summary": "感谢参与"}).status_code
        == 302
    )
    survey.refresh_from_db()
    assert survey.status == "results_published"
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "survey.create",
        "survey.edit",
        "survey.publish",
        "survey.close_early",
        "survey.publish_results",
    } <= actions


def test_a_choice_question_with_one_option_is_named_and_nothing_is_stored(client, tree, alice):
    client.force_login(alice)
    bad = [{"kind": "single", "text": "您的孩子在哪个学段？", "options": ["小学"]}]
    response = client.post("/staff/surveys/new/", survey_fields(tree, bad), **EN)
    assert response.status_code == 422
    body = response.content.decode()
    assert "A choice question needs at least two options." in body
    assert 'value="您的孩子在哪个学段？"' in body  # the form keeps what was written
    assert not Survey.objects.exists()


def test_a_change_with_a_bad_question_keeps_the_old_questions(client, tree, alice):
    survey = make_draft(tree["education"])
    client.force_login(alice)
    bad = [{"kind": "scale", "text": "满意度", "options": ["好", "坏"]}]
    fields = survey_fields(tree, bad, title="新标题")
    del fields["agency"]
    response = client.post(f"/staff/surveys/{survey.pk}/", fields, **EN)
    assert response.status_code == 422
    assert "Only choice questions have options." in response.content.decode()
    survey.refresh_from_db()
    assert survey.title != "新标题"
    assert Question.objects.filter(survey=survey).count() == 4


def test_empty_question_blocks_are_left_out_and_removing_a_block_saves_nothing(client, tree, alice):
    client.force_login(alice)
    questions: list[dict[str, Any]] = [*QUESTIONS, {"kind": "single", "text": ""}]
    page = client.post("/staff/surveys/new/", {**survey_fields(tree, questions), "op": "remove:0"}, **EN)
    assert page.status_code == 200
    assert "您的孩子在哪个学段？" not in page.content.decode()
    assert not Survey.objects.exists()
    assert client.post("/staff/surveys/new/", survey_fields(tree, questions), **EN).status_code == 302
    assert Survey.objects.get().questions.count() == 3


def test_a_published_survey_cannot_be_changed_and_cannot_publish_its_results_while_open(
    client, tree, simon, alice
):
    survey = services.perform(make_draft(tree["education"]), "publish", by=None)
    client.force_login(alice)
    page = client.get(f"/staff/surveys/{survey.pk}/", **EN).content.decode()
    assert 'name="q-0-text"' not in page
    fields = survey_fields(tree, QUESTIONS)
    del fields["agency"]
    assert client.post(f"/staff/surveys/{survey.pk}/", fields, **EN).status_code == 409
    client.force_login(simon)
    response = client.post(f"/staff/surveys/{survey.pk}/steps/publish_results/", **EN)
    assert response.status_code == 409
    assert "once the survey has closed" in response.content.decode()
    close(survey)
    assert client.post(f"/staff/surveys/{survey.pk}/steps/publish_results/", **EN).status_code == 302


def test_an_officer_cannot_publish_and_another_agency_cannot_see(client, tree, alice, make_user):
    survey = make_draft(tree["education"])
    client.force_login(alice)
    assert client.post(f"/staff/surveys/{survey.pk}/steps/publish/").status_code == 403
    client.force_login(make_user("fred", agency=tree["finance"], role=Role.OFFICER))
    assert client.get(f"/staff/surveys/{survey.pk}/").status_code == 404
    assert client.get(f"/staff/surveys/{survey.pk}/results/").status_code == 404


def test_the_navigation_offers_the_survey_pages_only_to_those_they_open(client, alice, make_user, tree):
    client.force_login(alice)
    assert 'href="/staff/surveys/"' in client.get("/staff/", **EN).content.decode()
    assert client.get("/staff/surveys/").status_code == 200
    reviewer = make_user("rita", agency=tree["education"], role=Role.REVIEWER)
    client.force_login(reviewer)  # reviewers moderate comments but have no part in surveys
    page = client.get("/staff/", **EN).content.decode()
    assert 'href="/staff/surveys/"' not in page
    assert 'href="/staff/solicitations/"' in page
    assert client.get("/staff/surveys/").status_code == 403
