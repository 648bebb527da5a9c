"""Shared test fixtures: a local fixture board server, a trained model, a Prefect test harness,
nightly runs over a few demo dates (and copies of their raw archive)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

from tests.fixture_server import serve_fixtures  # noqa: E402


@pytest.fixture(scope="session")
def fixture_server() -> Iterator[tuple[str, list[str]]]:
    """(base URL, requests seen) of a server on 127.0.0.1 serving tests/fixtures/."""
    with serve_fixtures() as served:
        yield served


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model trained once per session from the bundled labelled data."""
    from flows.train import train_and_save

    directory = tmp_path_factory.mktemp("models")
    train_and_save(directory, cross_validate=False)
    return directory


@pytest.fixture
def model_copy(models_dir: Path, tmp_path: Path) -> Path:
    """A copy of the session's model dir, for a test to damage."""
    target = tmp_path / "models"
    shutil.copytree(models_dir, target)
    return target


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect API for every flow test in the session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


NIGHTLY_DATES = [date(2024, 1, 1) + timedelta(days=offset) for offset in range(5)]


@pytest.fixture(scope="session")
def nightly_runs(prefect_harness: None, models_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir after the nightly flow ran on each of NIGHTLY_DATES (demo boards); never modified."""
    from flows.nightly import nightly

    data_dir = tmp_path_factory.mktemp("nightly-runs")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JOBRADAR_MODEL_DIR", str(models_dir))
        for day in NIGHTLY_DATES:
            nightly(run_date=day, data_dir=str(data_dir))
    return data_dir


@pytest.fixture
def archive_only(nightly_runs: Path, tmp_path: Path, models_dir: Path,
                 monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data dir holding nothing but the raw archive of the nightly runs (and the test model)."""
    data_dir = tmp_path / "data"
    shutil.copytree(nightly_runs / "raw", data_dir / "raw")
    monkeypatch.setenv("JOBRADAR_MODEL_DIR", str(models_dir))
    return data_dir
