"""How jobradar runs: settings from JOBRADAR_* environment variables, validated once, in one place."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from jobradar.errors import ConfigError
from pipeline.normalise import DEFAULT_MAX_DESCRIPTION_CHARS

_DEFAULT_CONTACT = "https://github.com/jobradar/jobradar"


def _positive_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError("is not a number") from None
    if not number >= 0:  # also refuses nan
        raise ValueError("must be zero or more")
    return number


def _positive_int(value: str) -> int:
    number = _whole_number(value)
    if number < 0:
        raise ValueError("must be zero or more")
    return number


def _at_least_one(value: str) -> int:
    number = _whole_number(value)
    if number < 1:
        raise ValueError("must be 1 or more")
    return number


def _whole_number(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ValueError("is not a whole number") from None


def _cron(value: str) -> str:
    from prefect.client.schemas.schedules import CronSchedule  # Prefect's own cron rules

    try:
        CronSchedule(cron=value, timezone="UTC")
    except ValueError:
        raise ValueError("is not a cron expression such as '0 2 * * *'") from None
    return value


def _boolean(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError("must be true or false")


def _setting(env: str, parse: Callable[[str], Any], default: Any, help: str) -> Any:
    return field(default=default, metadata={"env": env, "parse": parse, "help": help})


@dataclass(frozen=True)
class Settings:
    """Every knob of a run; `Settings.from_env()` reads the JOBRADAR_* variables."""

    data_dir: Path = _setting("JOBRADAR_DATA_DIR", Path, Path("data"), "where datasets are written")
    model_dir: Path | None = _setting(
        "JOBRADAR_MODEL_DIR", Path, None, "where the model lives (default: DATA_DIR/models)"
    )
    contact_url: str = _setting(
        "JOBRADAR_CONTACT_URL", str, _DEFAULT_CONTACT, "contact URL sent in the User-Agent"
    )
    download_delay: float = _setting(
        "JOBRADAR_DOWNLOAD_DELAY", _positive_float, 1.0, "seconds between requests to one host"
    )
    concurrent_per_host: int = _setting(
        "JOBRADAR_CONCURRENT_PER_HOST", _positive_int, 2, "parallel requests to one host"
    )
    download_timeout: float = _setting(
        "JOBRADAR_DOWNLOAD_TIMEOUT", _positive_float, 30.0, "seconds before a request times out"
    )
    retry_times: int = _setting(
        "JOBRADAR_RETRY_TIMES", _positive_int, 3, "retries of a failed request"
    )
    retry_backoff: float = _setting(
        "JOBRADAR_RETRY_BACKOFF", _positive_float, 1.0,
        "seconds before a request's first retry, doubled for each further one; 0: retry at once",
    )
    max_retry_after: float = _setting(
        "JOBRADAR_MAX_RETRY_AFTER", _positive_float, 300.0,
        "longest Retry-After pause (seconds) honoured; a board asking for more is failed",
    )
    autothrottle: bool = _setting(
        "JOBRADAR_AUTOTHROTTLE", _boolean, True, "adapt delays to the server's latency"
    )
    max_response_bytes: int = _setting(
        "JOBRADAR_MAX_RESPONSE_BYTES", _positive_int, 64 * 1024 * 1024, "largest response accepted"
    )
    max_description_chars: int = _setting(
        "JOBRADAR_MAX_DESCRIPTION_CHARS", _positive_int, DEFAULT_MAX_DESCRIPTION_CHARS,
        "longer descriptions are cut and flagged description_truncated",
    )

    close_after_runs: int = _setting(
        "JOBRADAR_CLOSE_AFTER_RUNS", _at_least_one, 2,
        "a posting is closed after this many successful crawls of its board in a row miss it",
    )
    nightly_cron: str = _setting(
        "JOBRADAR_NIGHTLY_CRON", _cron, "0 2 * * *", "schedule of the served nightly deployment (UTC)"
    )
    backfill_concurrency: int = _setting(
        "JOBRADAR_BACKFILL_CONCURRENCY", _at_least_one, 2, "dates a backfill works on at once"
    )
    lock_timeout: float = _setting(
        "JOBRADAR_LOCK_TIMEOUT", _positive_float, 600.0,
        "seconds a run waits for another run on the same data dir, then refuses with exit code 5",
    )
    dask_address: str | None = _setting(
        "JOBRADAR_DASK_ADDRESS", str, None,
        "Dask scheduler of the backfill/dask deployment (unset: a local cluster)",
    )

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read the JOBRADAR_* variables; a bad value raises ConfigError naming it."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for spec in fields(cls):
            name = spec.metadata["env"]
            if name not in env or env[name] == "":
                continue
            try:
                values[spec.name] = spec.metadata["parse"](env[name])
            except ValueError as error:
                raise ConfigError(
                    f"environment variable {name}={env[name]!r} {error} ({spec.metadata['help']}); "
                    f"correct it, or unset it for the default ({spec.default})"
                ) from None
        return cls(**values)

    def models_path(self, data_dir: Path | None = None) -> Path:
        """The model directory: JOBRADAR_MODEL_DIR, else <data dir>/models."""
        if self.model_dir is not None:
            return self.model_dir
        return (data_dir or self.data_dir) / "models"

    @property
    def user_agent(self) -> str:
        from jobradar import __version__

        return f"jobradar/{__version__} (+{self.contact_url})"

    @staticmethod
    def documentation() -> list[tuple[str, str, str]]:
        """(variable, default, meaning) for README and --help."""
        return [
            (spec.metadata["env"], str(spec.default), spec.metadata["help"])
            for spec in fields(Settings)
        ]
