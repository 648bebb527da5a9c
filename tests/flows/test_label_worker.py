"""The labelling process labels as the model does in-process, refuses what load_model refuses, and
a run survives it dying."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from classifiers.labeller import Labeller
from classifiers.persistence import MODEL_FILE, current_version, load_model
from flows.label_worker import LabelWorker, LabelWorkerError
from jobradar.errors import ModelError
from tests.classifiers.test_labeller import ACCOUNTANT_AT_AI_COMPANY, ML_ENGINEER, NURSE

POSTINGS = [ML_ENGINEER, NURSE, ACCOUNTANT_AT_AI_COMPANY]


@pytest.fixture
def worker(models_dir: Path) -> Iterator[LabelWorker]:
    started = LabelWorker(models_dir)
    yield started
    started.close()


def test_labels_are_those_of_the_model_in_this_process(worker: LabelWorker, models_dir: Path) -> None:
    in_process = Labeller(*load_model(models_dir))
    assert worker.version == current_version(models_dir)
    assert worker.label(POSTINGS) == in_process.label(POSTINGS)


def test_batches_asked_for_together_come_back_in_their_own_order(worker: LabelWorker) -> None:
    first, second = worker.label_async([NURSE] * 3), worker.label_async([ML_ENGINEER])
    assert len(first.result()) == 3 and len(second.result()) == 1
    assert first.result()[0] == worker.label([NURSE])[0]
    assert second.result()[0] == worker.label([ML_ENGINEER])[0]
    assert worker.label_async([]).result() == []


def test_an_altered_model_is_refused_with_the_loaders_message(model_copy: Path) -> None:
    path = model_copy / current_version(model_copy) / MODEL_FILE
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    worker = LabelWorker(model_copy)
    try:
        with pytest.raises(ModelError, match="does not match its checksum"):
            worker.loaded()
    finally:
        worker.close()


def test_a_killed_process_fails_its_batch_clearly_and_the_next_batch_gets_a_new_one(
        worker: LabelWorker) -> None:
    worker.loaded()
    lost = worker.label_async([NURSE] * 3000)  # seconds of labelling: killed half-way
    os.kill(worker._child.process.pid, signal.SIGKILL)
    with pytest.raises(LabelWorkerError, match="exited with code -9"):
        lost.result(timeout=30)
    assert worker.label([NURSE]) == Labeller(*load_model(worker.models_dir)).label([NURSE])


def test_closing_ends_the_process(worker: LabelWorker) -> None:
    worker.loaded()
    worker.close()
    assert not worker.alive
