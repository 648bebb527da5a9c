"""The `jobradar` command; each subcommand lives in jobradar/commands/."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from typing import NoReturn

from jobradar import __version__
from jobradar.commands import COMMANDS
from jobradar.errors import JobradarError
from jobradar.settings import Settings


class ArgumentParser(argparse.ArgumentParser):
    """argparse's parser, with a usage error on one line that names the argument and the help."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}; see `{self.prog} --help`\n")


def _settings_help() -> str:
    rows = "\n".join(f"  {name:32} {meaning} (default: {default})"
                     for name, default, meaning in Settings.documentation())
    return f"environment settings:\n{rows}"


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="jobradar",
        description="Measure the AI job market from public job postings.",
        epilog=_settings_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"jobradar {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module in COMMANDS.items():
        if " " in name:  # "label export": parsed on its own, listed under its parent's help
            continue
        command = subparsers.add_parser(name, help=module.HELP, description=module.DESCRIPTION)
        module.add_arguments(command)
    return parser


def _subcommand_parser(name: str) -> argparse.ArgumentParser:
    module = COMMANDS[name]
    parser = ArgumentParser(prog=f"jobradar {name}", description=module.DESCRIPTION)
    module.add_arguments(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    two_words = " ".join(argv[:2])
    if two_words in COMMANDS:
        args = _subcommand_parser(two_words).parse_args(argv[2:])
        args.command = two_words
    else:
        args = build_parser().parse_args(argv)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    try:
        return COMMANDS[args.command].run(args, Settings.from_env())
    except JobradarError as error:
        print(f"jobradar: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (e.g. `| head`): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def console() -> int:
    """The `jobradar` console script: `main`, then an exit without the interpreter's last
    garbage collections, which traverse every object still alive (a nightly run's imported
    libraries and loaded model: ~0.6 s of CPU) only to free memory the operating system takes back
    anyway. `gc.freeze()` leaves those objects out of them; every file jobradar writes is closed
    before `main` returns, and exit handlers (logging, Prefect's log and event workers) still run.
    Not done in `main`, which tests call in their own long-lived process."""
    code = main()
    gc.freeze()
    return code


if __name__ == "__main__":
    sys.exit(console())
