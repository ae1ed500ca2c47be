"""The whole path through the pages: a task, a finding with evidence, its rectification answered,
returned, answered again and verified; then the notice of criticism as PDF and DOCX."""

from __future__ import annotations

import io

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sunshine.core.models import AuditEntry
from sunshine.inspections.models import CheckResult, Inspection, Rectification
from tests.inspections.conftest import D
from tests.records.files import make_png


def test_an_inspection_runs_from_the_task_to_the_closed_rectification_and_the_notice(
    client, tree, olga, alice, today
):
    client.force_login(olga)
    page = client.get(reverse("inspections_staff:create"))
    assert page.status_code == 200
    response = client.post(
        reverse("inspections_staff:create"),
        {
            "title": "Q4 openness inspection",
            "kind": "quarterly",
            "period": "2026 Q4",
            "office": tree["city"].pk,
            "agencies": [tree["education"].pk, tree["finance"].pk],
            "items": "Pages kept up to date\nRequests answered on time\n",
        },
    )
    inspection = Inspection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("inspections_staff:detail", args=[inspection.pk])
    assert inspection.status == "planned"
    assert [i.text for i in inspection.items.all()] == ["Pages kept up to date", "Requests answered on time"]

    client.post(reverse("inspections_staff:action", args=[inspection.pk, "start"]))
    inspection.refresh_from_db()
    assert inspection.status == "in_progress"
    assert inspection.started_on == D(2026, 11, 12)

    first, second = inspection.items.all()
    edu, fin = tree["education"], tree["finance"]
    response = client.post(
        reverse("inspections_staff:results", args=[inspection.pk]),
        {
            f"result-{first.pk}-{edu.pk}": "fail",
            f"note-{first.pk}-{edu.pk}": "Column not updated since June",
            f"result-{second.pk}-{edu.pk}": "pass",
            f"result-{first.pk}-{fin.pk}": "na",
        },
    )
    assert response.status_code == 302
    assert CheckResult.objects.get(item=first, agency=edu).note == "Column not updated since June"
    assert CheckResult.objects.count() == 3
    page = client.get(reverse("inspections_staff:detail", args=[inspection.pk]))
    assert 'data-result="fail"' in page.content.decode()

    screenshot = SimpleUploadedFile("column.png", make_png(), content_type="image/png")
    response = client.post(
        reverse("inspections_staff:add_finding", args=[inspection.pk]),
        {
            "agency": edu.pk,
            "item": first.pk,
            "text": "The proactive disclosure column was last updated in June.",
            "links": "https://www.example.gov.cn/edu/gk/",
            "evidence": [screenshot],
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    r = Rectification.objects.get()
    assert response["Location"] == reverse("inspections_staff:rectification", args=[r.pk])
    # 15 working days after Thursday 12 November 2026: Thursday 3 December.
    assert (r.status, r.agency, r.due_date) == ("open", edu, D(2026, 12, 3))
    evidence = r.finding.evidence.get()
    assert evidence.kind == "png"
    assert r.finding.links == ["https://www.example.gov.cn/edu/gk/"]
    assert (
        client.get(reverse("inspections_staff:evidence", args=[evidence.pk]))["Content-Type"] == "image/png"
    )

    # Olga cannot answer for the agency; Alice can.
    page = client.get(reverse("inspections_staff:rectification", args=[r.pk])).content.decode()
    assert 'id="action-answer"' not in page
    client.force_login(alice)
    page = client.get(reverse("inspections_staff:rectification", args=[r.pk])).content.decode()
    assert 'id="action-answer"' in page
    assert 'id="action-verify"' not in page
    today(D(2026, 11, 16))
    client.post(
        reverse("inspections_staff:rectification_action", args=[r.pk, "answer"]),
        {"answer-answer": "We updated the column."},
    )
    r.refresh_from_db()
    assert (r.status, r.answered_on) == ("answered", D(2026, 11, 16))

    client.force_login(olga)
    response = client.post(
        reverse("inspections_staff:rectification_action", args=[r.pk, "return"]), {"return-reason": ""}
    )
    assert response.status_code == 422
    assert "Say why the answer is not enough." in response.content.decode()
    client.post(
        reverse("inspections_staff:rectification_action", args=[r.pk, "return"]),
        {"return-reason": "Only one page was updated."},
    )
    r.refresh_from_db()
    assert r.status == "open"

    client.force_login(alice)
    client.post(
        reverse("inspections_staff:rectification_action", args=[r.pk, "answer"]),
        {"answer-answer": "Every page of the column is up to date; a weekly check is in place."},
    )
    client.force_login(olga)
    client.post(
        reverse("inspections_staff:rectification_action", args=[r.pk, "verify"]),
        {"verify-note": "Checked the column on 17 November."},
    )
    r.refresh_from_db()
    assert (r.status, r.closed_on) == ("closed", D(2026, 11, 16))
    assert list(r.events.values_list("action", flat=True)) == ["open", "answer", "return", "answer", "verify"]
    codes = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "inspection.create",
        "inspection.start",
        "inspection.check",
        "inspection.finding",
        "inspection_rectification.open",
        "inspection_rectification.answer",
        "inspection_rectification.return",
        "inspection_rectification.verify",
    } <= codes
    history = client.get(reverse("inspections_staff:rectification", args=[r.pk])).content.decode()
    assert "Only one page was updated." in history
    assert "Rectification verified and closed" in history

    # The notice of criticism waits for the inspection to close.
    assert client.get(reverse("inspections_staff:notice", args=[inspection.pk, "pdf"])).status_code == 409
    client.post(reverse("inspections_staff:action", args=[inspection.pk, "close"]))
    inspection.refresh_from_db()
    assert inspection.status == "closed"
    page = client.get(reverse("inspections_staff:detail", args=[inspection.pk])).content.decode()
    assert reverse("inspections_staff:notice", args=[inspection.pk, "docx"]) in page

    pdf = client.get(reverse("inspections_staff:notice", args=[inspection.pk, "pdf"]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    word = client.get(reverse("inspections_staff:notice", args=[inspection.pk, "docx"]))
    assert word.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
    assert "Q4 openness inspection" in text
    assert "1. Education Bureau" in text
    assert "Rectified and verified" in text
    assert "No findings at: 阳光市财政局." in text


def test_an_evidence_file_that_is_not_an_image_is_refused(client, tree, olga, started):
    client.force_login(olga)
    fake = SimpleUploadedFile("shot.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = client.post(
        reverse("inspections_staff:add_finding", args=[started.pk]),
        {"agency": tree["education"].pk, "text": "Broken link", "evidence": [fake]},
    )
    assert response.status_code == 422
    assert Rectification.objects.count() == 0
    assert "shot.png" in response.content.decode()


def test_a_finding_names_only_existing_records_and_web_links(client, tree, olga, started):
    client.force_login(olga)
    response = client.post(
        reverse("inspections_staff:add_finding", args=[started.pk]),
        {"agency": tree["education"].pk, "text": "x", "links": "javascript:alert(1)", "records": "NO-SUCH-1"},
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert "is not a web address" in body
    assert "No record has the index number NO-SUCH-1" in body
