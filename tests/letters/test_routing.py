"""A complaint about disclosure goes to the disclosure office of the government above the agency."""

from __future__ import annotations

import datetime

import pytest

D = datetime.date


@pytest.mark.parametrize(
    ("addressed", "handler"),
    [
        ("education", "city"),  # a department of the city: the city government
        ("edu_office", "city"),  # below a department: still the nearest government above
        ("health", "district"),  # a district department: the district government
        ("community", "district"),  # a village under a street: the district government
        ("district", "city"),  # a district government: the city government above it
        ("city", "city"),  # a government at the top of its tree: itself
    ],
)
def test_a_disclosure_complaint_goes_to_the_nearest_government_above(write, tree, addressed, handler):
    letter, _key = write(D(2026, 9, 21), kind="disclosure_complaint", agency=tree[addressed])
    assert letter.addressed_to == tree[addressed]
    assert letter.agency == tree[handler]


def test_other_kinds_stay_with_the_agency_addressed(write, tree):
    letter, _key = write(D(2026, 9, 21), kind="complaint", agency=tree["health"])
    assert letter.agency == tree["health"]


def test_the_disclosure_office_above_handles_a_routed_complaint(write, tree, olga):
    from sunshine.letters.services import perform_action

    letter, _key = write(D(2026, 9, 21), kind="disclosure_complaint", agency=tree["education"])
    accepted = perform_action(
        letter=letter, action="accept", by=olga, date=D(2026, 9, 22), today=D(2026, 9, 22)
    )
    assert accepted.status == "accepted"
