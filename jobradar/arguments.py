"""Argument types shared by commands, with messages that say what was expected."""

from __future__ import annotations

import argparse
from datetime import date


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; use YYYY-MM-DD") from None
