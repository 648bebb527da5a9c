"""`jobradar train`: fit the classifier on the bundled labelled data."""

from __future__ import annotations

import argparse
from pathlib import Path

from jobradar.errors import DataError
from jobradar.settings import Settings

NAME = "train"
HELP = "train the classifier on the bundled labelled data"
DESCRIPTION = ("Fit the ai_tier and role model on the demo labels, the bundled training set, human "
               "labels imported with `jobradar label import` (DATA_DIR/labels/) and any --extra "
               "files; with --weak, also on dataset postings labelled by the transparent rules "
               "(hand labels win). Seeds are fixed: the same data gives the same model version. "
               "Saves it (skops + SHA-256 + model card) and makes it current.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--extra", type=Path, action="append", default=[],
                        help="further labelled JSON Lines (repeatable)")
    parser.add_argument("--models-dir", type=Path, help="model directory (default: DATA_DIR/models)")
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation")
    parser.add_argument("--data-dir", type=Path,
                        help="dataset root for human labels and --weak (default: $JOBRADAR_DATA_DIR or ./data)")
    parser.add_argument("--weak", action="store_true",
                        help="add rule-labelled postings of the dataset (weak supervision)")
    parser.add_argument("--weak-weight", type=float, default=0.3,
                        help="sample weight of a rule-labelled posting (default 0.3; hand labels weigh 1)")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from flows.train import train_and_save

    for path in args.extra:
        if not path.exists():
            raise DataError(f"{path}: file not found")
    data_dir = args.data_dir or settings.data_dir
    if not 0 < args.weak_weight <= 1:
        raise DataError(f"--weak-weight {args.weak_weight}: must be above 0 and at most 1")
    models_dir = args.models_dir or settings.models_path(data_dir)
    card = train_and_save(models_dir, args.extra, cross_validate=not args.no_cv, data_dir=data_dir,
                          weak=args.weak, weak_weight=args.weak_weight)
    origins = ", ".join(f"{origin} {n}" for origin, n in sorted(_grouped(card["training_origins"]).items()))
    print(f"trained {card['model_version']} on {card['training_examples']} examples ({origins}) "
          f"-> {models_dir / card['model_version']}")
    for target, metrics in card["cross_validation"].items():
        print(f"  {target}: cross-validated {metrics}")
    return 0


def _grouped(origins: dict[str, int]) -> dict[str, int]:
    """Training-set chunks ("hn-a", "hn-b", …) counted as one origin ("hn")."""
    grouped: dict[str, int] = {}
    for origin, count in origins.items():
        key = origin.split("-")[0].split("+")[0]
        grouped[key] = grouped.get(key, 0) + count
    return grouped
