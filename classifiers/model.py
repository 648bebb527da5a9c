"""The scikit-learn model for ai_tier and role: one Pipeline, shared text features, a linear
classifier per target (MultiOutputClassifier), so a posting is vectorised once."""

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
from sklearn.multioutput import MultiOutputClassifier
from sklearn.pipeline import Pipeline

from classifiers.features import text_features
from classifiers.labels import LABEL_SET_VERSION
from classifiers.persistence import labelling_code_sha256
from classifiers.training_data import Example, data_hash
from jobradar import __version__ as jobradar_version

TARGETS = ("ai_tier", "role")
# is_ai_rule, role_rule, other_floor, listed_jobs: how the Labeller turns probabilities into
# labels (classifiers/labeller.py; docs/decisions.md)
PARAMS: dict[str, Any] = {"C": 10.0, "title_weight": 2.0, "title_role_weight": 1.0,
                          "department_weight": 0.5, "is_ai_rule": "summed",
                          "role_rule": "title_first", "other_floor": 0.5, "listed_jobs": "each"}
SEED = 20261125


def build_pipeline(params: dict[str, Any] | None = None) -> Pipeline:
    params = {**PARAMS, **(params or {})}
    return Pipeline([
        ("features", text_features(title_weight=params["title_weight"],
                                   department_weight=params["department_weight"],
                                   title_role_weight=params["title_role_weight"])),
        ("classifiers", MultiOutputClassifier(LogisticRegression(
            C=params["C"], class_weight=params.get("class_weight", "balanced"), max_iter=3000,
            random_state=SEED))),
    ])


def targets_of(examples: Sequence[Example]) -> np.ndarray:
    """The (n, 2) label matrix: ai_tier, role."""
    return np.array([[example.ai_tier, example.role] for example in examples])


def train_models(
    examples: Sequence[Example], cross_validate: bool = True,
    sample_weight: Sequence[float] | None = None,
) -> tuple[Pipeline, dict[str, Any]]:
    """Fit the model; return it with a model card (metrics, data hash, versions)."""
    if len(examples) < 20:
        raise ValueError(f"need at least 20 labelled examples to train, got {len(examples)}")
    postings = [example.posting for example in examples]
    y = targets_of(examples)
    metrics = _cross_validated(postings, y) if cross_validate else {}
    fit_params = {"classifiers__sample_weight": np.asarray(sample_weight)} if sample_weight is not None else {}
    model = build_pipeline().fit(postings, y, **fit_params)
    training_hash = data_hash(examples)
    code_hash = labelling_code_sha256()
    fingerprint = json.dumps(
        {"data": training_hash, "params": PARAMS, "pipeline": repr(build_pipeline()), "code": code_hash,
         "jobradar": jobradar_version, "sklearn": sklearn.__version__,
         "labels": LABEL_SET_VERSION, "weights": None if sample_weight is None else list(sample_weight)},
        sort_keys=True)
    version = "jr-" + hashlib.sha256(fingerprint.encode()).hexdigest()[:10]
    card = {
        "model_version": version,
        "label_set_version": LABEL_SET_VERSION,
        "training_data_sha256": training_hash,
        "labelling_code_sha256": code_hash,
        "training_examples": len(examples),
        "training_origins": dict(Counter(example.origin for example in examples)),
        "label_counts": {target: dict(Counter(y[:, i].tolist())) for i, target in enumerate(TARGETS)},
        "params": PARAMS,
        "seed": SEED,
        "cross_validation": metrics,
        "library_versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__,
                             "python": platform.python_version()},
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    return model, card


def _cross_validated(postings: list[dict[str, str]], y: np.ndarray) -> dict[str, Any]:
    """5-fold cross-validated accuracy and macro-F1 per target (folds stratified on role)."""
    smallest = min(Counter(y[:, 1].tolist()).values())
    if smallest < 2:
        return {"skipped": "a role has fewer than 2 examples"}
    folds = max(2, min(5, smallest))
    predicted = cross_val_predict(
        build_pipeline(), postings, y,
        cv=StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED).split(postings, y[:, 1]),
    )
    return {
        target: {"folds": folds,
                 "accuracy": round(float(accuracy_score(y[:, i], predicted[:, i])), 4),
                 "macro_f1": round(float(f1_score(y[:, i], predicted[:, i], average="macro")), 4)}
        for i, target in enumerate(TARGETS)
    }
