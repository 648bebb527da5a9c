"""`jobradar train`: fit the classifier on the bundled labelled data."""

from __future__ import annotations

import argparse
from pathlib import Path

from jobradar.errors import DataError
from jobradar.settings import Settings

NAME = "train"
HELP = "train the classifier on the bundled labelled data"
DESCRIPTION = ("Fit the ai_tier and role models on the demo labels, the bundled training set and "
               "any --extra files; save them (skops + SHA-256 + model card) and make them current.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--extra", type=Path, action="append", default=[],
                        help="further labelled JSON Lines (repeatable)")
    parser.add_argument("--models-dir", type=Path, help="model directory (default: DATA_DIR/models)")
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from flows.train import train_and_save

    for path in args.extra:
        if not path.exists():
            raise DataError(f"{path}: file not found")
    models_dir = args.models_dir or settings.models_path()
    card = train_and_save(models_dir, args.extra, cross_validate=not args.no_cv)
    print(f"trained {card['model_version']} on {card['training_examples']} examples "
          f"-> {models_dir / card['model_version']}")
    for target, metrics in card["cross_validation"].items():
        print(f"  {target}: cross-validated {metrics}")
    return 0
