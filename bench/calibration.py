"""Are the model's probabilities calibrated? Expected calibration error under 5-fold
cross-validation on the bundled training data, for the plain logistic regression and for it
wrapped in CalibratedClassifierCV (sigmoid).

Usage: .venv/bin/python bench/calibration.py   (a few minutes on 2 cores)
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.multioutput import MultiOutputClassifier
from sklearn.pipeline import Pipeline

from classifiers.model import PARAMS, SEED, build_pipeline, targets_of
from flows.train import training_set


def expected_calibration_error(probabilities: np.ndarray, classes: list[str], truth: np.ndarray,
                               bins: int = 10) -> tuple[float, float]:
    """(ECE over equal-width confidence bins, accuracy)."""
    confidence = probabilities.max(axis=1)
    correct = np.array(classes)[probabilities.argmax(axis=1)] == truth
    error = 0.0
    for low in np.linspace(0, 1, bins, endpoint=False):
        in_bin = (confidence > low) & (confidence <= low + 1 / bins)
        if in_bin.any():
            error += in_bin.mean() * abs(correct[in_bin].mean() - confidence[in_bin].mean())
    return float(error), float(correct.mean())


def sigmoid_calibrated() -> Pipeline:
    return build_pipeline().set_params(classifiers=MultiOutputClassifier(CalibratedClassifierCV(
        LogisticRegression(C=PARAMS["C"], class_weight="balanced", max_iter=3000), method="sigmoid", cv=3)))


def main() -> None:
    examples = training_set()
    postings = [e.posting for e in examples]
    targets = targets_of(examples)
    variants: dict[str, Callable[[], Pipeline]] = {"logistic regression": build_pipeline,
                                                   "+ sigmoid calibration": sigmoid_calibrated}
    for name, make in variants.items():
        collected: list[list[tuple[np.ndarray, list[str]] | None]] = [[None] * len(postings) for _ in range(2)]
        folds = StratifiedKFold(5, shuffle=True, random_state=SEED).split(postings, targets[:, 1])
        for train, test in folds:
            model = make().fit([postings[i] for i in train], targets[train])
            probabilities = model.predict_proba([postings[i] for i in test])
            estimators = model.named_steps["classifiers"].estimators_
            for target in range(2):
                for row, index in enumerate(test):
                    collected[target][index] = (probabilities[target][row], list(estimators[target].classes_))
        for target, label in enumerate(("ai_tier", "role")):
            classes = collected[target][0][1]
            matrix = np.array([p for p, _ in collected[target]])
            error, accuracy = expected_calibration_error(matrix, classes, targets[:, target])
            print(f"{name:24} {label:8} ECE {error:.3f}  accuracy {accuracy:.3f}")


if __name__ == "__main__":
    main()
