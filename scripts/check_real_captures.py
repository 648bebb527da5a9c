"""Run our per-source parsers over real API captures; report how much of each posting they read.

Usage: python scripts/check_real_captures.py [REAL_DIR]  (default: ../shared/real beside the repo)

REAL_DIR/ats/{greenhouse,lever,ashby}/*.json are responses published by others. They are for
checking parsers only: the project and its tests never depend on them. A capture that is not the
response our spider fetches (an offices listing, a single posting, postings grouped by location)
is reported as skipped, with the reason.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from pipeline.normalise import Quarantined, normalise_records  # noqa: E402
from pipeline.sources import PARSERS  # noqa: E402

SOURCES = ("greenhouse", "lever", "ashby")
FILLED_FIELDS: dict[str, Callable[[dict[str, Any]], bool]] = {
    "salary": lambda row: row["salary_min"] is not None or row["salary_max"] is not None,
    "location": lambda row: bool(row["location"]),
    "country": lambda row: row["country"] is not None,
    "posted_at": lambda row: row["posted_at"] is not None,
    "workplace": lambda row: row["workplace"] is not None,
}


@dataclass
class SourceReport:
    """What the parsers made of one source's captures."""

    source: str
    files: int = 0
    captured: int = 0
    rows: list[dict[str, Any]] = field(default_factory=list)
    quarantined: Counter[str] = field(default_factory=Counter)
    skipped: dict[str, str] = field(default_factory=dict)


def _is_posting_list(body: Any, *keys: str) -> bool:
    return isinstance(body, list) and all(
        isinstance(item, dict) and all(key in item for key in keys) for item in body
    )


def skip_reason(source: str, body: Any) -> str | None:
    """Why a capture is not a board listing our spider fetches; None when it is one."""
    if source in {"greenhouse", "ashby"}:
        if isinstance(body, dict) and isinstance(body.get("jobs"), list):
            return None
        if source == "greenhouse" and isinstance(body, dict) and "offices" in body:
            return "an offices response (/v1/boards/{token}/offices), not a jobs listing"
        return "not an object with a 'jobs' list"
    if isinstance(body, dict) and "id" in body and "text" in body:
        return "a single posting (/v0/postings/{site}/{id}), not a site listing"
    if body and _is_posting_list(body, "title", "postings"):
        return "postings grouped by location (?group=location), not the flat listing we fetch"
    if isinstance(body, list):
        return None
    return "not a list of postings"


def postings_in(source: str, body: Any) -> int:
    return len(body["jobs"]) if source in {"greenhouse", "ashby"} else len(body)


def check_source(source: str, folder: Path) -> SourceReport:
    report = SourceReport(source)
    for path in sorted(folder.glob("*.json")):
        report.files += 1
        try:
            body = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            report.skipped[path.name] = f"not JSON: {error}"
            continue
        reason = skip_reason(source, body)
        if reason is not None:
            report.skipped[path.name] = reason
            continue
        report.captured += postings_in(source, body)
        record = {"source": source, "board": path.stem, "body": body, "fetched_at": None}
        for result in normalise_records([record], PARSERS):
            if isinstance(result, Quarantined):
                report.quarantined[result.reason] += 1
            else:
                report.rows.append(result)
    return report


def _share(count: int, total: int) -> str:
    percent = f"{100 * count / total:5.1f}%" if total else "    -"
    return f"{count:>5}/{total:<5} {percent}"


def format_report(report: SourceReport, folder: Path) -> str:
    parsed = len(report.rows)
    quarantined = sum(report.quarantined.values())
    lines = [
        f"{report.source}  ({folder})",
        f"  files:                    {report.files} ({report.files - len(report.skipped)} read,"
        f" {len(report.skipped)} skipped)",
        f"  postings in the captures: {report.captured}",
        f"  postings parsed:          {parsed}",
        f"  dropped as unpublished:   {max(report.captured - parsed - quarantined, 0)}",
        f"  quarantined:              {quarantined}",
    ]
    lines += [f"    {count:>4} x {reason}" for reason, count in report.quarantined.most_common()]
    lines.append("  share of parsed postings with the field filled:")
    lines += [
        f"    {name:<10} {_share(sum(1 for row in report.rows if filled(row)), parsed)}"
        for name, filled in FILLED_FIELDS.items()
    ]
    if report.skipped:
        lines.append("  skipped:")
        lines += [f"    {name}: {reason}" for name, reason in report.skipped.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "real_dir", nargs="?", type=Path, default=REPO_ROOT.parent / "shared" / "real",
        help="folder holding ats/{greenhouse,lever,ashby}/ captures (default: ../shared/real)",
    )
    args = parser.parse_args(argv)
    ats = args.real_dir / "ats"
    if not ats.is_dir():
        print(f"{ats} does not exist: pass the folder that holds ats/ as the argument",
              file=sys.stderr)
        return 2
    for source in SOURCES:
        folder = ats / source
        if not folder.is_dir():
            print(f"{source}: no folder {folder}\n")
            continue
        print(format_report(check_source(source, folder), folder) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
