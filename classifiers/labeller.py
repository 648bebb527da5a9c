"""Label postings: taxonomy rules and the trained models combined, every label with its evidence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from classifiers.features import posting_field
from classifiers.labels import is_ai
from classifiers.seniority import seniority_from_title
from classifiers.taxonomy import DEFAULT_TAXONOMY, Taxonomy
from classifiers.title_rules import role_from_title

LABEL_FIELDS = (
    "ai_tier", "ai_tier_confidence", "is_ai", "role", "role_confidence", "seniority",
    "seniority_evidence", "ai_skills", "ai_skill_terms", "model_version",
)


class Labeller:
    """Applies a trained model (classifiers/model.py) to postings.

    The taxonomy decides whether a posting names AI at all (no AI term → `none`); the model
    decides how central AI is among core / applied / mention, and a title that names AI makes
    the job at least `applied` (LABELS.md); the model picks the role.
    """

    def __init__(self, model: Any, card: Mapping[str, Any],
                 taxonomy: Taxonomy = DEFAULT_TAXONOMY) -> None:
        self.model = model
        self.card = dict(card)
        self.taxonomy = taxonomy
        estimators = model.named_steps["classifiers"].estimators_
        self.tier_classes = [str(c) for c in estimators[0].classes_]
        self.role_classes = [str(c) for c in estimators[1].classes_]

    @property
    def version(self) -> str:
        return self.card["model_version"]

    def label(self, postings: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        if not postings:
            return []
        inputs = [_model_input(p) for p in postings]
        tier_probabilities, role_probabilities = self.model.predict_proba(inputs)
        tier_classes, role_classes = self.tier_classes, self.role_classes
        labels = []
        for index, posting in enumerate(inputs):
            terms = self.taxonomy.match(
                " \n".join([posting["title"], posting["department"], posting["description"]]))
            title_names_ai = self.taxonomy.match(posting["title"]).names_ai
            tier, tier_confidence = _choose_tier(tier_probabilities[index], tier_classes,
                                                 terms.names_ai, title_names_ai)
            role, role_confidence = _choose_role(role_probabilities[index], role_classes, posting)
            seniority, evidence = seniority_from_title(posting["title"], posting["description"])
            labels.append({
                "ai_tier": tier,
                "ai_tier_confidence": round(tier_confidence, 4),
                "is_ai": is_ai(tier),
                "role": role,
                "role_confidence": round(role_confidence, 4),
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


def _choose_role(probabilities: np.ndarray, classes: list[str], posting: Mapping[str, str],
                 ) -> tuple[str, float]:
    """The likeliest role; but `other` is the codebook's residual class, so when the title (or
    the opening of the text) names a specific job by the transparent patterns, that role wins."""
    best = int(np.argmax(probabilities))
    if classes[best] == "other":
        named = role_from_title(posting["title"]) or role_from_title(posting["description"][:400])
        if named and named[0] in classes:
            return named[0], float(probabilities[classes.index(named[0])])
    return classes[best], float(probabilities[best])


def _choose_tier(probabilities: np.ndarray, classes: list[str], names_ai: bool,
                 title_names_ai: bool) -> tuple[str, float]:
    """No AI term at all → none; AI in the title → core or applied; otherwise the likeliest
    of core / applied / mention. The confidence is renormalised over the allowed tiers."""
    by_class = dict(zip(classes, probabilities.tolist(), strict=True))
    if not names_ai:
        return "none", 1.0
    allowed = {"core", "applied"} if title_names_ai else {"core", "applied", "mention"}
    candidates = {tier: p for tier, p in by_class.items() if tier in allowed}
    total = sum(candidates.values()) or 1.0
    tier = max(candidates, key=candidates.__getitem__)
    return tier, candidates[tier] / total
