"""`make bench`: every benchmark in turn, then BENCHMARKS.md rewritten from their sections.

Usage: .venv/bin/python bench/run.py [--only crawl,label,e2e] [--output BENCHMARKS.md]

Each benchmark script writes its own markdown section (with the exact command that produced it, the
machine and medians of at least 3 runs) to data/bench/NAME.md and its figures to data/bench/NAME.json;
this script runs them, times the whole, and puts the sections together under one header.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.measure import machine_line  # noqa: E402

BENCHMARKS = {  # name -> script and its arguments; run in this order, within 20 minutes on 2 cores
    "crawl": ["bench/crawl.py"],
    "label": ["bench/label.py"],
    # 3 runs of 10k and 50k, one of 200k (three would take ten minutes alone); each followed by
    # the incremental run, in which 5% of the postings changed
    "e2e": ["bench/e2e.py", "--sizes", "10000,50000,200000x1", "--incremental-sizes", "all"],
}
RESULTS = ROOT / "data" / "bench"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(BENCHMARKS),
                        help="comma-separated benchmarks to run (default: all); the others' last "
                             "sections in data/bench/ are reused")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    if unknown := sorted(set(chosen) - set(BENCHMARKS)):
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for name in chosen:
        print(f"== bench {name}", flush=True)
        subprocess.run([sys.executable, *BENCHMARKS[name], "--out", str(RESULTS / f"{name}.md"),
                        "--json", str(RESULTS / f"{name}.json")], cwd=ROOT, check=True)
    minutes = (time.perf_counter() - started) / 60
    sections = []
    for name in BENCHMARKS:
        section = RESULTS / f"{name}.md"
        sections.append(section.read_text(encoding="utf-8").strip() if section.exists()
                        else f"## {name}\n\n(not run yet: `make bench`)")
    ran = "all benchmarks" if chosen == list(BENCHMARKS) else "benchmarks " + ", ".join(chosen)
    header = (
        "# Benchmarks\n\n"
        "What jobradar costs to run, measured beside what a user would otherwise use. Rewritten by\n"
        "`make bench` (which runs `.venv/bin/python bench/run.py`); every figure is the median of at\n"
        "least 3 runs unless its table says otherwise, and each section gives the exact command that\n"
        "produced it. Speed is measured here, never asserted in tests.\n\n"
        f"- written: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {ran} in {minutes:.1f} minutes\n"
        f"- machine: {machine_line()}\n"
    )
    args.output.write_text(header + "\n" + "\n\n".join(sections) + "\n", encoding="utf-8")
    print(f"wrote {args.output} ({ran} in {minutes:.1f} minutes)")


if __name__ == "__main__":
    main()
