"""Labelled training files are validated against the codebook, naming file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from classifiers.training_data import bundled_files, data_hash, load_examples
from jobradar.errors import DataError


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


GOOD = {"id": "t-1", "title": "Data Engineer", "description": "Build pipelines.",
        "labels": {"ai_tier": "none", "role": "data_engineer", "seniority": "mid", "ai_skills": []}}


def test_a_good_file_loads(tmp_path: Path) -> None:
    examples = load_examples(_write(tmp_path / "ok.jsonl", [GOOD]))
    assert examples[0].role == "data_engineer"
    assert examples[0].posting["title"] == "Data Engineer"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"ai_tier": "maybe"}, "ai_tier='maybe'"),
        ({"role": "wizard"}, "role='wizard'"),
        ({"ai_skills": ["telepathy"]}, "telepathy"),
    ],
)
def test_a_label_outside_the_codebook_names_file_and_line(tmp_path: Path, change: dict, message: str) -> None:
    bad = {**GOOD, "labels": {**GOOD["labels"], **change}}
    path = _write(tmp_path / "bad.jsonl", [GOOD, bad])
    with pytest.raises(DataError, match=rf"bad.jsonl:2: .*{message}"):
        load_examples(path)


def test_data_hash_changes_with_any_label(tmp_path: Path) -> None:
    first = load_examples(_write(tmp_path / "a.jsonl", [GOOD]))
    relabelled = {**GOOD, "labels": {**GOOD["labels"], "seniority": "senior"}}
    second = load_examples(_write(tmp_path / "b.jsonl", [relabelled]))
    assert data_hash(first) != data_hash(second)
    assert data_hash(first) == data_hash(load_examples(tmp_path / "a.jsonl"))


def test_the_bundled_training_set_is_valid() -> None:
    files = bundled_files()
    assert files
    examples = [e for path in files for e in load_examples(path)]
    assert len({e.uid for e in examples}) == len(examples)
