"""The run report: counts, AI share, roles, tiers, skills, failures; as text, markdown and a table."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from classifiers.labels import AI_TIERS, ROLES


@dataclass
class RunReport:
    """What one run did; `markdown()` is the Prefect artifact, `text()` what the CLI prints."""

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

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_date": self.run_date, "run_id": self.run_id, "model_version": self.model_version,
            "dataset_path": str(self.dataset_path) if self.dataset_path else None,
            "postings": self.postings, "ai_share": round(self.ai_share, 4),
            "by_source": self.by_source, "by_company": self.by_company, "by_tier": self.by_tier,
            "by_role": self.by_role, "top_ai_skills": self.top_ai_skills,
            "failed_boards": self.failed_boards, "quarantined": self.quarantined,
            "quarantine_path": str(self.quarantine_path) if self.quarantine_path else None,
        }

    def text(self) -> str:
        lines = [
            f"jobradar run {self.run_id} for {self.run_date} (model {self.model_version})",
            f"  postings: {self.postings}   AI share (core+applied): {self.ai_share:.1%}",
            "  per source:  " + _inline(self.by_source),
            "  per ai_tier: " + _inline(self.by_tier),
            "  per role:    " + _inline(self.by_role),
            "  top AI skills: " + (", ".join(f"{s} {n}" for s, n in self.top_ai_skills) or "-"),
        ]
        if self.failed_boards:
            lines.append(f"  FAILED boards ({len(self.failed_boards)}):")
            lines += [f"    {board}: {reason}" for board, reason in self.failed_boards.items()]
        if self.quarantined:
            lines.append(f"  quarantined items: {_inline(self.quarantined)} -> {self.quarantine_path}")
        lines.append(f"  dataset: {self.dataset_path}")
        return "\n".join(lines)

    def markdown(self) -> str:
        out = [
            f"# jobradar run {self.run_date}",
            f"Run `{self.run_id}`, model `{self.model_version}`, dataset `{self.dataset_path}`.",
            "",
            f"**{self.postings} postings**, AI share (core + applied) **{self.ai_share:.1%}**.",
            "",
            _table("source", "postings", self.by_source.items()),
            _table("company", "postings", self.by_company.items()),
            _table("ai_tier", "postings", self.by_tier.items()),
            _table("role", "postings", self.by_role.items()),
            _table("AI skill", "postings", self.top_ai_skills),
        ]
        if self.failed_boards:
            out.append(_table("failed board", "reason", self.failed_boards.items()))
        if self.quarantined:
            out.append(_table("quarantined from", "items", self.quarantined.items()))
        return "\n".join(out)

    def table(self) -> list[dict[str, Any]]:
        """Per-company rows for a Prefect table artifact."""
        return [{"company": company, "postings": count} for company, count in self.by_company.items()]


def _inline(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{key} {value}" for key, value in counts.items()) or "-"


def _table(left: str, right: str, rows: Any) -> str:
    body = "\n".join(f"| {a} | {b} |" for a, b in rows)
    return f"| {left} | {right} |\n|---|---|\n{body}\n"


def build_report(
    rows: Sequence[Mapping[str, Any]],
    *,
    run_date: str,
    run_id: str,
    model_version: str,
    dataset_path: Path | None,
    failed_boards: Mapping[str, str],
    quarantined: Mapping[str, int],
    quarantine_path: Path | None,
) -> RunReport:
    tiers = Counter(row["ai_tier"] for row in rows)
    roles = Counter(row["role"] for row in rows)
    skills = Counter(skill for row in rows for skill in row.get("ai_skills") or [])
    ai_rows = sum(1 for row in rows if row["is_ai"])
    return RunReport(
        run_date=run_date,
        run_id=run_id,
        model_version=model_version,
        dataset_path=dataset_path,
        postings=len(rows),
        by_source=dict(sorted(Counter(row["source"] for row in rows).items())),
        by_company=dict(Counter(row["company"] for row in rows).most_common()),
        by_tier={tier: tiers[tier] for tier in AI_TIERS},
        by_role={role: roles[role] for role in ROLES if roles[role]},
        top_ai_skills=skills.most_common(8),
        ai_share=ai_rows / len(rows) if rows else 0.0,
        failed_boards=dict(failed_boards),
        quarantined=dict(quarantined),
        quarantine_path=quarantine_path,
    )
