"""Label postings: taxonomy rules and the trained models combined, every label with its evidence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from classifiers.features import TAXONOMY_KEY, posting_field
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
        """Labels (with confidences and evidence) for each posting, in order."""
        return [labels for labels, _ in self.label_with_margins(postings)]

    def label_with_margins(self, postings: Sequence[Mapping[str, Any]],
                           ) -> list[tuple[dict[str, Any], float]]:
        """Labels and, per posting, how sure the model is: the smaller of the ai_tier and role
        margins (top probability minus the runner-up among the allowed values; 1 = certain)."""
        if not postings:
            return []
        inputs = [_model_input(p) for p in postings]
        found = []
        for posting in inputs:
            title_terms = self.taxonomy.occurrences(posting["title"])
            description_terms = self.taxonomy.occurrences(posting["description"])
            posting[TAXONOMY_KEY] = (title_terms, description_terms)
            found.append((title_terms, self.taxonomy.occurrences(posting["department"]), description_terms))
        tier_probabilities, role_probabilities = self.model.predict_proba(inputs)
        out = []
        for index, posting in enumerate(inputs):
            title_terms, department_terms, description_terms = found[index]
            terms = self.taxonomy.summarise(title_terms, department_terms, description_terms)
            title_names_ai = bool(title_terms)
            tier, tier_confidence, tier_margin = _choose_tier(
                tier_probabilities[index], self.tier_classes, terms.names_ai, title_names_ai)
            role, role_confidence, role_margin = _choose_role(
                role_probabilities[index], self.role_classes, posting)
            seniority, evidence = seniority_from_title(posting["title"], posting["description"])
            labels = {
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
            }
            out.append((labels, min(tier_margin, role_margin)))
        return out


def _model_input(posting: Mapping[str, Any]) -> dict[str, str]:
    return {name: posting_field(posting, name)
            for name in ("title", "department", "description", "company", "location")}


def _margin(probabilities: list[float]) -> float:
    ordered = sorted(probabilities, reverse=True)
    return ordered[0] - ordered[1] if len(ordered) > 1 else 1.0


def _choose_role(probabilities: np.ndarray, classes: list[str], posting: Mapping[str, str],
                 ) -> tuple[str, float, float]:
    """(role, confidence, margin): the likeliest role; but `other` is the codebook's residual
    class, so when the title names a specific job by the transparent patterns — or, for a
    header-only title such as a Hacker News comment's first line, the opening of the text
    does — that role wins (margin 0: worth a person's look)."""
    values = probabilities.tolist()
    best = int(np.argmax(probabilities))
    if classes[best] == "other":
        named = role_from_title(posting["title"])
        if named is None and _header_only(posting["title"]):
            named = role_from_title(posting["description"][:400])
        if named and named[0] in classes:
            return named[0], values[classes.index(named[0])], 0.0
    return classes[best], values[best], _margin(values)


def _header_only(title: str) -> bool:
    """A title that is a comment's header line ("Acme | Berlin | ONSITE"), not a job title."""
    return "|" in title or " - " in title or "--" in title


def _choose_tier(probabilities: np.ndarray, classes: list[str], names_ai: bool,
                 title_names_ai: bool) -> tuple[str, float, float]:
    """(tier, confidence, margin): no AI term at all → none; AI in the title → core or applied;
    otherwise the likeliest of core / applied / mention, renormalised over the allowed tiers."""
    if not names_ai:
        return "none", 1.0, 1.0
    by_class = dict(zip(classes, probabilities.tolist(), strict=True))
    allowed = {"core", "applied"} if title_names_ai else {"core", "applied", "mention"}
    candidates = {tier: p for tier, p in by_class.items() if tier in allowed}
    total = sum(candidates.values()) or 1.0
    tier = max(candidates, key=candidates.__getitem__)
    return tier, candidates[tier] / total, _margin([p / total for p in candidates.values()])
