"""Item pipeline that archives every raw response as gzip JSON Lines, flushed item by item."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from isal import igzip
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured


class RawArchivePipeline:
    """Appends raw responses to `<archive>/raw/source=<source>/dt=<run_date>/<run_id>.jsonl.gz`.

    Responses that could not be decoded go to `<archive>/quarantine/dt=<run_date>/` instead,
    with the reason.
    Each line is flushed as it is written, so a killed crawl leaves every earlier response readable.
    A file already there is an earlier attempt's that died: it is set aside (`set_aside`).
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
            if path.exists():  # an earlier attempt of this crawl died writing it (a task retry)
                path.rename(set_aside(path))
            # gzip written by ISA-L at its level 2: a fifth of the CPU that zlib takes at level 3
            # for about the same size (the archive is written on every crawl, read back once per
            # partition); each flush ends a deflate block, so any gzip reader gets every line
            handle = self.files[path] = igzip.open(path, "ab", compresslevel=2)  # noqa: SIM115 (closed in close_spider)
        handle.write(archive_line(item))
        handle.flush()
        self.crawler.stats.inc_value(f"jobradar/archived/{'quarantine' if 'error' in item else 'raw'}")
        return item

    def close_spider(self) -> None:
        for handle in self.files.values():
            handle.close()
        self.files.clear()


def set_aside(path: Path) -> Path:
    """Where the file of a crawl attempt that died goes when the crawl is retried:
    `<run_id>.attempt-N.jsonl.gz` beside it. Appending the retry to it would put a whole gzip
    member after one cut short, which no reader gets past; the died attempt's responses are kept,
    but the partition is read from the retry's file, which its crawl record names."""
    stem = path.name.removesuffix(".jsonl.gz")
    number = 1
    while (aside := path.with_name(f"{stem}.attempt-{number}.jsonl.gz")).exists():
        number += 1
    return aside


def archive_line(item: dict[str, Any]) -> bytes:
    """One JSON Lines record of `item`. A body received as UTF-8 JSON (`body_json`, its bytes) is
    written as received, not encoded again from its parsed form (a large board costs a fifth of a
    crawl's CPU to re-encode).
    Its line breaks become spaces, which is safe because valid JSON has raw line breaks only
    between tokens. A lone surrogate (a "\\ud800" escape in a JSON response) stays that escape."""
    raw = item.pop("body_json", None)
    if raw is None:
        return json.dumps(item, ensure_ascii=False).encode("utf-8", "backslashreplace") + b"\n"
    head = json.dumps({key: value for key, value in item.items() if key != "body"}, ensure_ascii=False)
    return (head[:-1].encode("utf-8", "backslashreplace") + b', "body": '
            + raw.replace(b"\r", b" ").replace(b"\n", b" ") + b"}\n")
