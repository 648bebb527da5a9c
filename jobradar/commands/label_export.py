"""`jobradar label export --uncertain N -o FILE`: postings for people to label."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jobradar.arguments import add_data_dir, iso_date
from jobradar.errors import DataError
from jobradar.jsonlines import dumps, open_output
from jobradar.settings import Settings

NAME = "label export"
HELP = "write the postings the model is least sure of, for annotation"
DESCRIPTION = ("Score every posting of the dataset (or of --start..--end) with the current model and "
               "write the N it is least sure of (smallest margin between its top two ai_tier or role "
               "probabilities), one per distinct text, skipping texts already labelled by people. Each "
               "line has the posting, the model's suggestion and empty 'labels' to fill in per "
               "docs/LABELS.md; `jobradar label import` takes the file back.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--uncertain", type=int, required=True, metavar="N", help="how many postings")
    parser.add_argument("-o", "--output", type=Path, help="output JSON Lines (default: stdout)")
    add_data_dir(parser)
    parser.add_argument("--models-dir", type=Path, help="model directory (default: DATA_DIR/models)")
    parser.add_argument("--start", type=iso_date, help="first run date to consider")
    parser.add_argument("--end", type=iso_date, help="last run date to consider")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from classifiers.active_learning import annotation_record, content_key, human_examples, least_sure
    from flows.train import current_labeller
    from pipeline.dataset import iter_rows, partition_dates

    data_dir = args.data_dir or settings.data_dir
    if args.uncertain <= 0:
        raise DataError("--uncertain must be a positive number of postings")
    if not partition_dates(data_dir):
        raise DataError(f"{data_dir}: no dataset partitions to choose from; run `jobradar run` first")
    labeller = current_labeller(args.models_dir or settings.models_path(data_dir))
    labelled = {content_key(e.posting) for e in human_examples(data_dir / "labels")}
    rows = list(iter_rows(data_dir, columns=["posting_id", "title", "department", "description",
                                             "company", "location", "url"],
                          start=args.start, end=args.end))
    chosen = least_sure(labeller, rows, args.uncertain, exclude=labelled)
    with open_output(args.output) as out:
        for margin, posting, suggested in chosen:
            out.write(dumps(annotation_record(posting, margin, suggested)))
    print(f"jobradar: {len(chosen)} postings for annotation (of {len(rows)} rows)"
          + (f" -> {args.output}" if args.output else ""), file=sys.stderr)
    return 0
