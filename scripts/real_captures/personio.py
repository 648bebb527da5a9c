"""Real Personio XML feeds (REAL_DIR/ats/personio/*.xml) as archive records, for checking the reader.

Each file becomes the record the spider would have archived for it: kind "board", the account
named after the file, the English feed's URL, the XML text as body.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def records(real_dir: Path) -> Iterator[tuple[str, dict | None, str | None]]:
    """(file name, archive-like record or None, reason it was skipped or None) per capture."""
    for path in sorted((real_dir / "ats" / "personio").glob("*.xml")):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            yield path.name, None, f"not UTF-8 text: {error}"
            continue
        if "<workzag-jobs" not in text:
            yield path.name, None, "not a Personio feed (no <workzag-jobs> root)"
            continue
        account = path.stem.replace("_", "-")
        yield path.name, {
            "source": "personio",
            "board": account,
            "kind": "board",
            "url": f"https://{account}.jobs.personio.de/xml?language=en",
            "fetched_at": None,
            "body": text,
        }, None
