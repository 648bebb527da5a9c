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


@pytest.mark.parametrize("texts", [
    # the same words, with a word character or none either side: RE2's \b decides differently
    ["ML models", "xML models", "ML_ops", "_ML", "HTML", "ML"],
    ["GPT-4 and gpt4o", "gpt-4o", "agpt-4", "LLMs, llm, LLM-based"],
    ["machine-learning, machine learned, Machine Learning", "deep learning", "deep-learning models"],
    ["Erfahrung mit maschinellem Lernen", "aprendizaje automático y IA generativa", "IA générative"],
])
def test_terms_found_are_the_same_whether_seen_before_or_not(texts: list[str]) -> None:
    """Occurrences are found without capture groups and the term remembered by its words and the
    kind of byte either side: a taxonomy that has seen other texts finds what a fresh one does."""
    seasoned = Taxonomy()
    for text in texts * 2:
        seasoned.occurrences(text)
    for text in texts:
        assert seasoned.occurrences(text) == Taxonomy().occurrences(text)
        assert seasoned.occurrences(f"{text} {text}")[len(seasoned.occurrences(text)):] == [
            occurrence._replace(offset=occurrence.offset + len(text.encode()) + 1)
            for occurrence in Taxonomy().occurrences(text)]


def test_the_same_words_can_be_another_term_by_what_follows() -> None:
    taxonomy = Taxonomy(skill_terms={"whole_word": [("ab", r"ab\b")], "word_start": [("ab…", r"ab")]},
                        generic_terms=[])
    for _ in range(2):  # the second time from what it remembers
        assert [o.skill for o in taxonomy.occurrences("ab abc ab_ ab.")] == [
            "whole_word", "word_start", "word_start", "whole_word"]
