"""pipeline/reuse.py: labels are reused only for the same posting, content, company and model."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pipeline.manifest import Manifest
from pipeline.normalise import SourcePosting, build_posting
from pipeline.reuse import EarlierLabels
from pipeline.store import write_partition

DAY = date(2026, 3, 2)
LABELS = ("ai_tier", "role", "ai_skills", "model_version")


def posting(source_id: str, title: str = "ML Engineer", company: str = "Acme") -> dict[str, Any]:
    return build_posting(SourcePosting(source_id=source_id, title=title, description_text=f"{title} text"),
                         source="lever", board="acme", company=company, fetched_at="2026-03-02T06:00:00+00:00")


def labelled(row: dict[str, Any], model: str = "m1", tier: str = "core") -> dict[str, Any]:
    return {**row, "ai_tier": tier, "role": "ml_engineer", "ai_skills": ["mlops"], "model_version": model}


def publish(data_dir: Path, day: date, rows: list[dict[str, Any]], model: str = "m1") -> None:
    manifest = Manifest(run_date=day, run_id=f"run-{day}", mode="nightly", model_version=model,
                        schema_version=2, rows=len(rows), sources={}, boards={})
    write_partition(rows, data_dir, day, f"run-{day}", manifest)


def test_an_unchanged_posting_takes_the_labels_of_the_latest_partition_of_the_same_model(tmp_path: Path) -> None:
    publish(tmp_path, DAY, [labelled(posting("1"), tier="applied")])
    publish(tmp_path, DAY + timedelta(days=1), [labelled(posting("1"), tier="core")])
    earlier = EarlierLabels.load(tmp_path, DAY + timedelta(days=2), "m1", LABELS)
    assert earlier.source == DAY + timedelta(days=1) and len(earlier) == 1

    reused, to_label = earlier.split([posting("1"), posting("2")])

    assert [row["source_id"] for row in to_label] == ["2"]
    assert reused == [{**posting("1"), "ai_tier": "core", "role": "ml_engineer", "ai_skills": ["mlops"],
                       "model_version": "m1"}]


def test_an_edited_posting_or_a_renamed_company_is_labelled_again(tmp_path: Path) -> None:
    publish(tmp_path, DAY, [labelled(posting("1")), labelled(posting("2"))])
    earlier = EarlierLabels.load(tmp_path, DAY + timedelta(days=1), "m1", LABELS)

    reused, to_label = earlier.split([posting("1", title="LLM Engineer"), posting("2", company="Acme AI")])

    assert reused == [] and len(to_label) == 2


def test_labels_of_another_model_are_never_reused(tmp_path: Path) -> None:
    publish(tmp_path, DAY, [labelled(posting("1"), model="m1")], model="m1")
    publish(tmp_path, DAY + timedelta(days=1), [labelled(posting("1"), model="m2")], model="m2")

    newer = EarlierLabels.load(tmp_path, DAY + timedelta(days=1), "m3", LABELS)
    assert newer.source is None and newer.split([posting("1")]) == ([], [posting("1")])
    older_model = EarlierLabels.load(tmp_path, DAY + timedelta(days=5), "m1", LABELS)
    assert older_model.source == DAY  # the latest partition that model labelled
    assert older_model.split([posting("1")])[0][0]["model_version"] == "m1"


def test_later_partitions_are_not_used(tmp_path: Path) -> None:
    publish(tmp_path, DAY + timedelta(days=3), [labelled(posting("1"))])
    assert EarlierLabels.load(tmp_path, DAY, "m1", LABELS).source is None
    assert EarlierLabels.load(tmp_path, DAY + timedelta(days=3), "m1", LABELS).source == DAY + timedelta(days=3)
