"""`jobradar label`: label postings given as JSON Lines."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from jobradar.jsonlines import dumps, open_output, read_postings
from jobradar.settings import Settings

NAME = "label"
HELP = "label postings given as JSON Lines"
DESCRIPTION = ("Read postings as JSON Lines (each with at least 'title' and 'description'; "
               "optional company, department, location, source) and write the same objects with "
               "ai_tier, is_ai, role, seniority, ai_skills, their confidences and evidence. A whole "
               "Hacker News comment (source 'hackernews' or 'hn', titled by its first line) is "
               "labelled through the jobs it lists: the highest ai_tier among them, the role and "
               "seniority of the first.")
BATCH = 1000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", nargs="?", type=Path, help="input JSON Lines (default: stdin)")
    parser.add_argument("-o", "--output", type=Path, help="output JSON Lines (default: stdout)")
    parser.add_argument("--models-dir", type=Path, help="model directory (default: DATA_DIR/models)")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from flows.train import current_labeller

    postings = read_postings(args.input)
    first = next(postings, None)  # validate the input before loading (or training) a model
    labeller = current_labeller(args.models_dir or settings.models_path())
    batch: list[dict[str, Any]] = [first[1]] if first else []
    with open_output(args.output) as out:
        for _, record in postings:
            if len(batch) >= BATCH:
                out.writelines(dumps({**r, **labels}) for r, labels in zip(batch, labeller.label(batch), strict=True))
                batch.clear()
            batch.append(record)
        out.writelines(dumps({**r, **labels}) for r, labels in zip(batch, labeller.label(batch), strict=True))
    return 0
