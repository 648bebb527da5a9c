"""Real Hacker News "Who is hiring?" comments (REAL_DIR/hn/) as archive records, for checking the reader.

Usage: python scripts/real_captures/hackernews.py [REAL_DIR] [--sample N] [--seed S]
(default REAL_DIR: ../shared/real beside the repo): a report per era of comments, postings, the
share of comments split into several jobs and of postings with location, workplace and salary;
with --sample, N random split comments (header and the titles made of it) to check by eye.

Only hn/algolia/ holds real Algolia responses: a thread's item tree (2011-04; its VCR cassette
stored some line breaks as the two characters "\\n", put back here) and search_by_date pages
(kind "search", no postings). The other folders hold the same top-level comments as others
collected them; each month's comments are put back into the item tree the spider archives:
gaganpreet/ (2013-2018: full_html, no comment time), gantryops/ (2026: text and epoch time),
akurilin/eval_cases_labeled.json (2025: comments that others labelled with their jobs). Files of
extracted fields without the comments' text are skipped.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT))

from pipeline.hackernews_split import comment_lines, split_comment  # noqa: E402
from pipeline.normalise import Quarantined, normalise_records  # noqa: E402
from pipeline.sources import PARSERS  # noqa: E402
from pipeline.sources.hackernews import top_level_comments  # noqa: E402

ITEMS_URL = "https://hn.algolia.com/api/v1/items/{id}"
_MONTH = re.compile(r"(\d{4}-\d{2})")


def records(real_dir: Path) -> Iterator[tuple[str, dict | None, str | None]]:
    """(file name, archive-like record or None, reason it was skipped or None) per capture."""
    hn = real_dir / "hn"
    for path in sorted(hn.rglob("*")):
        if not path.is_file():
            continue
        name = str(path.relative_to(hn))
        if path.suffix != ".json":
            yield name, None, "not a JSON capture (extracted term counts or fields, no comment text)"
            continue
        body = json.loads(path.read_text(encoding="utf-8"))
        if path.parent.name == "algolia":
            yield name, _algolia(path, body), None
        elif path.parent.name == "gaganpreet":
            yield name, _thread(path, [_comment(int(c["url"].rsplit("=", 1)[1]), c["user"], None, c["full_html"])
                                       for c in body]), None
        elif path.parent.name == "gantryops":
            yield name, _thread(path, [_comment(c["id"], c["by"], c["time"], c["text"]) for c in body["jobs"]]), None
        elif path.name == "eval_cases_labeled.json":
            yield name, _thread(Path("2025-06"), [
                _comment(case["comment"]["id"], case["comment"].get("commenter"), case["comment"].get("date"),
                         case["comment"].get("content")) for case in body["test_cases"]]), None
        else:
            yield name, None, "extracted fields or comments also in another capture, not a thread"


def _algolia(path: Path, body: dict[str, Any]) -> dict[str, Any]:
    if "hits" in body:
        return {"source": "hackernews", "board": "latest", "kind": "search", "fetched_at": None,
                "url": "https://hn.algolia.com/api/v1/search_by_date", "body": body}
    for child in body["children"]:
        child["text"] = (child.get("text") or "").replace("\\n", "\n")
    return {"source": "hackernews", "board": _MONTH.search(path.name).group(1), "kind": "thread",
            "fetched_at": None, "url": ITEMS_URL.format(id=body["id"]), "body": body}


def _comment(comment_id: Any, author: str | None, time: Any, text: str | None) -> dict[str, Any]:
    return {"id": comment_id, "type": "comment", "author": author or "?", "text": text, "children": [],
            "created_at": time if isinstance(time, str) else None,
            "created_at_i": time if isinstance(time, int) else None}


def _thread(path: Path, comments: list[dict[str, Any]]) -> dict[str, Any]:
    month = _MONTH.search(path.name).group(1)
    return {"source": "hackernews", "board": month, "kind": "thread", "fetched_at": None, "url": None,
            "body": {"id": None, "type": "story", "title": f"Ask HN: Who is hiring? ({month})", "children": comments}}


def era(month: str) -> str:
    year = int(month[:4])
    return "2011" if year < 2013 else "2013-2015" if year < 2016 else "2016-2018" if year < 2019 else str(year)


def report(real_dir: Path) -> str:
    comments: Counter[str] = Counter()
    split: Counter[str] = Counter()
    silent: Counter[str] = Counter()
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    quarantined: Counter[str] = Counter()
    lines = []
    for name, record, reason in records(real_dir):
        if record is None:
            lines.append(f"  skipped {name}: {reason}")
            continue
        if record["kind"] != "thread":
            continue
        key = era(record["board"])
        for comment in top_level_comments(record["body"]):
            jobs = split_comment(comment["text"])
            comments[key] += 1
            split[key] += len(jobs) > 1
            silent[key] += not jobs
        for row in normalise_records([record], PARSERS):
            if isinstance(row, Quarantined):
                quarantined[row.reason] += 1
            else:
                rows[key].append(row)
    header = (f"{'era':<10}{'comments':>9}{'no job':>8}{'postings':>9}{'split':>8}{'location':>9}"
              f"{'country':>8}{'workplace':>10}{'salary':>8}{'posted_at':>10}{'company':>8}")
    table = [header]
    for key in sorted(comments):
        era_rows = rows[key]

        def share(test: Any, of: list[dict[str, Any]] = era_rows) -> str:
            return f"{100 * sum(1 for row in of if test(row)) / max(len(of), 1):.0f}%"

        table.append(
            f"{key:<10}{comments[key]:>9}{silent[key]:>8}{len(era_rows):>9}"
            f"{100 * split[key] / max(comments[key] - silent[key], 1):>7.0f}%"
            f"{share(lambda r: r['location']):>9}{share(lambda r: r['country']):>8}"
            f"{share(lambda r: r['workplace']):>10}{share(lambda r: r['salary_min'] is not None):>8}"
            f"{share(lambda r: r['posted_at'] is not None):>10}{share(lambda r: r['company'] != '(not named)'):>8}")
    notes = ["split: share of job comments made into several postings; the other shares are of postings",
             f"quarantined: {sum(quarantined.values())}", *(f"  {n} x {r}" for r, n in quarantined.items())]
    return "\n".join([*table, *notes, *lines])


def sample(real_dir: Path, count: int, seed: int) -> str:
    """`count` random comments that were split into several jobs, with the titles made of them."""
    many = [(record["board"], comment) for _, record, _ in records(real_dir)
            if record is not None and record["kind"] == "thread"
            for comment in top_level_comments(record["body"]) if len(split_comment(comment["text"])) > 1]
    out = []
    for number, (month, comment) in enumerate(random.Random(seed).sample(many, min(count, len(many))), 1):
        text = comment_lines(comment["text"])
        out.append(f"#{number} {month} {comment['id']}: {text[0][:160]}")
        out += [f"      {line[:110]}" for line in text[1:12]]
        out += [f"   -> {job.title}" for job in split_comment(comment["text"])]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("real_dir", nargs="?", type=Path, default=REPO_ROOT.parent / "shared" / "real")
    parser.add_argument("--sample", type=int, default=0, help="print N random split comments to check by eye")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if not (args.real_dir / "hn").is_dir():
        print(f"{args.real_dir / 'hn'} does not exist: pass the folder that holds hn/", file=sys.stderr)
        return 2
    print(sample(args.real_dir, args.sample, args.seed) if args.sample else report(args.real_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
