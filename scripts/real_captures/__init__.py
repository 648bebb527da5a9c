"""Readers of real captures, one module per kind (see scripts/check_real_captures.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def json_captures(real_dir: Path, source: str) -> Iterator[tuple[Path, str, Any, str | None]]:
    """Each REAL_DIR/ats/<source>/*.json capture, in name order: (path, "<source>/<file name>",
    its JSON or None, why it is not JSON or None)."""
    for path in sorted((real_dir / "ats" / source).glob("*.json")):
        try:
            yield path, f"{source}/{path.name}", json.loads(path.read_text(encoding="utf-8")), None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            yield path, f"{source}/{path.name}", None, f"not JSON: {error}"
