"""Training is reproducible: the same data gives the same model version and the same labels."""

from __future__ import annotations

import json
from pathlib import Path

from classifiers.labeller import Labeller
from classifiers.persistence import CARD_FILE, current_version, load_model
from flows.train import train_and_save


def test_training_again_gives_the_same_version_and_labels(models_dir: Path, tmp_path: Path) -> None:
    card = train_and_save(tmp_path, cross_validate=False)
    assert card["model_version"] == current_version(models_dir)
    first, again = Labeller(*load_model(models_dir)), Labeller(*load_model(tmp_path))
    postings = [{"title": "Applied Scientist, Search", "description": "Ranking models in PyTorch."},
                {"title": "Payroll Specialist", "description": "Run payroll for 3 countries."},
                {"title": "Account Executive", "description": "Sell our LLM platform to banks."}]
    assert first.label(postings) == again.label(postings)


def test_the_model_card_says_what_the_model_was_trained_on(models_dir: Path) -> None:
    card = json.loads((models_dir / current_version(models_dir) / CARD_FILE).read_text())
    assert len(card["training_data_sha256"]) == 64 and len(card["model_sha256"]) == 64
    assert card["training_examples"] >= 2000
    assert {"demo", "hn"} <= {origin.split("-")[0] for origin in card["training_origins"]}
    assert set(card["label_counts"]) == {"ai_tier", "role"}
    assert card["label_set_version"] and card["seed"]
