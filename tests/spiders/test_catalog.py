"""spiders/catalog.py describes exactly the spiders there are, and what reads it needs no Scrapy."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
import textwrap

import spiders
from spiders.base import BoardSpider
from spiders.catalog import SOURCES


def spider_classes() -> dict[str, type[BoardSpider]]:
    """Every BoardSpider subclass with a source, found by importing every module of the package."""
    found: dict[str, type[BoardSpider]] = {}
    for module_info in pkgutil.iter_modules(spiders.__path__):
        module = importlib.import_module(f"spiders.{module_info.name}")
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BoardSpider) and value.__module__ == module.__name__ and "source" in vars(value):
                found[value.source] = value
    return found


def test_every_spider_has_an_entry_and_every_entry_names_its_spider() -> None:
    classes = spider_classes()
    assert set(classes) == set(SOURCES)
    for name, entry in SOURCES.items():
        assert entry.spider_class() is classes[name]
        assert spiders.SPIDERS[name] is classes[name]


def test_a_spider_carries_its_entrys_facts() -> None:
    for name, entry in SOURCES.items():
        spider = spiders.SPIDERS[name]
        assert (spider.board_key, spider.board_help, spider.default_base_url, spider.history) == (
            entry.board_key, entry.board_help, entry.default_base_url, entry.history)
        assert dict(spider.board_options) == dict(entry.board_options)


def test_a_spider_without_an_entry_is_refused_where_it_is_defined() -> None:
    try:
        type("NowhereSpider", (BoardSpider,), {"source": "nowhere", "board_path": "/"})
    except TypeError as error:
        assert "nowhere" in str(error) and "spiders/catalog.py" in str(error)
    else:
        raise AssertionError("a spider with no catalog entry was accepted")


def test_the_cli_and_a_sources_file_import_no_scrapy_and_no_scikit_learn() -> None:
    # the command line, the configuration and the nightly flow's module: crawls import Scrapy in
    # their own processes, and labelling scikit-learn in its own (flows/label_worker.py)
    script = textwrap.dedent("""
        import sys
        import jobradar.cli
        from jobradar.config import load_sources
        from jobradar.demo.corpus import SOURCES_FILE
        load_sources(SOURCES_FILE)
        import flows.nightly
        print(sorted(name for name in ("scrapy", "twisted", "sklearn", "skops") if name in sys.modules))
    """)
    imported = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert imported.stdout.strip() == "[]", imported.stderr
