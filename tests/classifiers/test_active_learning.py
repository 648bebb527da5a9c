"""Active learning and weak supervision: choosing postings for people, keeping their labels."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from classifiers.active_learning import content_key, human_examples, import_labels, least_sure
from classifiers.labeller import Labeller
from classifiers.persistence import load_model
from classifiers.weak_supervision import weak_examples, weak_label
from jobradar.errors import DataError

CLEAR = {"posting_id": "a", "title": "Registered Nurse", "description": "Patient care on a ward."}
FUZZY = {"posting_id": "b", "title": "Founding Engineer",
         "description": "We are an AI company. You will build our product with the team."}


def test_content_key_ignores_markup_and_spacing() -> None:
    assert content_key({"title": "ML  Engineer", "description": "## About\n- PyTorch"}) == \
        content_key({"title": "ml engineer", "description": "About PyTorch"})


def test_least_sure_orders_by_margin_skips_known_texts_and_duplicates(models_dir: Path) -> None:
    labeller = Labeller(*load_model(models_dir))
    chosen = least_sure(labeller, [CLEAR, FUZZY, dict(FUZZY, posting_id="c")], count=5)
    assert [posting["posting_id"] for _, posting, _ in chosen] in (["b", "a"], ["a", "b"])
    margins = [margin for margin, _, _ in chosen]
    assert margins == sorted(margins)
    skipped = least_sure(labeller, [CLEAR, FUZZY], count=5, exclude={content_key(FUZZY)})
    assert [posting["posting_id"] for _, posting, _ in skipped] == ["a"]


def test_imported_labels_are_validated_and_the_latest_wins(tmp_path: Path) -> None:
    labels = {"ai_tier": "mention", "role": "software_engineer", "seniority": "mid", "ai_skills": []}
    import_labels([("f:1", {**FUZZY, "labels": labels})], tmp_path)
    import_labels([("f:1", {**FUZZY, "labels": {**labels, "ai_tier": "applied"}})], tmp_path)
    [example] = human_examples(tmp_path)
    assert example.ai_tier == "applied" and example.origin == "human"
    with pytest.raises(DataError, match="f:7: role=None"):
        import_labels([("f:7", {**FUZZY, "labels": {**labels, "role": None}})], tmp_path)
    assert len(list(tmp_path.glob("human-*.jsonl"))) == 2


def test_weak_labels_only_where_the_rules_are_sure() -> None:
    assert weak_label(CLEAR) is None  # no role pattern in "Registered Nurse"
    backend = weak_label({"title": "Backend Engineer", "description": "Go and Postgres."})
    assert (backend.ai_tier, backend.role, backend.origin) == ("none", "software_engineer", "weak")
    ml = weak_label({"title": "Machine Learning Engineer", "description": "Train PyTorch models."})
    assert (ml.ai_tier, ml.role) == ("core", "ml_engineer")
    assert weak_label({"title": "Product Manager", "description": "Own our AI assistant."}) is None


def test_hand_labels_win_over_weak_labels() -> None:
    posting = {"title": "Backend Engineer", "description": "Go and Postgres."}
    assert weak_examples([posting, posting], exclude=set()) and len(weak_examples([posting, posting], set())) == 1
    assert weak_examples([posting], exclude={content_key(posting)}) == []


def test_export_then_import_round_trip_through_the_cli(models_dir: Path, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from jobradar.cli import main

    partition = tmp_path / "data" / "postings" / "dt=2024-01-01"
    partition.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist([
        {"posting_id": "a", "title": CLEAR["title"], "description": CLEAR["description"],
         "department": None, "company": "Clinic", "location": "Leeds", "url": "https://x/a"},
        {"posting_id": "b", "title": FUZZY["title"], "description": FUZZY["description"],
         "department": None, "company": "Acme", "location": "", "url": "https://x/b"},
    ]), partition / "part-0.parquet")
    exported = tmp_path / "todo.jsonl"
    assert main(["label", "export", "--uncertain", "1", "-o", str(exported),
                 "--data-dir", str(tmp_path / "data"), "--models-dir", str(models_dir)]) == 0
    [record] = [json.loads(line) for line in exported.read_text().splitlines()]
    assert set(record["labels"]) == {"ai_tier", "role", "seniority", "ai_skills"}
    assert record["suggested"]["role"]
    record["labels"] = {"ai_tier": "mention", "role": "software_engineer", "seniority": "mid",
                        "ai_skills": []}
    exported.write_text(json.dumps(record) + "\n")
    assert main(["label", "import", str(exported), "--data-dir", str(tmp_path / "data")]) == 0
    assert len(human_examples(tmp_path / "data" / "labels")) == 1
