"""JSON Lines in and out for the command line: validated input, atomically written output."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from jobradar.errors import DataError


def read_postings(path: Path | None, required: tuple[str, ...] = ("title", "description"),
                  ) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) per line of `path` (stdin when None); a bad line raises DataError."""
    if path is not None and not path.exists():
        raise DataError(f"{path}: file not found")
    handle: IO[str] = path.open(encoding="utf-8") if path else sys.stdin
    where = str(path) if path else "<stdin>"
    try:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise DataError(f"{where}:{number}: not valid JSON ({error.msg})") from None
            if not isinstance(record, dict):
                raise DataError(f"{where}:{number}: expected a JSON object per line")
            for key in required:
                if not isinstance(record.get(key), str):
                    raise DataError(f"{where}:{number}: posting has no '{key}' string")
            yield number, record
    except UnicodeDecodeError as error:
        raise DataError(f"{where}: not UTF-8 text ({error.reason})") from None
    finally:
        if path:
            handle.close()


@contextmanager
def open_output(path: Path | None) -> Iterator[IO[str]]:
    """stdout, or `path` written under a temporary name and renamed only when complete."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    temporary = path.with_name(path.name + ".tmp")
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            yield handle
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, default=str) + "\n"
