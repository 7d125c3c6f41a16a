"""``--jobs N``: the files of one run shared among forked worker processes.

The parent handles the first file itself, so whatever the selected rules need
(the tokenizer, the gazetteer, the genre table) is loaded once, before the
workers fork and share it.  Work items and results cross process boundaries
by pickling, so ``work`` must return plain data; ``work`` itself is inherited
through the fork and never pickled.  Results come back in input order, so a
run with N workers reports exactly what a run with one reports.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: The work function of a worker process, set once by the pool's initializer
#: (module state of the worker only; the parent never sets it).
_work: Callable[[Any], Any] | None = None


def can_fork() -> bool:
    import multiprocessing  # here: a run with one process never needs it

    return "fork" in multiprocessing.get_all_start_methods()


def workers(jobs: int) -> int:
    """``--jobs`` as a worker count: 0 means one per CPU."""
    return max(1, os.cpu_count() or 1) if jobs == 0 else max(1, jobs)


def map_in_order(items: Sequence[T], work: Callable[[T], R], jobs: int) -> Iterator[R]:
    """``work(item)`` for each item, in order; with ``jobs`` > 1 in forked workers."""
    if jobs <= 1 or len(items) < 3 or not can_fork():
        for item in items:
            yield work(item)
        return
    yield work(items[0])  # loads what the rules need before the fork
    rest = items[1:]
    n = min(jobs, len(rest))
    chunk = max(1, len(rest) // (n * 8))  # small chunks: even shares; not one: fewer round trips
    import gc
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    # What the parent loaded (jieba's dictionary is millions of Python objects) is frozen
    # before the fork, as the gc module's documentation advises: the workers' collections
    # then leave those pages alone, and they stay shared instead of being copied.
    gc.freeze()
    try:
        with ctx.Pool(n, initializer=_init, initargs=(work,)) as pool:
            yield from pool.imap(_call, rest, chunksize=chunk)
    finally:
        gc.unfreeze()


def _init(work: Callable[[Any], Any]) -> None:
    global _work
    _work = work


def _call(item: Any) -> Any:
    assert _work is not None
    return _work(item)
