"""Labelling throughput of the current model on the demo corpus, repeated to N postings.

Usage: .venv/bin/python bench/label_speed.py [--postings 20000] [--models-dir DIR]
Prints postings per second (one process, one core) and peak RSS; speed is measured here,
never in tests.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from flows.train import current_labeller
from jobradar.demo.corpus import training_examples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postings", type=int, default=20000)
    parser.add_argument("--models-dir", type=Path)
    args = parser.parse_args()
    models_dir = args.models_dir or Path(tempfile.mkdtemp(prefix="jobradar-bench-"))
    labeller = current_labeller(models_dir)
    postings = [e.posting for e in training_examples()]
    batch = (postings * (args.postings // len(postings) + 1))[: args.postings]
    start, cpu = time.perf_counter(), time.process_time()
    for offset in range(0, len(batch), 2000):
        labeller.label(batch[offset : offset + 2000])
    wall, used = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"labelled {len(batch)} postings in {wall:.2f} s wall, {used:.2f} s CPU: "
          f"{len(batch) / wall:,.0f} postings/s; peak RSS {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
