"""classifiers/features.py: the vectorisers give scikit-learn's matrices, only faster."""

from __future__ import annotations

import re

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from classifiers.features import TOKEN_PATTERN, CompactTfidfVectorizer

TRAINING = [
    "Senior Machine Learning Engineer: train and deploy models with PyTorch.",
    "Accountant at an AI-powered fintech; month-end close, IFRS, Excel.",
    "Ingeniero de datos — años de experiencia con Spark y aprendizaje automático.",
    "Ingénieur logiciel (H/F) : développement back-end en Go, déploiement continu.",
    "Product Manager, AI Platform — roadmap for LLM features, A/B tests, 5+ years.",
    "Data Analyst (SQL, dbt); dashboards for the sales team; hybrid in Berlin.",
]
UNSEEN = [
    "", "   ", "Unseen words only: zebra quokka", "PyTorch pytorch PYTORCH models models models",
    "Größe × Straße — naïve café façade; 数据科学家; مهندس", "a b c 1 2 3 _ __ x_y",
    TRAINING[0] * 40,
]


@pytest.mark.parametrize("options", [
    {"ngram_range": (1, 1), "sublinear_tf": True, "min_df": 1, "token_pattern": TOKEN_PATTERN},
    {"ngram_range": (1, 2), "strip_accents": "unicode", "token_pattern": TOKEN_PATTERN},
    {"analyzer": "char_wb", "ngram_range": (3, 5), "max_features": 200},
    {"ngram_range": (1, 1), "max_df": 0.9, "dtype": np.float32, "binary": True},
])
def test_compact_vectoriser_gives_scikit_learns_matrix(options: dict) -> None:
    ours = CompactTfidfVectorizer(**options).fit(TRAINING)
    theirs = TfidfVectorizer(**options).fit(TRAINING)
    for documents in (TRAINING, UNSEEN, TRAINING + UNSEEN):
        mine, reference = ours.transform(documents), theirs.transform(documents)
        assert mine.shape == reference.shape and mine.dtype == reference.dtype
        assert abs(mine - reference).max() == 0
        assert (mine.indptr == reference.indptr).all() and (mine.indices == reference.indices).all()


def test_the_token_pattern_finds_scikit_learns_default_tokens() -> None:
    default = re.compile(r"(?u)\b\w\w+\b")
    faster = re.compile(TOKEN_PATTERN)
    for text in TRAINING + UNSEEN + ["x1 1x __ a_b é é́ ß Σσς ǅ ٣٤ ²³ ﬁ"]:
        assert faster.findall(text.lower()) == default.findall(text.lower())
