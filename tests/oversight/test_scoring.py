"""The arithmetic of scores (docs/oversight.md#scores), item by item."""

from __future__ import annotations

from decimal import Decimal

from sunshine.oversight.scoring import Item, achievement, positions, score


def item(direction: str = "higher", target: str = "1", minimum: int = 0, is_count: bool = False) -> Item:
    return Item("x", Decimal(10), direction, Decimal(target), minimum, is_count)


def test_a_share_earns_points_up_to_its_target():
    assert achievement(item(target="0.8"), Decimal("0.4")) == Decimal("0.5")
    assert achievement(item(target="0.8"), Decimal("0.9")) == 1


def test_a_lower_is_better_share_falls_from_its_target_to_nothing_at_100_percent():
    assert achievement(item("lower", target="0.1"), Decimal("0.05")) == 1
    assert achievement(item("lower", target="0.1"), Decimal("0.55")) == Decimal("0.5")
    assert achievement(item("lower", target="0"), Decimal(1)) == 0


def test_counts_earn_points_towards_a_target_or_lose_them_above_it():
    assert achievement(item(target="10", is_count=True), Decimal(5)) == Decimal("0.5")
    assert achievement(item("lower", target="2", is_count=True), Decimal(4)) == Decimal("0.5")


def test_an_item_below_its_minimum_is_left_out_of_the_score_not_counted_as_zero():
    items = [item(minimum=5), Item("y", Decimal(30), "higher", Decimal(1), 0, False)]

    found = score(items, {"x": (1, 1), "y": (1, 2)})

    assert found.score == Decimal("50.00")  # 15 of y's 30 points, x not scored
    assert [c.reason for c in found.contributions] == ["below_minimum", ""]


def test_nothing_scored_is_no_score_at_all():
    assert score([item()], {}).score is None


def test_equal_scores_share_a_place_and_the_next_one_skips():
    assert positions({1: Decimal(90), 2: Decimal(80), 3: Decimal(90), 4: Decimal(70)}) == {
        1: 1,
        3: 1,
        2: 3,
        4: 4,
    }
