"""Evaluation figures: per-class scores, macro-F1, confusion, and the AI-share error."""

from __future__ import annotations

import pytest

from classifiers.evaluation import bootstrap_intervals, evaluate, headline, render


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


def test_bootstrap_intervals_hold_the_figure_and_narrow_with_more_postings() -> None:
    gold = [_posting("core"), _posting("none"), _posting("mention"), _posting("applied", "sales")] * 10
    predicted = [_posting("core"), _posting("none"), _posting("applied"), _posting("mention", "sales")] * 10
    figures = headline(evaluate(gold, predicted))
    intervals = bootstrap_intervals(gold, predicted, resamples=300)
    for name, (low, high) in intervals.items():
        assert low <= figures[name] <= high, name
    assert intervals["is_ai_f1"][0] < intervals["is_ai_f1"][1]
    assert bootstrap_intervals(gold, predicted, resamples=300) == intervals  # seeded: reproducible
    larger = bootstrap_intervals(gold * 10, predicted * 10, resamples=300)
    width = intervals["is_ai_f1"][1] - intervals["is_ai_f1"][0]
    assert larger["is_ai_f1"][1] - larger["is_ai_f1"][0] < width / 2
    perfect = bootstrap_intervals(gold, gold, resamples=50)
    assert perfect["is_ai_f1"] == (1.0, 1.0) and perfect["ai_share_error_points"] == (0.0, 0.0)
    assert "[" in render(evaluate(gold, predicted), intervals).splitlines()[1]
    assert bootstrap_intervals(gold, predicted, resamples=0) == {}
