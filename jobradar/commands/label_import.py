"""`jobradar label import FILE`: store human labels for the next training."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jobradar.arguments import add_data_dir
from jobradar.jsonlines import read_postings
from jobradar.settings import Settings

NAME = "label import"
HELP = "store human labels for the next `jobradar train`"
DESCRIPTION = ("Read annotated postings (as written by `jobradar label export`, with 'labels' filled "
               "in: ai_tier, role, seniority, ai_skills per docs/LABELS.md), check every label "
               "against the codebook — one bad line rejects the file, naming the line — and store "
               "them under DATA_DIR/labels/. The next `jobradar train` uses them; a posting labelled "
               "again later keeps its newest label.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="annotated JSON Lines")
    add_data_dir(parser)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from classifiers.active_learning import import_labels

    data_dir = args.data_dir or settings.data_dir
    records = [(f"{args.file}:{number}", record)
               for number, record in read_postings(args.file, required=("title",))]
    target = import_labels(records, data_dir / "labels")
    print(f"jobradar: stored {len(records)} labelled postings in {target}; "
          "run `jobradar train` to use them", file=sys.stderr)
    return 0
