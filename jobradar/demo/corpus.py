"""The hand-written demo corpus: companies, their postings, and the postings' labels (not served)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from classifiers.training_data import Example, example_from_record

DEMO_DIR = Path(__file__).parent
CORPUS_DIR = DEMO_DIR / "corpus"
LABELS_DIR = DEMO_DIR / "labels"
SOURCES_FILE = DEMO_DIR / "sources.toml"


@dataclass(frozen=True)
class Company:
    board: str
    name: str
    source: str
    industry: str
    offices: tuple[str, ...]


@cache
def companies() -> tuple[Company, ...]:
    records = json.loads((DEMO_DIR / "companies.json").read_text(encoding="utf-8"))
    return tuple(
        Company(r["board"], r["name"], r["source"], r["industry"], tuple(r["offices"]))
        for r in records
    )


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@cache
def postings(board: str) -> tuple[dict[str, Any], ...]:
    """A company's postings as written (markdown-lite descriptions, structured pay)."""
    return tuple(_read_jsonl(CORPUS_DIR / f"{board}.jsonl"))


def labels(board: str) -> dict[str, dict[str, Any]]:
    """The codebook labels of a company's postings, by posting id."""
    return {record["id"]: record for record in _read_jsonl(LABELS_DIR / f"{board}.jsonl")}


def plain_text(markdown_lite: str) -> str:
    """The description as the pipeline's text would read: headings without '## '."""
    return "\n".join(line[3:] if line.startswith("## ") else line
                     for line in markdown_lite.split("\n"))


def training_examples() -> list[Example]:
    """Every demo posting with its labels, as training examples (origin "demo")."""
    examples = []
    for company in companies():
        board_labels = labels(company.board)
        for posting in postings(company.board):
            record = {
                "id": posting["id"],
                "title": posting["title"],
                "department": posting.get("department") or "",
                "description": plain_text(posting["description"]),
                "company": company.name,
                "location": (posting.get("locations") or [""])[0],
                "labels": board_labels[posting["id"]]["labels"],
            }
            examples.append(example_from_record(record, "demo", f"demo:{posting['id']}"))
    return examples
