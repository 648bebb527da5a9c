"""Active learning: pick the postings the model is least sure of, and keep the human labels
given to them so that the next training uses them."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from classifiers.labeller import Labeller
from classifiers.training_data import INPUT_FIELDS, Example, example_from_record, load_examples

LABEL_KEYS = ("ai_tier", "role", "seniority", "ai_skills")
_NOT_ALNUM = re.compile(r"[\W_]+")


def content_key(posting: Mapping[str, Any]) -> str:
    """Identity of a posting's text, blind to markup and spacing: the same job labelled twice
    (hand label and weak label, demo corpus and crawled copy) has one key."""
    title = _NOT_ALNUM.sub("", str(posting.get("title") or "").lower())
    body = _NOT_ALNUM.sub("", str(posting.get("description") or "").lower())[:2000]
    return hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()[:20]


def least_sure(labeller: Labeller, postings: Sequence[Mapping[str, Any]], count: int,
               exclude: set[str] = frozenset()) -> list[tuple[float, Mapping[str, Any], dict[str, Any]]]:
    """The `count` postings with the smallest margin (top minus second probability) on ai_tier
    or role, one per distinct text, skipping texts whose key is in `exclude`."""
    seen = set(exclude)
    unique = []
    for posting in postings:
        key = content_key(posting)
        if key not in seen:
            seen.add(key)
            unique.append(posting)
    scored = []
    for start in range(0, len(unique), 2000):
        chunk = unique[start:start + 2000]
        for posting, (labels, margin) in zip(chunk, labeller.label_with_margins(chunk), strict=True):
            scored.append((margin, posting, labels))
    scored.sort(key=lambda item: (item[0], str(item[1].get("posting_id", ""))))
    return scored[:count]


def annotation_record(posting: Mapping[str, Any], margin: float, suggested: Mapping[str, Any]) -> dict[str, Any]:
    """What an annotator gets: the posting, the model's guess, and empty labels to fill in."""
    return {
        "id": posting.get("posting_id") or content_key(posting),
        **{field: posting.get(field) or "" for field in INPUT_FIELDS},
        "url": posting.get("url"),
        "margin": round(margin, 4),
        "suggested": {key: suggested[key] for key in LABEL_KEYS},
        "labels": {key: None for key in LABEL_KEYS},
    }


def import_labels(records: Iterable[tuple[str, Mapping[str, Any]]], labels_dir: Path) -> Path:
    """Validate annotated records against the codebook and store them for training.

    Each (where, record) must carry complete labels; a bad one raises DataError naming `where`.
    Written atomically as labels_dir/human-<timestamp>.jsonl.
    """
    examples: list[Example] = [example_from_record(record, "human", where) for where, record in records]
    labels_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = labels_dir / f"human-{stamp}.jsonl"
    temporary = target.with_suffix(".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        for example in examples:
            handle.write(json.dumps({"id": example.uid, **example.posting, "labels": {
                "ai_tier": example.ai_tier, "role": example.role, "seniority": example.seniority,
                "ai_skills": list(example.ai_skills)}}, ensure_ascii=False) + "\n")
    os.replace(temporary, target)
    return target


def human_examples(labels_dir: Path) -> list[Example]:
    """Every imported human label; a posting labelled in several imports keeps its latest label."""
    latest: dict[str, Example] = {}
    for path in sorted(labels_dir.glob("human-*.jsonl")):
        for example in load_examples(path, origin="human"):
            latest[content_key(example.posting)] = example
    return list(latest.values())
