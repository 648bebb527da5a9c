"""Run our per-source readers over real captures; report how much of each posting they read.

Usage: python scripts/check_real_captures.py [REAL_DIR]  (default: ../shared/real beside the repo)

REAL_DIR holds responses and postings published by others. They are for checking readers only:
the project and its tests never depend on them. Each module in scripts/real_captures/ turns one
kind of capture into the records our spiders would have archived (`records(real_dir)`); a capture
that is not what a spider fetches is reported as skipped, with the reason.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "scripts"))

import real_captures  # noqa: E402

from pipeline.normalise import Quarantined, normalise_records  # noqa: E402
from pipeline.sources import PARSERS  # noqa: E402

FILLED_FIELDS: dict[str, Callable[[dict[str, Any]], bool]] = {
    "salary": lambda row: row["salary_min"] is not None or row["salary_max"] is not None,
    "location": lambda row: bool(row["location"]),
    "country": lambda row: row["country"] is not None,
    "posted_at": lambda row: row["posted_at"] is not None,
    "workplace": lambda row: row["workplace"] is not None,
}


@dataclass
class SourceReport:
    """What the readers made of one source's captures."""

    source: str
    files: int = 0
    captured: int = 0
    rows: list[dict[str, Any]] = field(default_factory=list)
    quarantined: Counter[str] = field(default_factory=Counter)
    skipped: dict[str, str] = field(default_factory=dict)


def check(real_dir: Path) -> dict[str, SourceReport]:
    reports: dict[str, SourceReport] = {}
    for module_info in pkgutil.iter_modules(real_captures.__path__):
        module = importlib.import_module(f"real_captures.{module_info.name}")
        for name, record, reason in module.records(real_dir):
            source = record["source"] if record else _source_of(name, module_info.name)
            report = reports.setdefault(source, SourceReport(source))
            report.files += 1
            if record is None:
                report.skipped[name] = reason or "skipped"
                continue
            jobs_of, _ = PARSERS[source]
            try:
                report.captured += len(list(jobs_of(record)))
            except (TypeError, ValueError, KeyError, AttributeError) as error:
                report.skipped[name] = f"not a {source} response: {error}"
                continue
            for result in normalise_records([record], PARSERS):
                if isinstance(result, Quarantined):
                    report.quarantined[result.reason] += 1
                else:
                    report.rows.append(result)
    return reports


def _source_of(name: str, module: str) -> str:
    """The source a skipped capture belongs to: its name's folder ("lever/x.json") when that is a
    source, else the module that looked at it."""
    folder = name.split("/", 1)[0] if "/" in name else ""
    return folder if folder in PARSERS else module


def _share(count: int, total: int) -> str:
    percent = f"{100 * count / total:5.1f}%" if total else "    -"
    return f"{count:>6}/{total:<6} {percent}"


def format_report(report: SourceReport) -> str:
    parsed = len(report.rows)
    quarantined = sum(report.quarantined.values())
    lines = [
        report.source,
        f"  captures:                 {report.files} ({report.files - len(report.skipped)} read,"
        f" {len(report.skipped)} skipped)",
        f"  postings in the captures: {report.captured}",
        f"  postings parsed:          {parsed}",
        f"  quarantined:              {quarantined}",
    ]
    lines += [f"    {count:>4} x {reason}" for reason, count in report.quarantined.most_common()]
    lines.append("  share of parsed postings with the field filled:")
    lines += [
        f"    {name:<10} {_share(sum(1 for row in report.rows if filled(row)), parsed)}"
        for name, filled in FILLED_FIELDS.items()
    ]
    if report.skipped:
        reasons = Counter(report.skipped.values())
        lines.append("  skipped:")
        lines += [f"    {count:>4} x {reason}" for reason, count in reasons.most_common()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("real_dir", nargs="?", type=Path, default=REPO_ROOT.parent / "shared" / "real",
                        help="folder of real captures (default: ../shared/real)")
    args = parser.parse_args(argv)
    if not args.real_dir.is_dir():
        print(f"{args.real_dir} does not exist: pass the folder of real captures", file=sys.stderr)
        return 2
    for report in check(args.real_dir).values():
        print(format_report(report) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
