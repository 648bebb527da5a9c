"""The crawl benchmark's ceiling: a minimal asyncio + httpx fetcher of the same board URLs, which
parses each JSON response and counts its postings, and does nothing else (no archive, no retries).

Usage: .venv/bin/python bench/httpx_ceiling.py URLS.txt [--concurrency 16]
Prints one JSON line: {"boards", "ok", "postings", "bytes"}; exits 1 if any board failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any

import httpx


def count_postings(body: Any) -> int:
    """Postings in a Greenhouse/Ashby ({"jobs": […]}) or Lever ([…]) board response."""
    return len(body["jobs"]) if isinstance(body, dict) else len(body)


async def fetch_all(urls: list[str], concurrency: int) -> dict[str, int]:
    """Fetch every URL over `concurrency` workers sharing one keep-alive connection pool."""
    totals = {"boards": len(urls), "ok": 0, "postings": 0, "bytes": 0}
    pending = iter(urls)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def worker(client: httpx.AsyncClient) -> None:
        for url in pending:
            response = await client.get(url)
            if response.status_code == 200:
                totals["ok"] += 1
                totals["postings"] += count_postings(json.loads(response.content))
                totals["bytes"] += len(response.content)

    async with httpx.AsyncClient(limits=limits, timeout=30.0) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("urls", type=Path, help="a file of board URLs, one a line")
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight at once")
    args = parser.parse_args()
    urls = args.urls.read_text().split()
    totals = asyncio.run(fetch_all(urls, args.concurrency))
    print(json.dumps(totals))
    return 0 if totals["ok"] == totals["boards"] else 1


if __name__ == "__main__":
    sys.exit(main())
