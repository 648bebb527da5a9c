"""Per-source readers: `jobs(body)` lists the jobs of a response, `extract(job)` reads one."""

from __future__ import annotations

from pipeline.normalise import Extractor, Parser
from pipeline.sources import ashby, greenhouse, lever

PARSERS: dict[str, tuple[Parser, Extractor]] = {
    module.SOURCE: (module.jobs, module.extract) for module in (greenhouse, lever, ashby)
}
