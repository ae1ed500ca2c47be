"""Rankings follow the scheme's weights and minimum counts (the done-when of issue #16), over the test
month built through the services (tests/oversight/conftest.py): the scores are checked against a
count made here by hand from the fixture's facts, not by the scoring code."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from sunshine.core.models import AuditEntry
from sunshine.oversight import rankings
from sunshine.oversight.models import AssessmentScheme, Ranking
from sunshine.oversight.periods import Span, parse_span
from sunshine.oversight.rankings import ItemInput
from tests.oversight.ranking_helpers import ITEMS, age_the_tree, city_scheme
from tests.records.conftest import at


def span(text: str) -> Span:
    found = parse_span(text)
    assert found is not None
    return found


NOVEMBER = span("2026-11")


def lines(ranking: Ranking) -> dict[str, tuple[int | None, Decimal | None, str]]:
    return {e.agency.code: (e.position, e.score, e.status) for e in rankings.entries_of(ranking)}


def test_the_ranking_follows_the_scheme_s_weights_and_minimum_counts(month, tree, olga):
    age_the_tree()
    scheme = city_scheme(olga, tree["city"])

    found = lines(rankings.compute_ranking(scheme, NOVEMBER))

    # By hand. Education: 1 of 3 records late → (1 − 1/3) × 40 = 26.67 points; 1 of 2 requests on
    # time (2 reaches the minimum) → ½ × 60 = 30; letters: 2 < 3, not scored. Out of 40 + 60 points:
    # 56.67. Finance: its one record on time → 40 of 40 = 100; no requests or letters to score.
    assert found["CITY-FIN"] == (1, Decimal("100.00"), "ranked")
    assert found["CITY-EDU"] == (2, Decimal("56.67"), "ranked")
    # Agencies with nothing to measure are listed, not ranked; the root itself is not listed.
    assert found["EAST-HEALTH"] == (None, None, "not_scored")
    assert "CITY" not in found

    # A minimum of 2 records: Finance's single record no longer tops the table.
    items = (ItemInput("records_late", Decimal(40), "lower", Decimal(0), 2), *ITEMS[1:])
    stricter = city_scheme(olga, tree["city"], items=items)
    found = lines(rankings.compute_ranking(stricter, NOVEMBER))
    assert found["CITY-FIN"] == (None, None, "not_scored")
    assert found["CITY-EDU"] == (1, Decimal("56.67"), "ranked")

    # Heavier points on requests: Education's score moves with the weights.
    items = (ITEMS[0], ItemInput("requests_on_time", Decimal(160), "higher", Decimal(1), 2), ITEMS[2])
    heavier = city_scheme(olga, tree["city"], items=items)
    found = lines(rankings.compute_ranking(heavier, NOVEMBER))
    # (26.67 + 80) / 200 × 100 = 53.33
    assert found["CITY-EDU"] == (2, Decimal("53.33"), "ranked")


def test_each_indicator_s_contribution_adds_up_to_the_score(month, tree, olga):
    age_the_tree()
    ranking = rankings.compute_ranking(city_scheme(olga, tree["city"]), NOVEMBER)
    education = ranking.entries.get(agency=tree["education"])

    parts = {c["code"]: c for c in education.contributions}
    assert parts["records_late"]["numerator"] == 1
    assert parts["records_late"]["denominator"] == 3
    assert parts["letters_on_time"]["scored"] is False
    assert parts["letters_on_time"]["reason"] == "below_minimum"
    assert Decimal(parts["records_late"]["contribution"]) == Decimal("26.67")
    assert Decimal(parts["requests_on_time"]["contribution"]) == Decimal("30.00")
    total = sum(Decimal(c["contribution"]) for c in education.contributions)
    assert education.score is not None
    assert abs(total - education.score) <= Decimal("0.01")


def test_equal_scores_share_a_rank(month, tree, olga):
    age_the_tree()
    items = (ItemInput("records_published", Decimal(10), "higher", Decimal(1), 0),)
    found = lines(rankings.compute_ranking(city_scheme(olga, tree["city"], items=items), NOVEMBER))
    # Both published at least one record in November: full points each, both first.
    assert found["CITY-EDU"][:2] == (1, Decimal("100.00"))
    assert found["CITY-FIN"][:2] == (1, Decimal("100.00"))
    # Every other agency published nothing: 0 of 1 target, ranked third together.
    assert found["EAST-HEALTH"][:2] == (3, Decimal("0.00"))


def test_a_newly_added_agency_is_listed_but_not_ranked_before_its_start(month, tree, olga):
    age_the_tree()
    type(tree["finance"]).objects.filter(pk=tree["finance"].pk).update(
        created_at=at(datetime.date(2026, 10, 15))
    )
    scheme = city_scheme(olga, tree["city"], newcomer_months=3)

    found = lines(rankings.compute_ranking(scheme, NOVEMBER))

    assert found["CITY-FIN"] == (None, Decimal("100.00"), "newcomer")
    assert found["CITY-EDU"][0] == 1
    # Ranked from January 2027 (October + 3 months).
    assert rankings.ranked_from(type(tree["finance"]).objects.get(pk=tree["finance"].pk), scheme) == (
        datetime.date(2027, 1, 1)
    )


def test_a_quarter_adds_up_its_months(month, tree, olga):
    age_the_tree()
    scheme = city_scheme(olga, tree["city"])

    quarter = lines(rankings.compute_ranking(scheme, span("2026-Q4")))

    # Nothing of the scheme's indicators happened in October or December: the quarter is November.
    assert quarter["CITY-EDU"] == (2, Decimal("56.67"), "ranked")
    assert quarter["CITY-FIN"] == (1, Decimal("100.00"), "ranked")


def test_saving_a_scheme_makes_a_new_version_and_the_old_one_stays(month, tree, olga):
    first = city_scheme(olga, tree["city"])
    second = city_scheme(olga, tree["city"], effective_from=datetime.date(2027, 1, 1))

    assert (first.version, second.version) == (1, 2)
    assert AssessmentScheme.objects.filter(code="city-2026").count() == 2
    # 2026-Q4 is still scored by version 1; 2027 by version 2.
    assert rankings.scheme_in_force("city-2026", span("2026-Q4")) == first
    assert rankings.scheme_in_force("city-2026", span("2027-01")) == second
    actions = list(
        AuditEntry.objects.filter(action__startswith="oversight.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["oversight.scheme_create", "oversight.scheme_version"]


def test_a_scheme_with_a_bad_item_is_refused_and_nothing_is_saved(tree, olga):
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError) as raised:
        city_scheme(
            olga,
            tree["city"],
            items=(
                ItemInput("requests_on_time", Decimal(10), "higher", Decimal(2), 0),
                ItemInput("no_such_indicator", Decimal(10), "higher", Decimal(1), 0),
            ),
        )
    text = " ".join(raised.value.messages)
    assert "between 0 and 1" in text
    assert "Unknown indicator" in text
    assert not AssessmentScheme.objects.exists()


def test_a_published_ranking_is_frozen(month, tree, olga):
    age_the_tree()
    scheme = city_scheme(olga, tree["city"])
    ranking = rankings.compute_ranking(scheme, NOVEMBER)
    rankings.publish_ranking(ranking, by=olga)
    before = lines(ranking)

    # New activity of November and a recomputation of the indicators change nothing published.
    from tests.records.conftest import make_draft, publish_now

    publish_now(
        make_draft(tree["finance"], title="补发的通知", formation_date=datetime.date(2026, 9, 1)),
        at(datetime.date(2026, 11, 25)),
    )
    call_command("oversight_compute", "--period", "2026-11")
    again = rankings.current_ranking(scheme, NOVEMBER)

    assert again.pk == ranking.pk
    assert lines(again) == before
    assert AuditEntry.objects.filter(action="oversight.ranking_publish").count() == 1
    with pytest.raises(ValidationError):
        rankings.publish_ranking(ranking, by=olga)


def test_an_unpublished_ranking_follows_recomputed_indicators(month, tree, olga):
    age_the_tree()
    scheme = city_scheme(olga, tree["city"])
    rankings.current_ranking(scheme, NOVEMBER)

    from tests.records.conftest import make_draft, publish_now

    publish_now(
        make_draft(tree["finance"], title="补发的通知", formation_date=datetime.date(2026, 9, 1)),
        at(datetime.date(2026, 11, 25)),
    )
    call_command("oversight_compute", "--period", "2026-11", "--rank")

    found = lines(rankings.current_ranking(scheme, NOVEMBER))
    # Finance: 1 of 2 records late → 20 of 40 points = 50.
    assert found["CITY-FIN"] == (2, Decimal("50.00"), "ranked")
    assert found["CITY-EDU"] == (1, Decimal("56.67"), "ranked")
