"""Errors for expected bad input: each names the problem and the fix, and maps to an exit code."""

from __future__ import annotations


class JobradarError(Exception):
    """Base class for errors shown to the user without a traceback."""

    exit_code = 1


class NothingCrawled(JobradarError):
    """Every board of a run's crawl failed: the date's partition is left as it was (exit code 1)."""


class ConfigError(JobradarError):
    """A configuration file, setting or argument is wrong (exit code 2)."""

    exit_code = 2


class ModelError(JobradarError):
    """A model file is missing, altered or incompatible: it is refused, never loaded blindly."""

    exit_code = 3


class DataError(JobradarError):
    """An input data file cannot be read as the expected format."""

    exit_code = 4


class DataDirInUse(JobradarError):
    """Another run holds the data dir's lock, and waiting for it timed out; nothing was changed."""

    exit_code = 5
