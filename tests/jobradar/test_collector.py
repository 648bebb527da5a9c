"""The garbage collector is paused only while libraries are imported, and objects are frozen out
of it only while a partition is built; both always end: a backfill's dates run in overlapping
threads, and a process that ran without its collector for hours would keep every reference cycle
it ever made."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from jobradar.collector import collection_paused, long_lived_frozen


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_off_inside_and_on_again_after() -> None:
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_comes_back_after_an_error() -> None:
    with pytest.raises(RuntimeError), collection_paused():
        raise RuntimeError("the model could not be imported")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with collection_paused():
        pass
    assert not gc.isenabled()


def test_overlapping_pauses_end_when_the_last_one_does() -> None:
    first_in, second_in, first_may_leave, second_may_leave = (threading.Event() for _ in range(4))
    seen: dict[str, bool] = {}

    def first() -> None:
        with collection_paused():
            first_in.set()
            first_may_leave.wait(10)
        seen["after first"] = gc.isenabled()
        second_may_leave.set()

    def second() -> None:
        first_in.wait(10)
        with collection_paused():
            second_in.set()
            second_may_leave.wait(10)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    second_in.wait(10)
    first_may_leave.set()  # the first pause ends while the second still runs
    for thread in threads:
        thread.join(10)
    assert seen == {"after first": False}
    assert gc.isenabled()


def test_what_a_build_froze_is_given_back_to_the_collector_even_after_an_error() -> None:
    """A long-lived process (a served deployment, a backfill) must not keep every object alive at
    the start of each run out of the collector's reach for good."""
    with pytest.raises(RuntimeError), long_lived_frozen():
        assert gc.get_freeze_count() > 0
        raise RuntimeError("the write failed")
    assert gc.get_freeze_count() == 0
