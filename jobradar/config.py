"""`sources.toml`: what to crawl. Validated on load; each mistake names file, section, key and fix."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jobradar.errors import ConfigError
from spiders.catalog import SOURCES

DEMO_BASE_URL = "demo"
_BOARD_OPTIONAL = {"company": str, "tags": list}
_SOURCE_KEYS = {"base_url", "boards"}


@dataclass(frozen=True)
class Board:
    """One board to crawl: its id within the source, and how to describe it."""

    source: str
    board: str
    company: str | None = None
    tags: tuple[str, ...] = ()
    options: tuple[tuple[str, Any], ...] = ()  # source-specific keys (the spider's board_options)


@dataclass(frozen=True)
class SourceConfig:
    source: str
    boards: tuple[Board, ...]
    base_url: str | None = None

    @property
    def uses_demo(self) -> bool:
        return self.base_url == DEMO_BASE_URL

    def board_settings(self) -> dict[str, dict[str, Any]]:
        """Per-board options for the spider, for the boards that have any."""
        return {b.board: dict(b.options) for b in self.boards if b.options}


@dataclass(frozen=True)
class SourcesConfig:
    path: Path
    sources: tuple[SourceConfig, ...] = field(default_factory=tuple)

    @property
    def uses_demo(self) -> bool:
        return any(source.uses_demo for source in self.sources)

    def companies(self) -> dict[tuple[str, str], str | None]:
        return {(b.source, b.board): b.company for s in self.sources for b in s.boards}

    def only(self, names: list[str]) -> SourcesConfig:
        """The same configuration restricted to the named sources."""
        unknown = sorted(set(names) - {s.source for s in self.sources})
        if unknown:
            raise ConfigError(f"{self.path}: no section for source(s) {', '.join(unknown)}; "
                              f"configured: {', '.join(s.source for s in self.sources)}")
        return SourcesConfig(self.path, tuple(s for s in self.sources if s.source in names))


def load_sources(path: Path) -> SourcesConfig:
    """Read and validate a sources.toml."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{where}: file not found; pass --sources with an existing file "
                          "(or omit it to use the bundled demo boards)") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{where}: is not UTF-8 text (byte {error.object[error.start]:#04x} at offset "
                          f"{error.start}); save it as UTF-8, as TOML requires") from None
    except OSError as error:
        raise ConfigError(f"{where}: cannot be read ({error.strerror or error}); pass --sources "
                          "with a readable sources.toml file") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{where}: not valid TOML ({error})") from None
    sources = []
    for name, section in document.items():
        if name not in SOURCES:
            raise ConfigError(f"{where}: [{name}] is not a known source; known sources: "
                              f"{', '.join(sorted(SOURCES))}")
        sources.append(_source(where, name, section))
    if not sources:
        raise ConfigError(f"{where}: no sources configured; add a section such as "
                          "[greenhouse] with [[greenhouse.boards]] entries")
    return SourcesConfig(path, tuple(sources))


def _source(where: str, name: str, section: Any) -> SourceConfig:
    described = SOURCES[name]
    if not isinstance(section, dict):
        raise ConfigError(f"{where}: [{name}] must be a table with a 'boards' list")
    unknown = sorted(set(section) - _SOURCE_KEYS)
    if unknown:
        raise ConfigError(f"{where}: [{name}] has unknown key(s) {', '.join(unknown)}; "
                          f"allowed: {', '.join(sorted(_SOURCE_KEYS))}")
    base_url = section.get("base_url")
    if base_url is not None:
        parts = urlsplit(base_url) if isinstance(base_url, str) else None
        if base_url != DEMO_BASE_URL and (parts is None or parts.scheme not in {"http", "https"}
                                          or not parts.netloc):
            raise ConfigError(f"{where}: [{name}] base_url = {base_url!r} is not an http(s) URL "
                              f"(or \"demo\"); e.g. base_url = \"{described.default_base_url}\"")
    boards_value = section.get("boards")
    if not isinstance(boards_value, list) or not boards_value:
        raise ConfigError(f"{where}: [{name}] has no boards; add [[{name}.boards]] entries with "
                          f"{described.board_key} = \"…\" ({described.board_help})")
    boards = []
    seen: set[str] = set()
    for index, entry in enumerate(boards_value, 1):
        label = f"[[{name}.boards]] #{index}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: {label} must be a table")
        allowed = {described.board_key, *_BOARD_OPTIONAL, *described.board_options}
        extra = sorted(set(entry) - allowed)
        if extra:
            raise ConfigError(f"{where}: {label} has unknown key(s) {', '.join(extra)}; "
                              f"allowed: {', '.join(sorted(allowed))}")
        board = entry.get(described.board_key)
        if not isinstance(board, str) or not board.strip():
            raise ConfigError(f"{where}: {label} has no '{described.board_key}' key; each {name} "
                              f"board needs {described.board_key} = \"…\" ({described.board_help})")
        for key, kind in {**_BOARD_OPTIONAL, **described.board_options}.items():
            if key in entry and not isinstance(entry[key], kind):
                raise ConfigError(f"{where}: {label} key '{key}' must be a {kind.__name__}")
        if board in seen:
            raise ConfigError(f"{where}: {label} repeats {described.board_key} = {board!r}")
        seen.add(board)
        tags = entry.get("tags", [])
        if not all(isinstance(t, str) for t in tags):
            raise ConfigError(f"{where}: {label} key 'tags' must be a list of strings")
        options = tuple((key, entry[key]) for key in described.board_options if key in entry)
        boards.append(Board(name, board.strip(), entry.get("company"), tuple(tags), options))
    return SourceConfig(name, tuple(boards), base_url)
