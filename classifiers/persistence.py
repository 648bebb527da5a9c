"""Save and load models safely: skops format, SHA-256 checked, library versions and labelling
code checked.

A model directory holds `model.skops` and `model_card.json`; nothing is unpickled blindly.
scikit-learn and skops are imported only to save or load (about 3 s, skops walking every
scikit-learn module): checking a model before a run does not need them.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from jobradar.code_hash import files_sha256
from jobradar.errors import ModelError

MODEL_FILE = "model.skops"
CARD_FILE = "model_card.json"
CURRENT_FILE = "current.json"
# Modules whose types a jobradar model may contain.
_TRUSTED_PREFIXES = ("sklearn.", "numpy.", "scipy.", "classifiers.", "builtins.")
# The code that turns a posting into features and probabilities into labels, beside the saved
# estimators: a model is only what it was measured to be with the code it was trained with.
_ROOT = Path(__file__).resolve().parent.parent
LABELLING_CODE = (
    "classifiers/features.py", "classifiers/labeller.py", "classifiers/labels.py",
    "classifiers/seniority.py", "classifiers/taxonomy.py", "classifiers/title_rules.py",
    "pipeline/hackernews_header.py", "pipeline/hackernews_split.py", "pipeline/text.py",
)


@cache
def labelling_code_sha256() -> str:
    """SHA-256 over the labelling code's files, in a fixed order, once per process (the code the
    process runs; every check and load of a model compares against it)."""
    return files_sha256(_ROOT, LABELLING_CODE)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save_model(bundle: Any, card: dict[str, Any], models_dir: Path) -> Path:
    """Write the model and its card under models_dir/<version>/ and make it the current model."""
    version = card["model_version"]
    target = models_dir / version
    staging = models_dir / f".{version}.tmp"
    staging.mkdir(parents=True, exist_ok=True)
    model_path = staging / MODEL_FILE
    import skops.io as sio

    sio.dump(bundle, model_path)
    card = {"labelling_code_sha256": labelling_code_sha256(), **card,
            "model_sha256": sha256_of(model_path), "model_file": MODEL_FILE,
            "skops_version": _installed_version("skops")}
    (staging / CARD_FILE).write_text(json.dumps(card, indent=2, sort_keys=True))
    if target.exists():
        _remove_tree(target)
    staging.rename(target)
    current = models_dir / CURRENT_FILE
    temporary = current.with_suffix(".tmp")
    temporary.write_text(json.dumps({"model_version": version}))
    os.replace(temporary, current)
    return target


def current_version(models_dir: Path) -> str | None:
    current = models_dir / CURRENT_FILE
    if not current.exists():
        return None
    try:
        return json.loads(current.read_text())["model_version"]
    except (ValueError, KeyError, TypeError):
        raise ModelError(f"{current} is damaged; run `jobradar train` to write a new model") from None


def load_model(models_dir: Path, version: str | None = None) -> tuple[Any, dict[str, Any]]:
    """Load a model after checking its card, checksum, library version and contained types."""
    import skops.io as sio

    model_path, card = _checked(models_dir, version)
    untrusted = sio.get_untrusted_types(file=model_path)
    foreign = [name for name in untrusted if not name.startswith(_TRUSTED_PREFIXES)]
    if foreign:
        raise ModelError(f"{model_path} contains types outside scikit-learn and jobradar "
                         f"({', '.join(foreign[:5])}); refusing to load it")
    try:
        bundle = sio.load(model_path, trusted=untrusted)
    except Exception as error:  # skops raises many kinds on a damaged file
        raise ModelError(f"{model_path} could not be read ({error}); refusing it") from None
    return bundle, card


def verify_model(models_dir: Path, version: str | None = None) -> dict[str, Any]:
    """The checks of `load_model` that need no loading (the card, the checksum, the scikit-learn
    version), in milliseconds: a run refuses an altered, missing or foreign model before any work.
    Returns the model's card. (The types the file holds are checked as it loads.)"""
    return _checked(models_dir, version)[1]


def check_current_model(models_dir: Path) -> None:
    """Refuse a missing, altered or foreign current model before a run does any work (ModelError);
    no model at all is fine: the first run trains one."""
    if current_version(models_dir) is not None:
        verify_model(models_dir)


def _checked(models_dir: Path, version: str | None) -> tuple[Path, dict[str, Any]]:
    """The model file and its card, once both are checked; else ModelError."""
    version = version or current_version(models_dir)
    if version is None:
        raise ModelError(f"no model in {models_dir}; run `jobradar train` first")
    folder = models_dir / version
    model_path, card_path = folder / MODEL_FILE, folder / CARD_FILE
    if not model_path.exists() or not card_path.exists():
        raise ModelError(f"model {version} is missing {MODEL_FILE} or {CARD_FILE} in {folder}; "
                         "run `jobradar train` to write it again")
    try:
        card = json.loads(card_path.read_text())
    except ValueError as error:
        raise ModelError(f"{card_path} is not valid JSON ({error}); refusing the model") from None
    actual = sha256_of(model_path)
    if card.get("model_sha256") != actual:
        raise ModelError(
            f"{model_path} does not match its checksum in {CARD_FILE} (expected "
            f"{card.get('model_sha256')}, found {actual}): the file was altered or damaged; "
            "refusing to load it. Run `jobradar train` to write a fresh model.")
    trained_with = (card.get("library_versions") or {}).get("scikit-learn")
    installed = _installed_version("scikit-learn")
    if trained_with != installed:
        raise ModelError(
            f"model {version} ({model_path}) was trained with scikit-learn {trained_with}, this is "
            f"{installed}; models do not move safely between versions. "
            "Run `jobradar train` to retrain it.")
    if card.get("labelling_code_sha256") != labelling_code_sha256():
        trained = "before jobradar recorded it" if "labelling_code_sha256" not in card else "with another version of it"
        raise ModelError(
            f"model {version} ({model_path}) was trained {trained}: jobradar's labelling code "
            f"({', '.join(LABELLING_CODE)}) has changed since, so the model would not label as it "
            "was measured to. Run `jobradar train` to retrain it.")
    return model_path, card


def _installed_version(distribution: str) -> str:
    from importlib.metadata import version

    return version(distribution)


def _remove_tree(path: Path) -> None:
    import shutil

    shutil.rmtree(path)
