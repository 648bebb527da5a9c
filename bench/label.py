"""Labelling speed and memory: jobradar's labeller beside the keyword rule and the MiniLM embedding
baseline, on the same postings (issue 7); writes the `## Labelling` section for BENCHMARKS.md.

Usage: .venv/bin/python bench/label.py [--postings 50000] [--runs 3] [--embedding-postings 500]
       [--labellers jobradar,keyword,embedding] [--out data/bench/label.md]
       [--json data/bench/label.json] [--models-dir DIR]

The postings are the 50,000 that the crawl benchmark serves (bench/synthetic.py's default
SyntheticBoards, 2,000 boards × 25: demo-corpus postings, each with its own reference line and,
every third, an "(N openings)" title), as posting dicts. Each labeller runs in its own child
process, measured by bench/measure.py (wall, CPU, peak RSS); the child loads the postings, then
its model, then labels in batches of 2,000 as the pipeline does, and prints its own timings as
JSON, so labelling is reported apart from loading. Runs go in rounds (each labeller once per
round); a ratio compares figures of the same round. The embedding baseline is some 10,000 times
slower: it labels the first --embedding-postings of the same postings, and the table says so.
A last child profiles jobradar's labeller (cProfile) for "What limits it".
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import hashlib
import json
import os
import pstats
import shlex
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from measure import ROOT, machine_line, measure, median

LABELLERS = ("jobradar", "keyword", "embedding")
BASELINE = "keyword"
NAMES = {"jobradar": "jobradar (current model)", "keyword": "keyword rule (trackers' style)",
         "embedding": "MiniLM, nearest label description"}
SHORT_NAMES = {"jobradar": "jobradar", "keyword": "keyword rule", "embedding": "MiniLM"}
BATCH = 2000  # flows/partition.py labels in batches of this size
BOARDS, PER_BOARD = 2000, 25  # bench/synthetic.py's default boards
TARGET_PER_CORE = 2000  # postings per CPU-second (issue 7)
PROFILED_POSTINGS = 5000
PARTS = {"title": "title words TF-IDF", "title_chars": "title character n-gram TF-IDF",
         "department": "department TF-IDF", "description": "description TF-IDF",
         "taxonomy": "taxonomy placement features", "title_role": "title-rule role features"}
CHILD_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}


def bench_postings(count: int) -> list[dict[str, str]]:
    """The first `count` postings of the synthetic boards, as the fields a labeller reads; the same
    choice of posting per (board, slot) and the same per-copy changes as bench/synthetic.py."""
    from synthetic import _hash

    from jobradar.demo.corpus import companies, postings

    corpus = [(company, posting) for company in companies() for posting in postings(company.board)]
    out = []
    for index in range(count):
        board, slot = divmod(index, PER_BOARD)
        key = f"bench{board:05d}-{slot:03d}"
        company, posting = corpus[_hash(key) % len(corpus)]
        title = f"{posting['title']} ({slot % 7 + 1} openings)" if slot % 3 == 0 else posting["title"]
        out.append({"title": title, "department": posting.get("department") or "",
                    "description": f"{posting['description']}\n\nReference {key}.",
                    "company": f"Company {board:05d}", "location": ", ".join(posting.get("locations") or ())})
    return out


def load_labeller(name: str, models_dir: Path) -> tuple[Any, dict[str, Any]]:
    """The labeller, ready to label, and facts about it."""
    if name == "jobradar":
        from flows.train import current_labeller

        labeller = current_labeller(models_dir)
        return labeller, {"model_version": labeller.version}
    if name == "keyword":
        from keyword_rule import KeywordRule

        return KeywordRule(), {}
    import torch
    from sentence_embeddings import PostingEmbeddings, nearest_description_labeller

    return nearest_description_labeller(PostingEmbeddings().fit()), {"torch_threads": torch.get_num_threads()}


def label_all(labeller: Any, postings: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    labels: list[dict[str, Any]] = []
    for offset in range(0, len(postings), BATCH):
        labels.extend(labeller.label(postings[offset:offset + BATCH]))
    return labels


def timed(step: Callable[[], Any]) -> tuple[Any, float, float]:
    """step's result, wall seconds, CPU seconds (this process, all its threads)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = step()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def child(name: str, count: int, models_dir: Path) -> dict[str, Any]:
    """One measured run: load the postings, load the labeller, label; the timings of each step."""
    postings, postings_wall, _ = timed(lambda: bench_postings(count))
    (labeller, facts), load_wall, load_cpu = timed(lambda: load_labeller(name, models_dir))
    labels, label_wall, label_cpu = timed(lambda: label_all(labeller, postings))
    digest = hashlib.sha256(json.dumps(labels, sort_keys=True, default=str).encode()).hexdigest()
    return {"labeller": name, "postings": len(postings), "postings_seconds": postings_wall,
            "load_wall_seconds": load_wall, "load_cpu_seconds": load_cpu,
            "label_wall_seconds": label_wall, "label_cpu_seconds": label_cpu,
            "labels_sha256": digest, **facts}


def profile_child(count: int, models_dir: Path) -> dict[str, Any]:
    """Where jobradar's labeller spends its time: the stages Labeller._label_each calls
    directly, from cProfile; the model's part of it split by timing each feature block and the
    logistic regressions on their own (CPU seconds, no profiler), as shares of a plain run."""
    from classifiers.features import TAXONOMY_KEY
    from classifiers.labeller import _model_input

    postings = bench_postings(count)
    labeller, _ = load_labeller("jobradar", models_dir)
    labeller.label(postings[:100])
    _, _, plain_cpu = timed(lambda: label_all(labeller, postings))
    profile = cProfile.Profile()
    profile.enable()
    label_all(labeller, postings)
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    [top] = [key for key in stats if key[2] == "_label_each"]
    stages = {_stage_name(key): callers[top][3] for key, (*_, callers) in stats.items() if top in callers}
    stages["labeller's own loop"] = stats[top][2]
    features, classifiers = labeller.model.named_steps["features"], labeller.model.named_steps["classifiers"]
    parts: dict[str, float] = {}
    for start in range(0, len(postings), BATCH):
        batch = [_model_input(posting) for posting in postings[start:start + BATCH]]
        for posting in batch:  # as the labeller does: the taxonomy features reuse its scan
            posting[TAXONOMY_KEY] = (labeller.taxonomy.occurrences(posting["title"]),
                                     labeller.taxonomy.occurrences(posting["description"]))
        for part, transformer in features.transformer_list:
            _, _, cpu = timed(lambda transformer=transformer, batch=batch: transformer.transform(batch))
            parts[part] = parts.get(part, 0.0) + cpu
        matrix = features.transform(batch)
        _, _, cpu = timed(lambda matrix=matrix: classifiers.predict_proba(matrix))
        parts["logistic regressions"] = parts.get("logistic regressions", 0.0) + cpu
    return {"postings": count, "plain_cpu_seconds": plain_cpu, "profiled_seconds": stats[top][3],
            "stages": stages, "model_parts_cpu_seconds": parts, "top_functions": _top_functions(stats, 8)}


def _stage_name(key: tuple[str, int, str]) -> str:
    names = {"occurrences": "taxonomy term scan (RE2)", "predict_proba": "model (features, then logistic regressions)",
             "summarise": "taxonomy summary", "seniority_from_title": "seniority rules",
             "_choose_role": "role choice", "_choose_tier": "ai_tier choice", "<listcomp>": "posting fields"}
    return names.get(key[2], f"{Path(key[0]).name}:{key[2]}")


def _top_functions(stats: Mapping[tuple[str, int, str], tuple], count: int) -> list[dict[str, Any]]:
    ordered = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)[:count]
    return [{"function": key[2] if key[0] == "~" else f"{_short(key[0])}:{key[1]}({key[2]})",
             "own_seconds": values[2], "calls": values[1]}
            for key, values in ordered]


def _short(filename: str) -> str:
    for marker in ("site-packages/", str(ROOT) + "/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def ensure_model(models_dir: Path) -> dict[str, Any]:
    """Train jobradar's model from the bundled data into `models_dir` unless it has one (not timed)."""
    from flows.train import current_labeller

    with contextlib.redirect_stdout(sys.stderr):
        return {"model_version": current_labeller(models_dir).version}


def run_child(arguments: list[str], log: Path) -> tuple[dict[str, Any], Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", *arguments]
    measured = measure(command, env={**os.environ, **CHILD_ENV}, log=log)
    return json.loads(measured.output.strip().splitlines()[-1]), measured


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def benchmark(args: argparse.Namespace) -> dict[str, Any]:
    labellers = [name.strip() for name in args.labellers.split(",") if name.strip()]
    unknown = sorted(set(labellers) - set(LABELLERS))
    if unknown or BASELINE not in labellers:
        raise SystemExit(f"label.py: --labellers must include {BASELINE} and name only {', '.join(LABELLERS)}"
                         f"{'; unknown: ' + ', '.join(unknown) if unknown else ''}")
    if args.postings < 1 or args.runs < 1 or args.embedding_postings < 1:
        raise SystemExit("label.py: --postings, --runs and --embedding-postings must be at least 1")
    if args.runs < 3:
        print("label.py: fewer than 3 runs: medians of fewer than 3 are not reportable", file=sys.stderr)
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="jobradar-bench-label-"))
    models_dir = args.models_dir or workdir / "models"
    log = workdir / "children.log"
    # in a child too: a child's peak RSS (ru_maxrss) starts from its parent's, so this one stays small
    run_child(["model", "--postings", "0", "--models-dir", str(models_dir)], log)
    sizes = {name: min(args.embedding_postings, args.postings) if name == "embedding" else args.postings
             for name in labellers}
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in labellers}
    loads = [load_average()]
    for round_number in range(1, args.runs + 1):
        for name in labellers:
            print(f"round {round_number}/{args.runs}: {name} on {sizes[name]:,} postings …",
                  file=sys.stderr, flush=True)
            timings, measured = run_child([name, "--postings", str(sizes[name]),
                                           "--models-dir", str(models_dir)], log)
            runs[name].append({**timings, "round": round_number, "total_wall_seconds": measured.wall,
                               "total_cpu_seconds": measured.cpu, "peak_rss_mib": measured.peak_rss_mib})
        loads.append(load_average())
    print("profiling jobradar's labeller …", file=sys.stderr, flush=True)
    profile, _ = run_child(["profile", "--postings", str(min(PROFILED_POSTINGS, args.postings)),
                            "--models-dir", str(models_dir)], log)
    shutil.rmtree(workdir, ignore_errors=True)  # kept on failure: its children.log says why
    return {"command": shlex.join([_relative(sys.executable), *sys.argv]), "machine": machine_line(),
            "postings": args.postings, "sizes": sizes, "runs": runs, "summary": summarise(runs),
            "profile": profile, "load_averages": loads,
            "models": str(args.models_dir) if args.models_dir else "trained from the bundled labelled data",
            "seconds": round(time.perf_counter() - started, 1)}


def _relative(path: str) -> str:
    relative = os.path.relpath(path, ROOT)
    return path if relative.startswith("..") else relative


def summarise(runs: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, dict[str, Any]]:
    """Medians over runs; each ratio is taken between rates of the same round, then its median."""
    baseline = {run["round"]: run for run in runs[BASELINE]}
    out = {}
    for name, measured in runs.items():
        per_wall = [run["postings"] / run["label_wall_seconds"] for run in measured]
        per_cpu = [run["postings"] / run["label_cpu_seconds"] for run in measured]
        ratios = [(run["label_cpu_seconds"] / run["postings"])
                  / (baseline[run["round"]]["label_cpu_seconds"] / baseline[run["round"]]["postings"])
                  for run in measured if run["round"] in baseline]
        out[name] = {"runs": len(measured), "postings": measured[0]["postings"],
                     "per_wall_second": median(per_wall), "per_cpu_second": median(per_cpu),
                     "per_wall_second_range": [min(per_wall), max(per_wall)],
                     "load_wall_seconds": median([run["load_wall_seconds"] for run in measured]),
                     "label_wall_seconds": median([run["label_wall_seconds"] for run in measured]),
                     "peak_rss_mib": median([run["peak_rss_mib"] for run in measured]),
                     "cpu_time_ratio_to_baseline": median(ratios),
                     "identical_labels": len({run["labels_sha256"] for run in measured}) == 1,
                     **{key: measured[0][key] for key in ("model_version", "torch_threads") if key in measured[0]}}
    return out


def markdown(result: Mapping[str, Any]) -> str:
    summary, sizes, total = result["summary"], result["sizes"], result["postings"]
    lines = ["## Labelling", "",
             f"command: `{result['command']}`  ",
             f"machine: {result['machine']}; load average (1, 5, 15 min) before and after each round: "
             + " → ".join(result["load_averages"]), "",
             "| labeller | postings | postings/s (wall) | postings/s per CPU-second (per core) | "
             "peak RSS (MiB) | CPU time per posting, × the keyword rule's in the same round |",
             "|---|---:|---:|---:|---:|---:|"]
    for name, figures in summary.items():
        subset = "" if sizes[name] == total else f" (the first {sizes[name]:,} of the {total:,}) †"
        lines.append(f"| {NAMES[name]} | {figures['postings']:,}{subset} | {figures['per_wall_second']:,.0f} "
                     f"| {figures['per_cpu_second']:,.0f} | {figures['peak_rss_mib']:,.0f} "
                     f"| {_ratio(figures['cpu_time_ratio_to_baseline'])} |")
    lines += ["", *notes(result)]
    return "\n".join(lines) + "\n"


def _ratio(value: float) -> str:
    return f"{value:,.0f}×" if value >= 10 else f"{value:.1f}×"


def notes(result: Mapping[str, Any]) -> list[str]:
    summary, runs = result["summary"], next(iter(result["runs"].values()))
    lines = [f"Every figure is the median of {len(runs)} runs. Rates count labelling only: each labeller runs "
             "in its own process, which first loads the postings and its model (not counted; the median load "
             "took " + ", ".join(f"{SHORT_NAMES[name]} {figures['load_wall_seconds']:.1f} s"
                                 for name, figures in summary.items())
             + "), then labels in batches of 2,000. Peak RSS is the whole process's, loading included. "
             "Per CPU-second is what one core does, little affected by other processes; per wall second "
             "is slowed by other processes competing for the cores (see the load average)."]
    if "jobradar" in summary:
        jobradar = summary["jobradar"]
        met = jobradar["per_cpu_second"] >= TARGET_PER_CORE
        lines.append(f"jobradar labels everything `jobradar label` writes (ai_tier, is_ai, role, seniority, "
                     f"ai_skills, with confidences and evidence), model {jobradar.get('model_version', '?')} "
                     f"({result['models']}). "
                     f"**Target (≥ {TARGET_PER_CORE:,} postings/s per core): "
                     f"{'met' if met else 'not met'}** — {jobradar['per_cpu_second']:,.0f} per CPU-second.")
    if "embedding" in summary:
        embedding = summary["embedding"]
        lines.append(f"† The embedding baseline (all-MiniLM-L6-v2 on the CPU, torch with "
                     f"{embedding.get('torch_threads', '?')} threads; ai_tier and role from the nearest label "
                     f"description) labels only the first {embedding['postings']:,} of the same postings, to keep "
                     "`make bench` within its time budget; its rates are measured on those, not extrapolated. "
                     "The logistic-regression variant of issue 4 embeds the same way, so it labels at about the "
                     "same rate, after embedding its training set first.")
    lines.append("Labels identical in every run: " + ", ".join(
        f"{SHORT_NAMES[name]} {'yes' if figures['identical_labels'] else 'NO'}" for name, figures in summary.items())
        + f". The whole labelling benchmark took {result['seconds']:.0f} s.")
    lines += ["", "### What limits it", "", limits(result["profile"])]
    return lines


def limits(profile: Mapping[str, Any]) -> str:
    """One paragraph from the profile: the stages by share of the time, the slowest first."""
    total, plain = profile["profiled_seconds"], profile["plain_cpu_seconds"]
    stages = sorted(profile["stages"].items(), key=lambda item: item[1], reverse=True)
    parts = sorted(profile["model_parts_cpu_seconds"].items(), key=lambda item: item[1], reverse=True)
    top = profile["top_functions"][:3]
    return (f"cProfile of jobradar's labeller on {profile['postings']:,} of the postings (stages as shares of "
            f"{total:.1f} s under the profiler): "
            + ", ".join(f"{name} {100 * seconds / total:.0f}%" for name, seconds in stages if seconds / total >= 0.01)
            + f". Timed on their own without the profiler, as shares of a plain run ({plain:.1f} CPU-s), "
            "the model's parts are: "
            + ", ".join(f"{PARTS.get(name, name)} {100 * seconds / plain:.0f}%" for name, seconds in parts
                        if seconds / plain >= 0.01)
            + f". So the slowest stage is the {stages[0][0]}, and within it the {PARTS.get(parts[0][0], parts[0][0])}"
            f" ({100 * parts[0][1] / plain:.0f}% of all labelling time)"
            + ". Most time of their own (profiler): "
            + "; ".join(f"`{item['function']}` {100 * item['own_seconds'] / total:.0f}%" for item in top) + ".")


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postings", type=int, default=BOARDS * PER_BOARD)
    parser.add_argument("--runs", type=int, default=3, help="measured runs per labeller; figures are medians")
    parser.add_argument("--embedding-postings", type=int, default=500,
                        help="the embedding baseline labels the first this many of the postings")
    parser.add_argument("--labellers", default=",".join(LABELLERS),
                        help="comma-separated, from: " + ", ".join(LABELLERS))
    parser.add_argument("--out", type=Path, default=Path("data/bench/label.md"))
    parser.add_argument("--json", type=Path, default=Path("data/bench/label.json"))
    parser.add_argument("--models-dir", type=Path, help="jobradar models dir (default: train one into a temporary dir)")
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = parse_arguments()
    if args.child is not None:
        role = args.child[0]
        child_args = parse_child(args.child[1:])
        if role == "model":
            result = ensure_model(child_args.models_dir)
        elif role == "profile":
            result = profile_child(child_args.postings, child_args.models_dir)
        else:
            result = child(role, child_args.postings, child_args.models_dir)
        print(json.dumps(result))
        return
    result = benchmark(args)
    for path, text in ((args.out, markdown(result)), (args.json, json.dumps(result, indent=2))):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(markdown(result))


def parse_child(arguments: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="label.py --child LABELLER")
    parser.add_argument("--postings", type=int, required=True)
    parser.add_argument("--models-dir", type=Path, required=True)
    return parser.parse_args(arguments)


if __name__ == "__main__":
    main()
