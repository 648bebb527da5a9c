"""sources.toml: valid files load; every mistake names file, section, key and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobradar.config import load_sources
from jobradar.demo.corpus import SOURCES_FILE
from jobradar.errors import ConfigError


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text)
    return path


def test_the_bundled_demo_configuration_loads() -> None:
    config = load_sources(SOURCES_FILE)
    assert {s.source for s in config.sources} == {"greenhouse", "lever", "ashby"}
    assert sum(len(s.boards) for s in config.sources) >= 8
    assert config.uses_demo


def test_a_mixed_configuration(tmp_path: Path) -> None:
    config = load_sources(_config(tmp_path, """
[greenhouse]
base_url = "http://127.0.0.1:9000"
[[greenhouse.boards]]
token = "acme"
company = "Acme"
tags = ["retail"]
[[lever.boards]]
site = "globex"
"""))
    greenhouse, lever = config.sources
    assert greenhouse.boards[0].board == "acme" and greenhouse.boards[0].tags == ("retail",)
    assert lever.base_url is None and lever.boards[0].board == "globex"
    assert config.companies()[("greenhouse", "acme")] == "Acme"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[monster]\n[[monster.boards]]\ntoken='x'\n",
         r"\[monster\] is not a known source; known sources: .*greenhouse"),
        ("[[lever.boards]]\ntoken='x'\n", r"\[\[lever.boards\]\] #1 has unknown key\(s\) token"),
        ("[[lever.boards]]\ncompany='x'\n", r"\[\[lever.boards\]\] #1 has no 'site' key"),
        ("[lever]\nboards = []\n", r"\[lever\] has no boards"),
        ("[lever]\nbase_url='ftp://x'\n[[lever.boards]]\nsite='a'\n", r"base_url = 'ftp://x' is not an http\(s\) URL"),
        ("[[ashby.boards]]\nname='a'\n[[ashby.boards]]\nname='a'\n", r"#2 repeats name = 'a'"),
        ("[[ashby.boards]]\nname='a'\ntags='x'\n", r"key 'tags' must be a list"),
        ("[[smartrecruiters.boards]]\nidentifier='a'\npage_size=true\n", r"key 'page_size' must be a whole number"),
        ("[[hackernews.boards]]\nmonth='2026-13'\n",
         r"\[\[hackernews.boards\]\] #1: board '2026-13' is not a month \(YYYY-MM"),
        ("[[smartrecruiters.boards]]\nidentifier='a'\npage_size=500\n",
         r"#1: page_size must be a whole number from 1 to 100, not 500"),
        ("[[jsonld.boards]]\nurl='careers.example'\n", r"#1: board 'careers.example' is not an http\(s\) URL"),
        ("[[jsonld.boards]]\nurl='https://a.example/jobs'\nmax_pages=0\n", r"max_pages must be a whole number ≥ 1"),
        ("[lever\n", r"not valid TOML"),
        ("", r"no sources configured"),
    ],
)
def test_mistakes_are_named(tmp_path: Path, text: str, message: str) -> None:
    path = _config(tmp_path, text)
    with pytest.raises(ConfigError, match=message) as error:
        load_sources(path)
    assert str(path) in str(error.value)
    assert error.value.exit_code == 2


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_sources(tmp_path / "nope.toml")


def test_no_source_uses_a_board_key_that_means_something_else() -> None:
    from spiders import SPIDERS

    for name, spider in SPIDERS.items():
        assert spider.board_key not in {"company", "tags"}, name
        assert not {"company", "tags", spider.board_key} & set(spider.board_options), name


def test_every_mistake_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    path = _config(tmp_path, """
[greenhouse]
base_url = "ftp://mirror"
[[greenhouse.boards]]
tokn = "acme"
[[hackernews.boards]]
month = "2024-1"
[[lever.boards]]
site = "globex"
[monster]
""")
    with pytest.raises(ConfigError) as error:
        load_sources(path)
    lines = str(error.value).splitlines()
    assert all(line.startswith(f"{path}: ") for line in lines)
    assert len(lines) == 5, lines  # lever's board is fine
    for expected in ("[greenhouse] base_url = 'ftp://mirror'", "#1 has unknown key(s) tokn",
                     "#1 has no 'token' key", "board '2024-1' is not a month", "[monster] is not a known source"):
        assert sum(expected in line for line in lines) == 1, expected


def test_the_spiders_check_boards_as_the_configuration_does() -> None:
    from spiders.catalog import SOURCES

    assert SOURCES["hackernews"].check_board("latest", {}) is None
    assert SOURCES["hackernews"].check_board("2011-04", {}) is None
    assert SOURCES["smartrecruiters"].check_board("acme", {"page_size": "100"}) is None
    assert SOURCES["smartrecruiters"].check_board("acme", {"page_size": "2.5"})
    assert SOURCES["jsonld"].check_board("https://a.example/jobs", {"max_depth": 0}) is None
    assert SOURCES["jsonld"].check_board("https://a.example/jobs", {"max_depth": -1})
    assert SOURCES["greenhouse"].check_board("anything", {}) is None
