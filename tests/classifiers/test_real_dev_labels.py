"""The team's real dev set (bench/real_dev_labels.jsonl): codebook labels, by reference only."""

from __future__ import annotations

import json
from pathlib import Path

from classifiers.labels import AI_SKILLS, AI_TIERS, ROLES, SENIORITIES

LABELS = Path(__file__).parent.parent.parent / "bench" / "real_dev_labels.jsonl"
SOURCES = {"ashby", "greenhouse", "lever", "hackernews", "adzuna", "glassdoor", "uber"}


def records() -> list[dict]:
    return [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_label_is_a_codebook_value() -> None:
    for record in records():
        assert record["ai_tier"] in AI_TIERS, record["uid"]
        assert record["role"] in ROLES, record["uid"]
        assert record["seniority"] in SENIORITIES, record["uid"]
        assert set(record["ai_skills"]) <= set(AI_SKILLS), record["uid"]


def test_postings_are_kept_by_reference_never_by_their_text() -> None:
    found = records()
    assert len({r["uid"] for r in found}) == len({(r["source"], r["ref"]) for r in found}) == len(found)
    for record in found:
        assert set(record) == {"uid", "source", "ref", "ai_tier", "role", "seniority", "ai_skills",
                               "adjudicated"}, record["uid"]
        assert record["source"] in SOURCES and isinstance(record["ref"], str)
