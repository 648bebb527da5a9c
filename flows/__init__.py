"""Prefect flows: nightly runs, training, and the run report."""

from flows.expected_errors import log_expected_errors_without_traceback

log_expected_errors_without_traceback()
