"""The cyclic garbage collector kept off work that finds nothing: while large libraries are
imported, and over objects that outlive a partition's build."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _CollectorPause:
    """Python's cyclic garbage collector off while a `with` block runs (unless it was off already).

    Importing scikit-learn, SciPy and skops creates some 200,000 objects and almost no garbage, but
    the collector, counting allocations, runs full collections over everything alive five times
    on the way: ~0.6 s of CPU per run, taken from the crawl the model load overlaps (importing
    Prefect, three more: ~0.15 s). Pauses may overlap (a backfill's dates load in threads): the
    collector comes back when the last ends."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._restore = False

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._depth == 0:
                self._restore = gc.isenabled()
                gc.disable()
            self._depth += 1
        try:
            yield
        finally:
            with self._lock:
                self._depth -= 1
                if self._depth == 0 and self._restore:
                    gc.enable()


collection_paused = _CollectorPause()


@contextmanager
def long_lived_frozen() -> Iterator[None]:
    """What is alive when a partition's build starts (imported libraries, the model, the earlier
    partition's keys) left out of the garbage collector's full collections while it runs, and
    given back to it after. All of it outlives the build, whose hundreds of thousands of rows
    would otherwise have the collector walk it again and again (~0.5 s of CPU per 50,000
    postings). Builds may overlap (a backfill's dates in threads): the first to finish gives
    everything back, which costs the others some time, never memory."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
