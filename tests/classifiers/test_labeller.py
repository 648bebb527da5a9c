"""Labels for postings a user would recognise, each with its evidence."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from classifiers.labeller import (
    LABEL_FIELDS,
    Labeller,
    _choose_role,
    _choose_tier,
    _combined,
    listed_jobs,
)
from classifiers.labels import AI_SKILLS, AI_TIERS, ROLES, SENIORITIES
from classifiers.persistence import load_model
from jobradar.errors import ModelError
from pipeline.schema import LABEL_COLUMNS

ML_ENGINEER = {
    "title": "Senior Machine Learning Engineer, Ranking",
    "department": "Engineering",
    "description": (
        "You will train and deploy deep learning ranking models with PyTorch, own the feature "
        "store and model serving, and run offline evaluation of recommendation models. "
        "5+ years building production machine learning systems."
    ),
}
NURSE = {
    "title": "Registered Nurse - Night Shift",
    "department": "Nursing",
    "description": (
        "Provide safe, compassionate patient care on a 30-bed surgical ward. Administer "
        "medication, document care plans, and support families. Current RN licence required."
    ),
}
ACCOUNTANT_AT_AI_COMPANY = {
    "title": "Staff Accountant",
    "department": "Finance",
    "description": (
        "We are an AI-first company building the future of work. As Staff Accountant you will "
        "own month-end close, reconciliations, accounts payable and audit preparation in NetSuite."
    ),
}


@pytest.fixture(scope="module")
def labeller(models_dir: Path) -> Labeller:
    return Labeller(*load_model(models_dir))


def test_every_label_field_has_a_codebook_value(labeller: Labeller) -> None:
    for labels in labeller.label([ML_ENGINEER, NURSE, ACCOUNTANT_AT_AI_COMPANY]):
        assert set(LABEL_FIELDS) <= set(labels)
        assert labels["ai_tier"] in AI_TIERS
        assert labels["role"] in ROLES
        assert labels["seniority"] in SENIORITIES
        assert set(labels["ai_skills"]) <= set(AI_SKILLS)
        assert labels["is_ai"] == (labels["ai_tier"] in {"core", "applied"})
        assert 0.0 <= labels["ai_tier_confidence"] <= 1.0
        assert 0.0 <= labels["role_confidence"] <= 1.0
        assert labels["model_version"] == labeller.version


def test_the_dataset_schema_names_the_label_fields_the_labeller_writes() -> None:
    # the partition build reads them from the schema, without importing the labeller
    assert LABEL_COLUMNS == LABEL_FIELDS


def test_an_ml_engineer_is_a_core_ai_job_with_evidence(labeller: Labeller) -> None:
    labels = labeller.label([ML_ENGINEER])[0]
    assert (labels["ai_tier"], labels["role"], labels["seniority"]) == ("core", "ml_engineer", "senior")
    assert labels["is_ai"]
    skills = {entry["skill"]: entry["terms"] for entry in labels["ai_skill_terms"]}
    assert "PyTorch" in skills["deep_learning"]
    assert set(labels["ai_skills"]) == set(skills)


def test_a_posting_that_never_names_ai_is_none_with_no_skills(labeller: Labeller) -> None:
    labels = labeller.label([NURSE])[0]
    assert labels["ai_tier"] == "none"
    assert labels["ai_skills"] == [] and labels["ai_skill_terms"] == []
    assert labels["role"] == "other"


def test_company_boilerplate_does_not_make_an_ai_job(labeller: Labeller) -> None:
    labels = labeller.label([ACCOUNTANT_AT_AI_COMPANY])[0]
    assert labels["ai_tier"] == "mention"
    assert not labels["is_ai"]
    assert labels["role"] == "finance"


def test_labelling_is_deterministic_and_order_independent(labeller: Labeller) -> None:
    forward = labeller.label([ML_ENGINEER, NURSE])
    backward = labeller.label([NURSE, ML_ENGINEER])
    assert forward == backward[::-1]


def test_missing_fields_are_treated_as_empty(labeller: Labeller) -> None:
    labels = labeller.label([{"title": "Barista"}])[0]
    assert labels["ai_tier"] == "none"


def test_is_ai_is_decided_on_its_own_probability_before_the_tier() -> None:
    # core 0.35 + applied 0.25 outweigh mention 0.40: more likely an AI job than not
    probabilities = np.array([0.35, 0.25, 0.40, 0.0])
    classes = ["core", "applied", "mention", "none"]
    assert _choose_tier(probabilities, classes, names_ai=True, title_names_ai=False,
                        summed=True)[0] == "core"
    assert _choose_tier(probabilities, classes, names_ai=True, title_names_ai=False)[0] == "mention"
    mostly_mention = np.array([0.30, 0.15, 0.55, 0.0])
    tier, confidence, margin = _choose_tier(mostly_mention, classes, names_ai=True,
                                            title_names_ai=False, summed=True)
    assert (tier, confidence) == ("mention", 0.55)
    assert margin == pytest.approx(0.10)


def test_the_model_card_names_the_decision_rules_and_bad_ones_are_refused(models_dir: Path) -> None:
    model, card = load_model(models_dir)
    labeller = Labeller(model, card)
    assert (labeller.is_ai_rule, labeller.role_rule, labeller.other_floor, labeller.listed_jobs) == (
        "summed", "title_first", 0.5, "each")
    old = Labeller(model, {"model_version": "jr-old"})
    assert (old.is_ai_rule, old.role_rule, old.other_floor, old.listed_jobs) == ("argmax", "model", 0.0, "whole")
    with pytest.raises(ModelError, match="is_ai_rule must be one of argmax, summed, not 'vote'"):
        Labeller(model, {**card, "params": {**card["params"], "is_ai_rule": "vote"}})
    with pytest.raises(ModelError, match=r"role_rule must be .*; other_floor must be a number from 0 to 1, not 2"):
        Labeller(model, {**card, "params": {**card["params"], "role_rule": "x", "other_floor": 2}})
    with pytest.raises(ModelError, match="listed_jobs must be one of whole, each, not 'all'"):
        Labeller(model, {**card, "params": {**card["params"], "listed_jobs": "all"}})


# a whole "Who is hiring?" comment, as a Hacker News source gives it: its first line is its title
COMMENT = {
    "source": "hackernews",
    "title": "Quillfeather | Lisbon | ONSITE | Full-time",
    "description": (
        "Quillfeather | Lisbon | ONSITE | Full-time\n"
        "We build invoicing software for small accounting firms across Portugal and Spain.\n"
        "Roles:\n"
        "- Backend Engineer: Go and Postgres services for our ledger and the bank integrations.\n"
        "- Machine Learning Engineer: train and deploy the deep learning models that read scanned "
        "receipts (computer vision, PyTorch), and own their evaluation and model serving.\n"
        "Email jobs@quillfeather.example"
    ),
}


def test_a_whole_comment_lists_its_jobs_and_a_split_one_does_not() -> None:
    assert listed_jobs(COMMENT) == ["Quillfeather | Backend Engineer", "Quillfeather | Machine Learning Engineer"]
    assert listed_jobs({**COMMENT, "source": "hn"}) == listed_jobs(COMMENT)
    # a posting the pipeline split off the comment is one job; other sources are never split
    assert listed_jobs({**COMMENT, "title": "Quillfeather | Backend Engineer"}) == []
    assert listed_jobs({**COMMENT, "source": "greenhouse"}) == []
    assert listed_jobs({key: value for key, value in COMMENT.items() if key != "source"}) == []


def test_a_comment_is_labelled_by_its_jobs_as_the_pipeline_splits_it(models_dir: Path) -> None:
    model, card = load_model(models_dir)
    labeller = Labeller(model, card)
    backend, ml = labeller.label([{**COMMENT, "title": title} for title in listed_jobs(COMMENT)])
    assert (backend["role"], ml["role"], ml["ai_tier"]) == ("software_engineer", "ml_engineer", "core")
    labels = labeller.label([NURSE, COMMENT])[1]
    # LABELS.md: the role and seniority of the first listed job, the highest tier of them all
    assert (labels["ai_tier"], labels["is_ai"], labels["role"], labels["seniority"]) == (
        "core", True, "software_engineer", backend["seniority"])
    assert "computer_vision" in labels["ai_skills"]
    # a model whose card says "whole" labels the comment as one posting, source or not
    whole = Labeller(model, {**card, "params": {**card["params"], "listed_jobs": "whole"}})
    assert whole.label([COMMENT]) == whole.label([{**COMMENT, "source": None}])


def test_a_comment_takes_the_highest_tier_among_its_jobs() -> None:
    def job(tier: str, role: str, confidence: float) -> tuple[dict, float]:
        return ({"ai_tier": tier, "ai_tier_confidence": confidence, "is_ai": tier in {"core", "applied"},
                 "ai_skills": [] if tier == "none" else ["generative_ai"], "ai_skill_terms": [],
                 "role": role, "seniority": "senior"}, 0.5 if tier == "applied" else 0.9)
    labels, margin = _combined([job("mention", "designer", 0.8), job("none", "sales", 1.0),
                                job("applied", "software_engineer", 0.7), job("applied", "qa", 0.6)])
    assert (labels["ai_tier"], labels["ai_tier_confidence"], labels["is_ai"], labels["role"]) == (
        "applied", 0.7, True, "designer")
    assert (labels["ai_skills"], margin) == (["generative_ai"], 0.5)
    assert _combined([job("core", "ml_engineer", 0.9)]) == job("core", "ml_engineer", 0.9)


ROLE_CLASSES = ["other", "sales", "software_engineer"]


def test_the_title_names_the_role_first_when_the_rule_says_so() -> None:
    posting = {"title": "Account Executive, EMEA", "description": "Write code all day."}
    probabilities = np.array([0.1, 0.2, 0.7])
    assert _choose_role(probabilities, ROLE_CLASSES, posting)[0] == "software_engineer"
    role, confidence, margin = _choose_role(probabilities, ROLE_CLASSES, posting, title_first=True)
    assert (role, confidence, margin) == ("sales", 0.2, 0.0)


def test_an_unsure_other_gives_way_to_the_runner_up() -> None:
    posting = {"title": "Client Advisor", "description": "Help customers choose a car."}
    unsure = np.array([0.45, 0.35, 0.2])
    assert _choose_role(unsure, ROLE_CLASSES, posting)[0] == "other"
    assert _choose_role(unsure, ROLE_CLASSES, posting, other_floor=0.5)[:2] == ("sales", 0.35)
    sure = np.array([0.8, 0.15, 0.05])
    assert _choose_role(sure, ROLE_CLASSES, posting, other_floor=0.5)[0] == "other"
