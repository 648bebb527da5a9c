"""Label postings: taxonomy rules and the trained models combined, every label with its evidence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from classifiers.features import TAXONOMY_KEY, TITLE_ROLES_KEY, posting_field, title_roles
from classifiers.labels import is_ai
from classifiers.seniority import seniority_from_title
from classifiers.taxonomy import DEFAULT_TAXONOMY, Taxonomy
from jobradar.errors import ModelError
from pipeline.hackernews_split import comment_lines, split_lines

IS_AI_RULES = ("argmax", "summed")
ROLE_RULES = ("model", "title_first")
LISTED_JOBS_RULES = ("whole", "each")
OLD_RULES: dict[str, Any] = {"is_ai_rule": "argmax", "role_rule": "model", "other_floor": 0.0,
                             "listed_jobs": "whole"}
HACKER_NEWS_SOURCES = frozenset({"hackernews", "hn"})
TIER_ORDER = ("none", "mention", "applied", "core")  # lowest to highest
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
        # the decision rules are part of the model: its card names them; a model trained before
        # a rule existed keeps the old behaviour
        chosen = {**OLD_RULES, **{k: v for k, v in card.get("params", {}).items() if k in OLD_RULES}}
        self.is_ai_rule, self.role_rule, self.other_floor, self.listed_jobs = _checked_rules(
            chosen, str(card.get("model_version")))
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
        margins (top probability minus the runner-up among the allowed values; 1 = certain).

        A whole Hacker News comment that lists jobs is labelled as LABELS.md says — with
        `listed_jobs = "each"`, each listed job is labelled as the pipeline labels the postings it
        splits the comment into; the comment takes the highest ai_tier among them, and the role
        and seniority of the first."""
        if not postings:
            return []
        groups = [listed_jobs(p) if self.listed_jobs == "each" else [] for p in postings]
        if not any(groups):
            return self._label_each(postings)
        variants = [{**posting, "title": title} for posting, titles in zip(postings, groups, strict=True)
                    for title in titles or [posting.get("title")]]
        labelled = iter(self._label_each(variants))
        return [_combined([next(labelled) for _ in titles or [None]]) for titles in groups]

    def _label_each(self, postings: Sequence[Mapping[str, Any]],
                    ) -> list[tuple[dict[str, Any], float]]:
        inputs = [_model_input(p) for p in postings]
        found = []
        for posting in inputs:
            title_terms = self.taxonomy.occurrences(posting["title"])
            description_terms = self.taxonomy.occurrences(posting["description"])
            posting[TAXONOMY_KEY] = (title_terms, description_terms)
            posting[TITLE_ROLES_KEY] = title_roles(posting)  # features and the role choice read it
            found.append((title_terms, self.taxonomy.occurrences(posting["department"]), description_terms))
        tier_probabilities, role_probabilities = self.model.predict_proba(inputs)
        out = []
        for index, posting in enumerate(inputs):
            title_terms, department_terms, description_terms = found[index]
            terms = self.taxonomy.summarise(title_terms, department_terms, description_terms)
            title_names_ai = bool(title_terms)
            tier, tier_confidence, tier_margin = _choose_tier(
                tier_probabilities[index], self.tier_classes, terms.names_ai, title_names_ai,
                summed=self.is_ai_rule == "summed")
            role, role_confidence, role_margin = _choose_role(
                role_probabilities[index], self.role_classes, posting,
                title_first=self.role_rule == "title_first", other_floor=self.other_floor)
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


def listed_jobs(posting: Mapping[str, Any]) -> list[str]:
    """The titles of the jobs that a whole Hacker News comment lists ("Acme | Berlin | ONSITE",
    then the jobs), as the pipeline splits it (pipeline/hackernews_split.py); none for any other
    posting. A whole comment is one whose title is its first line; a posting the pipeline already
    split off a comment is titled by its one job."""
    if str(posting.get("source") or "").strip().lower() not in HACKER_NEWS_SOURCES:
        return []
    title, description = posting.get("title"), posting.get("description")
    if not isinstance(title, str) or not isinstance(description, str) or not title.strip():
        return []
    if title.strip() not in description[:len(title) + 200]:  # cheaply: not the comment's first line
        return []
    lines = comment_lines(description)
    if not lines or lines[0] != title.strip():
        return []
    titles = [job.title for job in split_lines(lines)]
    return [] if title.strip() in titles else titles


def _combined(labelled: list[tuple[dict[str, Any], float]]) -> tuple[dict[str, Any], float]:
    """One comment's labels from its jobs' (in order): the highest ai_tier (with its confidence
    and AI skills), the first job's role and seniority; the smaller margin of the two."""
    first, first_margin = labelled[0]
    top, top_margin = max(labelled, key=lambda pair: TIER_ORDER.index(pair[0]["ai_tier"]))
    if top is first:
        return first, first_margin
    tier_fields = ("ai_tier", "ai_tier_confidence", "is_ai", "ai_skills", "ai_skill_terms")
    return {**first, **{name: top[name] for name in tier_fields}}, min(first_margin, top_margin)


def _checked_rules(rules: Mapping[str, Any], version: str) -> tuple[str, str, float, str]:
    """(is_ai_rule, role_rule, other_floor, listed_jobs), or ModelError naming the bad value."""
    problems = []
    if rules["is_ai_rule"] not in IS_AI_RULES:
        problems.append(f"is_ai_rule must be one of {', '.join(IS_AI_RULES)}, not {rules['is_ai_rule']!r}")
    if rules["role_rule"] not in ROLE_RULES:
        problems.append(f"role_rule must be one of {', '.join(ROLE_RULES)}, not {rules['role_rule']!r}")
    if rules["listed_jobs"] not in LISTED_JOBS_RULES:
        problems.append(f"listed_jobs must be one of {', '.join(LISTED_JOBS_RULES)}, "
                        f"not {rules['listed_jobs']!r}")
    floor = rules["other_floor"]
    if isinstance(floor, bool) or not isinstance(floor, int | float) or not 0.0 <= floor <= 1.0:
        problems.append(f"other_floor must be a number from 0 to 1, not {floor!r}")
    if problems:
        raise ModelError(f"model {version}: {'; '.join(problems)}; retrain with `jobradar train`")
    return rules["is_ai_rule"], rules["role_rule"], float(floor), rules["listed_jobs"]


def _model_input(posting: Mapping[str, Any]) -> dict[str, str]:
    return {name: posting_field(posting, name)
            for name in ("title", "department", "description", "company", "location")}


def _margin(probabilities: list[float]) -> float:
    ordered = sorted(probabilities, reverse=True)
    return ordered[0] - ordered[1] if len(ordered) > 1 else 1.0


def _choose_role(probabilities: np.ndarray, classes: list[str], posting: Mapping[str, Any],
                 title_first: bool = False, other_floor: float = 0.0) -> tuple[str, float, float]:
    """(role, confidence, margin): the likeliest role, with the codebook's two rules on top.

    "Judge from the title first": with `title_first`, a job that the transparent title patterns
    name in the title decides the role. And `other` is the residual class: when the model picks
    it, a job named in the title — or, for a header-only title such as a Hacker News comment's
    first line, in the opening of the text — wins; failing that, an `other` less likely than
    `other_floor` gives way to the runner-up. A role that overrules the model has margin 0:
    worth a person's look."""
    values = probabilities.tolist()
    best = int(np.argmax(probabilities))
    named, named_in_opening = posting.get(TITLE_ROLES_KEY) or title_roles(posting)
    if title_first and named and named[0] in classes:
        role = named[0]
        return role, values[classes.index(role)], _margin(values) if role == classes[best] else 0.0
    if classes[best] == "other":
        if named is None and _header_only(posting["title"]):
            named = named_in_opening
        if named and named[0] in classes:
            return named[0], values[classes.index(named[0])], 0.0
        if values[best] < other_floor:
            runner_up = int(np.argsort(probabilities)[-2])
            return classes[runner_up], values[runner_up], 0.0
    return classes[best], values[best], _margin(values)


def _header_only(title: str) -> bool:
    """A title that is a comment's header line ("Acme | Berlin | ONSITE"), not a job title."""
    return "|" in title or " - " in title or "--" in title


def _choose_tier(probabilities: np.ndarray, classes: list[str], names_ai: bool,
                 title_names_ai: bool, summed: bool = False) -> tuple[str, float, float]:
    """(tier, confidence, margin): no AI term at all → none; AI in the title → core or applied;
    otherwise the likeliest of core / applied / mention, renormalised over the allowed tiers.

    With `summed`, is_ai is decided first, on its own probability — P(core) + P(applied)
    against P(mention) — and the tier within that side after; plain argmax calls a posting
    with probabilities 0.35 / 0.25 / 0.40 `mention` although it is more likely AI than not."""
    if not names_ai:
        return "none", 1.0, 1.0
    by_class = dict(zip(classes, probabilities.tolist(), strict=True))
    allowed = {"core", "applied"} if title_names_ai else {"core", "applied", "mention"}
    total = sum(p for tier, p in by_class.items() if tier in allowed) or 1.0
    candidates = {tier: p / total for tier, p in by_class.items() if tier in allowed}
    if summed and "mention" in candidates:
        ai = {tier: p for tier, p in candidates.items() if tier != "mention"}
        p_ai = sum(ai.values())
        if p_ai > candidates["mention"]:
            tier = max(ai, key=ai.__getitem__)
            return tier, candidates[tier], min(2 * p_ai - 1, _margin(list(ai.values())) / p_ai)
        return "mention", candidates["mention"], 1 - 2 * p_ai
    tier = max(candidates, key=candidates.__getitem__)
    return tier, candidates[tier], _margin(list(candidates.values()))
