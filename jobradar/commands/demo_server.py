"""`jobradar demo-server`: serve the demo boards on 127.0.0.1."""

from __future__ import annotations

import argparse
import time

from jobradar.settings import Settings

NAME = "demo-server"
HELP = "serve the demo boards on 127.0.0.1"
DESCRIPTION = ("Serve the demo boards in the Greenhouse, Lever and Ashby API shapes until "
               "interrupted; prefix paths with /as-of/YYYY-MM-DD to see a past day.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8765, help="port (default 8765)")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from jobradar.demo.server import demo_server

    with demo_server(port=args.port) as url:
        print(f"demo boards on {url} (e.g. {url}/v1/boards/lumenfield/jobs); Ctrl-C to stop",
              flush=True)
        while True:
            time.sleep(3600)
