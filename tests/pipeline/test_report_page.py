"""pipeline/trends.py, charts.py and report_page.py: the HTML report's numbers and its page."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from pipeline.charts import horizontal_bars, line_chart, stacked_bars
from pipeline.report_page import render_report
from pipeline.trends import compute_trends
from tests.pipeline.test_history import DAY, posting, run


def dataset(data_dir: Path) -> None:
    run(data_dir, 0, [posting("1", title="ML Engineer"), posting("2", title="Accountant")])
    run(data_dir, 1, [posting("1", title="ML Engineer"), posting("3", title="ML Researcher"),
                      posting("4", title="Cook")])
    run(data_dir, 2, [posting("3", title="ML Researcher"), posting("4", title="Cook")])


def test_trends_per_run_date(tmp_path: Path) -> None:
    dataset(tmp_path)
    trends = compute_trends(tmp_path, None, None, close_after_runs=1)
    assert trends.days == [DAY + timedelta(days=i) for i in range(3)]
    assert trends.postings == [2, 3, 2] and trends.ai_postings == [1, 2, 1]
    assert trends.ai_share() == [0.5, 2 / 3, 0.5]
    assert trends.tiers["core"] == [1, 2, 1] and trends.tiers["none"] == [1, 1, 1]
    assert trends.role_ai_share("ml_engineer") == [1.0, 1.0, 1.0]
    assert trends.new_postings == [None, 2, 0]  # the history's first run is not a measurement
    assert trends.new_ai_postings == [None, 1, 0]
    assert trends.open_postings == [2, 3, 2]
    assert (trends.distinct_postings, trends.distinct_ai_postings, trends.closed_postings) == (4, 2, 2)
    assert trends.top_companies == [("Acme", 4, 2)]


def test_a_range_keeps_only_its_run_dates(tmp_path: Path) -> None:
    dataset(tmp_path)
    trends = compute_trends(tmp_path, DAY + timedelta(days=1), DAY + timedelta(days=5), 1)
    assert trends.days == [DAY + timedelta(days=1), DAY + timedelta(days=2)]
    assert trends.new_postings == [2, 0]


def test_the_page_is_self_contained_with_a_chart_of_the_ai_share(tmp_path: Path) -> None:
    dataset(tmp_path)
    page = render_report(compute_trends(tmp_path, None, None, 1), "test data")
    assert page.startswith("<!doctype html>") and "<title>jobradar report" in page
    assert page.count("<svg") >= 5
    assert "AI share of postings per run date" in page and "66.7%" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # no external resources
    assert "<script" not in page


def test_an_empty_range_says_what_to_do(tmp_path: Path) -> None:
    page = render_report(compute_trends(tmp_path, date(2020, 1, 1), date(2020, 1, 2), 2), "x")
    assert "No partitions in this range" in page


def test_charts_are_svg_with_titles_and_a_mark_per_value() -> None:
    line = line_chart({"a": [0.1, None, 0.3], "b": [0.2, 0.2, 0.2]}, ["x", "y", "z"], "Lines")
    assert line.startswith("<svg") and "<title>Lines</title>" in line
    assert line.count("<circle") == 5 and line.count("<path") == 2
    bars = stacked_bars({"a": [1, 3], "b": [1, 1]}, ["x", "y"], "Bars", normalise=True)
    assert bars.count("</rect>") == 4 and "75.0% (3)" in bars
    horizontal = horizontal_bars([("nlp", 5), ("speech", 2)], "Skills")
    assert "nlp: 5" in horizontal and "speech: 2" in horizontal
