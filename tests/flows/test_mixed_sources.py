"""`jobradar run --sources my.toml` crawls a mixed configuration: every source at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobradar.cli import main
from spiders import SPIDERS

FIXTURES = Path(__file__).parents[1] / "fixtures"
pytestmark = pytest.mark.e2e


def mixed_sources_toml(server: str) -> str:
    """One "acme" board of every source, pointed at the local fixture server."""
    sections = []
    for source, spider in SPIDERS.items():
        expected = json.loads((FIXTURES / source / "expected.json").read_text())
        base_url = expected.get("base_url", "{server}").replace("{server}", server)
        board = expected.get("boards", {}).get("acme", "acme")
        options = "".join(f"{key} = {json.dumps(value)}\n" for key, value in expected.get("options", {}).items())
        sections.append(f'[{source}]\nbase_url = "{base_url}"\n'
                        f'[[{source}.boards]]\n{spider.board_key} = "{board}"\ncompany = "Acme"\n{options}')
    return "\n".join(sections)


def test_a_run_over_every_source_at_once(prefect_harness: None, models_dir: Path, fixture_server: tuple,
                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    server, _ = fixture_server
    sources = tmp_path / "my.toml"
    sources.write_text(mixed_sources_toml(server))
    monkeypatch.setenv("JOBRADAR_MODEL_DIR", str(models_dir))
    monkeypatch.setenv("JOBRADAR_DOWNLOAD_DELAY", "0")
    monkeypatch.setenv("JOBRADAR_AUTOTHROTTLE", "false")
    data_dir = tmp_path / "data"
    code = main(["run", "--sources", str(sources), "--data-dir", str(data_dir), "--date", "2026-01-15"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "FAILED" not in out
    import pyarrow.parquet as pq

    rows = pq.read_table(data_dir / "postings" / "dt=2026-01-15").to_pylist()
    assert {row["source"] for row in rows} == set(SPIDERS)
    assert all(row["ai_tier"] and row["role"] and row["canonical_id"] for row in rows)
