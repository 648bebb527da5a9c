"""A SHA-256 over some of jobradar's own source files: what a model or a normalised row depends on."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def files_sha256(root: Path, names: Iterable[str]) -> str:
    """SHA-256 over the files `names` under `root`, in the order given, each with its name and its
    line endings normalised (a checkout with CRLF line endings hashes alike)."""
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode() + b"\0" + (root / name).read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()
