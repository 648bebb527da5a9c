"""`jobradar evaluate --gold FILE`: measure the current model against labelled postings."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from jobradar.jsonlines import read_postings
from jobradar.settings import Settings

NAME = "evaluate"
HELP = "measure the model against gold labels"
DESCRIPTION = ("Label the postings of a gold JSON Lines file (posting fields plus ai_tier, role, "
               "seniority, ai_skills — at the top level or under 'labels') and print per-class "
               "precision, recall and F1, macro-F1, confusion matrices and the AI-share error "
               "(predicted share of core+applied minus the true share), each headline figure with "
               "a 95% bootstrap interval: how far it could move with another sample of postings.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, required=True, help="labelled postings, JSON Lines")
    parser.add_argument("--models-dir", type=Path, help="model directory (default: DATA_DIR/models)")
    parser.add_argument("--json", type=Path, help="also write the scores as JSON here")
    parser.add_argument("--bootstrap", type=_resamples, default=1000, metavar="N",
                        help="resamples for the headline figures' 95%% intervals (default 1000; 0: none)")


def _resamples(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of resamples (0 or more), got {text!r}")
    return value


def run(args: argparse.Namespace, settings: Settings) -> int:
    from classifiers.evaluation import as_dict, bootstrap_intervals, evaluate, render
    from classifiers.training_data import example_from_record
    from flows.train import current_labeller

    gold = []
    for number, record in read_postings(args.gold, required=("title",)):
        example_from_record(record, "gold", f"{args.gold}:{number}")  # validates the labels
        gold.append(record)
    labeller = current_labeller(args.models_dir or settings.models_path())
    predicted = labeller.label(gold)
    scores = evaluate(gold, predicted)
    intervals = bootstrap_intervals(gold, predicted, resamples=args.bootstrap)
    print(f"model {labeller.version} on {len(gold)} postings of {args.gold}\n")
    print(render(scores, intervals))
    if args.json:
        args.json.write_text(json.dumps({"model_version": labeller.version, "gold": str(args.gold),
                                         "postings": len(gold), "bootstrap_resamples": args.bootstrap,
                                         **as_dict(scores, intervals)}, indent=2))
    return 0
