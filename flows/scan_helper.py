"""Reading a date's raw archive back, source by source, and a scanning process that reads half
of the boards on the machine's other core during an incremental run.

A full run keeps both cores busy: this process normalises while the labelling process
(flows/label_worker.py) labels. In an incremental run little changed, so there is little to
label, and what is left — reading every job back, hashing it, and normalising the few that
changed — would run on one core while the other idles. `LabelledPostings` (flows/partition.py)
then scans half of each source's boards itself and has a `ScanHelper` scan the other half in a
process of its own (both decompress every archive file; each parses only its own boards' lines).
The helper's items come back in the order `normalise_records` yields them and go on exactly as
the ones scanned here (changed postings to labelling, unchanged ones to copying).

`python -m flows.scan_helper` is started by `ScanHelper` and talks only to it, in pickle frames
(between a process and its own child, nothing else): it reads one ScanRequest from stdin, then
writes ("items", source, [item, ...], n) frames of at most FRAME items, n of them normalised
postings; ("end", source) after each source; and ("done",), or ("error", message) if the scan
failed; and exits. Anything printed goes to stderr, which the parent copies to its own.
"""

from __future__ import annotations

import contextlib
import gc
import json
import pickle
import queue
import re
import sys
import threading
import traceback
import zlib
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from jobradar.child_process import ChildProcess, replies_to_parent, send_pickle
from pipeline.normalise import Quarantined, Unchanged, normalise_records
from pipeline.sources import PARSERS
from pipeline.store import raw_files, read_jsonl_gz

FRAME = 500  # items per frame
# Unchanged jobs (small) are read ahead without limit, so the process scans on while the run is
# busy with its own sources; normalised postings (~6 KB each) only up to this many, beyond which
# the process waits (a day on which most postings changed keeps to the memory of a full run)
QUEUED_POSTINGS = 4000

Item = dict[str, Any] | Quarantined | Unchanged


def scan_source(data_dir: Path, run_date: date, source: str, archive_ids: list[str],
                companies: Mapping[tuple[str, str], str | None], max_description_chars: int,
                unchanged: Collection[str], share: int | None = None,
                read_boards: Mapping[str, Collection[str]] | None = None) -> Iterator[Item]:
    """The items of one source's archive files of `run_date`: normalised postings, Quarantined
    items, and Unchanged jobs (whose source_hash is in `unchanged`), as `normalise_records`
    yields them. One call per source: a board's duplicate ids are found within it. With
    `share` (0 or 1), only the records of that half of the boards (`board_share`); of an archive
    id in `read_boards`, only the records of the boards it lists (pipeline/archive.py,
    `with_earlier_successes`)."""
    read_boards = read_boards or {}
    records = (record for archive_id in archive_ids
               for path in raw_files(data_dir, source, run_date, archive_id)
               for record in read_jsonl_gz(path, _line_filter(share, read_boards.get(archive_id))))
    return normalise_records(records, PARSERS, companies, max_description_chars, unchanged=unchanged)


def _line_filter(share: int | None, boards: Collection[str] | None) -> Callable[[bytes], bool] | None:
    """Which archive lines to parse: those of one half of the boards, and/or of some boards only."""
    if boards is None:
        return None if share is None else (lambda line: board_share(line) == share)
    wanted = frozenset(boards)

    def keep(line: bytes) -> bool:
        found = _BOARD.match(line, 0, 1024)
        return (found is not None and json.loads(found.group(1)) in wanted
                and (share is None or _share_of(found.group(1)) == share))
    return keep


_BOARD = re.compile(rb'\{"source": "(?:[^"\\]|\\.)*", "board": ("(?:[^"\\]|\\.)*")')


def board_share(line: bytes) -> int:
    """Which half of the boards (0 or 1) an archive line's record belongs to, read from the
    start of the line (`{"source": …, "board": …`, as the archive writes every record) without
    parsing the rest: so a board's records all go to one side, and its duplicate ids are found
    there. A line that does not start so (cut short, say) is share 0's."""
    found = _BOARD.match(line, 0, 1024)
    return _share_of(found.group(1)) if found else 0


def _share_of(encoded_board: bytes) -> int:
    """The half of the boards a board (its name as the archive line spells it, in quotes) is in."""
    return zlib.crc32(encoded_board) & 1


def archive_bytes(data_dir: Path, run_date: date, source: str, archive_ids: list[str]) -> int:
    """The size on disk of one source's archive files of `run_date`."""
    return sum(path.stat().st_size for archive_id in archive_ids
               for path in raw_files(data_dir, source, run_date, archive_id))


@dataclass(frozen=True)
class ScanRequest:
    """What a scanning process reads: the records of these sources' archive files (in this order)
    whose boards are in `share` (`board_share`)."""

    data_dir: Path
    run_date: date
    archive: dict[str, list[str]]  # source -> archive ids
    companies: dict[tuple[str, str], str | None]
    max_description_chars: int
    unchanged: frozenset[str] = field(default_factory=frozenset)
    share: int = 1
    read_boards: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)  # source -> archive id -> boards


class ScanHelperError(RuntimeError):
    """The scanning process died or failed; the partition write fails (and is retried)."""


class ScanHelper:
    """The run's side of one scanning process, started at once on `request`; `items(source)`
    gives each source's items, the sources taken in the request's order. `close` kills the
    process if it is still scanning (the run gave up on the partition)."""

    def __init__(self, request: ScanRequest) -> None:
        self._frames: queue.SimpleQueue[tuple[Any, ...]] = queue.SimpleQueue()
        self._room = threading.Condition()
        self._queued_postings = 0
        self._child = ChildProcess("flows.scan_helper", name="jobradar-scan-helper", echo=True)
        self._stop = threading.Event()
        # the request goes from a thread: the pipe holds 64 KB and the process reads it once imported
        threading.Thread(target=self._send, args=(request,), name="jobradar-scan-request", daemon=True).start()
        threading.Thread(target=self._read, name="jobradar-scan-helper", daemon=True).start()

    def items(self, source: str) -> Iterator[Item]:
        """The items of `source`, as the scanning process sends them."""
        while True:
            frame = self._frames.get()
            if frame[0] == "items" and frame[1] == source:
                with self._room:
                    self._queued_postings -= frame[3]
                    self._room.notify()
                yield from frame[2]
            elif frame[0] == "end" and frame[1] == source:
                return
            elif frame[0] == "error":
                raise ScanHelperError(f"the scanning process failed: {frame[1]}")
            elif frame[0] == "exited":
                raise ScanHelperError(f"the scanning process exited with code {frame[1]} before it had "
                                      f"read {source}{self._child.last_words()}")
            else:
                raise ScanHelperError(f"the scanning process sent {frame[0]!r} for {frame[1]!r} "
                                      f"while {source} was expected")

    def close(self) -> None:
        """Stop the process (at once if it is still scanning) and wait for it."""
        with self._room:  # the reader, should it wait for room, stops waiting
            self._stop.set()
            self._room.notify()
        if self._child.alive:
            self._child.process.kill()
        self._child.process.wait()

    def _send(self, request: ScanRequest) -> None:
        stdin = self._child.process.stdin
        with self._child.stdin_lock, contextlib.suppress(BrokenPipeError, ValueError, OSError):
            assert stdin is not None
            pickle.dump(request, stdin, protocol=pickle.HIGHEST_PROTOCOL)
            stdin.close()

    def _read(self) -> None:
        process = self._child.process
        assert process.stdout is not None
        try:
            while not self._stop.is_set():
                frame = pickle.load(process.stdout)
                self._put(frame)
                if frame[0] in ("done", "error"):
                    break
        except EOFError:  # it exited (or was killed): said below
            pass
        except Exception as error:  # noqa: BLE001 (a frame that cannot be read: the process is of no more use)
            process.kill()
            self._put(("error", f"its output could not be read: {type(error).__name__}: {error}"))
        process.wait()
        self._put(("exited", process.returncode))

    def _put(self, frame: tuple[Any, ...]) -> None:
        postings = frame[3] if frame[0] == "items" else 0
        with self._room:
            self._room.wait_for(lambda: self._stop.is_set() or self._queued_postings == 0
                                or self._queued_postings + postings <= QUEUED_POSTINGS)
            self._queued_postings += postings
        self._frames.put(frame)


def _send_items(stream: IO[bytes], source: str, batch: list[Item]) -> None:
    send_pickle(stream, ("items", source, batch, sum(isinstance(item, dict) for item in batch)))


def main() -> int:
    replies = replies_to_parent()
    gc.freeze()  # the imported modules: kept out of the collector's full collections
    try:
        request: ScanRequest = pickle.load(sys.stdin.buffer)
        for source, archive_ids in request.archive.items():
            batch: list[Item] = []
            for item in scan_source(request.data_dir, request.run_date, source, archive_ids, request.companies,
                                    request.max_description_chars, request.unchanged, request.share,
                                    request.read_boards.get(source)):
                batch.append(item)
                if len(batch) == FRAME:
                    _send_items(replies, source, batch)
                    batch = []
            if batch:
                _send_items(replies, source, batch)
            send_pickle(replies, ("end", source))
        send_pickle(replies, ("done",))
    except BrokenPipeError:  # the run is gone
        return 0
    except Exception as error:  # noqa: BLE001 (reported to the run, which raises it)
        traceback.print_exc()
        with contextlib.suppress(BrokenPipeError):
            send_pickle(replies, ("error", f"{type(error).__name__}: {error}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
