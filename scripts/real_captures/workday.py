"""Real Workday CXS responses (REAL_DIR/ats/workday/*.json) as archive records.

A job search response (`jobPostings`) becomes a "board" record, a posting (`jobPostingInfo`) a
"detail" record, as the spider archives them. A search lists titles and paths only, so only
details count as postings: a search captured without its postings' details adds none.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from real_captures import json_captures


def records(real_dir: Path) -> Iterator[tuple[str, dict | None, str | None]]:
    """(file name, archive-like record or None, reason it was skipped or None) per capture."""
    for path, name, body, not_json in json_captures(real_dir, "workday"):
        kind = None if not_json else _kind(body)
        if kind is None:
            yield name, None, not_json or "neither a job search (jobPostings) nor a posting (jobPostingInfo)"
            continue
        yield name, {"source": "workday", "board": path.stem, "kind": kind, "url": str(path),
                     "body": body, "fetched_at": None}, None


def _kind(body: Any) -> str | None:
    """The archive kind of a response: "board" for a job search, "detail" for a posting."""
    if isinstance(body, dict) and isinstance(body.get("jobPostings"), list):
        return "board"
    if isinstance(body, dict) and isinstance(body.get("jobPostingInfo"), dict):
        return "detail"
    return None
