"""The staff list of last year's reports agrees with the portal: a published report shows as published,
with a link to its record."""

from __future__ import annotations

import re

from django.utils import timezone

from tests.annualreports.conftest import page
from tests.annualreports.publishing import publish_year


def row(html: str, code: str) -> str:
    match = re.search(rf'<tr data-agency="{code}">.*?</tr>', html, re.S)
    assert match is not None, code
    return match.group(0)


def test_a_report_published_for_last_year_shows_as_published_with_a_link_to_its_record(client, tree, people):
    last_year = timezone.localdate().year - 1
    draft = publish_year(tree["education"], last_year, people)
    assert draft.record is not None

    html = page(client, people["office"], "/staff/annual-reports/").content.decode()

    published = row(html, "CITY-EDU")
    assert "Published" in published
    assert "Overdue" not in published
    assert "Not opened" not in published
    assert f'href="/records/{draft.record.index_number}/" data-link="record"' in published
    assert client.get(f"/records/{draft.record.index_number}/").status_code == 200
    # An agency without a report is still listed as it is.
    assert "Not opened" in row(html, "CITY-EDU-EXAM")
