"""Subcommands of `jobradar`, one module each.

A command module defines NAME, HELP, DESCRIPTION, `add_arguments(parser)` and
`run(args, settings) -> exit code`; every module here is registered in COMMANDS.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def _discover() -> dict[str, ModuleType]:
    found = {}
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        if hasattr(module, "NAME") and hasattr(module, "run"):
            found[module.NAME] = module
    return found


COMMANDS: dict[str, ModuleType] = _discover()
