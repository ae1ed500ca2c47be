"""The services API: GET /api/v1/services (filters, pagination) and GET /api/v1/services/{code}
with materials, steps, statutory_days, promised_days, kind, handling type, online level, fees,
windows and contacts; only published guides of active agencies; bad filters answer 422."""

from __future__ import annotations


def test_the_catalogue_lists_published_guides_with_their_time_limits(client, published, draft):
    published("EDU-001")
    draft("EDU-002")
    body = client.get("/api/v1/services").json()
    assert body["count"] == 1
    (row,) = body["results"]
    assert row["code"] == "EDU-001"
    assert (row["statutory_days"], row["promised_days"]) == (20, 10)
    assert row["kind"] == "licensing"
    assert row["handling_type"] == "promised"
    assert row["online_level"] == 2
    assert row["life_events"] == ["business", "education"]


def test_the_catalogue_filters_and_pages(client, published):
    for n in range(3):
        published(f"EDU-00{n}", name=f"事项{n}", kind="benefit" if n else "licensing")
    assert client.get("/api/v1/services?kind=benefit").json()["count"] == 2
    assert client.get("/api/v1/services?event=birth").json()["count"] == 0
    assert client.get("/api/v1/services?q=事项1").json()["results"][0]["code"] == "EDU-001"
    page = client.get("/api/v1/services?page_size=2&page=2").json()
    assert (page["count"], page["page"], len(page["results"])) == (3, 2, 1)


def test_a_bad_filter_answers_422_in_the_error_envelope(client, tree):
    response = client.get("/api/v1/services?kind=magic&agency=NOPE")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert set(error["fields"]) == {"kind", "agency"}


def test_one_guide_has_materials_steps_fees_windows_and_contacts(client, published):
    published()
    body = client.get("/api/v1/services/EDU-001").json()
    assert (body["statutory_days"], body["promised_days"]) == (20, 10)
    assert [m["key"] for m in body["materials"]] == ["application", "m1"]
    assert body["materials"][1]["required"] is False
    assert body["materials"][1]["condition"] == "有捐赠的"
    assert [s["key"] for s in body["steps"]] == ["accept", "review", "decide"]
    assert body["steps"][1]["days"] == 7
    assert body["fees"] == {"free": True, "fees": "", "basis": ""}
    assert body["windows"][0]["address"] == "阳光市人民路1号"
    assert body["contacts"]["supervision_phone"] == "0571-87000002"
    assert body["flow_chart"] == "/services/EDU-001/flow.svg"


def test_a_draft_is_not_found(client, draft):
    draft()
    response = client.get("/api/v1/services/EDU-001")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
