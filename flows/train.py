"""Train the ai_tier and role models from the bundled labelled data, save them safely."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from prefect import flow, get_run_logger

from classifiers.active_learning import content_key, human_examples
from classifiers.labeller import Labeller
from classifiers.model import train_models
from classifiers.persistence import current_version, load_model, save_model
from classifiers.training_data import Example, bundled_files, load_examples
from classifiers.weak_supervision import weak_examples
from jobradar.demo.corpus import training_examples as demo_examples
from pipeline.dataset import iter_rows


def training_set(extra_files: list[Path] | None = None) -> list[Example]:
    """The demo corpus labels, the bundled training set, then any extra labelled files; plus,
    for each Hacker News comment, a copy titled by its first field only (real comments often
    name just the company in their first line, so the model must find the job in the text)."""
    examples = demo_examples()
    for path in [*bundled_files(), *(extra_files or [])]:
        examples.extend(load_examples(path))
    return examples + [company_titled(e) for e in examples if _is_hacker_news(e)]


def _is_hacker_news(example: Example) -> bool:
    return example.origin.startswith("hn") and "|" in example.posting["title"]


COMPANY_TITLED = "+company-title"  # origin suffix of the company-titled copies of HN comments


def company_titled(example: Example) -> Example:
    company = example.posting["title"].split("|", 1)[0].strip()
    return replace(example, uid=f"{example.uid}#company-title", origin=f"{example.origin}{COMPANY_TITLED}",
                   posting={**example.posting, "title": company})


def train_and_save(models_dir: Path, extra_files: list[Path] | None = None,
                   cross_validate: bool = True, data_dir: Path | None = None,
                   weak: bool = False, weak_weight: float = 0.3) -> dict:
    """Train on the bundled data, extra files, and (from `data_dir`) imported human labels and,
    with `weak`, rule-labelled postings of the dataset at `weak_weight`; save as current."""
    examples = training_set(extra_files)
    if data_dir is not None:
        examples += human_examples(data_dir / "labels")
    weights = [1.0] * len(examples)
    if weak and data_dir is not None:
        labelled = {content_key(e.posting) for e in examples}
        rows = iter_rows(data_dir, columns=["posting_id", "title", "department", "description",
                                            "company", "location"])
        extra = weak_examples(rows, exclude=labelled)
        examples += extra
        weights += [weak_weight] * len(extra)
    model, card = train_models(examples, cross_validate=cross_validate,
                               sample_weight=weights if weak else None)
    save_model(model, card, models_dir)
    return card


@flow(name="train", log_prints=True)
def train(models_dir: str = "data/models", extra_files: list[str] | None = None) -> dict:
    """Fit the models on the labelled data and make them the current model."""
    card = train_and_save(Path(models_dir), [Path(p) for p in extra_files or []])
    get_run_logger().info("trained %s on %d examples", card["model_version"],
                          card["training_examples"])
    return card


def current_labeller(models_dir: Path) -> Labeller:
    """The current model's labeller; on first use, train one from the bundled data."""
    if current_version(models_dir) is None:
        print(f"no model in {models_dir} yet: training one from the bundled labelled data")
        train_and_save(models_dir, cross_validate=False)
    bundle, card = load_model(models_dir)
    return Labeller(bundle, card)
