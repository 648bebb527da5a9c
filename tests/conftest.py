"""Shared test fixtures: a local fixture board server, a trained model, a Prefect test harness."""

from __future__ import annotations

import os
from collections.abc import Iterator
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


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect API for every flow test in the session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
