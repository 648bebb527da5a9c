"""Labels for postings a user would recognise, each with its evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from classifiers.labeller import LABEL_FIELDS, Labeller
from classifiers.labels import AI_SKILLS, AI_TIERS, ROLES, SENIORITIES
from classifiers.persistence import load_model

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
