"""One labelling method, run alone in this process on one core: its labels for the gold postings,
its labelling rate and its peak RSS. compare_classifiers.py starts one such process per method.

Usage: python bench/classifier_runs.py METHOD --gold FILE --out FILE [--models-dir DIR] [--postings N]
       [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

METHODS = ("jobradar", "keyword", "embedding-nearest", "embedding-logreg")
# the posting fields as `jobradar evaluate` passes them (the source too: a whole Hacker News
# comment is labelled through the jobs it lists)
INPUT_FIELDS = ("title", "department", "description", "company", "location", "source")
FAST_METHODS = ("jobradar", "keyword")  # timed on the gold postings replicated to --postings
BATCH = 2000


class Labeller(Protocol):
    def label(self, postings: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]: ...


def pin_to_one_core() -> int:
    """Run this process (and every thread it starts from now on) on one CPU; return its number."""
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return core


def gold_postings(path: Path) -> list[dict[str, str]]:
    """The posting fields of each gold record, without its labels."""
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return [{name: str(record.get(name) or "") for name in INPUT_FIELDS} for record in records]


def build(method: str, models_dir: Path | None) -> tuple[Labeller, dict[str, Any]]:
    """The method's labeller, ready to label, and facts about it for the report."""
    if method == "jobradar":
        from flows.train import current_labeller

        labeller = current_labeller(models_dir)
        card = labeller.card
        return labeller, {"model_version": card["model_version"],
                          "training_examples": card.get("training_examples"),
                          "training_data_sha256": card.get("training_data_sha256")}
    if method == "keyword":
        from keyword_rule import KeywordRule

        return KeywordRule(), {}
    import torch

    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    from sentence_embeddings import PostingEmbeddings, logistic_regression_labeller, nearest_description_labeller

    embeddings = PostingEmbeddings().fit()
    facts = {"torch": torch.__version__, "torch_threads": torch.get_num_threads()}
    if method == "embedding-nearest":
        return nearest_description_labeller(embeddings), facts
    from classifiers.training_data import data_hash
    from flows.train import training_set

    examples = training_set()
    started = time.perf_counter()
    labeller = logistic_regression_labeller(embeddings, examples)
    return labeller, {**facts, "training_examples": len(examples), "training_data_sha256": data_hash(examples),
                      "training_seconds": round(time.perf_counter() - started, 1),
                      "chosen_C": {target: search.best_params_["C"] for target, search in labeller.classifiers.items()}}


def peak_rss_mib() -> float:
    """This process's peak resident set since it started its program (VmHWM). Not ru_maxrss: on
    Linux that keeps the parent's peak across fork and exec, so a small child reports a large parent."""
    status = Path("/proc/self/status").read_text().splitlines()
    return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024


def timed_labelling(labeller: Labeller, postings: list[dict[str, str]], repeats: int) -> dict[str, Any]:
    """Wall and CPU seconds to label `postings` in batches, after a warm-up batch, `repeats` times;
    the rate is the best repeat's, the one least disturbed by other processes on the same core."""
    labeller.label(postings[:64])
    runs = []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        for offset in range(0, len(postings), BATCH):
            labeller.label(postings[offset: offset + BATCH])
        runs.append({"wall_seconds": time.perf_counter() - wall, "cpu_seconds": time.process_time() - cpu})
    best = min(runs, key=lambda run: run["wall_seconds"])
    return {"timed_postings": len(postings), "repeats": runs,
            "postings_per_second": len(postings) / best["wall_seconds"],
            "postings_per_cpu_second": len(postings) / min(run["cpu_seconds"] for run in runs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("method", choices=METHODS)
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--models-dir", type=Path)
    parser.add_argument("--postings", type=int, default=20000,
                        help="fast methods are timed on the gold postings replicated to this many")
    parser.add_argument("--repeats", type=int, default=3, help="timed passes; the best one counts")
    args = parser.parse_args()
    core = pin_to_one_core()
    postings = gold_postings(args.gold)
    labeller, facts = build(args.method, args.models_dir)
    from threadpoolctl import threadpool_info, threadpool_limits

    threadpool_limits(1)
    facts["native_pool_threads"] = sorted({pool["num_threads"] for pool in threadpool_info()})
    labels = labeller.label(postings)
    timed = postings
    if args.method in FAST_METHODS:
        timed = (postings * (args.postings // len(postings) + 1))[: args.postings]
    timing = timed_labelling(labeller, timed, args.repeats)
    peak_mib = peak_rss_mib()
    args.out.write_text(json.dumps({
        "method": args.method, "core": core, "facts": facts, "timing": timing,
        "peak_rss_mib": peak_mib, "labels": labels,
    }, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
