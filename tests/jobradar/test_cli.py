"""The jobradar command: its contract (names, arguments, exit codes, messages)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobradar.cli import main
from jobradar.demo.server import demo_server


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for command in ("run", "crawl", "label", "train", "demo-server", "JOBRADAR_DATA_DIR"):
        assert command in out


@pytest.mark.parametrize("command", ["run", "crawl", "label", "train", "demo-server"])
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert "usage: jobradar " + command in capsys.readouterr().out


def test_label_adds_labels_to_each_object(models_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"title": "NLP Engineer", "description": "Train transformer models with PyTorch.",
                    "extra": 7}) + "\n"
        + json.dumps({"title": "Barista", "description": "Make coffee.", "company": "Bean"}) + "\n")
    target = tmp_path / "out.jsonl"
    assert main(["label", str(source), "-o", str(target), "--models-dir", str(models_dir)]) == 0
    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert [r["title"] for r in rows] == ["NLP Engineer", "Barista"]
    assert rows[0]["extra"] == 7 and rows[1]["company"] == "Bean"
    for row in rows:
        assert {"ai_tier", "is_ai", "role", "seniority", "ai_skills", "ai_tier_confidence",
                "role_confidence", "model_version"} <= set(row)
    assert rows[0]["is_ai"] and not rows[1]["is_ai"]


def test_label_names_the_bad_line_and_writes_nothing(models_dir: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"title": "A", "description": "B"}\n{"title": "C"}\n')
    target = tmp_path / "out.jsonl"
    code = main(["label", str(source), "-o", str(target), "--models-dir", str(models_dir)])
    assert code == 4
    assert "in.jsonl:2: posting has no 'description'" in capsys.readouterr().err
    assert not target.exists()


def test_crawl_writes_normalised_postings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.jsonl"
    with demo_server() as url:
        assert main(["crawl", "lever", "parley", "--base-url", url, "-o", str(target)]) == 0
    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert rows and all(r["source"] == "lever" and r["board"] == "parley" for r in rows)
    assert len({r["posting_id"] for r in rows}) == len(rows)
    assert "postings" in capsys.readouterr().err


def test_crawl_of_a_missing_board_fails_clearly(capsys: pytest.CaptureFixture[str]) -> None:
    with demo_server() as url:
        assert main(["crawl", "ashby", "nobody", "--base-url", url]) == 1
    assert "FAILED: HTTP 404" in capsys.readouterr().err


def test_unknown_source_is_a_config_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["crawl", "monster", "x"]) == 2
    assert "unknown source 'monster'" in capsys.readouterr().err
    assert main(["crawl", "hackernews", "2024-13"]) == 2  # refused before any request
    assert "hackernews: board '2024-13' is not a month (YYYY-MM" in capsys.readouterr().err


def test_bad_date_and_bad_config_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["run", "--date", "2024-13-01"])
    assert exit_.value.code == 2
    assert "'2024-13-01' is not a date" in capsys.readouterr().err
    bad = tmp_path / "bad.toml"
    bad.write_text("[lever]\n[[lever.boards]]\nname = 'x'\n")
    assert main(["run", "--sources", str(bad)]) == 2
    assert "has unknown key(s) name" in capsys.readouterr().err


def test_evaluate_scores_the_model_with_intervals_and_labels_whole_comments_by_their_jobs(
        models_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    comment = ("Fennrick | Porto | REMOTE\nWe make route planning software for delivery fleets.\n"
               "Roles:\n- Frontend Engineer: React and TypeScript for our dispatch console.\n"
               "- Machine Learning Engineer: train and deploy the deep learning models that "
               "forecast delivery times (PyTorch), and own their evaluation.\n")
    gold = [
        {"title": "NLP Engineer", "description": "Train transformer models with PyTorch and serve them.",
         "ai_tier": "core", "role": "ml_engineer", "seniority": "mid", "ai_skills": ["nlp"]},
        {"title": "Barista", "description": "Make coffee and keep the bar clean.",
         "ai_tier": "none", "role": "other", "seniority": "mid", "ai_skills": []},
        # a whole Hacker News comment: the highest tier of its jobs, the role of the first
        {"source": "hackernews", "title": "Fennrick | Porto | REMOTE", "description": comment,
         "ai_tier": "core", "role": "software_engineer", "seniority": "mid", "ai_skills": ["deep_learning"]},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in gold))
    scores = tmp_path / "scores.json"
    assert main(["evaluate", "--gold", str(path), "--models-dir", str(models_dir), "--json", str(scores),
                 "--bootstrap", "200"]) == 0
    out = capsys.readouterr().out
    assert "headline (in brackets: 95% bootstrap interval)" in out and "is_ai_f1" in out
    written = json.loads(scores.read_text())
    assert written["headline"]["is_ai_f1"] == 1.0 and written["headline"]["role_accuracy"] == 1.0
    assert written["intervals"]["is_ai_f1"] == [1.0, 1.0] and written["bootstrap_resamples"] == 200
    with pytest.raises(SystemExit) as exited:
        main(["evaluate", "--gold", str(path), "--bootstrap", "many"])
    assert exited.value.code == 2
    assert "expected a whole number of resamples (0 or more), got 'many'" in capsys.readouterr().err
