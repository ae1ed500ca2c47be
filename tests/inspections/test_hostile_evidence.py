"""Hostile evidence files (docs/security.md#uploads): a program dressed as a screenshot is refused
with the reason, evidence is checked before the transaction that stores the finding, and it is kept
under its real extension."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sunshine.inspections.models import Evidence, Rectification
from tests.records.files import make_png
from tests.records.hostile_files import reading_watched


def add_finding(client, tree, inspection, *files: SimpleUploadedFile):
    return client.post(
        reverse("inspections_staff:add_finding", args=[inspection.pk]),
        {"agency": tree["education"].pk, "text": "The column is out of date.", "evidence": list(files)},
    )


def test_a_program_named_as_a_screenshot_is_refused(client, tree, olga, started):
    client.force_login(olga)
    program = SimpleUploadedFile("shot.png", b"MZ\x90\x00" + b"\x00" * 60 + make_png())
    response = add_finding(client, tree, started, program)
    assert response.status_code == 422
    assert "shot.png: Programs and scripts cannot be attached, whatever the file is named." in (
        response.content.decode()
    )
    assert not Rectification.objects.exists()


def test_evidence_is_checked_before_the_transaction_and_kept_under_its_real_extension(
    client, tree, olga, started
):
    client.force_login(olga)
    with reading_watched(("sniff",)) as depths:
        response = add_finding(client, tree, started, SimpleUploadedFile("column.php.png", make_png()))
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert depths == [0]
    assert Evidence.objects.get().name == "column.png"
