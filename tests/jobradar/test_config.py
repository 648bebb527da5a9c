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
