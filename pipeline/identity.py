"""Stable identity: posting_id from source, board and the source's own id; content_hash for edits;
canonical_id for the same job seen through several sources."""

from __future__ import annotations

import hashlib
import json
import re
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


_COMPANY_SUFFIXES = re.compile(
    r"\b(inc|incorporated|llc|ltd|limited|plc|corp|corporation|co|company|gmbh|ag|sa|sas|sarl|bv|nv|"
    r"oy|ab|as|spa|srl|pty|pte|kk|group|holdings|technologies|technology|labs?)\b")
_TITLE_NOISE = re.compile(r"\((?:m|f|w|d|x|h|all\s+genders?)(?:\s*/\s*(?:m|f|w|d|x|h))*\)|\bh\s*/\s*f\b|\bf\s*/\s*h\b",
                          re.IGNORECASE)
_NON_WORD = re.compile(r"[\W_]+")


def _key(text: str | None) -> str:
    return _NON_WORD.sub(" ", (text or "").lower()).strip()


def canonical_id(company: str | None, title: str | None, city: str | None, country: str | None) -> str:
    """One id for the same job wherever it is seen (an ATS board and the company's JSON-LD
    page, say): a hash of the employer without legal suffixes, the title without gender tags,
    and the city (or the country when the city is unknown)."""
    employer = _COMPANY_SUFFIXES.sub(" ", _key(company))
    job = _key(_TITLE_NOISE.sub(" ", title or ""))
    place = _key(city) or _key(country)
    key = " ".join(employer.split()) + "|" + job + "|" + place
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
