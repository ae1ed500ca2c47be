"""Done-when of issue #14 (surveys): a survey from creation to its chart, through the API and pages."""

from __future__ import annotations

import datetime

from django.utils import timezone

from sunshine.surveys.models import Survey
from tests.api_helpers import bearer, token_for
from tests.surveys.conftest import QUESTIONS, close


def test_a_survey_runs_from_creation_to_its_chart(client, tree, alice, simon):
    officer, signer = bearer(token_for(client, "alice")), bearer(token_for(client, "simon"))
    now = timezone.now()

    def staff(method, path, body=None, who=officer):
        call = getattr(client, method)
        return call(f"/api/v1/staff/surveys{path}", body, content_type="application/json", **who)

    created = staff(
        "post",
        "",
        {
            "agency": "CITY-EDU",
            "title": "义务教育招生工作满意度调查",
            "introduction": "请如实填写。",
            "opens_at": (now - datetime.timedelta(hours=1)).isoformat(),
            "closes_at": (now + datetime.timedelta(days=7)).isoformat(),
            "questions": QUESTIONS,
        },
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert staff("post", f"/{pk}/actions", {"action": "publish"}).status_code == 403
    published = staff("post", f"/{pk}/actions", {"action": "publish"}, who=signer)
    assert published.status_code == 200, published.content
    assert published.json()["phase"] == "open"

    survey = client.get(f"/api/v1/surveys/{pk}").json()
    q = survey["questions"]
    assert [x["kind"] for x in q] == ["single", "multiple", "scale", "text"]
    for choice, scale in ((0, 5), (0, 4), (1, 2)):
        answers = {
            str(q[0]["id"]): q[0]["options"][choice]["id"],
            str(q[1]["id"]): [q[1]["options"][2]["id"]],
            str(q[2]["id"]): scale,
            str(q[3]["id"]): "请联系我 13812345678",
        }
        sent = client.post(
            f"/api/v1/surveys/{pk}/responses", {"answers": answers}, content_type="application/json"
        )
        assert sent.status_code == 201, sent.content

    csv = staff("get", f"/{pk}/responses.csv")
    assert csv.status_code == 200
    assert csv["Content-Type"].startswith("text/csv")
    assert len(csv.content.decode("utf-8-sig").splitlines()) == 4

    close(Survey.objects.get(pk=pk))
    done = staff("post", f"/{pk}/actions", {"action": "publish_results", "summary": "感谢参与"}, who=signer)
    assert done.status_code == 200, done.content

    results = client.get(f"/api/v1/surveys/{pk}").json()["results"]
    assert [c["count"] for c in results[0]["counts"]] == [2, 1]
    assert [c["count"] for c in results[2]["counts"]] == [0, 1, 0, 1, 1]
    assert results[3]["texts"]
    assert "13812345678" not in results[3]["texts"][0]

    page = client.get(f"/surveys/{pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<svg" in page
    assert f'<title id="chart-{q[0]["id"]}-title">您的孩子在哪个学段？</title>' in page
    assert "<table" in page
    assert "感谢参与" in page
