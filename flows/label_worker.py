"""A labelling process: the current model loaded beside a run, and the run's postings labelled there.

Importing scikit-learn, SciPy and skops and loading the model take ~1.3 CPU-seconds, and labelling
a day's postings takes about as long as normalising them. Both are CPU-bound Python: in the run's
own process they queue for one core (the GIL) behind Prefect, the crawl's bookkeeping and the
normalisation. In a process of their own they have the machine's other core: the model loads
while the run imports Prefect and crawls, and a batch is labelled while the run normalises the
next (flows/partition.py keeps one batch in flight).

`python -m flows.label_worker MODELS_DIR` is started by `LabelWorker` and talks only to it, over
its stdin and stdout, in pickle frames (between a process and its own child, nothing else):
first ("ready", version) once the current model is loaded (trained from the bundled data if
there is none yet), or ("error", message) if it cannot be; then, for each (id, postings) read,
(id, True, labels) or (id, False, message). Anything printed goes to stderr, which the parent
copies to its own. When stdin closes, the process exits.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import itertools
import pickle
import sys
import threading
import traceback
from collections.abc import Mapping, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from jobradar.child_process import ChildProcess, replies_to_parent, send_pickle
from jobradar.errors import ModelError


class LabelWorkerError(RuntimeError):
    """The labelling process died or could not label a batch."""


class LabelWorker:
    """The run's side of one labelling process; its labels come in the order they were asked.

    `version` waits for the model to be loaded; a model that cannot be loaded raises
    ModelError there, as loading it in-process would. A process that died is started again by
    the next `label_async` (a retried write starts over with a live one)."""

    def __init__(self, models_dir: Path) -> None:
        self.models_dir = Path(models_dir)
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._start()

    def _start(self) -> None:
        self._ready: Future[str] = Future()
        self._waiting: dict[int, Future[list[dict[str, Any]]]] = {}
        self._child = ChildProcess("flows.label_worker", str(self.models_dir), name="jobradar-label-worker",
                                   echo=True)
        threading.Thread(target=self._read_replies, args=(self._child, self._ready, self._waiting),
                         name="jobradar-label-worker", daemon=True).start()

    @property
    def alive(self) -> bool:
        return self._child.alive

    @property
    def version(self) -> str:
        return self._ready.result()

    def loaded(self) -> LabelWorker:
        """This worker once its model is loaded (ModelError if it cannot be)."""
        self._ready.result()
        return self

    def serves(self, models_dir: Path, version: str | None) -> bool:
        """Whether this worker can label for the current model `version` of `models_dir`."""
        if Path(models_dir) != self.models_dir or not self.alive:
            return False
        if not self._ready.done():
            return True  # still loading what is current
        return self._ready.exception() is None and self._ready.result() == version

    def label(self, postings: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """Labels for each posting, in order, as Labeller.label gives them."""
        return self.label_async(postings).result()

    def label_async(self, postings: Sequence[Mapping[str, Any]]) -> Future[list[dict[str, Any]]]:
        """Labels for each posting, in order, when they are ready; the caller goes on meanwhile."""
        done: Future[list[dict[str, Any]]] = Future()
        if not postings:
            done.set_result([])
            return done
        with self._lock:
            if not self.alive:
                self._start()
            ident = next(self._ids)
            self._waiting[ident] = done
            child = self._child
        # one batch at a time on the pipe; if the process died, its reader fails every waiting
        # batch, this one included
        with child.stdin_lock, contextlib.suppress(BrokenPipeError, ValueError, OSError):
            send_pickle(child.process.stdin, (ident, list(postings)))
        return done

    def close(self, timeout: float = 30) -> None:
        """Close the process's stdin and wait for it to exit."""
        self._child.close(timeout)

    def _read_replies(self, child: ChildProcess, ready: Future[str],
                      waiting: dict[int, Future[list[dict[str, Any]]]]) -> None:
        process = child.process
        assert process.stdout is not None
        with contextlib.suppress(EOFError, OSError, pickle.UnpicklingError):
            while True:
                message = pickle.load(process.stdout)
                if message[0] == "ready":
                    ready.set_result(message[1])
                elif message[0] == "error":
                    ready.set_exception(ModelError(message[1]))
                else:
                    ident, ok, result = message
                    with self._lock:
                        done = waiting.pop(ident, None)
                    if done is None:  # not asked for by this side: ignored
                        continue
                    if ok:
                        done.set_result(result)
                    else:
                        done.set_exception(LabelWorkerError(f"the labelling process failed: {result}"))
        process.wait()
        error = LabelWorkerError(f"the labelling process exited with code {process.returncode}"
                                 f"{child.last_words()}")
        if not ready.done():
            ready.set_exception(error)
        with self._lock:
            pending = list(waiting.values())
            waiting.clear()
        for done in pending:
            done.set_exception(error)


_worker: LabelWorker | None = None
_worker_lock = threading.Lock()


def label_worker(models_dir: Path) -> LabelWorker:
    """This process's labelling process for the current model of `models_dir`, started now (it
    loads the model meanwhile: ~1.3 CPU-seconds of imports and loading that a run started before
    its crawl has on the other core) or kept from an earlier run of the same model. One at a time:
    a worker for another model or directory is stopped. A model that cannot be loaded raises
    ModelError when the run asks for it (`loaded`, `version`)."""
    from classifiers.persistence import current_version

    global _worker
    with _worker_lock:
        if _worker is None or not _worker.serves(models_dir, current_version(models_dir)):
            if _worker is not None:
                _worker.close()
            _worker = LabelWorker(models_dir)
        return _worker


def stop_label_worker() -> None:
    """Stop this process's labelling process, if any (the next run starts another)."""
    global _worker
    with _worker_lock:
        worker, _worker = _worker, None
    if worker is not None:
        worker.close()


atexit.register(stop_label_worker)


def _load(models_dir: Path) -> Any:
    """The current model's Labeller, trained from the bundled data if there is none yet."""
    from jobradar.collector import collection_paused

    with collection_paused():  # hundreds of thousands of objects imported, no garbage
        from classifiers.labeller import Labeller
        from classifiers.persistence import current_version, load_model

        if current_version(models_dir) is None:
            from flows.train import current_labeller  # trains; imports Prefect, which only training needs

            return current_labeller(models_dir)
        bundle, card = load_model(models_dir)
        return Labeller(bundle, card)


def main(argv: list[str]) -> int:
    replies = replies_to_parent()  # what training prints on a first run goes to stderr, as it happens
    requests = sys.stdin.buffer
    try:
        labeller = _load(Path(argv[0]))
    except ModelError as error:
        send_pickle(replies, ("error", str(error)))
        return 0
    except Exception as error:  # noqa: BLE001 (reported to the run, which raises it)
        send_pickle(replies, ("error", f"the model could not be loaded: {type(error).__name__}: {error}"))
        return 0
    gc.freeze()  # the model outlives every batch: kept out of the collector's full collections
    send_pickle(replies, ("ready", labeller.version))
    while True:
        try:
            ident, postings = pickle.load(requests)
        except EOFError:
            return 0
        try:
            reply = (ident, True, labeller.label(postings))
        except Exception as error:  # noqa: BLE001 (the batch fails in the run, with this)
            traceback.print_exc()
            reply = (ident, False, f"{type(error).__name__}: {error}")
        try:
            send_pickle(replies, reply)
        except BrokenPipeError:  # the run is gone
            return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
