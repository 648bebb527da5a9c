"""Run one source's crawl in this process: `python -m spiders.run SETTINGS.json`.

Twisted's reactor cannot be restarted, so every crawl gets a process of its own; the caller
reads the board outcomes from the stats file the spider writes when it closes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from scrapy.crawler import CrawlerProcess

from spiders import SPIDERS


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m spiders.run JOB.json", file=sys.stderr)
        return 2
    job = json.loads(Path(argv[0]).read_text())
    spider = SPIDERS[job["source"]]
    process = CrawlerProcess(settings=job["settings"], install_root_handler=True)
    process.crawl(spider, boards=job["boards"], base_url=job.get("base_url"), **job.get("options", {}))
    process.start()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
