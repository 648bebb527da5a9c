"""Label postings: taxonomy rules and the trained models combined, every label with its evidence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from classifiers.features import posting_field
from classifiers.labels import is_ai
from classifiers.seniority import seniority_from_title
from classifiers.taxonomy import DEFAULT_TAXONOMY, Taxonomy

LABEL_FIELDS = (
    "ai_tier", "ai_tier_confidence", "is_ai", "role", "role_confidence", "seniority",
    "seniority_evidence", "ai_skills", "ai_skill_terms", "model_version",
)


class Labeller:
    """Applies a trained model bundle ({"ai_tier": Pipeline, "role": Pipeline}) to postings.

    The taxonomy decides whether a posting names AI at all (no AI term → `none`); the tier model
    decides how central AI is among core / applied / mention; the role model picks the role.
    """

    def __init__(self, bundle: Mapping[str, Any], card: Mapping[str, Any],
                 taxonomy: Taxonomy = DEFAULT_TAXONOMY) -> None:
        self.tier_model = bundle["ai_tier"]
        self.role_model = bundle["role"]
        self.card = dict(card)
        self.taxonomy = taxonomy

    @property
    def version(self) -> str:
        return self.card["model_version"]

    def label(self, postings: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        if not postings:
            return []
        inputs = [_model_input(p) for p in postings]
        tier_probabilities = self.tier_model.predict_proba(inputs)
        role_probabilities = self.role_model.predict_proba(inputs)
        tier_classes = [str(c) for c in self.tier_model.classes_]
        role_classes = [str(c) for c in self.role_model.classes_]
        labels = []
        for index, posting in enumerate(inputs):
            terms = self.taxonomy.match(
                " \n".join([posting["title"], posting["department"], posting["description"]]))
            tier, tier_confidence = _choose_tier(tier_probabilities[index], tier_classes,
                                                 terms.names_ai)
            best_role = int(np.argmax(role_probabilities[index]))
            seniority, evidence = seniority_from_title(posting["title"], posting["description"])
            labels.append({
                "ai_tier": tier,
                "ai_tier_confidence": round(tier_confidence, 4),
                "is_ai": is_ai(tier),
                "role": role_classes[best_role],
                "role_confidence": round(float(role_probabilities[index][best_role]), 4),
                "seniority": seniority,
                "seniority_evidence": evidence,
                "ai_skills": list(terms.skills) if tier != "none" else [],
                "ai_skill_terms": terms.skill_terms() if tier != "none" else [],
                "model_version": self.version,
            })
        return labels


def _model_input(posting: Mapping[str, Any]) -> dict[str, str]:
    return {name: posting_field(posting, name)
            for name in ("title", "department", "description", "company", "location")}


def _choose_tier(probabilities: np.ndarray, classes: list[str], names_ai: bool) -> tuple[str, float]:
    """No AI term at all → none; otherwise the likeliest of the AI tiers, renormalised."""
    by_class = dict(zip(classes, probabilities.tolist(), strict=True))
    if not names_ai:
        return "none", 1.0
    candidates = {tier: p for tier, p in by_class.items() if tier != "none"}
    total = sum(candidates.values()) or 1.0
    tier = max(candidates, key=candidates.__getitem__)
    return tier, candidates[tier] / total
