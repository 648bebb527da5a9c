"""The run report: counts, AI share, roles, tiers, companies, skills, failures; as text, markdown
and one table of every count (the Prefect artifacts)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from classifiers.labels import AI_TIERS, ROLES
from pipeline.store import arrow_tables

TOP_COMPANIES = 15


@dataclass
class RunReport:
    """What one run did; `markdown()` and `table()` are the Prefect artifacts, `text()` what the CLI prints."""

    run_date: str
    run_id: str
    model_version: str
    dataset_path: Path | None
    postings: int
    by_source: dict[str, int]
    by_company: dict[str, int]
    by_tier: dict[str, int]
    by_role: dict[str, int]
    top_ai_skills: list[tuple[str, int]]
    ai_share: float
    failed_boards: dict[str, str] = field(default_factory=dict)
    quarantined: dict[str, int] = field(default_factory=dict)
    quarantine_path: Path | None = None
    mode: str = "nightly"
    # boards that failed now, read from an earlier crawl of the date: "source/board" -> archive id
    recovered_boards: dict[str, str] = field(default_factory=dict)
    ai_by_company: dict[str, int] = field(default_factory=dict)
    ai_by_role: dict[str, int] = field(default_factory=dict)
    new_postings: int | None = None  # first seen on this date (known once the history is updated)
    open_postings: int | None = None
    jobs: int | None = None  # distinct canonical_id: a job seen through two sources counts once
    relabelled: int | None = None  # postings the model labelled in this run
    reused: int | None = None  # postings that kept the labels the same model gave them before
    # crawl, model (waiting for it after the crawl), normalise, label, copy, write, history
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def counted(self) -> int:
        """What tier, role and company counts are out of: distinct jobs when known."""
        return self.jobs if self.jobs is not None else self.postings

    @property
    def ai_postings(self) -> int:
        return self.by_tier.get("core", 0) + self.by_tier.get("applied", 0)

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_date": self.run_date, "run_id": self.run_id, "mode": self.mode,
            "model_version": self.model_version,
            "dataset_path": str(self.dataset_path) if self.dataset_path else None,
            "postings": self.postings, "jobs": self.jobs, "ai_share": round(self.ai_share, 4),
            "new_postings": self.new_postings, "open_postings": self.open_postings,
            "by_source": self.by_source, "by_company": self.by_company, "by_tier": self.by_tier,
            "by_role": self.by_role, "ai_by_company": self.ai_by_company, "ai_by_role": self.ai_by_role,
            "top_ai_skills": self.top_ai_skills,
            "failed_boards": self.failed_boards, "recovered_boards": self.recovered_boards,
            "quarantined": self.quarantined,
            "quarantine_path": str(self.quarantine_path) if self.quarantine_path else None,
            "relabelled": self.relabelled, "reused": self.reused, "stage_seconds": self.stage_seconds,
        }

    def text(self) -> str:
        lines = [
            f"jobradar {_run_name(self.mode)} {self.run_id} for {self.run_date} (model {self.model_version})",
            f"  postings: {self.postings}{self._distinct()}   AI share (core+applied): {self.ai_share:.1%}",
        ]
        if self.new_postings is not None:
            lines.append(f"  new postings: {self.new_postings}   open postings: {self.open_postings}")
        if self.relabelled is not None:
            lines.append(f"  labelled by the model: {self.relabelled}   labels reused (unchanged): {self.reused}")
        if self.stage_seconds:
            lines.append("  seconds per stage: " + _inline(self.stage_seconds))
        lines += [
            "  per source:  " + _inline(self.by_source),
            "  per ai_tier: " + _inline(self.by_tier),
            "  per role:    " + _inline(self.by_role),
            "  top AI skills: " + (", ".join(f"{s} {n}" for s, n in self.top_ai_skills) or "-"),
        ]
        if self.failed_boards:
            lines.append(f"  FAILED boards ({len(self.failed_boards)}):")
            lines += [f"    {board}: {reason}" for board, reason in self.failed_boards.items()]
        if self.recovered_boards:
            lines.append("  boards that failed, read from an earlier crawl of the date "
                         f"({len(self.recovered_boards)}):")
            lines += [f"    {board}: archive {archive}" for board, archive in self.recovered_boards.items()]
        if self.quarantined:
            lines.append(f"  quarantined items: {_inline(self.quarantined)} -> {self.quarantine_path}")
        lines.append(f"  dataset: {self.dataset_path}")
        return "\n".join(lines)

    def _distinct(self) -> str:
        """" (N distinct jobs)" when some postings are the same job seen through two sources."""
        return f" ({self.jobs} distinct jobs)" if self.jobs is not None and self.jobs != self.postings else ""

    def markdown(self) -> str:
        headline = (f"**{self.postings} postings**{self._distinct()}, AI share (core + applied) "
                    f"**{self.ai_share:.1%}**")
        if self.new_postings is not None:
            headline += f"; {self.new_postings} new, {self.open_postings} open"
        if self.relabelled is not None:
            headline += f"; {self.relabelled} labelled by the model, {self.reused} kept their labels"
        out = [
            f"# jobradar {_run_name(self.mode)} {self.run_date}",
            f"Run `{self.run_id}`, model `{self.model_version}`, dataset `{self.dataset_path}`.",
            "",
            headline + ".",
            "",
        ]
        if self.failed_boards:
            out.append(f"**{len(self.failed_boards)} board(s) FAILED** — their postings are missing "
                       "from this partition but are not closed in the history.\n")
            out.append(_table(("failed board", "reason"), self.failed_boards.items()))
        if self.recovered_boards:
            out.append(f"{len(self.recovered_boards)} board(s) failed in this run but had been crawled "
                       "earlier on the same date: their postings are those of that crawl.\n")
            out.append(_table(("board", "read from archive"), self.recovered_boards.items()))
        if self.quarantined:
            out.append(f"Quarantined items (kept with their reasons in `{self.quarantine_path}`):\n")
            out.append(_table(("quarantined from", "items"), self.quarantined.items()))
        out += [
            _table(("source", "postings"), self.by_source.items()),
            _table(("ai_tier", "postings", "share"),
                   ((t, n, _share(n, self.counted)) for t, n in self.by_tier.items())),
            _table(("role", "postings", "AI postings", "AI share"),
                   ((r, n, self.ai_by_role.get(r, 0), _share(self.ai_by_role.get(r, 0), n))
                    for r, n in self.by_role.items())),
            _table(("company", "postings", "AI postings"),
                   ((c, n, self.ai_by_company.get(c, 0)) for c, n in self._top_companies())),
            _table(("AI skill", "postings"), self.top_ai_skills),
        ]
        return "\n".join(out)

    def table(self) -> list[dict[str, Any]]:
        """Every count of the report as rows (section, name, postings, AI postings, share, detail)."""
        rows = [_row("run", "postings", self.postings),
                _row("run", "AI postings (core+applied)", self.ai_postings, share=self.ai_share)]
        if self.new_postings is not None:
            rows += [_row("run", "new postings", self.new_postings),
                     _row("run", "open postings", self.open_postings)]
        if self.relabelled is not None:
            rows += [_row("run", "labelled by the model", self.relabelled),
                     _row("run", "labels reused", self.reused)]
        rows += [_row("seconds", stage, None, detail=f"{seconds:.1f}") for stage, seconds in self.stage_seconds.items()]
        rows += [_row("source", s, n, share=_ratio(n, self.postings)) for s, n in self.by_source.items()]
        rows += [_row("ai_tier", t, n, share=_ratio(n, self.counted)) for t, n in self.by_tier.items()]
        rows += [_row("role", r, n, ai=self.ai_by_role.get(r, 0), share=_ratio(self.ai_by_role.get(r, 0), n))
                 for r, n in self.by_role.items()]
        rows += [_row("company", c, n, ai=self.ai_by_company.get(c, 0),
                      share=_ratio(self.ai_by_company.get(c, 0), n)) for c, n in self._top_companies()]
        rows += [_row("ai_skill", s, n) for s, n in self.top_ai_skills]
        rows += [_row("failed_board", b, None, detail=reason) for b, reason in self.failed_boards.items()]
        rows += [_row("recovered_board", b, None, detail=f"read from archive {archive}")
                 for b, archive in self.recovered_boards.items()]
        rows += [_row("quarantined", b, n, detail=str(self.quarantine_path)) for b, n in self.quarantined.items()]
        return rows

    def _top_companies(self) -> list[tuple[str, int]]:
        return list(self.by_company.items())[:TOP_COMPANIES]


def _run_name(mode: str) -> str:
    return "run" if mode == "nightly" else f"{mode} backfill"


def _row(section: str, name: str, postings: int | None, ai: int | None = None,
         share: float | None = None, detail: str = "") -> dict[str, Any]:
    return {"section": section, "name": name, "postings": postings, "ai_postings": ai,
            "share": None if share is None else round(share, 4), "detail": detail}


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _share(part: int, whole: int) -> str:
    return f"{_ratio(part, whole):.1%}"


def _inline(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{key} {value}" for key, value in counts.items()) or "-"


def _table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    body = "\n".join("| " + " | ".join(str(cell) for cell in row) + " |" for row in rows)
    return f"| {' | '.join(header)} |\n|{'---|' * len(header)}\n{body}\n"


# the columns a report is counted from, and their types
REPORT_SCHEMA = pa.schema([("posting_id", pa.string()), ("canonical_id", pa.string()), ("source", pa.string()),
                           ("company", pa.string()), ("ai_tier", pa.string()), ("is_ai", pa.bool_()),
                           ("role", pa.string()), ("ai_skills", pa.list_(pa.string()))])
REPORT_COLUMNS = tuple(REPORT_SCHEMA.names)


def build_report(rows: Iterable[Mapping[str, Any]], **details: Any) -> RunReport:
    """The report of `rows` (mappings with REPORT_COLUMNS; a missing one counts as null); the
    `details` are those of `report_of_batches`."""
    return report_of_batches(arrow_tables(rows, 5000, REPORT_SCHEMA), **details)


def _counts(values: pa.Array | pa.ChunkedArray) -> dict[Any, int]:
    """How often each value occurs, in the order values first occur (as a Counter fills)."""
    counted = pc.value_counts(values)
    return dict(zip(counted.field("values").to_pylist(), counted.field("counts").to_pylist(), strict=True))


def report_of_batches(
    batches: Iterable[pa.RecordBatch | pa.Table],
    *,
    run_date: str,
    run_id: str,
    model_version: str,
    dataset_path: Path | None,
    failed_boards: Mapping[str, str],
    quarantined: Mapping[str, int],
    quarantine_path: Path | None,
    mode: str = "nightly",
) -> RunReport:
    """The report of a partition's rows, given as Arrow batches with REPORT_COLUMNS and read
    once, counted column by column. A job seen through two sources (one canonical_id) counts once,
    by its first row; `postings` and the per-source counts count every row."""
    sources: Counter[str] = Counter()
    tiers: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    companies: Counter[str] = Counter()
    skills: Counter[str] = Counter()
    ai_roles: Counter[str] = Counter()
    ai_companies: Counter[str] = Counter()
    postings = 0
    seen: set[str] = set()
    for batch in batches:
        postings += batch.num_rows
        sources.update(_counts(batch.column("source")))
        first = []
        for canonical, posting in zip(batch.column("canonical_id").to_pylist(),
                                      batch.column("posting_id").to_pylist(), strict=True):
            key = canonical or posting
            first.append(key is None or key not in seen)
            if key:
                seen.add(key)
        jobs_of_batch = batch.filter(pa.array(first, pa.bool_()))
        tiers.update(_counts(jobs_of_batch.column("ai_tier")))
        roles.update(_counts(jobs_of_batch.column("role")))
        companies.update(_counts(jobs_of_batch.column("company")))
        skills.update(_counts(pc.list_flatten(jobs_of_batch.column("ai_skills"))))
        ai_jobs = jobs_of_batch.filter(pc.fill_null(jobs_of_batch.column("is_ai"), False))
        ai_roles.update(_counts(ai_jobs.column("role")))
        ai_companies.update(_counts(ai_jobs.column("company")))
    jobs = tiers.total()
    return RunReport(
        run_date=run_date,
        run_id=run_id,
        model_version=model_version,
        dataset_path=dataset_path,
        postings=postings,
        by_source=dict(sorted(sources.items())),
        by_company=dict(companies.most_common()),
        by_tier={tier: tiers[tier] for tier in AI_TIERS},
        by_role={role: roles[role] for role in ROLES if roles[role]},
        top_ai_skills=skills.most_common(8),
        ai_share=ai_roles.total() / jobs if jobs else 0.0,
        jobs=jobs,
        failed_boards=dict(failed_boards),
        quarantined=dict(quarantined),
        quarantine_path=quarantine_path,
        mode=mode,
        ai_by_company=dict(ai_companies.most_common()),
        ai_by_role={role: ai_roles[role] for role in ROLES if ai_roles[role]},
    )
