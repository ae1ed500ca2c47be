"""Batches computed in forked processes come back in the order they went in."""

from __future__ import annotations

import pytest

from sunshine.core.parallel import map_in_order, usable_workers


def square_all(batch: list[int]) -> list[int]:
    return [n * n for n in batch]


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_results_come_back_in_order_whatever_the_number_of_workers(workers):
    batches = [list(range(start, start + 5)) for start in range(0, 200, 5)]
    assert list(map_in_order(square_all, batches, workers)) == [square_all(b) for b in batches]


def test_one_worker_asked_for_runs_here():
    assert usable_workers(1) == 1
    assert usable_workers(0) == 1
