"""`jobradar report`: an HTML report of the dataset, from the Parquet files alone."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from jobradar.cli import main
from pipeline.store import partition_path
from tests.conftest import NIGHTLY_DATES


@pytest.mark.e2e
def test_the_report_charts_the_ai_share_of_every_run_date(nightly_runs: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "report.html"
    assert main(["report", "--data-dir", str(nightly_runs), "-o", str(output)]) == 0
    assert f"report of {len(NIGHTLY_DATES)} run dates" in capsys.readouterr().out
    page = output.read_text()
    chart = re.search(r"<svg[^>]*><title>AI share of postings per run date</title>.*?</svg>", page, re.S)
    assert chart is not None
    for day in NIGHTLY_DATES:
        table = pq.read_table(partition_path(nightly_runs, day), columns=["is_ai"])
        share = sum(table["is_ai"].to_pylist()) / table.num_rows
        assert f"{day:%b %d}: {share:.0%}" in chart.group(0)  # one point per run date
        assert f"<td>{day}</td><td>{table.num_rows}</td>" in page  # and its numbers in the table
    for section in ("AI share by role", "Tier mix", "Top AI skills", "New and open postings",
                    "Companies hiring for AI"):
        assert f"<h2>{section}</h2>" in page


def test_a_range_and_a_missing_dataset(nightly_runs: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "two.html"
    dates = [str(NIGHTLY_DATES[1]), str(NIGHTLY_DATES[2])]
    assert main(["report", "--data-dir", str(nightly_runs), "--start", dates[0], "--end", dates[1],
                 "-o", str(output)]) == 0
    assert "report of 2 run dates" in capsys.readouterr().out
    assert main(["report", "--data-dir", str(tmp_path / "nothing"), "-o", str(output)]) == 4
    assert "no dataset here" in capsys.readouterr().err
    assert main(["report", "--start", dates[1], "--end", dates[0]]) == 2
    assert main(["report", "--data-dir", str(nightly_runs), "--start", "2030-01-01", "-o", str(output)]) == 2
    assert (f"no run date between 2030-01-01 and the last; it holds {NIGHTLY_DATES[0]} to {NIGHTLY_DATES[-1]}"
            in capsys.readouterr().err)
