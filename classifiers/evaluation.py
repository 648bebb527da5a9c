"""Measure labels against gold labels: per-class precision/recall/F1, macro-F1, confusion
matrices, and the headline error — predicted AI share minus true AI share."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from classifiers.labels import AI_TIERS, ROLES, SENIORITIES

TARGETS: dict[str, tuple[str, ...]] = {
    "is_ai": ("True", "False"),
    "ai_tier": AI_TIERS,
    "role": ROLES,
    "seniority": SENIORITIES,
}


@dataclass(frozen=True)
class TargetScores:
    """Scores of one target (is_ai, ai_tier, role or seniority)."""

    target: str
    labels: tuple[str, ...]
    accuracy: float
    macro_f1: float
    per_class: dict[str, dict[str, float]]
    confusion: list[list[int]]
    true_share: dict[str, float]
    predicted_share: dict[str, float]

    def share_error(self, label: str) -> float:
        """Predicted share of `label` minus its true share (in points of 1.0)."""
        return self.predicted_share.get(label, 0.0) - self.true_share.get(label, 0.0)


def _value(record: Mapping[str, Any], target: str) -> str:
    labels = record.get("labels") if isinstance(record.get("labels"), Mapping) else record
    if target == "is_ai":
        if "is_ai" in labels:
            return str(bool(labels["is_ai"]))
        return str(labels["ai_tier"] in {"core", "applied"})
    return str(labels[target])


def score(gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]],
          target: str) -> TargetScores:
    truth = [_value(g, target) for g in gold]
    guess = [_value(p, target) for p in predicted]
    present = [label for label in TARGETS[target] if label in truth or label in guess]
    position = {label: i for i, label in enumerate(present)}
    confusion = [[0] * len(present) for _ in present]
    for t, g in zip(truth, guess, strict=True):
        confusion[position[t]][position[g]] += 1
    per_class = {}
    for i, label in enumerate(present):
        hits = confusion[i][i]
        predicted_as = sum(row[i] for row in confusion)
        actual = sum(confusion[i])
        precision = hits / predicted_as if predicted_as else 0.0
        recall = hits / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": precision, "recall": recall, "f1": f1, "support": actual}
    in_truth = [label for label in present if per_class[label]["support"]]
    total = len(truth) or 1
    return TargetScores(
        target=target,
        labels=tuple(present),
        accuracy=sum(t == g for t, g in zip(truth, guess, strict=True)) / total if truth else 0.0,
        macro_f1=sum(per_class[label]["f1"] for label in in_truth) / max(len(in_truth), 1),
        per_class=per_class,
        confusion=confusion,
        true_share={label: truth.count(label) / total for label in present},
        predicted_share={label: guess.count(label) / total for label in present},
    )


def evaluate(gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]],
             targets: Sequence[str] = ("is_ai", "ai_tier", "role", "seniority")) -> dict[str, TargetScores]:
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold records but {len(predicted)} predictions")
    return {target: score(gold, predicted, target) for target in targets}


def headline(scores: Mapping[str, TargetScores]) -> dict[str, float]:
    """The figures users quote: is_ai F1, AI-share error, tier and role macro-F1, role accuracy."""
    is_ai = scores["is_ai"]
    return {
        "is_ai_f1": is_ai.per_class.get("True", {}).get("f1", 0.0),
        "ai_share_true": is_ai.true_share.get("True", 0.0),
        "ai_share_predicted": is_ai.predicted_share.get("True", 0.0),
        "ai_share_error_points": 100 * is_ai.share_error("True"),
        "ai_tier_macro_f1": scores["ai_tier"].macro_f1 if "ai_tier" in scores else 0.0,
        "role_accuracy": scores["role"].accuracy if "role" in scores else 0.0,
        "role_macro_f1": scores["role"].macro_f1 if "role" in scores else 0.0,
    }


# the headline figures that get an interval: the shares themselves are facts of the sample
INTERVAL_FIGURES = ("is_ai_f1", "ai_share_error_points", "ai_tier_macro_f1", "role_accuracy", "role_macro_f1")


def bootstrap_intervals(gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]],
                        resamples: int = 1000, level: float = 0.95, seed: int = 20261126,
                        ) -> dict[str, tuple[float, float]]:
    """Percentile bootstrap intervals of the headline figures: the postings are drawn again with
    replacement `resamples` times and each figure's central `level` range is kept. On a gold set
    of 180 postings one posting moves the AI share by 0.6 points: the interval says how far the
    figure could move with another sample of postings like these."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold records but {len(predicted)} predictions")
    if not gold or resamples < 1:
        return {}
    draw = random.Random(seed)
    values: dict[str, list[float]] = {name: [] for name in INTERVAL_FIGURES}
    for _ in range(resamples):
        chosen = [draw.randrange(len(gold)) for _ in gold]
        scores = evaluate([gold[i] for i in chosen], [predicted[i] for i in chosen], ("is_ai", "ai_tier", "role"))
        figures = headline(scores)
        for name in INTERVAL_FIGURES:
            # is_ai F1 is undefined for a draw with no AI posting, true or predicted
            if name != "is_ai_f1" or "True" in scores["is_ai"].labels:
                values[name].append(figures[name])
    tail = 100 * (1 - level) / 2
    return {name: (float(np.percentile(found, tail)), float(np.percentile(found, 100 - tail)))
            for name, found in values.items() if found}


def render(scores: Mapping[str, TargetScores],
           intervals: Mapping[str, tuple[float, float]] | None = None, level: float = 0.95) -> str:
    """A plain-text report: headline (with bootstrap intervals when given), then per target the
    per-class table and confusion matrix."""
    intervals = intervals or {}
    lines = ["headline" + (f" (in brackets: {100 * level:.0f}% bootstrap interval)" if intervals else "")]
    for name, value in headline(scores).items():
        points = "points" in name
        line = f"  {name:24} {value:+8.2f}" if points else f"  {name:24} {value:8.3f}"
        if name in intervals:
            low, high = intervals[name]
            line += f"  [{low:+.2f}, {high:+.2f}]" if points else f"  [{low:.3f}, {high:.3f}]"
        lines.append(line)
    for target in scores.values():
        lines += ["", f"{target.target}: accuracy {target.accuracy:.3f}, macro-F1 {target.macro_f1:.3f}",
                  f"  {'class':20} {'prec':>6} {'recall':>6} {'f1':>6} {'n':>5} {'true%':>6} {'pred%':>6}"]
        for label in target.labels:
            row = target.per_class[label]
            lines.append(f"  {label:20} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f} "
                         f"{row['support']:5d} {100 * target.true_share[label]:6.1f} "
                         f"{100 * target.predicted_share[label]:6.1f}")
        width = max(len(label) for label in target.labels)
        short = [label[:6] for label in target.labels]
        lines.append("  confusion (rows true, columns predicted)")
        lines.append("  " + " " * width + " " + " ".join(f"{s:>6}" for s in short))
        for label, row in zip(target.labels, target.confusion, strict=True):
            lines.append(f"  {label:{width}} " + " ".join(f"{n:6d}" for n in row))
    return "\n".join(lines)


def as_dict(scores: Mapping[str, TargetScores],
            intervals: Mapping[str, tuple[float, float]] | None = None) -> dict[str, Any]:
    return {"headline": headline(scores),
            "intervals": {name: list(bounds) for name, bounds in (intervals or {}).items()},
            "targets": {name: {"accuracy": s.accuracy, "macro_f1": s.macro_f1, "labels": list(s.labels),
                               "per_class": s.per_class, "confusion": s.confusion,
                               "true_share": s.true_share, "predicted_share": s.predicted_share}
                        for name, s in scores.items()}}
