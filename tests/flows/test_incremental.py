"""The nightly flow run again the next day: unchanged postings keep their labels, edited and new
ones are labelled, and the dataset is what labelling everything would have given."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from bench.synthetic import SyntheticBoards, synthetic_server
from classifiers.labeller import LABEL_FIELDS
from flows.train import current_labeller
from pipeline.store import read_manifest

FIRST, SECOND = date(2024, 3, 1), date(2024, 3, 2)
pytestmark = pytest.mark.e2e


def _run(boards: SyntheticBoards, day: date, data_dir: Path, models_dir: Path, tmp_path: Path) -> dict:
    from flows.nightly import nightly

    with synthetic_server(boards) as url, pytest.MonkeyPatch.context() as patch:
        sources = boards.write_sources(tmp_path / f"sources-{boards.edition}.toml", url)
        patch.setenv("JOBRADAR_MODEL_DIR", str(models_dir))
        patch.setenv("JOBRADAR_DOWNLOAD_DELAY", "0")
        patch.setenv("JOBRADAR_AUTOTHROTTLE", "false")
        return nightly(run_date=day, sources=str(sources), data_dir=str(data_dir))


def _rows(data_dir: Path, day: date) -> dict[str, dict]:
    table = pq.read_table(data_dir / "postings" / f"dt={day}")
    return {row["posting_id"]: row for row in table.to_pylist()}


@pytest.fixture(scope="module")
def two_days(prefect_harness: None, models_dir: Path, tmp_path_factory: pytest.TempPathFactory,
             ) -> tuple[Path, SyntheticBoards, dict, dict]:
    tmp_path = tmp_path_factory.mktemp("incremental")
    data_dir = tmp_path / "data"
    first = SyntheticBoards(boards=6, per_board=10)
    second = SyntheticBoards(boards=6, per_board=10, edition=1, changed=0.2)
    return (data_dir, second, _run(first, FIRST, data_dir, models_dir, tmp_path),
            _run(second, SECOND, data_dir, models_dir, tmp_path))


def test_only_new_and_edited_postings_are_labelled_again(two_days: tuple[Path, SyntheticBoards, dict, dict],
                                                         ) -> None:
    data_dir, second, first_report, second_report = two_days
    edited = sum(second.is_changed(f"{board}-{slot:03d}") for _, board in second.board_names()
                 for slot in range(second.per_board))
    assert 0 < edited < second.postings
    assert (first_report["relabelled"], first_report["reused"]) == (60, 0)
    assert (second_report["relabelled"], second_report["reused"]) == (edited, 60 - edited)
    manifest = read_manifest(data_dir, SECOND)
    assert manifest is not None and (manifest.relabelled, manifest.reused) == (edited, 60 - edited)
    assert set(second_report["stage_seconds"]) == {"crawl", "model", "normalise", "label", "copy", "write", "history"}


def test_reused_labels_are_those_labelling_everything_gives(two_days: tuple[Path, SyntheticBoards, dict, dict],
                                                            models_dir: Path) -> None:
    data_dir, _, _, second_report = two_days
    before, after = _rows(data_dir, FIRST), _rows(data_dir, SECOND)
    fresh = current_labeller(models_dir).label(list(after.values()))
    for row, labels in zip(after.values(), fresh, strict=True):
        assert {name: row[name] for name in LABEL_FIELDS} == labels
        assert row["run_id"] == second_report["run_id"]
    unchanged = [key for key in after if before[key]["content_hash"] == after[key]["content_hash"]]
    assert len(unchanged) == second_report["reused"]


def test_unchanged_rows_are_copied_and_equal_what_normalising_again_gives(
        two_days: tuple[Path, SyntheticBoards, dict, dict]) -> None:
    """Rows of unchanged jobs come from the day before (not normalised again), yet the partition is
    exactly what normalising the day's raw archive gives, with this run's fetch times."""
    from pipeline.normalise import normalise_records
    from pipeline.sources import PARSERS
    from pipeline.store import read_jsonl_gz

    data_dir, second, _, second_report = two_days
    before, after = _rows(data_dir, FIRST), _rows(data_dir, SECOND)
    records = [record for path in sorted((data_dir / "raw").glob(f"source=*/dt={SECOND}/*.jsonl.gz"))
               for record in read_jsonl_gz(path)]
    companies = {(source, board): f"Company {board[5:]}" for source, board in second.board_names()}
    normalised = {row["posting_id"]: row for row in normalise_records(records, PARSERS, companies)}
    assert set(normalised) == set(after)
    copied = [key for key in after if after[key]["source_hash"] == before[key]["source_hash"]]
    assert len(copied) == second_report["reused"] > 0
    for key, row in after.items():
        assert {name: row[name] for name in normalised[key]} == normalised[key], key
        assert row["scraped_at"] > before[key]["scraped_at"]  # this run's fetch, copied or not
