"""The raw archive's records: a body received as UTF-8 JSON is kept as received, one per line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from pipeline.store import raw_files, read_jsonl_gz
from spiders.archive import RawArchivePipeline, archive_line


def test_a_json_body_is_written_as_received_and_reads_back_as_parsed() -> None:
    received = '{\n  "jobs": [{"title": "Ingénieure ML \\ud800", "text": "a\\nb"}],\r\n  "meta": {"total": 1}\n}\n'
    item = {"source": "greenhouse", "board": "acme", "body": json.loads(received),
            "body_json": received.encode()}
    line = archive_line(dict(item))
    assert line.endswith(b"\n") and line.count(b"\n") == 1  # one record per line
    record = json.loads(line)
    assert record == {"source": "greenhouse", "board": "acme", "body": item["body"]}
    assert b"\\ud800" in line  # the escape stays an escape


def test_without_the_received_bytes_the_item_is_encoded() -> None:
    item = {"source": "personio", "board": "acme", "body": "<xml>\n</xml>"}
    assert json.loads(archive_line(dict(item))) == item


def test_an_exception_while_reading_a_response_fails_the_board() -> None:
    """A bug in a spider must not let its board pass as crawled with no postings."""
    import pytest
    from scrapy.http import TextResponse

    from spiders import SPIDERS

    class Broken(SPIDERS["greenhouse"]):
        name = "broken-test"

        def count_postings(self, body, kind):  # noqa: ANN001, ANN201
            raise KeyError("jobs")

    spider = Broken(boards="acme", base_url="http://127.0.0.1:9")
    request = spider.board_request("acme")
    response = TextResponse(request.url, body=b'{"jobs": []}', request=request, encoding="utf-8")
    with pytest.raises(KeyError):
        list(spider.parse_response(response))
    assert spider.board_results["acme"]["status"] == "failed"
    assert "KeyError while reading http://127.0.0.1:9/v1/boards/acme/jobs" in spider.board_results["acme"]["error"]


def test_a_retried_crawl_sets_the_died_attempts_file_aside_and_writes_a_readable_one(tmp_path: Path) -> None:
    def attempt(records: list[dict]) -> RawArchivePipeline:
        archive = RawArchivePipeline(SimpleNamespace(stats=SimpleNamespace(inc_value=lambda key: None)),
                                     tmp_path, "2026-01-15", "run-1")
        for record in records:
            archive.process_item(dict(record))
        return archive

    records = [{"source": "lever", "board": f"b{i}", "body": {"text": "x" * 3000 + str(i)}} for i in range(30)]
    attempt(records[:20])  # died: its file is cut short, never closed
    [path] = raw_files(tmp_path, "lever", date(2026, 1, 15), "run-1")
    path.write_bytes(path.read_bytes()[: path.stat().st_size * 2 // 3])
    died = path.read_bytes()
    attempt(records).close_spider()  # the retry crawls every board again

    assert list(read_jsonl_gz(path)) == records
    aside = path.with_name("run-1.attempt-1.jsonl.gz")
    assert aside.read_bytes() == died and 0 < len(list(read_jsonl_gz(aside))) < 20
