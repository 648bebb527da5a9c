"""Weak supervision: the transparent rules label postings nobody labelled by hand.

Only where the rules are sure: the title patterns must name a role, and the tier must follow
from the taxonomy alone — no AI term anywhere → `none`; an ML/research title that itself names
a modelling skill → `core`. Everything in between is left to people (active learning).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from classifiers.seniority import seniority_from_title
from classifiers.taxonomy import DEFAULT_TAXONOMY
from classifiers.title_rules import role_from_title
from classifiers.training_data import INPUT_FIELDS, Example

_MODELLING_SKILLS = {"machine_learning", "deep_learning", "nlp", "computer_vision", "speech",
                     "reinforcement_learning", "recommender_systems", "mlops"}
_MODELLING_ROLES = {"ml_engineer", "research_scientist", "data_scientist"}


def weak_label(posting: Mapping[str, Any]) -> Example | None:
    """An Example labelled by the rules, or None when the rules are not sure."""
    fields = {name: str(posting.get(name) or "") for name in INPUT_FIELDS}
    named = role_from_title(fields["title"])
    if named is None:
        return None
    role = named[0]
    terms = DEFAULT_TAXONOMY.match(" \n".join([fields["title"], fields["department"],
                                               fields["description"]]))
    title_skills = set(DEFAULT_TAXONOMY.match(fields["title"]).skills)
    if not terms.names_ai:
        tier = "none"
    elif role in _MODELLING_ROLES and title_skills & _MODELLING_SKILLS:
        tier = "core"
    else:
        return None
    seniority, _ = seniority_from_title(fields["title"], fields["description"])
    return Example(
        uid=str(posting.get("posting_id") or fields["title"]),
        posting=fields,
        ai_tier=tier,
        role=role,
        seniority=seniority,
        ai_skills=tuple(terms.skills) if tier != "none" else (),
        origin="weak",
    )


def weak_examples(postings: Iterable[Mapping[str, Any]], exclude: set[str]) -> list[Example]:
    """Rule-labelled examples from collected postings, one per distinct text, skipping texts
    that people labelled (their content keys in `exclude`: hand labels win)."""
    from classifiers.active_learning import content_key

    seen = set(exclude)
    examples = []
    for posting in postings:
        key = content_key(posting)
        if key in seen:
            continue
        seen.add(key)
        if (example := weak_label(posting)) is not None:
            examples.append(example)
    return examples
