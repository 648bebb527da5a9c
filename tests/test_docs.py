"""The README documents what users rely on: the two commands, every column, every command."""

from __future__ import annotations

from pathlib import Path

from jobradar.cli import COMMANDS
from pipeline.schema import COLUMN_NAMES

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text()


def test_readme_shows_the_two_commands_first() -> None:
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert "make run" in first_block and "make test" in first_block


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_every_dataset_column_is_documented() -> None:
    for name in COLUMN_NAMES:
        assert f"| `{name}` |" in README, name


def test_every_command_is_documented() -> None:
    for command in COMMANDS:
        assert f"jobradar {command}" in README, command


def test_every_history_column_is_documented() -> None:
    from pipeline.schema import HISTORY_COLUMNS

    section = README.split("## The postings history", 1)[1].split("\n## ", 1)[0]
    for column in HISTORY_COLUMNS:
        assert f"`{column.name}`" in section, column.name


def test_every_setting_is_documented() -> None:
    from jobradar.settings import Settings

    for name, _, _ in Settings.documentation():
        assert f"| `{name}` |" in README, name


def test_every_test_the_reliability_table_names_exists() -> None:
    """Each `path::test` (or `::test`, of the path before it) in the table is a test function."""
    import re

    section = README.split("## Reliability", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "::" in line]
    assert len(rows) >= 9  # one per fault of the table
    for row in rows:
        path = None
        for reference in re.findall(r"`([\w/.]*)::(\w+)`", row.split(" | ")[-1]):
            path = reference[0] or path
            source = (ROOT / path).read_text()
            assert re.search(rf"^(async )?def {reference[1]}\(", source, re.M), f"{path}::{reference[1]}"
