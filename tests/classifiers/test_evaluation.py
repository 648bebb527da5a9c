"""Evaluation figures: per-class scores, macro-F1, confusion, and the AI-share error."""

from __future__ import annotations

import pytest

from classifiers.evaluation import evaluate, headline, render


def _posting(tier: str, role: str = "software_engineer", seniority: str = "mid") -> dict:
    return {"title": "t", "description": "d", "ai_tier": tier, "role": role, "seniority": seniority}


def test_a_perfect_labeller_scores_one_and_no_share_error() -> None:
    gold = [_posting("core"), _posting("none", "sales"), _posting("mention"), _posting("applied")]
    scores = evaluate(gold, gold)
    figures = headline(scores)
    assert figures["is_ai_f1"] == 1.0 and figures["ai_share_error_points"] == 0.0
    assert scores["ai_tier"].macro_f1 == 1.0 and scores["role"].accuracy == 1.0


def test_share_error_is_predicted_minus_true_in_points() -> None:
    gold = [_posting("core"), _posting("none"), _posting("none"), _posting("none")]
    predicted = [_posting("core"), _posting("applied"), _posting("none"), _posting("none")]
    figures = headline(evaluate(gold, predicted))
    assert figures["ai_share_true"] == 0.25 and figures["ai_share_predicted"] == 0.5
    assert figures["ai_share_error_points"] == pytest.approx(25.0)
    assert figures["is_ai_f1"] == pytest.approx(2 / 3)


def test_confusion_rows_are_true_columns_predicted() -> None:
    gold = [_posting("core"), _posting("core"), _posting("none")]
    predicted = [_posting("core"), _posting("mention"), _posting("none")]
    tier = evaluate(gold, predicted)["ai_tier"]
    assert tier.labels == ("core", "mention", "none")
    assert tier.confusion == [[1, 1, 0], [0, 0, 0], [0, 0, 1]]
    assert tier.per_class["core"]["recall"] == 0.5
    # macro-F1 averages the classes present in the gold labels only
    assert tier.macro_f1 == pytest.approx((2 / 3 + 1.0) / 2)


def test_labels_nested_under_labels_are_read_and_render_is_readable() -> None:
    gold = [{"title": "t", "labels": {"ai_tier": "none", "role": "qa", "seniority": "mid"}}]
    text = render(evaluate(gold, gold))
    assert "headline" in text and "confusion" in text and "qa" in text


def test_mismatched_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="1 gold records but 0 predictions"):
        evaluate([_posting("none")], [])
