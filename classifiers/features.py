"""Feature extraction as scikit-learn transformers over posting dicts (title, department, text)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline

from classifiers.labels import AI_SKILLS
from classifiers.taxonomy import DEFAULT_TAXONOMY

_WS = re.compile(r"\s+")


def posting_field(posting: Mapping[str, Any], name: str) -> str:
    value = posting.get(name)
    return value if isinstance(value, str) else ""


class FieldText(BaseEstimator, TransformerMixin):
    """Selects one text field of each posting dict (missing → ""), truncated to `max_chars`."""

    def __init__(self, field: str = "title", max_chars: int = 20000) -> None:
        self.field = field
        self.max_chars = max_chars

    def fit(self, X: Sequence[Mapping[str, Any]], y: Any = None) -> FieldText:
        return self

    def transform(self, X: Sequence[Mapping[str, Any]]) -> list[str]:
        return [posting_field(p, self.field)[: self.max_chars] for p in X]


class TaxonomyCounts(BaseEstimator, TransformerMixin):
    """Per skill cluster (and generic AI words): whether the title and the text name it."""

    def fit(self, X: Sequence[Mapping[str, Any]], y: Any = None) -> TaxonomyCounts:
        return self

    def transform(self, X: Sequence[Mapping[str, Any]]) -> sparse.csr_matrix:
        columns = [*AI_SKILLS, "generic"]
        rows = np.zeros((len(X), 2 * len(columns) + 2), dtype=np.float64)
        for i, posting in enumerate(X):
            title = DEFAULT_TAXONOMY.match(posting_field(posting, "title"))
            text = DEFAULT_TAXONOMY.match(posting_field(posting, "description"))
            for j, name in enumerate(columns):
                in_title = bool(title.generic) if name == "generic" else name in title.skills
                in_text = (len(text.generic) if name == "generic" else len(text.skills.get(name, [])))
                rows[i, j] = float(in_title)
                rows[i, len(columns) + j] = np.log1p(in_text)
            rows[i, -2] = float(title.names_ai)
            rows[i, -1] = np.log1p(sum(len(t) for t in text.skills.values()))
        return sparse.csr_matrix(rows)


class CompactTfidfVectorizer(TfidfVectorizer):
    """TfidfVectorizer whose saved state keeps the vocabulary as two arrays, not a dict.

    skops stores a dict entry by entry; tens of thousands of terms made model files of ~100 MB
    that took a minute to write. Arrays are stored as .npy blobs: small and fast.
    """

    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())
        vocabulary = state.pop("vocabulary_", None)
        if vocabulary is not None:
            terms = sorted(vocabulary, key=vocabulary.__getitem__)
            state["vocabulary_terms_"] = np.array(terms, dtype=str)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        terms = state.pop("vocabulary_terms_", None)
        if terms is not None:
            state["vocabulary_"] = {str(term): index for index, term in enumerate(terms.tolist())}
        super().__setstate__(state)


def text_features(title_weight: float = 2.0, department_weight: float = 0.5) -> FeatureUnion:
    """Title, department and description vectorised apart, plus taxonomy indicators."""
    return FeatureUnion(
        [
            ("title", Pipeline([
                ("select", FieldText("title", 300)),
                ("tfidf", CompactTfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1,
                                          lowercase=True, strip_accents="unicode")),
            ])),
            ("title_chars", Pipeline([
                ("select", FieldText("title", 300)),
                ("tfidf", CompactTfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                          min_df=2, lowercase=True, max_features=30000)),
            ])),
            ("department", Pipeline([
                ("select", FieldText("department", 200)),
                ("tfidf", CompactTfidfVectorizer(ngram_range=(1, 1), min_df=1, lowercase=True)),
            ])),
            ("description", Pipeline([
                ("select", FieldText("description", 20000)),
                ("tfidf", CompactTfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2,
                                          max_df=0.9, max_features=60000, lowercase=True,
                                          strip_accents="unicode", dtype=np.float32)),
            ])),
            ("taxonomy", TaxonomyCounts()),
        ],
        transformer_weights={"title": title_weight, "title_chars": title_weight / 2,
                             "department": department_weight, "description": 1.0,
                             "taxonomy": 1.0},
    )
