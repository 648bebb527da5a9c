"""What a user sees when the config or the model is wrong: one clear line naming the file, the key
and the fix, a documented exit code (2: config, 3: model), no traceback, and nothing written."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import flows.nightly  # noqa: F401 (Prefect sets up its logging on import: before capsys, not under it)
from classifiers.persistence import CARD_FILE, MODEL_FILE, current_version
from jobradar.cli import main
from jobradar.errors import ModelError

ROOT = Path(__file__).parents[2]


def jobradar(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command, as a user runs it (its own process: tracebacks would show on stderr)."""
    return subprocess.run([sys.executable, "-m", "jobradar.cli", *(str(a) for a in args)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT,
                          env={**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", **(env or {})})


def one_error_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.startswith("jobradar")]
    assert len(lines) == 1, stderr
    return lines[0]


# ---- config errors: exit code 2 ---------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[monster]\n[[monster.boards]]\ntoken = 'x'\n",
         ["[monster] is not a known source", "known sources:", "greenhouse"]),
        ("[greenhouse]\n[[greenhouse.boards]]\ncompany = 'Acme'\n",
         ["[[greenhouse.boards]] #1 has no 'token' key"]),
        ("[lever]\nbase_url = 'ftp://boards'\n[[lever.boards]]\nsite = 'acme'\n",
         ["base_url = 'ftp://boards' is not an http(s) URL"]),
        ("[hackernews]\n[[hackernews.boards]]\nmonth = '2024-13'\n",
         ["[[hackernews.boards]] #1: board '2024-13' is not a month (YYYY-MM"]),
        ("[[smartrecruiters.boards]]\nidentifier = 'acme'\npage_size = 500\n",
         ["[[smartrecruiters.boards]] #1: page_size must be a whole number from 1 to 100, not 500"]),
        ("[lever\n", ["not valid TOML"]),
    ],
    ids=["unknown-source", "missing-key", "bad-value", "bad-month", "bad-option", "not-toml"],
)
def test_a_config_mistake_names_file_and_key_and_exits_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, expected: list[str]) -> None:
    config = tmp_path / "my sources.toml"
    config.write_text(text, encoding="utf-8")
    data_dir = tmp_path / "data"
    for command in (["run"], ["backfill", "--mode", "crawl", "--start", "2024-01-01", "--end", "2024-01-02"]):
        assert main([*command, "--sources", str(config), "--data-dir", str(data_dir)]) == 2
        line = one_error_line(capsys.readouterr().err)
        assert str(config) in line
        for part in expected:
            assert part in line, line
    assert not data_dir.exists()  # refused before anything was crawled or written


def test_the_real_command_prints_one_line_without_traceback(tmp_path: Path, models_dir: Path) -> None:
    """As a user runs it, in its own process: exit code 2 for a config mistake, 3 for a model."""
    config = tmp_path / "sources.toml"
    config.write_text("[monster]\n[[monster.boards]]\ntoken = 'x'\n", encoding="utf-8")
    result = jobradar("run", "--sources", config, "--data-dir", tmp_path / "data")
    assert result.returncode == 2
    assert "[monster] is not a known source" in one_error_line(result.stderr)
    models = tmp_path / "models"
    shutil.copytree(models_dir, models)
    alter_one_byte(models)
    result = jobradar("run", "--data-dir", tmp_path / "data", env={"JOBRADAR_MODEL_DIR": str(models)})
    assert result.returncode == 3
    assert "does not match its checksum" in one_error_line(result.stderr)
    assert not (tmp_path / "data").exists()


def test_an_unreadable_or_missing_config_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    not_utf8 = tmp_path / "latin1.toml"
    not_utf8.write_bytes("[greenhouse]\n[[greenhouse.boards]]\ntoken = 'caf\xe9'\n".encode("latin-1"))
    assert main(["run", "--sources", str(not_utf8)]) == 2
    assert "is not UTF-8 text" in capsys.readouterr().err
    assert main(["run", "--sources", str(tmp_path)]) == 2  # a directory: cannot be read as a file
    assert f"{tmp_path}" in (err := capsys.readouterr().err) and "cannot be read" in err
    assert main(["backfill", "--start", "2024-01-01", "--end", "2024-01-02", "--sources",
                 str(tmp_path / "nope.toml")]) == 2
    assert "nope.toml: file not found" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [["run", "--date", "2024-02-30"], ["backfill", "--start", "yesterday", "--end", "2024-01-02"],
     ["backfill", "--start", "2024-01-05", "--end", "2024-01-02"]],
    ids=["impossible-date", "not-a-date", "end-before-start"],
)
def test_a_bad_date_exits_2_naming_it(args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:  # argparse's usage error, or ours
        raise SystemExit(main([*args, "--data-dir", str(tmp_path / "data")]))
    assert exit_.value.code == 2
    line = capsys.readouterr().err.strip().splitlines()[-1]
    assert any(value in line for value in args[2::2] if value[0].isdigit() or value == "yesterday"), line
    assert not (tmp_path / "data").exists()


def test_a_bad_setting_exits_2_naming_the_variable_and_the_default(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBRADAR_RETRY_BACKOFF", "soon")
    assert main(["run", "--data-dir", str(tmp_path / "data")]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert "JOBRADAR_RETRY_BACKOFF='soon' is not a number" in line and "unset it for the default" in line


# ---- model errors: exit code 3, the model never loaded -----------------------------------------

def alter_one_byte(models: Path) -> None:
    path = models / current_version(models) / MODEL_FILE
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0x20
    path.write_bytes(bytes(data))


def from_another_scikit_learn(models: Path) -> None:
    card_path = models / current_version(models) / CARD_FILE
    card = json.loads(card_path.read_text())
    card["library_versions"]["scikit-learn"] = "1.2.2"
    card_path.write_text(json.dumps(card))


def missing(models: Path) -> None:
    (models / current_version(models) / MODEL_FILE).unlink()


@pytest.mark.parametrize(
    ("damage", "message"),
    [(alter_one_byte, "does not match its checksum"), (from_another_scikit_learn, "scikit-learn 1.2.2"),
     (missing, "jobradar train")],
    ids=["one-byte", "other-sklearn", "missing"],
)
def test_a_bad_model_is_refused_by_every_command_before_any_work(
        model_copy: Path, tmp_path: Path, damage, message: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    damage(model_copy)
    monkeypatch.setenv("JOBRADAR_MODEL_DIR", str(model_copy))
    data_dir = tmp_path / "data"
    postings = tmp_path / "in.jsonl"
    postings.write_text('{"title": "ML Engineer", "description": "Train models."}\n')
    for args in (["run", "--data-dir", data_dir],
                 ["backfill", "--start", "2024-01-01", "--end", "2024-01-02", "--data-dir", data_dir],
                 ["label", postings, "-o", tmp_path / "out.jsonl"]):
        assert main([str(arg) for arg in args]) == 3, args
        line = one_error_line(capsys.readouterr().err)
        assert message in line and str(model_copy) in line, line
    assert not data_dir.exists() or not any((data_dir / "postings").glob("dt=*"))  # nothing crawled or written
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.e2e
def test_a_scheduled_nightly_run_fails_clearly_on_a_tampered_model(
        prefect_harness: None, model_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    """A deployment calls the flow, not the CLI: the flow run fails at once with the message, and
    its log holds that message without a traceback (any other exception keeps its traceback)."""
    from prefect.states import State

    from flows.nightly import nightly

    alter_one_byte(model_copy)
    monkeypatch.setenv("JOBRADAR_MODEL_DIR", str(model_copy))
    state: State = nightly(data_dir=str(tmp_path / "data"), return_state=True)
    assert state.is_failed()
    with pytest.raises(ModelError, match="does not match its checksum"):
        state.result()
    assert not (tmp_path / "data" / "raw").exists()  # refused before crawling
    logged = [r for r in caplog.records if "does not match its checksum" in r.getMessage()]
    assert logged and all(r.exc_info is None for r in logged)


class Foreign:
    """Stands for an object no model file may contain."""


@pytest.mark.e2e
def test_a_model_holding_foreign_types_fails_the_run_after_the_crawl_keeping_the_archive(
        prefect_harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its checksum matches its card, so only loading it finds what it holds; the nightly run loads
    it while crawling and fails when it needs it, with the message, the crawl's archive kept."""
    import sklearn
    from prefect.states import State

    from classifiers.persistence import save_model
    from flows.nightly import nightly

    models = tmp_path / "models"
    save_model(Foreign(), {"model_version": "jr-foreign",
                           "library_versions": {"scikit-learn": sklearn.__version__}}, models)
    monkeypatch.setenv("JOBRADAR_MODEL_DIR", str(models))
    state: State = nightly(data_dir=str(tmp_path / "data"), return_state=True)
    assert state.is_failed()
    with pytest.raises(ModelError, match="test_errors.Foreign"):
        state.result()
    assert list((tmp_path / "data" / "raw").glob("source=*/dt=*/*.jsonl.gz"))  # the crawl is kept
    assert not (tmp_path / "data" / "postings").exists()
