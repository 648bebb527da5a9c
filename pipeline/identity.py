"""Stable identity: posting_id from source, board and the source's own id; content_hash for edits."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

CONTENT_FIELDS = (
    "title", "description", "department", "location", "locations", "workplace",
    "employment_type", "salary_min", "salary_max", "salary_currency", "salary_period",
)


def posting_id(source: str, board: str, source_id: str) -> str:
    """16 hex digits of SHA-256 over "source/board/source_id" (never over display fields)."""
    key = f"{source}/{board.lower()}/{source_id}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def content_hash(posting: Mapping[str, Any]) -> str:
    """A hash of what a reader sees; it changes exactly when the posting is edited."""
    content = {name: posting.get(name) for name in CONTENT_FIELDS}
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()[:16]
