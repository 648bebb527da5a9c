"""A partition's manifest: what wrote it, from which crawls, with which model; its completion marker.

It is written as `_manifest.json` inside the partition folder, in the same rename that publishes
the Parquet file, so a partition and its manifest appear (and disappear) together. Readers of
`*/*.parquet` never see it, and pyarrow skips files that start with `_`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

MANIFEST_FILE = "_manifest.json"


@dataclass(frozen=True)
class Manifest:
    """One partition's provenance. `boards` lists every board crawled (failed ones too) and every
    board with rows, keyed "source/board", with its row count; `archive` names the raw archive
    files read per source; `relabelled` postings were labelled by the model in this run, `reused`
    ones kept the labels the same model gave them before (pipeline/reuse.py)."""

    run_date: date
    run_id: str
    mode: str
    model_version: str
    schema_version: int
    rows: int
    sources: dict[str, int]
    boards: dict[str, int]
    failed_boards: dict[str, str] = field(default_factory=dict)
    quarantined: dict[str, int] = field(default_factory=dict)
    archive: dict[str, list[str]] = field(default_factory=dict)
    # boards that failed in the run but had succeeded in an earlier crawl of the date, whose
    # records were read from that crawl instead: "source/board" -> its archive id
    recovered_boards: dict[str, str] = field(default_factory=dict)
    relabelled: int = 0
    reused: int = 0
    finished_at: str = ""

    def completes(self, mode: str, model_version: str) -> bool:
        """Whether this partition is already the work of (mode, model_version): backfills skip it."""
        return self.mode == mode and self.model_version == model_version

    @property
    def observed_boards(self) -> set[str]:
        """Boards whose crawl succeeded: only these can tell that a posting is gone."""
        return set(self.boards) - set(self.failed_boards)

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "run_date": self.run_date.isoformat()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Manifest:
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        return cls(**{**known, "run_date": date.fromisoformat(data["run_date"])})
