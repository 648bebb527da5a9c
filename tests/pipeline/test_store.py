"""pipeline/store.py: raw archive reading, quarantine files, atomic date partitions."""

from __future__ import annotations

import gzip
import json
import math
import os
import random
import re
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import store
from pipeline.dataset import read_partition
from pipeline.normalise import SourcePosting, build_posting
from pipeline.schema import SCHEMA

RUN_DATE = date(2026, 1, 15)


def rows(*titles: str) -> list[dict[str, Any]]:
    return [
        build_posting(
            SourcePosting(source_id=str(number), title=title, description_text=f"{title} text",
                          locations=["Berlin"], posted_at="2026-01-10T00:00:00Z"),
            source="lever", board="acme", company="Acme Anvils",
            fetched_at="2026-01-15T06:00:00+00:00",
        )
        for number, title in enumerate(titles)
    ]


def titles_in(data_dir: Path, run_date: date = RUN_DATE) -> list[str]:
    table = read_partition(data_dir, run_date)
    assert table is not None
    return sorted(table.column("title").to_pylist())


def test_write_partition_writes_the_schema_and_reads_back(tmp_path: Path) -> None:
    path = store.write_partition(rows("Analyst", "Engineer"), tmp_path, RUN_DATE, "run-1")

    assert path == tmp_path / "postings" / "dt=2026-01-15"
    assert [p.name for p in path.iterdir()] == ["part-0.parquet"]
    table = read_partition(tmp_path, RUN_DATE)
    assert table is not None
    assert table.schema.equals(SCHEMA, check_metadata=False)
    assert titles_in(tmp_path) == ["Analyst", "Engineer"]
    assert not list((tmp_path / ".staging").iterdir())


def test_rewriting_a_date_replaces_its_partition_and_leaves_other_dates(tmp_path: Path) -> None:
    store.write_partition(rows("Other day"), tmp_path, date(2026, 1, 14), "run-0")
    store.write_partition(rows("Analyst", "Engineer"), tmp_path, RUN_DATE, "run-1")

    store.write_partition(rows("Designer"), tmp_path, RUN_DATE, "run-2")

    assert titles_in(tmp_path) == ["Designer"]
    assert titles_in(tmp_path, date(2026, 1, 14)) == ["Other day"]


def test_rewriting_with_the_same_rows_gives_the_same_table(tmp_path: Path) -> None:
    store.write_partition(rows("Analyst", "Engineer"), tmp_path, RUN_DATE, "run-1")
    first = read_partition(tmp_path, RUN_DATE)

    store.write_partition(list(reversed(rows("Analyst", "Engineer"))), tmp_path, RUN_DATE, "run-2")

    assert read_partition(tmp_path, RUN_DATE) == first


def test_a_write_that_fails_midway_leaves_the_previous_partition(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write_partition(rows("Analyst", "Engineer"), tmp_path, RUN_DATE, "run-1")

    class Crashing:
        def __init__(self, where: Path, *args: Any, **kwargs: Any) -> None:
            Path(where).write_bytes(b"PAR1 half a file")

        def __enter__(self) -> Crashing:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def write_table(self, table: Any) -> None:
            raise OSError("disk full")

    monkeypatch.setattr(store.pq, "ParquetWriter", Crashing)
    with pytest.raises(OSError, match="disk full"):
        store.write_partition(rows("Designer"), tmp_path, RUN_DATE, "run-2")

    assert titles_in(tmp_path) == ["Analyst", "Engineer"]
    monkeypatch.undo()
    store.write_partition(rows("Designer"), tmp_path, RUN_DATE, "run-3")
    assert titles_in(tmp_path) == ["Designer"]
    assert not list((tmp_path / ".staging").iterdir())  # the half-written staging folder is gone


def test_recover_partitions_restores_a_swap_cut_short(tmp_path: Path) -> None:
    store.write_partition(rows("Analyst"), tmp_path, RUN_DATE, "run-1")
    final = store.partition_path(tmp_path, RUN_DATE)
    staging = tmp_path / ".staging"
    # the crash came after the old partition was moved aside, before the new one moved in
    final.rename(staging / "old-dt=2026-01-15_run-2")
    (staging / "new-dt=2026-01-15_run-2").mkdir()
    (staging / "new-dt=2026-01-15_run-2" / "part-0.parquet").write_bytes(b"PAR1 unfinished")

    store.recover_partitions(tmp_path)

    assert titles_in(tmp_path) == ["Analyst"]
    assert not list(staging.iterdir())


def test_recover_partitions_drops_a_stale_copy_when_the_partition_exists(tmp_path: Path) -> None:
    store.write_partition(rows("Designer"), tmp_path, RUN_DATE, "run-2")
    stale = tmp_path / ".staging" / "old-dt=2026-01-15_run-2"
    stale.mkdir()
    pq.write_table(read_partition(tmp_path, RUN_DATE), stale / "part-0.parquet")

    store.recover_partitions(tmp_path)

    assert titles_in(tmp_path) == ["Designer"]
    assert not stale.exists()


def test_recover_partitions_without_staging_does_nothing(tmp_path: Path) -> None:
    store.recover_partitions(tmp_path)

    assert list(tmp_path.iterdir()) == []


def write_archive(path: Path, records: list[dict[str, Any]]) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wb") as handle:
        for item in records:
            handle.write(json.dumps(item).encode() + b"\n")
    return path.read_bytes()


def test_read_jsonl_gz_reads_every_record(tmp_path: Path) -> None:
    records = [{"board": f"b{i}", "body": {"jobs": [i]}} for i in range(5)]
    write_archive(tmp_path / "a.jsonl.gz", records)

    assert list(store.read_jsonl_gz(tmp_path / "a.jsonl.gz")) == records


def test_read_jsonl_gz_reads_back_exactly_what_json_wrote(tmp_path: Path) -> None:
    # a server's body is archived as json.dumps wrote it: integers beyond 64 bits (which orjson
    # 3.13 turns into floats, rounded), NaN, a lone surrogate
    records = [{"board": "big", "body": {"id": 2**70 + 1, "low": -(2**64) - 3}},
               {"board": "nan", "body": {"score": float("nan")}},
               {"board": "surrogate", "body": {"title": "broken \ud800 text"}},
               {"board": "plain", "body": {"title": "Ingénieure ML — 東京"}}]
    write_archive(tmp_path / "odd.jsonl.gz", records)

    read = list(store.read_jsonl_gz(tmp_path / "odd.jsonl.gz"))

    assert [r["board"] for r in read] == ["big", "nan", "surrogate", "plain"]
    assert read[0] == records[0] and type(read[0]["body"]["id"]) is int
    assert math.isnan(read[1]["body"]["score"])
    assert read[2] == records[2] and read[3] == records[3]


def test_read_jsonl_gz_tolerates_a_truncated_tail(tmp_path: Path) -> None:
    records = [{"board": f"b{i}", "body": {"text": "x" * 2000 + str(i)}} for i in range(20)]
    path = tmp_path / "killed.jsonl.gz"
    whole = write_archive(path, records)
    path.write_bytes(whole[: len(whole) * 2 // 3])  # the writer was killed mid-file

    read = list(store.read_jsonl_gz(path))

    assert 0 < len(read) < len(records)
    assert read == records[: len(read)]


def test_every_line_the_crawl_archived_reads_back_wherever_a_kill_cut_the_file(tmp_path: Path) -> None:
    """The archive flushes each response as it writes it; a crawl killed at any byte leaves each
    response flushed before that byte readable, and nothing else but whole later ones."""
    from types import SimpleNamespace

    from spiders.archive import RawArchivePipeline

    words = random.Random(7).choices(["model", "Berlin", "engineer", "salary", "remote", "team", "data"], k=40_000)
    records = [{"source": "lever", "board": f"b{i}", "body": {"text": " ".join(words[i * 600:(i + 1) * 600])}}
               for i in range(60)]
    archive = RawArchivePipeline(SimpleNamespace(stats=SimpleNamespace(inc_value=lambda key: None)),
                                 tmp_path, RUN_DATE.isoformat(), "run-1")
    path = tmp_path / "raw" / "source=lever" / f"dt={RUN_DATE.isoformat()}" / "run-1.jsonl.gz"
    flushed_at = []
    for record in records:
        archive.process_item(dict(record))
        flushed_at.append(path.stat().st_size)
    whole = path.read_bytes()

    for cut in range(0, len(whole) + 1, 331):
        path.write_bytes(whole[:cut])
        read = list(store.read_jsonl_gz(path))
        assert read == records[: len(read)]
        assert len(read) >= sum(size <= cut for size in flushed_at), f"cut at byte {cut}"


@pytest.mark.parametrize("damage", ["not gzip", "zeroed bytes", "a line that is not JSON"])
def test_a_damaged_archive_is_refused_naming_it(tmp_path: Path, damage: str) -> None:
    from jobradar.errors import DataError

    records = [{"board": f"b{i}", "body": {"text": " ".join(random.Random(i).choices("abcdefgh", k=30_000))}}
               for i in range(20)]
    path = tmp_path / "damaged.jsonl.gz"
    whole = bytearray(write_archive(path, records))
    if damage == "not gzip":
        whole = bytearray(b"not gzip at all")
    elif damage == "zeroed bytes":  # on disk: deflate decodes garbage, valid JSON among it, until the checksum
        whole[len(whole) // 2:len(whole) // 2 + 64] = bytes(64)
    else:
        with gzip.open(path, "wb") as handle:
            handle.write(json.dumps(records[0]).encode() + b"\n{not json\n" + json.dumps(records[1]).encode() + b"\n")
        whole = bytearray(path.read_bytes())
    path.write_bytes(bytes(whole))

    with pytest.raises(DataError, match=f"{re.escape(str(path))} is damaged .*restore the file from a backup"):
        list(store.read_jsonl_gz(path))


def test_raw_files_of_a_source_and_date_oldest_first(tmp_path: Path) -> None:
    folder = tmp_path / "raw" / "source=lever" / "dt=2026-01-15"
    older = folder / "run-b.jsonl.gz"
    newer = folder / "run-a.jsonl.gz"
    write_archive(older, [{"n": 1}])
    write_archive(newer, [{"n": 2}])
    os.utime(older, (1_000_000, 1_000_000))
    write_archive(tmp_path / "raw" / "source=lever" / "dt=2026-01-14" / "run-c.jsonl.gz", [])

    assert store.raw_files(tmp_path, "lever", RUN_DATE) == [older, newer]
    assert store.raw_files(tmp_path, "lever", RUN_DATE, run_id="run-a") == [newer]
    assert store.raw_files(tmp_path, "ashby", RUN_DATE) == []


def test_write_quarantine_keeps_every_item_with_its_reason(tmp_path: Path) -> None:
    items = [{"source": "lever", "board": "acme", "reason": "KeyError: 'id'", "item": {"x": 1}}]

    path = store.write_quarantine(items, tmp_path, RUN_DATE, "run-1")

    assert path == tmp_path / "quarantine" / "dt=2026-01-15" / "items-run-1.jsonl"
    assert [json.loads(line) for line in path.read_text().splitlines()] == items
    assert store.write_quarantine([], tmp_path, RUN_DATE, "run-2") is None


def test_a_date_keeps_only_the_quarantined_items_of_its_latest_run(tmp_path: Path) -> None:
    first = [{"source": "lever", "board": "acme", "reason": "KeyError: 'id'", "item": {"x": 1}}]
    folder = tmp_path / "quarantine" / "dt=2026-01-15"
    folder.mkdir(parents=True)
    responses = folder / "responses-lever-run-1.jsonl.gz"  # what a server sent: kept
    responses.write_bytes(b"")
    store.write_quarantine(first, tmp_path, RUN_DATE, "run-1")
    (folder / "items-run-0.tmp").write_text("{")  # a write that a killed run left

    again = store.write_quarantine(first, tmp_path, RUN_DATE, "run-2")  # the date run again

    assert sorted(p.name for p in folder.iterdir()) == [again.name, responses.name]
    assert [json.loads(line) for line in again.read_text().splitlines()] == first
    assert store.write_quarantine([], tmp_path, RUN_DATE, "run-3") is None  # now nothing is bad
    assert sorted(p.name for p in folder.iterdir()) == [responses.name]
    other_day = store.write_quarantine(first, tmp_path, date(2026, 1, 16), "run-4")
    assert other_day.exists() and responses.exists()


def test_the_manifest_is_published_with_the_partition(tmp_path: Path) -> None:
    from pipeline.manifest import Manifest

    manifest = Manifest(run_date=RUN_DATE, run_id="run-1", mode="relabel", model_version="m1",
                        schema_version=1, rows=2, sources={"lever": 2}, boards={"lever/acme": 2},
                        finished_at="2026-01-15T06:00:00+00:00")
    path = store.write_partition(rows("Analyst", "Engineer"), tmp_path, RUN_DATE, "run-1", manifest)
    assert sorted(p.name for p in path.iterdir()) == ["_manifest.json", "part-0.parquet"]
    assert store.read_manifest(tmp_path, RUN_DATE) == manifest
    assert manifest.completes("relabel", "m1") and not manifest.completes("crawl", "m1")
    assert not manifest.completes("relabel", "m2")
    assert pq.read_table(path).num_rows == 2  # readers of the folder see only Parquet

    store.write_partition(rows("Designer"), tmp_path, RUN_DATE, "run-2")
    assert store.read_manifest(tmp_path, RUN_DATE) is None  # replaced together with the rows


def test_writing_one_date_leaves_another_date_being_staged_alone(tmp_path: Path) -> None:
    other = tmp_path / ".staging" / "new-dt=2026-01-16_run-9"
    other.mkdir(parents=True)
    stale = tmp_path / ".staging" / "new-dt=2026-01-15_run-0"
    stale.mkdir()
    store.write_partition(rows("Analyst"), tmp_path, RUN_DATE, "run-1")
    assert other.exists() and not stale.exists()


def test_rows_stream_from_any_iterable_sorted_by_id_the_last_of_a_repeated_id_kept(tmp_path: Path) -> None:
    many = rows(*(f"Job {n}" for n in range(5000)))
    repeated = {**many[7], "title": "Job 7, fetched again"}
    given = (row for row in [*reversed(many), repeated])

    store.write_partition(given, tmp_path, RUN_DATE, "run-1")

    table = read_partition(tmp_path, RUN_DATE)
    assert table is not None and table.num_rows == 5000
    assert table.column("posting_id").to_pylist() == sorted(row["posting_id"] for row in many)
    titles = set(table.column("title").to_pylist())
    assert "Job 7, fetched again" in titles and "Job 7" not in titles
    assert len(pq.ParquetFile(store.partition_path(tmp_path, RUN_DATE) / "part-0.parquet").metadata.to_dict()
               ["row_groups"]) > 1  # written bucket by bucket, never as one table


def test_arrow_tables_and_rows_mix_in_one_write_in_the_order_given(tmp_path: Path) -> None:
    many = rows(*(f"Job {n}" for n in range(6)))
    copied = pa.Table.from_pylist(many[:4], schema=SCHEMA).drop_columns(["city"])  # an older file's columns
    copied = copied.append_column("not_in_schema", pa.array(["x"] * 4))
    again = {**many[1], "title": "Job 1, fetched again"}

    store.write_partition([many[0], copied, again, many[4], many[5]], tmp_path, RUN_DATE, "run-1")

    table = read_partition(tmp_path, RUN_DATE)
    assert table is not None and table.schema.names == SCHEMA.names
    by_id = {row["posting_id"]: row for row in table.to_pylist()}
    assert len(by_id) == table.num_rows == 6  # job 0 given twice (a row, then in the table): once
    assert by_id[many[1]["posting_id"]]["title"] == "Job 1, fetched again"  # the later wins
    assert by_id[many[2]["posting_id"]]["title"] == "Job 2" and by_id[many[2]["posting_id"]]["city"] is None
    assert by_id[many[5]["posting_id"]]["city"] == "Berlin"


def test_the_manifest_can_be_made_from_the_rows_written_per_board(tmp_path: Path) -> None:
    from pipeline.manifest import Manifest

    def manifest(per_board: Any) -> Manifest:
        return Manifest(run_date=RUN_DATE, run_id="run-1", mode="nightly", model_version="m1",
                        schema_version=2, rows=per_board.total(), sources={"lever": per_board.total()},
                        boards={f"{s}/{b}": n for (s, b), n in per_board.items()})

    store.write_partition(rows("Analyst", "Engineer"), tmp_path, RUN_DATE, "run-1", manifest)
    written = store.read_manifest(tmp_path, RUN_DATE)
    assert written is not None and written.rows == 2 and written.boards == {"lever/acme": 2}


def test_an_empty_day_writes_an_empty_partition(tmp_path: Path) -> None:
    store.write_partition(iter([]), tmp_path, RUN_DATE, "run-1")
    table = read_partition(tmp_path, RUN_DATE)
    assert table is not None and table.num_rows == 0 and table.schema.names == SCHEMA.names
