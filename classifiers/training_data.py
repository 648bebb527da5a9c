"""Labelled examples for training: JSON Lines of postings with LABELS.md labels."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from classifiers.labels import AI_SKILLS, AI_TIERS, ROLES, SENIORITIES
from jobradar.errors import DataError

BUNDLED_DIR = Path(__file__).parent / "training"
INPUT_FIELDS = ("title", "department", "description", "company", "location")


@dataclass(frozen=True)
class Example:
    """One labelled posting: the model's input fields and its labels."""

    uid: str
    posting: dict[str, str]
    ai_tier: str
    role: str
    seniority: str
    ai_skills: tuple[str, ...]
    origin: str


def bundled_files() -> list[Path]:
    return sorted(BUNDLED_DIR.glob("*.jsonl"))


def example_from_record(record: Mapping[str, Any], origin: str, where: str) -> Example:
    """Validate one record (labels nested under "labels" or at top level) against the codebook."""
    labels = record.get("labels") if isinstance(record.get("labels"), dict) else record
    checks = (("ai_tier", AI_TIERS), ("role", ROLES), ("seniority", SENIORITIES))
    for name, allowed in checks:
        if labels.get(name) not in allowed:
            raise DataError(f"{where}: {name}={labels.get(name)!r} is not one of {', '.join(allowed)}")
    skills = tuple(labels.get("ai_skills") or ())
    unknown = [s for s in skills if s not in AI_SKILLS]
    if unknown:
        raise DataError(f"{where}: unknown ai_skills {unknown}; allowed: {', '.join(AI_SKILLS)}")
    if not isinstance(record.get("title"), str) or not record["title"].strip():
        raise DataError(f"{where}: record has no title")
    posting = {name: str(record.get(name) or "") for name in INPUT_FIELDS}
    return Example(
        uid=str(record.get("id") or record.get("uid") or where),
        posting=posting,
        ai_tier=labels["ai_tier"],
        role=labels["role"],
        seniority=labels["seniority"],
        ai_skills=skills,
        origin=origin,
    )


def load_examples(path: Path, origin: str | None = None) -> list[Example]:
    examples = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise DataError(f"{where}: not valid JSON ({error})") from None
            examples.append(example_from_record(record, origin or path.stem, where))
    return examples


def data_hash(examples: Iterable[Example]) -> str:
    """SHA-256 over the examples' inputs and labels, in order: the model card's data hash."""
    digest = hashlib.sha256()
    for example in examples:
        digest.update(json.dumps(
            [example.uid, example.posting, example.ai_tier, example.role, example.seniority,
             list(example.ai_skills)], sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()
