"""Feature extraction as scikit-learn transformers over posting dicts (title, department, text)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import repeat
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline

from classifiers.labels import AI_SKILLS, ROLES
from classifiers.taxonomy import DEFAULT_TAXONOMY, Occurrence
from classifiers.title_rules import role_from_title

_WS = re.compile(r"\s+")
_BULLET_LINE = re.compile("(?m)^[ \t]*(?:- |\\* |• )".encode())
TAXONOMY_KEY = "_taxonomy_occurrences"  # (title, description) occurrences found by the caller
TITLE_ROLES_KEY = "_title_roles"  # title_roles(posting), found by the caller
# scikit-learn's default token, "\b\w\w+\b" (a maximal run of two or more word characters),
# written so that Python's re finds the same tokens in two thirds of the time
TOKEN_PATTERN = r"\w{2,}"
OPENING_CHARS = 400  # how much of the text TitleRole reads for a job named in it


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
    """Where a posting names AI, not only whether.

    Per skill cluster (and generic AI words): whether the title names it and how often the text
    does; then where in the text the AI words sit — in duty and requirement bullets, in prose, in
    the opening (where company boilerplate lives) — and how dense they are. LABELS.md's line
    between "AI is the job" and "AI is in the company blurb" is mostly a matter of where.
    """

    def fit(self, X: Sequence[Mapping[str, Any]], y: Any = None) -> TaxonomyCounts:
        return self

    def transform(self, X: Sequence[Mapping[str, Any]]) -> sparse.csr_matrix:
        columns = [*AI_SKILLS, "generic"]
        width = len(columns)
        rows = np.zeros((len(X), 2 * width + 9), dtype=np.float64)
        for i, posting in enumerate(X):
            title_terms, found = taxonomy_occurrences(posting)
            title = DEFAULT_TAXONOMY.summarise(title_terms)
            text = posting_field(posting, "description")
            for j, name in enumerate(columns):
                rows[i, j] = float(bool(title.generic) if name == "generic" else name in title.skills)
            for occurrence in found:
                rows[i, width + columns.index(occurrence.skill or "generic")] += 1
            rows[i, width:2 * width] = np.log1p(rows[i, width:2 * width])
            rows[i, 2 * width:] = _placement(text, found, title.names_ai)
        return sparse.csr_matrix(rows)


def taxonomy_occurrences(posting: Mapping[str, Any]) -> tuple[list[Occurrence], list[Occurrence]]:
    """Taxonomy occurrences in a posting's title and description; a caller that has already
    found them (the Labeller) passes them under TAXONOMY_KEY so the text is scanned once."""
    cached = posting.get(TAXONOMY_KEY)
    if cached is not None:
        return cached
    return (DEFAULT_TAXONOMY.occurrences(posting_field(posting, "title")),
            DEFAULT_TAXONOMY.occurrences(posting_field(posting, "description")))


def _placement(text: str, found: Sequence[Occurrence], title_names_ai: bool) -> list[float]:
    """Where AI words sit in the text: bullets vs prose, opening vs the rest, density.
    (Occurrence offsets are UTF-8 byte offsets, so the text is measured in bytes too.)"""
    data = text.encode("utf-8")
    bullet_lines = len(_BULLET_LINE.findall(data))
    in_bullets = in_prose = in_opening = tools_only = 0
    ai_bullet_lines: set[int] = set()
    opening = max(len(data) // 4, 1)
    for offset, skill, _ in found:
        line_start = data.rfind(b"\n", 0, offset) + 1
        if _BULLET_LINE.match(data, line_start):
            in_bullets += 1
            ai_bullet_lines.add(line_start)
        else:
            in_prose += 1
        in_opening += offset < opening
        tools_only += skill == "ai_tools_use"
    total = len(found)
    words = max(data.count(b" ") + 1, 1)
    return [
        np.log1p(in_bullets),
        np.log1p(in_prose),
        len(ai_bullet_lines) / bullet_lines if bullet_lines else 0.0,
        in_opening / total if total else 0.0,
        min(100.0 * total / words, 10.0) / 10.0,
        float(total > 0 and tools_only == total),
        float(title_names_ai),
        np.log1p(total),
        float(total == 0),
    ]


class TitleRole(BaseEstimator, TransformerMixin):
    """One-hot of the role that the transparent title patterns (classifiers/title_rules.py) name
    in the title, and — a second block — in the opening of the text, where postings without a
    job title (a Hacker News comment's first line is often just the company) name the job."""

    def __init__(self, opening_chars: int = OPENING_CHARS) -> None:
        self.opening_chars = opening_chars

    def fit(self, X: Sequence[Mapping[str, Any]], y: Any = None) -> TitleRole:
        return self

    def transform(self, X: Sequence[Mapping[str, Any]]) -> sparse.csr_matrix:
        index = {role: i for i, role in enumerate(ROLES)}
        rows, columns = [], []
        for i, posting in enumerate(X):
            found = posting.get(TITLE_ROLES_KEY) if self.opening_chars == OPENING_CHARS else None
            for block, named in enumerate(found or title_roles(posting, self.opening_chars)):
                if named:
                    rows.append(i)
                    columns.append(block * len(ROLES) + index[named[0]])
        data = np.ones(len(rows), dtype=np.float64)
        return sparse.csr_matrix((data, (rows, columns)), shape=(len(X), 2 * len(ROLES)))


def title_roles(posting: Mapping[str, Any], opening_chars: int = OPENING_CHARS,
                ) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """The (role, words) that the title patterns name in the title and in the opening of the text."""
    return (role_from_title(posting_field(posting, "title")),
            role_from_title(posting_field(posting, "description")[:opening_chars]))


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

    def _count_vocab(self, raw_documents: Any, fixed_vocab: bool) -> tuple[dict[str, int], Any]:
        """Term counts of fitted documents: each document's terms counted by collections.Counter
        and its distinct terms looked up in the vocabulary by `map`, both in C, where
        scikit-learn loops over every term in Python (a fifth of labelling's time). The same
        matrix: tests compare the two."""
        if not fixed_vocab:
            return super()._count_vocab(raw_documents, fixed_vocab)
        vocabulary = self.vocabulary_
        look_up, analyse = vocabulary.get, self.build_analyzer()
        columns: list[int] = []
        counts: list[int] = []
        ends = [0]
        for document in raw_documents:
            counted = Counter(analyse(document))
            columns.extend(map(look_up, counted, repeat(-1)))  # -1: not in the vocabulary
            counts.extend(counted.values())
            ends.append(len(columns))
        found = np.asarray(columns, dtype=np.int64)
        known = found >= 0
        starts = np.concatenate(([0], np.cumsum(known)))[np.asarray(ends)]
        index = np.int32 if starts[-1] <= np.iinfo(np.int32).max else np.int64
        matrix = sparse.csr_matrix((np.asarray(counts, dtype=np.intc)[known], found[known].astype(index),
                                    starts.astype(index)),
                                   shape=(len(ends) - 1, len(vocabulary)), dtype=self.dtype)
        matrix.sort_indices()
        return vocabulary, matrix


def text_features(title_weight: float = 2.0, department_weight: float = 0.5,
                  title_role_weight: float = 1.0) -> FeatureUnion:
    """Title, department and description vectorised apart, plus taxonomy and title-rule indicators."""
    return FeatureUnion(
        [
            ("title", Pipeline([
                ("select", FieldText("title", 300)),
                ("tfidf", CompactTfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1,
                                          lowercase=True, strip_accents="unicode",
                                          token_pattern=TOKEN_PATTERN)),
            ])),
            ("title_chars", Pipeline([
                ("select", FieldText("title", 300)),
                ("tfidf", CompactTfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                          min_df=2, lowercase=True, max_features=30000)),
            ])),
            ("department", Pipeline([
                ("select", FieldText("department", 200)),
                ("tfidf", CompactTfidfVectorizer(ngram_range=(1, 1), min_df=1, lowercase=True,
                                                 token_pattern=TOKEN_PATTERN)),
            ])),
            ("description", Pipeline([
                ("select", FieldText("description", 12000)),
                ("tfidf", CompactTfidfVectorizer(ngram_range=(1, 1), sublinear_tf=True, min_df=2,
                                                 max_df=0.9, max_features=60000, lowercase=True,
                                                 token_pattern=TOKEN_PATTERN, dtype=np.float32)),
            ])),
            ("taxonomy", TaxonomyCounts()),
            ("title_role", TitleRole()),
        ],
        transformer_weights={"title": title_weight, "title_chars": title_weight / 2,
                             "department": department_weight, "description": 1.0,
                             "taxonomy": 1.0, "title_role": title_role_weight},
    )
