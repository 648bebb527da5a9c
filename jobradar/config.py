"""`sources.toml`: what to crawl. Validated on load; each mistake names file, section, key and fix."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jobradar.errors import ConfigError
from spiders.catalog import SOURCES, is_http_url

DEMO_BASE_URL = "demo"
_BOARD_OPTIONAL = {"company": str, "tags": list}
_SOURCE_KEYS = {"base_url", "boards"}
_KIND_NAMES = {int: "a whole number", str: "a string", list: "a list"}


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
    """Read and validate a sources.toml; every mistake in it is reported at once (one line each)."""
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
    problems: list[str] = []
    sources = []
    for name, section in document.items():
        if name not in SOURCES:
            problems.append(f"[{name}] is not a known source; known sources: {', '.join(sorted(SOURCES))}")
        elif (source := _source(name, section, problems)) is not None:
            sources.append(source)
    if not document:
        problems.append("no sources configured; add a section such as [greenhouse] with "
                        "[[greenhouse.boards]] entries")
    if problems:
        raise ConfigError("\n".join(f"{where}: {problem}" for problem in problems))
    return SourcesConfig(path, tuple(sources))


def _source(name: str, section: Any, problems: list[str]) -> SourceConfig | None:
    """The source's section, or None with what is wrong with it added to `problems`."""
    described = SOURCES[name]
    if not isinstance(section, dict):
        problems.append(f"[{name}] must be a table with a 'boards' list")
        return None
    found = len(problems)
    unknown = sorted(set(section) - _SOURCE_KEYS)
    if unknown:
        problems.append(f"[{name}] has unknown key(s) {', '.join(unknown)}; "
                        f"allowed: {', '.join(sorted(_SOURCE_KEYS))}")
    base_url = section.get("base_url")
    if base_url is not None and base_url != DEMO_BASE_URL and not is_http_url(base_url):
        problems.append(f"[{name}] base_url = {base_url!r} is not an http(s) URL "
                        f"(or \"demo\"); e.g. base_url = \"{described.default_base_url}\"")
    boards_value = section.get("boards")
    if not isinstance(boards_value, list) or not boards_value:
        problems.append(f"[{name}] has no boards; add [[{name}.boards]] entries with "
                        f"{described.board_key} = \"…\" ({described.board_help})")
        return None
    boards = []
    seen: set[str] = set()
    for index, entry in enumerate(boards_value, 1):
        if (board := _board(name, f"[[{name}.boards]] #{index}", entry, seen, problems)) is not None:
            boards.append(board)
    return None if len(problems) > found else SourceConfig(name, tuple(boards), base_url)


def _board(name: str, label: str, entry: Any, seen: set[str], problems: list[str]) -> Board | None:
    """One [[NAME.boards]] entry, or None with what is wrong with it added to `problems`."""
    described = SOURCES[name]
    if not isinstance(entry, dict):
        problems.append(f"{label} must be a table")
        return None
    found = len(problems)
    allowed = {described.board_key, *_BOARD_OPTIONAL, *described.board_options}
    extra = sorted(set(entry) - allowed)
    if extra:
        problems.append(f"{label} has unknown key(s) {', '.join(extra)}; allowed: {', '.join(sorted(allowed))}")
    for key, kind in {**_BOARD_OPTIONAL, **described.board_options}.items():
        if key in entry and (not isinstance(entry[key], kind) or isinstance(entry[key], bool)):
            problems.append(f"{label} key '{key}' must be {_KIND_NAMES[kind]}, not {entry[key]!r}")
    tags = entry.get("tags", [])
    if isinstance(tags, list) and not all(isinstance(t, str) for t in tags):
        problems.append(f"{label} key 'tags' must be a list of strings")
    board = entry.get(described.board_key)
    if not isinstance(board, str) or not board.strip():
        problems.append(f"{label} has no '{described.board_key}' key; each {name} "
                        f"board needs {described.board_key} = \"…\" ({described.board_help})")
        return None
    board = board.strip()
    if board in seen:
        problems.append(f"{label} repeats {described.board_key} = {board!r}")
    seen.add(board)
    options = tuple((key, entry[key]) for key in described.board_options if key in entry)
    if len(problems) == found and (problem := described.check_board(board, dict(options))):
        problems.append(f"{label}: {problem}")
    if len(problems) > found:
        return None
    return Board(name, board, entry.get("company"), tuple(tags), options)
