"""Real Greenhouse, Lever and Ashby API responses (REAL_DIR/ats/<source>/*.json) as archive records.

A capture that is not the response our spider fetches (an offices listing, a single posting,
postings grouped by location) is skipped, with the reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from real_captures import json_captures

SOURCES = ("greenhouse", "lever", "ashby")


def _is_posting_list(body: Any, *keys: str) -> bool:
    return isinstance(body, list) and all(
        isinstance(item, dict) and all(key in item for key in keys) for item in body
    )


def skip_reason(source: str, body: Any) -> str | None:
    """Why a capture is not a board listing our spider fetches; None when it is one."""
    if source in {"greenhouse", "ashby"}:
        if isinstance(body, dict) and isinstance(body.get("jobs"), list):
            return None
        if source == "greenhouse" and isinstance(body, dict) and "offices" in body:
            return "an offices response (/v1/boards/{token}/offices), not a jobs listing"
        return "not an object with a 'jobs' list"
    if isinstance(body, dict) and "id" in body and "text" in body:
        return "a single posting (/v0/postings/{site}/{id}), not a site listing"
    if body and _is_posting_list(body, "title", "postings"):
        return "postings grouped by location (?group=location), not the flat listing we fetch"
    if isinstance(body, list):
        return None
    return "not a list of postings"


def records(real_dir: Path) -> Iterator[tuple[str, dict | None, str | None]]:
    """(file name, archive-like record or None, reason it was skipped or None) per capture."""
    for source in SOURCES:
        for path, name, body, not_json in json_captures(real_dir, source):
            reason = not_json or skip_reason(source, body)
            if reason is not None:
                yield name, None, reason
                continue
            yield name, {"source": source, "board": path.stem, "kind": "board", "url": None,
                         "body": body, "fetched_at": None}, None
