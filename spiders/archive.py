"""Item pipeline that archives every raw response as gzip JSON Lines, flushed item by item."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import IO, Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured


class RawArchivePipeline:
    """Appends raw responses to `<archive>/raw/source=<source>/dt=<run_date>/<run_id>.jsonl.gz`.

    Responses that could not be decoded go to `<archive>/quarantine/dt=<run_date>/` instead,
    with the reason.
    Each line is flushed as it is written, so a killed crawl leaves every earlier response readable.
    """

    def __init__(self, crawler: Crawler, archive_dir: Path, run_date: str, run_id: str) -> None:
        self.crawler = crawler
        self.archive_dir = archive_dir
        self.run_date = run_date
        self.run_id = run_id
        self.files: dict[Path, IO[bytes]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RawArchivePipeline:
        settings = crawler.settings
        archive_dir = settings.get("JOBRADAR_ARCHIVE_DIR")
        if not archive_dir:
            raise NotConfigured("JOBRADAR_ARCHIVE_DIR is not set")
        return cls(
            crawler,
            Path(archive_dir),
            settings.get("JOBRADAR_RUN_DATE"),
            settings.get("JOBRADAR_RUN_ID"),
        )

    def path_for(self, item: dict[str, Any]) -> Path:
        if "error" in item:
            return (
                self.archive_dir / "quarantine" / f"dt={self.run_date}"
                / f"responses-{item['source']}-{self.run_id}.jsonl.gz"
            )
        return (
            self.archive_dir / "raw" / f"source={item['source']}" / f"dt={self.run_date}"
            / f"{self.run_id}.jsonl.gz"
        )

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        path = self.path_for(item)
        handle = self.files.get(path)
        if handle is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            # zlib's default level 6, not gzip's 9: a third less CPU for an archive about 1% larger
            handle = self.files[path] = gzip.open(path, "ab", compresslevel=6)  # noqa: SIM115 (closed in close_spider)
        # a lone surrogate (a "\ud800" escape in a JSON response) is written back as that same escape
        handle.write(json.dumps(item, ensure_ascii=False).encode("utf-8", "backslashreplace") + b"\n")
        handle.flush()
        self.crawler.stats.inc_value(f"jobradar/archived/{'quarantine' if 'error' in item else 'raw'}")
        return item

    def close_spider(self) -> None:
        for handle in self.files.values():
            handle.close()
        self.files.clear()
