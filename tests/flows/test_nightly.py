"""End to end: the nightly flow over the demo boards writes the labelled partition, idempotently."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from classifiers.labels import AI_SKILLS, AI_TIERS, ROLES, SENIORITIES
from jobradar.demo.boards import visible_postings
from jobradar.demo.corpus import companies
from pipeline.schema import COLUMN_NAMES

RUN_DATE = date(2024, 1, 10)
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def first_run(prefect_harness: None, models_dir: Path, tmp_path_factory: pytest.TempPathFactory,
              ) -> tuple[Path, dict]:
    from flows.nightly import nightly

    data_dir = tmp_path_factory.mktemp("data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JOBRADAR_MODEL_DIR", str(models_dir))
        report = nightly(run_date=RUN_DATE, data_dir=str(data_dir))
    return data_dir, report


def _rows(data_dir: Path) -> list[dict]:
    return pq.read_table(data_dir / "postings" / f"dt={RUN_DATE}").to_pylist()


def test_the_partition_has_every_visible_posting_with_valid_labels(first_run: tuple[Path, dict]) -> None:
    data_dir, report = first_run
    rows = _rows(data_dir)
    expected = sum(len(visible_postings(c.board, RUN_DATE)) for c in companies())
    assert len(rows) == expected == report["postings"]
    assert report["failed_boards"] == {}
    assert list(rows[0]) == list(COLUMN_NAMES)
    assert len({r["posting_id"] for r in rows}) == len(rows)
    for row in rows:
        assert row["ai_tier"] in AI_TIERS and row["role"] in ROLES
        assert row["seniority"] in SENIORITIES and set(row["ai_skills"]) <= set(AI_SKILLS)
        assert row["is_ai"] == (row["ai_tier"] in {"core", "applied"})
        assert row["title"] and row["description"] and row["company"]
        assert row["scraped_at"] is not None and row["posted_at"] is not None
    assert {r["source"] for r in rows} == {"greenhouse", "lever", "ashby"}
    assert any(r["salary_currency"] == "GBP" for r in rows)
    assert 0 < report["ai_share"] < 1


def test_raw_responses_are_archived(first_run: tuple[Path, dict]) -> None:
    data_dir, _ = first_run
    for source in ("greenhouse", "lever", "ashby"):
        files = list((data_dir / "raw" / f"source={source}" / f"dt={RUN_DATE}").glob("*.jsonl.gz"))
        assert len(files) == 1


def test_duckdb_reads_the_dataset_as_it_is(first_run: tuple[Path, dict]) -> None:
    data_dir, report = first_run
    pattern = str(data_dir / "postings" / "*" / "*.parquet")
    connection = duckdb.connect()
    counts = connection.execute(
        f"select ai_tier, role, count(*) from read_parquet('{pattern}', hive_partitioning=true) "
        "group by all").fetchall()
    assert sum(n for _, _, n in counts) == report["postings"]
    days = connection.execute(
        f"select distinct dt from read_parquet('{pattern}', hive_partitioning=true)").fetchall()
    assert [str(day) for (day,) in days] == [RUN_DATE.isoformat()]


def test_running_the_same_date_again_gives_the_same_rows(first_run: tuple[Path, dict],
                                                         models_dir: Path) -> None:
    from flows.nightly import nightly

    data_dir, report = first_run
    before = _rows(data_dir)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JOBRADAR_MODEL_DIR", str(models_dir))
        again = nightly(run_date=RUN_DATE, data_dir=str(data_dir))
    after = _rows(data_dir)
    volatile = {"run_id", "scraped_at"}
    strip = [{k: v for k, v in row.items() if k not in volatile} for row in before]
    assert strip == [{k: v for k, v in row.items() if k not in volatile} for row in after]
    assert again["postings"] == report["postings"]
    assert sorted(p.name for p in (data_dir / "postings" / f"dt={RUN_DATE}").iterdir()) == \
           ["_manifest.json", "part-0.parquet"]


def test_a_failing_board_is_reported_and_the_rest_complete(prefect_harness: None, models_dir: Path,
                                                           tmp_path: Path) -> None:
    from flows.nightly import nightly

    sources = tmp_path / "sources.toml"
    sources.write_text('[lever]\nbase_url = "demo"\n[[lever.boards]]\nsite = "parley"\n'
                       '[[lever.boards]]\nsite = "vanished"\n')
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JOBRADAR_MODEL_DIR", str(models_dir))
        patch.setenv("JOBRADAR_DOWNLOAD_DELAY", "0")
        report = nightly(run_date=RUN_DATE, sources=str(sources), data_dir=str(tmp_path / "data"))
    assert list(report["failed_boards"]) == ["lever/vanished"]
    assert "HTTP 404" in report["failed_boards"]["lever/vanished"]
    assert report["postings"] == len(visible_postings("parley", RUN_DATE))


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens on it once closed: connections are refused


def test_a_source_down_on_a_rerun_loses_nothing_and_a_run_with_every_board_down_changes_nothing(
        prefect_harness: None, models_dir: Path, tmp_path: Path) -> None:
    from flows.nightly import nightly
    from jobradar.errors import NothingCrawled
    from pipeline.store import read_manifest

    data_dir = tmp_path / "data"
    lever = '[lever]\nbase_url = "demo"\n[[lever.boards]]\nsite = "parley"\n'
    greenhouse = '[[greenhouse.boards]]\ntoken = "lumenfield"\n[[greenhouse.boards]]\ntoken = "harborline"\n'
    down = f'[greenhouse]\nbase_url = "http://127.0.0.1:{_closed_port()}"\n'
    configs = {}
    for name, text in (("up", lever + '[greenhouse]\nbase_url = "demo"\n' + greenhouse),
                       ("greenhouse-down", lever + down + greenhouse), ("all-down", down + greenhouse)):
        configs[name] = tmp_path / f"{name}.toml"
        configs[name].write_text(text)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (("JOBRADAR_MODEL_DIR", str(models_dir)), ("JOBRADAR_DOWNLOAD_DELAY", "0"),
                            ("JOBRADAR_RETRY_TIMES", "0")):
            patch.setenv(name, value)
        first = nightly(run_date=RUN_DATE, sources=str(configs["up"]), data_dir=str(data_dir))
        rows = _rows(data_dir)
        again = nightly(run_date=RUN_DATE, sources=str(configs["greenhouse-down"]), data_dir=str(data_dir))
        assert again["failed_boards"] == {}
        assert again["recovered_boards"] == {"greenhouse/harborline": first["run_id"],
                                             "greenhouse/lumenfield": first["run_id"]}
        assert read_manifest(data_dir, RUN_DATE).recovered_boards == again["recovered_boards"]
        volatile = {"run_id", "scraped_at"}
        assert [{k: v for k, v in row.items() if k not in volatile} for row in _rows(data_dir)] == \
               [{k: v for k, v in row.items() if k not in volatile} for row in rows]
        assert {row["board"] for row in rows} == {"parley", "lumenfield", "harborline"}

        left_as_it_was = (f"every board failed \\(2\\), so the partition of {RUN_DATE} was left as it was "
                          "— greenhouse/harborline: .*Connection was refused")
        with pytest.raises(NothingCrawled, match=left_as_it_was):
            nightly(run_date=RUN_DATE, sources=str(configs["all-down"]), data_dir=str(data_dir))
    assert read_manifest(data_dir, RUN_DATE).run_id == again["run_id"]  # untouched


def test_the_partition_has_a_manifest_and_the_history_is_written(first_run: tuple[Path, dict]) -> None:
    from pipeline.history import HISTORY_PATH
    from pipeline.schema import SCHEMA_VERSION
    from pipeline.store import read_manifest

    data_dir, report = first_run
    manifest = read_manifest(data_dir, RUN_DATE)
    assert manifest is not None
    assert (manifest.mode, manifest.rows, manifest.model_version, manifest.schema_version) == \
           ("nightly", report["postings"], report["model_version"], SCHEMA_VERSION)
    assert manifest.sources == report["by_source"] and sum(manifest.boards.values()) == manifest.rows
    assert len(manifest.boards) == len(companies()) and manifest.failed_boards == {}
    history = pq.read_table(data_dir / HISTORY_PATH)
    assert history.num_rows == report["postings"] == report["new_postings"] == report["open_postings"]


def test_the_run_report_is_published_as_markdown_and_table_artifacts(first_run: tuple[Path, dict]) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    _, report = first_run
    with get_client(sync_client=True) as client:
        def artifacts(key: str) -> list:
            return client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])))

        [ours] = [a for a in artifacts("jobradar-run-report") if report["run_id"] in a.data]
        [table] = [a.data for a in artifacts("jobradar-run-table") if a.flow_run_id == ours.flow_run_id]
    markdown = ours.data
    assert f"{report['postings']} postings" in markdown and "| company | postings | AI postings |" in markdown
    rows = json.loads(table) if isinstance(table, str) else table
    sections = {row["section"] for row in rows}
    assert {"run", "source", "ai_tier", "role", "company", "ai_skill"} <= sections
    ai = next(row for row in rows if row["name"] == "AI postings (core+applied)")
    assert ai["share"] == report["ai_share"]
