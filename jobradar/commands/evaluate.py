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
               "(predicted share of core+applied minus the true share).")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, required=True, help="labelled postings, JSON Lines")
    parser.add_argument("--models-dir", type=Path, help="model directory (default: DATA_DIR/models)")
    parser.add_argument("--json", type=Path, help="also write the scores as JSON here")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from classifiers.evaluation import as_dict, evaluate, render
    from classifiers.training_data import example_from_record
    from flows.train import current_labeller

    gold = []
    for number, record in read_postings(args.gold, required=("title",)):
        example_from_record(record, "gold", f"{args.gold}:{number}")  # validates the labels
        gold.append(record)
    labeller = current_labeller(args.models_dir or settings.models_path())
    scores = evaluate(gold, labeller.label(gold))
    print(f"model {labeller.version} on {len(gold)} postings of {args.gold}\n")
    print(render(scores))
    if args.json:
        args.json.write_text(json.dumps({"model_version": labeller.version, "gold": str(args.gold),
                                         "postings": len(gold), **as_dict(scores)}, indent=2))
    return 0
