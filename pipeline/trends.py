"""What the HTML report shows, computed from the Parquet dataset alone: per run date counts, AI
share (overall and by role), tier mix, new and open postings; top AI skills and companies."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from classifiers.labels import AI_TIERS, ROLES
from pipeline.dataset import partition_dates, read_partition
from pipeline.history import build_history, new_and_open
from pipeline.store import read_manifest

_COLUMNS = ["posting_id", "ai_tier", "is_ai", "role"]


@dataclass
class Trends:
    """Series over `days` (the run dates in range), plus range totals."""

    days: list[date]
    postings: list[int] = field(default_factory=list)
    ai_postings: list[int] = field(default_factory=list)
    tiers: dict[str, list[int]] = field(default_factory=dict)
    role_postings: dict[str, list[int]] = field(default_factory=dict)
    role_ai: dict[str, list[int]] = field(default_factory=dict)
    new_postings: list[int | None] = field(default_factory=list)  # None: the history's first run
    new_ai_postings: list[int | None] = field(default_factory=list)
    open_postings: list[int] = field(default_factory=list)
    distinct_postings: int = 0
    distinct_ai_postings: int = 0
    closed_postings: int = 0
    top_skills: list[tuple[str, int]] = field(default_factory=list)
    top_companies: list[tuple[str, int, int]] = field(default_factory=list)  # company, postings, AI
    failed_boards: dict[date, list[str]] = field(default_factory=dict)
    model_versions: list[str] = field(default_factory=list)

    def ai_share(self) -> list[float | None]:
        return [_ratio(a, n) for a, n in zip(self.ai_postings, self.postings, strict=True)]

    def role_ai_share(self, role: str) -> list[float | None]:
        return [_ratio(a, n) for a, n in zip(self.role_ai[role], self.role_postings[role], strict=True)]

    def roles_by_ai_postings(self) -> list[str]:
        return sorted((r for r in self.role_ai if sum(self.role_ai[r])), key=lambda r: -sum(self.role_ai[r]))


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def compute_trends(data_dir: Path, start: date | None, end: date | None, close_after_runs: int,
                   top: int = 12) -> Trends:
    """The report's numbers for the run dates from `start` to `end` (default: all)."""
    days = partition_dates(data_dir, start, end)
    # a date joins trends.days once its partition is read: a damaged one (logged) is left out
    trends = Trends([], tiers={t: [] for t in AI_TIERS},
                    role_postings={r: [] for r in ROLES}, role_ai={r: [] for r in ROLES})
    versions: set[str] = set()
    for day in days:
        table = read_partition(data_dir, day, [*_COLUMNS, "model_version"])
        if table is None:
            continue
        trends.days.append(day)
        trends.postings.append(table.num_rows)
        trends.ai_postings.append(pc.sum(table["is_ai"]).as_py() or 0)
        tiers = Counter(table["ai_tier"].to_pylist())
        for tier in AI_TIERS:
            trends.tiers[tier].append(tiers[tier])
        roles = Counter(table["role"].to_pylist())
        ai_roles = Counter(table.filter(table["is_ai"])["role"].to_pylist())
        for role in ROLES:
            trends.role_postings[role].append(roles[role])
            trends.role_ai[role].append(ai_roles[role])
        versions.update(table["model_version"].unique().to_pylist())
        manifest = read_manifest(data_dir, day)
        if manifest and manifest.failed_boards:
            trends.failed_boards[day] = sorted(manifest.failed_boards)
    trends.model_versions = sorted(v for v in versions if v)
    _add_history(trends, build_history(data_dir, close_after_runs), top)
    return trends


def _add_history(trends: Trends, history: pa.Table, top: int) -> None:
    """New and open postings per run date; distinct postings, skills and companies in range."""
    history_starts = pc.min(history["first_seen"]).as_py()
    for day in trends.days:
        new, open_postings = new_and_open(history, day)
        trends.open_postings.append(open_postings)
        if day == history_starts:  # every posting is "new" on the first run: not a measurement
            trends.new_postings.append(None)
            trends.new_ai_postings.append(None)
            continue
        trends.new_postings.append(new)
        trends.new_ai_postings.append(
            pc.sum(pc.and_(pc.equal(history["first_seen"], day), history["is_ai"])).as_py() or 0)
    if not trends.days:
        return
    first, last = trends.days[0], trends.days[-1]
    in_range = history.filter(pc.and_(pc.less_equal(history["first_seen"], last),
                                      pc.greater_equal(history["last_seen"], first)))
    ai = in_range.filter(in_range["is_ai"])
    trends.distinct_postings = in_range.num_rows
    trends.distinct_ai_postings = ai.num_rows
    closed = in_range["closed_at"]
    trends.closed_postings = pc.sum(pc.and_(pc.greater_equal(closed, first),
                                            pc.less_equal(closed, last))).as_py() or 0
    trends.top_skills = Counter(s for skills in ai["ai_skills"].to_pylist() for s in skills or []).most_common(top)
    companies = Counter(in_range["company"].to_pylist())
    ai_companies = Counter(ai["company"].to_pylist())
    trends.top_companies = [(c, companies[c], n) for c, n in ai_companies.most_common(top)]
