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
