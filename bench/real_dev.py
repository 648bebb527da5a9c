"""The team's own real-posting dev set: our labels, the texts from ../shared/real by reference.

`bench/real_dev_labels.jsonl` holds jobradar's labels (per LABELS.md) for 186 real postings
published by others — by reference only (source and the posting's id), never their text. This
script looks each one up in the real captures and writes the postings with the labels, ready
for `jobradar evaluate --gold` and `bench/select_model.py --real-dev`.

Why a second real set: the gold set (../shared/real/gold/dev.jsonl) must only measure, so
choosing between model settings on it would make its figures optimistic. Settings are chosen on
this set (and by cross-validation on the training data); gold measures the result once.

How it was made (2026-11-26): postings drawn at random (seed 20261126) from the real captures
in the proportions of the gold set's sources — Ashby 70, Hacker News 35, Adzuna 30, Lever 20,
Uber 15, Greenhouse 12 (all there were), Glassdoor 15 — skipping any posting whose company and
title or whose opening text matches a gold posting, near-duplicates, and texts under 30 words;
texts over 1,200 words cut there. Two annotators labelled every posting independently (they
agreed on ai_tier for 196 of 197 and on role for 191); the 7 disagreements were adjudicated
(`"adjudicated": true`). 11 Hacker News postings were dropped afterwards: jobradar splits a
comment that lists several jobs into one posting per job, and for those the annotators had
labelled the whole comment (its first job) rather than the job the posting is for.

Usage: .venv/bin/python bench/real_dev.py [--real DIR] [-o data/real-dev.jsonl]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

LABELS = Path(__file__).resolve().parent / "real_dev_labels.jsonl"
DEFAULT_REAL = REPO.parent / "shared" / "real"
MAX_WORDS = 1200
FIELDS = ("company", "title", "department", "location", "description")


def _ats_and_hn(real: Path) -> Iterator[tuple[str, str, dict[str, str]]]:
    from check_real_captures import check

    for source, report in check(real).items():
        if source in {"ashby", "greenhouse", "lever", "hackernews"}:
            for row in report.rows:
                yield source, row["posting_id"], {
                    "company": row.get("company") or row.get("board") or "", "title": row["title"],
                    "department": row.get("department") or "", "location": row.get("location") or "",
                    "description": row["description"] or ""}


def _flat_files(real: Path) -> Iterator[tuple[str, str, dict[str, str]]]:
    csv.field_size_limit(10**9)
    with (real / "postings" / "daniel21b_adzuna_jobs_2023_2024.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            yield "adzuna", row["job_id"], {
                "company": row["company"], "title": row["role"], "department": row.get("category") or "",
                "location": row["location"], "description": row["description"]}
    with (real / "postings" / "playingnumbers_glassdoor_jobs.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            yield "glassdoor", row[""], {
                "company": row["Company Name"].split("\n")[0], "title": row["Job Title"], "department": "",
                "location": row["Location"], "description": row["Job Description"]}
    uber = json.loads((real / "postings" / "stapply_uber_careers.json").read_text(encoding="utf-8"))
    for job in uber["jobs"]:
        yield "uber", str(job["id"]), {
            "company": "Uber", "title": job["title"], "department": job.get("department") or "",
            "location": job.get("location") or "", "description": job["description"]}


def build(real: Path) -> list[dict[str, Any]]:
    """The labelled postings, texts looked up in `real`; an error names any reference not found."""
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted = {(label["source"], label["ref"]) for label in labels}
    texts: dict[tuple[str, str], dict[str, str]] = {}
    for source, ref, posting in (*_ats_and_hn(real), *_flat_files(real)):
        if (source, ref) in wanted and (source, ref) not in texts:
            texts[(source, ref)] = posting
    missing = sorted(wanted - set(texts))
    if missing:
        raise SystemExit(f"{len(missing)} referenced postings are not in {real} (first: {missing[0]}); "
                         "is it the real captures folder?")
    out = []
    for label in labels:
        posting = dict(texts[(label["source"], label["ref"])])
        words = posting["description"].split()
        if len(words) > MAX_WORDS:
            posting["description"] = " ".join(words[:MAX_WORDS]) + " …"
        out.append({"uid": label["uid"], "source": label["source"], **{f: posting[f] for f in FIELDS},
                    **{k: label[k] for k in ("ai_tier", "role", "seniority", "ai_skills")}})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--real", type=Path, default=DEFAULT_REAL,
                        help="the real captures folder (default: ../shared/real beside the repo)")
    parser.add_argument("-o", "--output", type=Path, default=REPO / "data" / "real-dev.jsonl",
                        help="where to write the postings with their labels (default: data/real-dev.jsonl)")
    args = parser.parse_args(argv)
    if not args.real.is_dir():
        parser.error(f"{args.real} does not exist: pass the real captures folder with --real")
    postings = build(args.real)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8") as handle:
        for posting in postings:
            handle.write(json.dumps(posting, ensure_ascii=False) + "\n")
    print(f"{len(postings)} labelled real postings -> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
