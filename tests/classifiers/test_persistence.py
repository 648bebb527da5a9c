"""Models are data: saved with a card and checksum, refused when altered, missing or foreign."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from classifiers.persistence import CARD_FILE, MODEL_FILE, current_version, load_model, save_model
from jobradar.errors import ModelError


def _model_file(models: Path) -> Path:
    return models / current_version(models) / MODEL_FILE


def test_round_trip_gives_the_same_predictions(model_copy: Path) -> None:
    bundle, card = load_model(model_copy)
    again, card_again = load_model(model_copy)
    posting = [{"title": "ML Engineer", "department": "", "description": "PyTorch models"}]
    assert bundle.predict(posting).tolist() == again.predict(posting).tolist()
    assert card["model_version"] == card_again["model_version"]
    assert card["training_data_sha256"] and card["model_sha256"]
    assert card["library_versions"]["scikit-learn"]


def test_a_model_altered_by_one_byte_is_refused(model_copy: Path) -> None:
    path = _model_file(model_copy)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="does not match its checksum"):
        load_model(model_copy)


def test_a_missing_model_is_refused_with_the_fix(model_copy: Path) -> None:
    _model_file(model_copy).unlink()
    with pytest.raises(ModelError, match="jobradar train"):
        load_model(model_copy)


def test_no_model_at_all(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no model"):
        load_model(tmp_path)


def test_a_model_from_another_scikit_learn_is_refused(model_copy: Path) -> None:
    card_path = _model_file(model_copy).parent / CARD_FILE
    card = json.loads(card_path.read_text())
    card["library_versions"]["scikit-learn"] = "0.24.2"
    card_path.write_text(json.dumps(card))
    with pytest.raises(ModelError, match="scikit-learn 0.24.2"):
        load_model(model_copy)


class Foreign:
    """Stands for any object a model file should not contain."""

    def __init__(self) -> None:
        self.payload = "anything"


def test_types_outside_scikit_learn_are_refused(tmp_path: Path) -> None:
    card = {"model_version": "jr-foreign", "library_versions": {}}
    import sklearn

    card["library_versions"]["scikit-learn"] = sklearn.__version__
    save_model(Foreign(), card, tmp_path)
    with pytest.raises(ModelError, match="test_persistence.Foreign"):
        load_model(tmp_path)


def test_a_model_trained_with_other_labelling_code_is_refused(model_copy: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import classifiers.persistence as persistence

    card = load_model(model_copy)[1]
    assert card["labelling_code_sha256"] == persistence.labelling_code_sha256()
    # the title rules, the taxonomy or the Labeller changed since the model was trained
    monkeypatch.setattr(persistence, "labelling_code_sha256", lambda: "0" * 64)
    with pytest.raises(ModelError, match="labelling code .*has changed since.*jobradar train"):
        load_model(model_copy)


def test_a_model_card_without_the_labelling_code_is_refused(model_copy: Path) -> None:
    card_path = _model_file(model_copy).parent / CARD_FILE
    card = json.loads(card_path.read_text())
    del card["labelling_code_sha256"]
    card_path.write_text(json.dumps(card))
    with pytest.raises(ModelError, match="trained before jobradar recorded it"):
        load_model(model_copy)
