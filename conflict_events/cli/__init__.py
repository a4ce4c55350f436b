"""The ``conflict-events`` command: a thin shell over the library.

Each command group lives in its own module of this package (``cli/convert.py``,
``cli/gazetteer.py``, ...) with ``register(subparsers)``; a handler takes the parsed
arguments and returns the exit code. Only this package prints or exits.

Exit codes: 0 success, 1 usage or input errors, 2 partial failure (some records rejected).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

from conflict_events.errors import ConflictEventsError

EXIT_OK = 0
EXIT_USAGE = 1
EXIT_PARTIAL = 2

#: Command modules, in the order `--help` lists them.
COMMANDS = ("convert", "evaluate", "gazetteer", "schema")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 by default; usage errors are 1 here
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every command registered."""
    from conflict_events import __version__

    parser = _Parser(
        prog="conflict-events",
        description="Turn news prose about political violence and protest into ACLED-style event datasets.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for name in COMMANDS:
        import_module(f"conflict_events.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (the console script exits with it)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except ConflictEventsError as exc:
        print(f"conflict-events: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("conflict-events: interrupted", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
