"""Expected errors end a flow run with their one-line message, without a traceback.

A JobradarError (a bad setting, a refused model, a data dir in use) already names the problem and
the fix; Prefect's engine logs every exception with its traceback, which buries that line in the
terminal and the Prefect UI alike. This filter drops the traceback of those errors only: any other
exception is a bug and keeps its traceback. The flow run still fails, with the message as its state.
"""

from __future__ import annotations

import logging

from jobradar.errors import JobradarError

RUN_LOGGERS = ("prefect.flow_runs", "prefect.task_runs")


class WithoutTraceback(logging.Filter):
    """Keeps the record, drops the traceback when the exception is a JobradarError."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], JobradarError):
            record.exc_info = None
            record.exc_text = None
        return True


def log_expected_errors_without_traceback() -> None:
    """Install the filter on the loggers of flow and task runs (once)."""
    for name in RUN_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(existing, WithoutTraceback) for existing in logger.filters):
            logger.addFilter(WithoutTraceback())
