"""`jobradar backfill` and `jobradar serve`: arguments checked before Prefect starts."""

from __future__ import annotations

import pytest

from jobradar.cli import main


@pytest.mark.parametrize(("arguments", "message"), [
    (["--start", "2024-01-05", "--end", "2024-01-01"], "--end 2024-01-01 is before --start 2024-01-05"),
    (["--start", "2024-01-01", "--end", "2024-01-02", "--concurrency", "0"], "--concurrency 0: must be 1"),
    (["--start", "2024-01-01", "--end", "2024-01-02", "--sources", "/nonexistent.toml"], "file not found"),
])
def test_bad_backfill_arguments_stop_with_exit_code_2(arguments: list[str], message: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backfill", *arguments]) == 2
    assert message in capsys.readouterr().err


def test_a_backfill_needs_a_valid_mode(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["backfill", "--start", "2024-01-01", "--end", "2024-01-02", "--mode", "fast"])
    assert exit_.value.code == 2
    assert "invalid choice: 'fast'" in capsys.readouterr().err


def test_serve_needs_a_prefect_server_and_a_valid_schedule(monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    assert main(["serve", "--cron", "every night"]) == 2
    assert "--cron 'every night' is not a cron expression" in capsys.readouterr().err
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        monkeypatch.delenv("PREFECT_API_URL", raising=False)
        assert main(["serve"]) == 2
    assert "needs a Prefect server" in capsys.readouterr().err
