"""Start a crawl of one source in a child process and return its per-board outcomes."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spiders.forkserver import ForkServerError, fork_server


@dataclass(frozen=True)
class CrawlResult:
    """What a crawl did: each board's outcome ("ok"/"failed", responses, postings, error)."""

    source: str
    boards: dict[str, dict[str, Any]]
    finish_reason: str
    log_tail: str

    @property
    def failed_boards(self) -> dict[str, str]:
        return {
            board: result.get("error") or "failed"
            for board, result in self.boards.items()
            if result.get("status") != "ok"
        }


class CrawlError(RuntimeError):
    """The crawl process itself died: no board outcome is known."""


def run_crawl(
    source: str,
    boards: list[str],
    settings: dict[str, Any],
    base_url: str | None = None,
    timeout: float | None = None,
    options: dict[str, Any] | None = None,
) -> CrawlResult:
    """Crawl `boards` of `source` in a process of its own (Twisted's reactor is not restartable),
    forked from this process's crawl fork server (spiders/forkserver.py).

    `options` are passed to the spider as arguments (e.g. a month for Hacker News).
    """
    with tempfile.TemporaryDirectory(prefix=f"jobradar-crawl-{source}-") as workdir:
        stats_path = Path(workdir) / "stats.json"
        job_path = Path(workdir) / "job.json"
        log_path = Path(workdir) / "crawl.log"
        job = {
            "source": source,
            "boards": boards,
            "base_url": base_url,
            "options": options or {},
            "settings": {**settings, "JOBRADAR_STATS_PATH": str(stats_path)},
        }
        job_path.write_text(json.dumps(job))
        try:
            code = fork_server().run("spiders.run:main", [[str(job_path)]], str(log_path), timeout)
        except ForkServerError as error:
            raise CrawlError(f"the {source} crawl could not run: {error}") from error
        log_tail = _tail(log_path)
        if not stats_path.exists():
            raise CrawlError(
                f"the {source} crawl process exited with code {code} "
                f"before reporting; last log lines:\n{log_tail}"
            )
        stats = json.loads(stats_path.read_text())
    return CrawlResult(
        source=source,
        boards=stats["boards"],
        finish_reason=stats["finish_reason"],
        log_tail=log_tail,
    )


def _tail(log: Path, lines: int = 40) -> str:
    """The last lines of a crawl's log (its end is what explains a failure)."""
    try:
        with log.open("rb") as handle:
            handle.seek(0, 2)
            handle.seek(max(handle.tell() - 64 * 1024, 0))
            text = handle.read().decode(errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])
