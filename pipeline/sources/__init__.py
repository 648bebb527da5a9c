"""Per-source readers: `jobs(body)` lists the jobs of a response, `extract(job)` reads one.

Every module here with SOURCE, jobs and extract is registered in PARSERS. A reader may also
define `jobs_of_record(record)` when it needs more of the archived record than the body (its URL
or kind, say); it then takes precedence over `jobs`.
"""

from __future__ import annotations

import importlib
import pkgutil

from pipeline.normalise import Extractor, Parser


def _discover() -> dict[str, tuple[Parser, Extractor]]:
    found: dict[str, tuple[Parser, Extractor]] = {}
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        if hasattr(module, "SOURCE") and hasattr(module, "extract"):
            found[module.SOURCE] = (getattr(module, "jobs_of_record", None) or _by_body(module.jobs),
                                    module.extract)
    return dict(sorted(found.items()))


def _by_body(jobs: Parser) -> Parser:
    def jobs_of_record(record: dict) -> list:
        return jobs(record.get("body"))

    jobs_of_record.__name__ = f"{jobs.__module__}.jobs"
    return jobs_of_record


PARSERS: dict[str, tuple[Parser, Extractor]] = _discover()
