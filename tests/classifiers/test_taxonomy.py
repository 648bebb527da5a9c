"""The AI term taxonomy: which words count, with the evidence a reader sees."""

from __future__ import annotations

import pytest

from classifiers.labels import AI_SKILLS
from classifiers.taxonomy import DEFAULT_TAXONOMY, SKILL_TERMS, Taxonomy


@pytest.mark.parametrize(
    ("text", "skill", "term"),
    [
        ("You will fine-tune large language models for retrieval", "generative_ai", "large language models"),
        ("Experience building RAG pipelines", "generative_ai", "RAG"),
        ("Train models with PyTorch on GPUs", "deep_learning", "PyTorch"),
        ("We expect daily use of GitHub Copilot", "ai_tools_use", "Copilot"),
        ("Own the MLOps stack on SageMaker", "mlops", "MLOps"),
        ("Object detection for shelf images", "computer_vision", "Object detection"),
        ("Build recommender systems for the shop", "recommender_systems", "recommender systems"),
        ("Reinforcement learning for warehouse robots", "reinforcement_learning", "Reinforcement learning"),
        ("Lead our responsible AI programme", "ai_governance", "responsible AI"),
        ("Desarrollar modelos con aprendizaje automático", "machine_learning", "aprendizaje automático"),
        ("Expérience en IA générative", "generative_ai", "IA générative"),
    ],
)
def test_terms_are_found_with_their_cluster_and_evidence(text: str, skill: str, term: str) -> None:
    found = DEFAULT_TAXONOMY.match(text)
    assert skill in found.skills
    assert term in found.skills[skill]


@pytest.mark.parametrize(
    "text",
    [
        "Sew a rag doll for the toy shop",          # "rag" is not RAG
        "Add 5 ml of buffer to each well",           # "ml" is not ML
        "Strong statistics and automation skills",   # LABELS.md: not AI alone
        "Design efficient routing algorithms",
        "Move the cursor to the next cell",
        "Build 3D models of buildings in Revit",
    ],
)
def test_look_alikes_are_not_ai(text: str) -> None:
    assert not DEFAULT_TAXONOMY.match(text).names_ai


def test_generic_ai_words_name_ai_without_a_skill() -> None:
    found = DEFAULT_TAXONOMY.match("Join our AI-powered accounting platform as a payroll clerk.")
    assert found.names_ai
    assert found.skills == {}
    assert found.generic == ["AI"]


def test_a_word_that_starts_like_a_term_is_not_that_term() -> None:
    assert "ai_governance" not in DEFAULT_TAXONOMY.match("Make sure the AI actually helps.").skills
    assert DEFAULT_TAXONOMY.match("Track the EU AI Act.").skills == {"ai_governance": ["EU AI Act"]}


def test_every_cluster_of_the_codebook_has_terms() -> None:
    assert set(SKILL_TERMS) == set(AI_SKILLS)


def test_evidence_is_deduplicated_and_ordered_by_cluster() -> None:
    found = DEFAULT_TAXONOMY.match("LLM work. More LLM work. Then PyTorch and machine learning.")
    assert list(found.skills) == ["machine_learning", "deep_learning", "generative_ai"]
    assert found.skills["generative_ai"] == ["LLM"]
    assert found.skill_terms()[0] == {"skill": "machine_learning", "terms": ["machine learning"]}


def test_a_pattern_with_a_capturing_group_is_rejected() -> None:
    with pytest.raises(ValueError, match="non-capturing"):
        Taxonomy({"nlp": [("bad", r"(nlp)")]}, [])
