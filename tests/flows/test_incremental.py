"""The nightly flow run again the next day: unchanged postings keep their labels, edited and new
ones are labelled, and the dataset is what labelling everything would have given — also when a
scanning process reads half of the boards."""

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


# --- the scan shared with a scanning process (flows/scan_helper.py) --------------------------------

def _rebuilt(data_dir: Path, models_dir: Path, run_id: str, share: bool, monkeypatch: pytest.MonkeyPatch,
             ) -> tuple[list[dict], dict[str, int]]:
    """The second day's rows (and counts) as LabelledPostings gives them against the first day,
    with its scan shared with a scanning process or not."""
    import pyarrow as pa

    import flows.partition as partition
    import flows.scan_helper as scan_helper
    from pipeline.archive import latest_crawls
    from pipeline.reuse import EarlierLabels
    from pipeline.schema import LABEL_COLUMNS
    from pipeline.store import arrow_tables

    started: list[object] = []
    real = scan_helper.ScanHelper

    def counted(request: scan_helper.ScanRequest) -> scan_helper.ScanHelper:
        started.append(request)
        return real(request)

    monkeypatch.setattr(partition, "ScanHelper", counted)
    monkeypatch.setattr(partition, "SCAN_HELPER_MIN_BYTES", 0 if share else 10**15)
    monkeypatch.setattr(scan_helper, "QUEUED_POSTINGS", 1)  # the process waits for the run at every frame
    labeller = current_labeller(models_dir)
    crawls = latest_crawls(data_dir, SECOND)
    archive: dict[str, list[str]] = {}
    for crawl in crawls:
        archive.setdefault(crawl.source, []).append(crawl.archive_id)
    companies = {(c.source, board): name for c in crawls for board, name in c.companies.items()}
    earlier = EarlierLabels.load(data_dir, FIRST, labeller.version, LABEL_COLUMNS)
    postings = partition.LabelledPostings(data_dir, SECOND, run_id, archive, companies, 100_000, labeller,
                                          earlier, partition.Stopwatch(), progress=lambda _: None)
    table = pa.concat_tables(arrow_tables(postings, 1000)).sort_by("posting_id")
    assert len(started) == (1 if share else 0)
    counts = {"relabelled": postings.relabelled, "reused": postings.reused,
              "quarantined": len(postings.quarantined), "unchanged": len(postings.unchanged)}
    return table.to_pylist(), counts


def test_a_scan_shared_with_a_scanning_process_gives_the_same_rows(
        two_days: tuple[Path, SyntheticBoards, dict, dict], models_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir, _, _, second_report = two_days
    alone, alone_counts = _rebuilt(data_dir, models_dir, "again", False, monkeypatch)
    shared, shared_counts = _rebuilt(data_dir, models_dir, "again", True, monkeypatch)
    assert shared_counts == alone_counts
    assert (alone_counts["relabelled"], alone_counts["reused"]) == (second_report["relabelled"],
                                                                    second_report["reused"])
    assert len(shared) == len(alone) == 60
    assert shared == alone


def test_each_board_is_scanned_by_one_side_only(two_days: tuple[Path, SyntheticBoards, dict, dict]) -> None:
    import gzip
    from collections import Counter

    from flows.scan_helper import board_share, scan_source
    from pipeline.archive import latest_crawls

    data_dir, second, _, _ = two_days
    source_boards: dict[str, list[str]] = {}
    for crawl in latest_crawls(data_dir, SECOND):
        source_boards.setdefault(crawl.source, []).append(crawl.archive_id)
    whole, halves = Counter[str](), {0: Counter[str](), 1: Counter[str]()}
    for source, archive_ids in source_boards.items():
        for share, into in [(None, whole), *halves.items()]:
            for item in scan_source(data_dir, SECOND, source, archive_ids, {}, 100_000, frozenset(), share):
                into[item["board"]] += 1
    assert halves[0] + halves[1] == whole and whole.total() == 60
    assert not set(halves[0]) & set(halves[1]) and halves[0] and halves[1]
    lines = [line for path in sorted((data_dir / "raw").glob(f"source=*/dt={SECOND}/*.jsonl.gz"))
             for line in gzip.decompress(path.read_bytes()).splitlines()]
    assert {board_share(line) for line in lines} == {0, 1}


def test_board_share_reads_the_start_of_an_archive_line() -> None:
    from flows.scan_helper import board_share
    from spiders.archive import archive_line

    def line(board: str) -> bytes:
        return archive_line({"source": "lever", "board": board, "kind": "board", "url": "http://x", "body": {}})

    boards = [f"board-{index}" for index in range(40)] + ['quo"ted\\board', "naïve"]
    shares = [board_share(line(board)) for board in boards]
    assert set(shares) == {0, 1}
    assert shares == [board_share(line(board)) for board in boards]  # the same board, the same side
    assert board_share(line('quo"ted\\board')) == board_share(line('quo"ted\\board')[:60] + b"...")
    assert board_share(b'{"sour') == 0 and board_share(b"") == 0  # cut short: this side reads it


def test_a_scanning_process_that_dies_or_fails_names_what_happened(tmp_path: Path) -> None:
    from flows.scan_helper import ScanHelper, ScanHelperError, ScanRequest

    helper = ScanHelper(ScanRequest(tmp_path, SECOND, {"lever": ["nothing"]}, {}, 100))
    helper._child.process.kill()
    with pytest.raises(ScanHelperError, match=r"exited with code -9 before it had read lever"):
        list(helper.items("lever"))
    helper.close()

    failing = ScanHelper(ScanRequest(None, SECOND, {"lever": ["nothing"]}, {}, 100))  # type: ignore[arg-type]
    with pytest.raises(ScanHelperError, match=r"the scanning process failed: TypeError"):
        list(failing.items("lever"))
    failing.close()

    empty = ScanHelper(ScanRequest(tmp_path, SECOND, {"lever": ["nothing"]}, {}, 100))
    assert list(empty.items("lever")) == []
    empty.close()
