"""JOBRADAR_* settings: defaults, overrides, and clear errors for bad values."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobradar.errors import ConfigError
from jobradar.settings import Settings


def test_defaults_and_overrides() -> None:
    assert Settings.from_env({}).data_dir == Path("data")
    settings = Settings.from_env({"JOBRADAR_DATA_DIR": "/srv/jr", "JOBRADAR_DOWNLOAD_DELAY": "2.5",
                                  "JOBRADAR_AUTOTHROTTLE": "off"})
    assert settings.data_dir == Path("/srv/jr")
    assert settings.download_delay == 2.5
    assert settings.autothrottle is False
    assert settings.models_path() == Path("/srv/jr/models")
    assert "jobradar/" in settings.user_agent and settings.contact_url in settings.user_agent


@pytest.mark.parametrize(
    ("name", "value"),
    [("JOBRADAR_DOWNLOAD_DELAY", "soon"), ("JOBRADAR_RETRY_TIMES", "-1"),
     ("JOBRADAR_AUTOTHROTTLE", "maybe")],
)
def test_a_bad_value_names_the_variable(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        Settings.from_env({name: value})


def test_history_schedule_and_backfill_settings() -> None:
    defaults = Settings.from_env({})
    assert (defaults.close_after_runs, defaults.nightly_cron, defaults.backfill_concurrency) == (2, "0 2 * * *", 2)
    assert defaults.dask_address is None
    settings = Settings.from_env({"JOBRADAR_CLOSE_AFTER_RUNS": "3", "JOBRADAR_NIGHTLY_CRON": "30 4 * * 1-5",
                                  "JOBRADAR_BACKFILL_CONCURRENCY": "8", "JOBRADAR_DASK_ADDRESS": "tcp://d:8786"})
    assert (settings.close_after_runs, settings.nightly_cron, settings.backfill_concurrency,
            settings.dask_address) == (3, "30 4 * * 1-5", 8, "tcp://d:8786")


@pytest.mark.parametrize(("name", "value"), [("JOBRADAR_CLOSE_AFTER_RUNS", "0"),
                                             ("JOBRADAR_NIGHTLY_CRON", "2am"),
                                             ("JOBRADAR_BACKFILL_CONCURRENCY", "0")])
def test_bad_history_and_schedule_settings_name_the_variable(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        Settings.from_env({name: value})
