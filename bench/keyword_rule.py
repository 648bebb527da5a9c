"""The public trackers' rule as a baseline: a posting is an AI job if any AI term appears in it.

Where the list comes from. The Stanford AI Index counts a posting as an AI job when Lightcast's
skill extraction finds at least one skill from an AI list in it ("any job posting that requires
at least one skill in AI, such as machine learning or natural language processing"; Lightcast
built the list from its Open Skills taxonomy, "over 80 skills ... from decision trees to IBM
Watson to unsupervised learning"). The AI Index groups those skills into the clusters below:
Artificial Intelligence, Autonomous Driving, Machine Learning, Natural Language Processing,
Neural Networks, Robotics, Visual Image Recognition, and (since the 2024 report) Generative AI.
Indeed's Hiring Lab AI tracker counts postings whose title or description mentions AI or GenAI
terms, broad ones ("AI", "GenAI") included. The terms here are the skill names of those
clusters as the reports and Lightcast's posts name them, written from those public
descriptions (Lightcast's full taxonomy is proprietary, so this is a reconstruction, not a copy).

Two deliberate departures, both in the rule's favour: skills in the published lists that are not
AI-specific (Apache Spark, cluster analysis, remote sensing, sorting algorithms) are left out,
and a handful of translations are added because the gold set has postings in Spanish,
Portuguese, French and German (Indeed runs its tracker per country, in the local language).

The rule predicts `is_ai` only. As an `ai_tier` it says `core` when a term matches, else `none`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import re2

# cluster -> skill names, matched as whole words, spaces and hyphens alike; a term written without
# lower-case letters (an acronym: RAG, ROS, SLAM) matches only as written, so "rag" does not count
AI_TERMS: dict[str, tuple[str, ...]] = {
    "artificial intelligence": (
        "artificial intelligence", "artificial general intelligence", "AI development", "AI systems",
        "cognitive computing", "computational intelligence", "expert systems", "intelligent systems",
        "knowledge-based systems", "multi-agent systems", "IBM Watson", "Azure Cognitive Services",
        "OpenAI Gym", "ONNX",
    ),
    "autonomous driving": (
        "autonomous driving", "autonomous vehicles", "autonomous systems", "self-driving",
        "advanced driver assistance systems", "ADAS", "LiDAR",
    ),
    "machine learning": (
        "machine learning", "machine learning algorithms", "automated machine learning", "AutoML",
        "supervised learning", "unsupervised learning", "semi-supervised learning",
        "reinforcement learning", "transfer learning", "meta learning", "decision tree learning",
        "decision trees", "random forest", "gradient boosting", "XGBoost", "LightGBM", "AdaBoost",
        "support vector machine", "naive bayes", "k-means clustering", "hidden Markov model",
        "dimensionality reduction", "feature engineering", "feature extraction", "feature selection",
        "hyperparameter optimization", "recommender systems", "recommendation systems",
        "collaborative filtering", "scikit-learn", "sklearn", "PyTorch", "Torch", "MLflow",
        "Kubeflow", "SageMaker", "Azure Machine Learning", "Vertex AI", "H2O.ai", "Apache Mahout",
        "Vowpal Wabbit", "training datasets", "MLOps",
    ),
    "natural language processing": (
        "natural language processing", "natural language understanding", "natural language generation",
        "computational linguistics", "machine translation", "sentiment analysis", "text mining",
        "speech recognition", "text to speech", "chatbot", "chatbots", "dialog systems", "BERT",
        "word2vec", "fastText", "NLTK", "spaCy", "Hugging Face", "optical character recognition",
        "latent Dirichlet allocation",
    ),
    "neural networks": (
        "neural networks", "neural network", "deep learning", "convolutional neural network",
        "recurrent neural network", "long short-term memory", "LSTM", "TensorFlow", "Keras", "Caffe",
        "MXNet", "Deeplearning4j", "JAX",
    ),
    "robotics": (
        "robotics", "robot operating system", "ROS", "motion planning", "SLAM", "cognitive robotics",
        "Nvidia Jetson",
    ),
    "visual image recognition": (
        "computer vision", "machine vision", "image recognition", "image segmentation",
        "image classification", "object recognition", "object detection", "facial recognition",
        "face detection", "pose estimation", "activity recognition", "3D reconstruction", "OpenCV",
        "ImageNet",
    ),
    "generative ai": (
        "generative AI", "GenAI", "Gen AI", "generative artificial intelligence", "large language models",
        "large language model", "large language modeling", "LLM", "LLMs", "prompt engineering",
        "ChatGPT", "GPT-4", "GPT", "generative adversarial networks", "diffusion models",
        "retrieval-augmented generation", "RAG", "foundation models", "LangChain", "Copilot",
    ),
}

# the broad words the trackers count too (Hiring Lab: "AI", "GenAI"; KI and IA in German, French
# and Spanish postings)
ACRONYMS: tuple[str, ...] = ("AI", "A.I.", "ML", "AI/ML", "NLP", "KI", "IA")

TRANSLATIONS: tuple[str, ...] = (
    "inteligencia artificial", "inteligência artificial", "intelligence artificielle",
    "künstliche Intelligenz", "aprendizaje automático", "aprendizado de máquina",
    "apprentissage automatique", "maschinelles Lernen", "aprendizaje profundo", "apprentissage profond",
    "IA generativa", "IA générative", "generative KI",
)


def _pattern(term: str) -> str:
    """A term as an RE2 pattern: spaces and hyphens interchangeable, word boundaries where the
    term starts or ends with a letter or digit, case-sensitive for acronyms."""
    body = re.escape(term).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]?")
    body = (r"\b" if term[0].isalnum() else "") + body + (r"\b" if term[-1].isalnum() else "")
    return f"(?-i:{body})" if term == term.upper() else body


class KeywordRule:
    """AI job if any term of the list appears in the title or the description."""

    def __init__(self, terms: Mapping[str, Sequence[str]] = AI_TERMS,
                 acronyms: Sequence[str] = ACRONYMS, translations: Sequence[str] = TRANSLATIONS) -> None:
        every = {term for cluster in terms.values() for term in cluster} | {*acronyms, *translations}
        ordered = sorted(every, key=len, reverse=True)  # longest first: the evidence names the whole term
        # one linear-time RE2 pass over UTF-8 bytes, as jobradar's taxonomy does
        self._any = re2.compile(("(?i)" + "|".join(_pattern(term) for term in ordered)).encode())

    def matched_term(self, posting: Mapping[str, Any]) -> str | None:
        """The first AI term found in the title, else in the description; None if there is none."""
        for text in (posting.get("title") or "", posting.get("description") or ""):
            found = self._any.search(text.encode("utf-8"))
            if found:
                return found.group(0).decode("utf-8", "replace")
        return None

    def label(self, postings: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        labels = []
        for posting in postings:
            term = self.matched_term(posting)
            labels.append({"ai_tier": "core" if term else "none", "is_ai": term is not None,
                           "matched_term": term})
        return labels
