"""Scrapy spiders, one per source kind; they fetch public job-board APIs and yield raw responses.

Every module in this package that defines a BoardSpider subclass with a `source` is registered
in SPIDERS: adding a source is adding a file.
"""

from __future__ import annotations

import importlib
import pkgutil

from spiders.base import BoardSpider

_NOT_SOURCES = {"base", "archive", "forkserver", "middlewares", "run", "runner", "settings"}


def _discover() -> dict[str, type[BoardSpider]]:
    found: dict[str, type[BoardSpider]] = {}
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name in _NOT_SOURCES or module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, BoardSpider)
                    and value.__module__ == module.__name__ and getattr(value, "source", None)):
                found[value.source] = value
    return dict(sorted(found.items()))


SPIDERS: dict[str, type[BoardSpider]] = _discover()

__all__ = ["SPIDERS", "BoardSpider"]
