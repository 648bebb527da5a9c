"""Real Workday CXS responses (REAL_DIR/ats/workday/*.json) as archive records.

A job search response (`jobPostings`) becomes a "board" record, a posting (`jobPostingInfo`) a
"detail" record, as the spider archives them. A search lists titles and paths only, so only
details count as postings: a search captured without its postings' details adds none.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path


def records(real_dir: Path) -> Iterator[tuple[str, dict | None, str | None]]:
    """(file name, archive-like record or None, reason it was skipped or None) per capture."""
    for path in sorted((real_dir / "ats" / "workday").glob("*.json")):
        name = f"workday/{path.name}"
        try:
            body = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            yield name, None, f"not JSON: {error}"
            continue
        if isinstance(body, dict) and isinstance(body.get("jobPostings"), list):
            kind = "board"
        elif isinstance(body, dict) and isinstance(body.get("jobPostingInfo"), dict):
            kind = "detail"
        else:
            yield name, None, "neither a job search (jobPostings) nor a posting (jobPostingInfo)"
            continue
        yield name, {"source": "workday", "board": path.stem, "kind": kind, "url": str(path),
                     "body": body, "fetched_at": None}, None
