"""The scikit-learn models for ai_tier and role: Pipelines of text features and a linear model."""

from __future__ import annotations

import hashlib
import json
import platform
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline

from classifiers.features import text_features
from classifiers.labels import LABEL_SET_VERSION
from classifiers.training_data import Example, data_hash

TARGETS = ("ai_tier", "role")
PARAMS: dict[str, dict[str, Any]] = {
    "ai_tier": {"C": 8.0, "title_weight": 1.5},
    "role": {"C": 10.0, "title_weight": 3.0},
}
SEED = 20261125


def build_pipeline(target: str) -> Pipeline:
    params = PARAMS[target]
    return Pipeline([
        ("features", text_features(title_weight=params["title_weight"])),
        ("classifier", LogisticRegression(C=params["C"], class_weight="balanced", max_iter=3000,
                                          random_state=SEED)),
    ])


def _targets(examples: Sequence[Example], target: str) -> np.ndarray:
    return np.array([getattr(example, target) for example in examples])


def train_models(
    examples: Sequence[Example], cross_validate: bool = True
) -> tuple[dict[str, Pipeline], dict[str, Any]]:
    """Fit one Pipeline per target; return them with a model card (metrics, data hash, versions)."""
    if len(examples) < 20:
        raise ValueError(f"need at least 20 labelled examples to train, got {len(examples)}")
    postings = [example.posting for example in examples]
    bundle: dict[str, Pipeline] = {}
    metrics: dict[str, Any] = {}
    for target in TARGETS:
        y = _targets(examples, target)
        if cross_validate:
            metrics[target] = _cross_validated(postings, y, target)
        bundle[target] = build_pipeline(target).fit(postings, y)
    training_hash = data_hash(examples)
    fingerprint = json.dumps(
        {"data": training_hash, "params": PARAMS, "sklearn": sklearn.__version__,
         "labels": LABEL_SET_VERSION}, sort_keys=True)
    version = "jr-" + hashlib.sha256(fingerprint.encode()).hexdigest()[:10]
    card = {
        "model_version": version,
        "label_set_version": LABEL_SET_VERSION,
        "training_data_sha256": training_hash,
        "training_examples": len(examples),
        "training_origins": dict(Counter(example.origin for example in examples)),
        "label_counts": {target: dict(Counter(_targets(examples, target).tolist()))
                         for target in TARGETS},
        "params": PARAMS,
        "seed": SEED,
        "cross_validation": metrics,
        "library_versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__,
                             "python": platform.python_version()},
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    return bundle, card


def _cross_validated(postings: list[dict[str, str]], y: np.ndarray, target: str) -> dict[str, Any]:
    smallest = min(Counter(y.tolist()).values())
    folds = max(2, min(5, smallest))
    if smallest < 2:
        return {"skipped": "a class has fewer than 2 examples"}
    predicted = cross_val_predict(
        build_pipeline(target), postings, y,
        cv=StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED),
    )
    return {
        "folds": folds,
        "accuracy": round(float(accuracy_score(y, predicted)), 4),
        "macro_f1": round(float(f1_score(y, predicted, average="macro")), 4),
    }
