"""Choose the model's settings without the gold set: leave-one-chunk-out cross-validation.

Each chunk of the training data (demo, hn, raw, intl, business, …) was written in its own style;
holding one out at a time and labelling it with a model trained on the others, through the same
Labeller that the pipeline uses, measures how the settings carry over to postings written
differently — the question the gold set asks, without looking at it.

With --real-dev (postings written by `bench/real_dev.py`: real postings labelled by the team,
not the gold set), each candidate is also trained on all the training data and scored there:
real text is what the training chunks, all written for the project, cannot stand in for.

Usage: .venv/bin/python bench/select_model.py [--candidates NAME,…] [--jobs 2] [--json FILE]
       [--real-dev data/real-dev.jsonl]

Prints, per candidate, the pooled scores over all held-out chunks (is_ai F1, AI-share error,
ai_tier macro-F1, role accuracy and macro-F1) and the worst chunk's is_ai F1; then the scores on
the real dev set.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from joblib import Parallel, delayed

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classifiers.evaluation import evaluate, headline  # noqa: E402
from classifiers.labeller import Labeller  # noqa: E402
from classifiers.model import PARAMS, build_pipeline, targets_of  # noqa: E402
from classifiers.training_data import Example  # noqa: E402
from flows.train import COMPANY_TITLED, training_set  # noqa: E402

# name → model parameters that differ from classifiers/model.py's PARAMS (the chosen ones)
CANDIDATES: dict[str, dict[str, Any]] = {
    "chosen": {},
    "whole comments": {"listed_jobs": "whole"},
    "before 2026-11-26": {"is_ai_rule": "argmax", "role_rule": "model", "other_floor": 0.0,
                          "listed_jobs": "whole"},
    "is_ai by argmax": {"is_ai_rule": "argmax"},
    "role by the model": {"role_rule": "model"},
    "no other floor": {"other_floor": 0.0},
    "C=3": {"C": 3.0},
    "C=30": {"C": 30.0},
    "unweighted classes": {"class_weight": None},
    "title_weight=1": {"title_weight": 1.0},
    "title_weight=3": {"title_weight": 3.0},
}


def labeller_for(examples: Sequence[Example], params: dict[str, Any]) -> Labeller:
    """A Labeller of a model fitted on `examples` with `params`, its rules from them too."""
    model = build_pipeline(params).fit([e.posting for e in examples], targets_of(examples))
    return Labeller(model, {"model_version": "selection", "params": {**PARAMS, **params}})


HACKER_NEWS_CHUNKS = frozenset({"hn", "hnthread"})


def chunk_of(example: Example) -> str:
    """The chunk an example was written in: its origin up to the first '-' or '+'."""
    return example.origin.split("+", 1)[0].split("-", 1)[0]


def held_out(examples: Sequence[Example], chunk: str, params: dict[str, Any],
             ) -> tuple[list[dict], list[dict]]:
    """(gold records, predicted labels) for `chunk`, from a model trained on the other chunks."""
    train = [e for e in examples if chunk_of(e) != chunk]
    # the company-titled copies of Hacker News comments are training aids, not postings to score
    test = [e for e in examples if chunk_of(e) == chunk and not e.origin.endswith(COMPANY_TITLED)]
    # the Hacker News chunks are whole comments, as a Hacker News source gives them
    source = {"source": "hackernews"} if chunk in HACKER_NEWS_CHUNKS else {}
    predicted = labeller_for(train, params).label([{**e.posting, **source} for e in test])
    gold = [{"ai_tier": e.ai_tier, "role": e.role, "seniority": e.seniority} for e in test]
    return gold, predicted


def on_real_dev(examples: Sequence[Example], real_dev: list[dict], params: dict[str, Any],
                ) -> dict[str, float]:
    return summary(real_dev, labeller_for(examples, params).label(real_dev))


def summary(gold: list[dict], predicted: list[dict]) -> dict[str, float]:
    scores = headline(evaluate(gold, predicted, ("is_ai", "ai_tier", "role")))
    return {key: round(value, 4) for key, value in scores.items()
            if key in ("is_ai_f1", "ai_share_error_points", "ai_tier_macro_f1", "role_accuracy",
                       "role_macro_f1")}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", default=",".join(CANDIDATES),
                        help=f"comma-separated, from: {', '.join(CANDIDATES)}")
    parser.add_argument("--jobs", type=int, default=2, help="parallel fits (default 2)")
    parser.add_argument("--json", type=Path, help="also write the scores as JSON here")
    parser.add_argument("--real-dev", type=Path,
                        help="also score on these labelled real postings (bench/real_dev.py writes them)")
    args = parser.parse_args(argv)
    names = [name.strip() for name in args.candidates.split(",") if name.strip()]
    unknown = [name for name in names if name not in CANDIDATES]
    if unknown:
        parser.error(f"unknown candidates {unknown}; known: {', '.join(CANDIDATES)}")
    real_dev = None
    if args.real_dev:
        if not args.real_dev.is_file():
            parser.error(f"{args.real_dev} does not exist: write it with bench/real_dev.py")
        real_dev = [json.loads(line) for line in args.real_dev.read_text(encoding="utf-8").splitlines()
                    if line.strip()]
    examples = training_set()
    chunks = sorted({chunk_of(e) for e in examples})
    print(f"{len(examples)} examples in {len(chunks)} chunks: {', '.join(chunks)}")
    results: dict[str, Any] = {}
    for name in names:
        params = CANDIDATES[name]
        runs = Parallel(n_jobs=args.jobs)(
            delayed(held_out)(examples, chunk, params) for chunk in chunks)
        gold = [g for run in runs for g in run[0]]
        predicted = [p for run in runs for p in run[1]]
        per_chunk = {chunk: summary(*run) for chunk, run in zip(chunks, runs, strict=True)}
        pooled = summary(gold, predicted)
        pooled["worst_chunk_is_ai_f1"] = min(s["is_ai_f1"] for s in per_chunk.values())
        pooled["mean_abs_chunk_share_error"] = round(float(np.mean(
            [abs(s["ai_share_error_points"]) for s in per_chunk.values()])), 4)
        results[name] = {"pooled": pooled, "per_chunk": per_chunk}
        print(name, json.dumps(pooled), flush=True)
        if real_dev is not None:
            results[name]["real_dev"] = on_real_dev(examples, real_dev, params)
            print(f"{name} on the real dev set", json.dumps(results[name]["real_dev"]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
