"""CPU-bound work on batches in forked processes, the results handed back in order.

The caller keeps what must stay in one process (reading a queryset on its connection, writing in its
transaction); the workers only compute. A few batches are in flight at once. Where processes cannot
be forked (not Unix) or one worker is asked for, the work runs here.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.pool import AsyncResult
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def usable_workers(workers: int) -> int:
    """How many processes ``map_in_order`` will use for ``workers`` asked for."""
    return workers if workers > 1 and "fork" in multiprocessing.get_all_start_methods() else 1


def map_in_order(function: Callable[[T], R], items: Iterable[T], workers: int) -> Iterator[R]:
    """``function(item)`` for each item, computed in ``usable_workers(workers)`` forked processes
    (forked when the first result is asked for: what is loaded before is shared), in item order."""
    if usable_workers(workers) == 1:
        yield from map(function, items)
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pending: deque[AsyncResult[R]] = deque()
        for item in items:
            pending.append(pool.apply_async(function, (item,)))
            if len(pending) > workers * 2:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
