"""The ``conflict-events`` command: a thin shell over the library.

Each command group lives in its own module of this package (``cli/convert.py``,
``cli/gazetteer.py``, ...) with ``register(subparsers)``; a handler takes the parsed
arguments and returns the exit code. Only this package prints or exits.

Exit codes: 0 success, 1 usage or input errors, 2 partial failure (some records rejected).

The console script ends the process with :func:`os._exit` once the command is done and its
output flushed: the exit code is then exactly the handler's, and no interpreter teardown runs
after it. Teardown is where native thread pools (Arrow's, in particular) can abort a process
that has finished its work (exit 134); see :mod:`conflict_events.dataset`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import traceback
from collections.abc import Sequence
from importlib import import_module
from typing import NoReturn

from conflict_events.errors import ConflictEventsError

EXIT_OK = 0
EXIT_USAGE = 1
EXIT_PARTIAL = 2
EXIT_INTERRUPTED = 130

#: Command modules, in the order `--help` lists them.
COMMANDS = ("convert", "extract", "validate", "stats", "export", "publish", "evaluate", "models", "gazetteer",
            "schema")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 by default; usage errors are 1 here
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


def run(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` (default: the process arguments), run the command and return its exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        code: int = args.handler(args)
    except ConflictEventsError as exc:
        print(f"conflict-events: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("conflict-events: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # output piped into `head` and the like
        return EXIT_OK
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: Arguments without the program name. When None (the console script, ``python -m
            conflict_events``), the process arguments are used and the process ends here with
            the exit code (see the module docstring); otherwise the code is returned.

    Returns:
        The exit code (only when ``argv`` is given).
    """
    if argv is not None:
        return run(argv)
    try:
        code = run(None)
    except BaseException:  # a bug: show it, then still end the process with a failure code
        traceback.print_exc()
        print("conflict-events: internal error (please report it with the traceback above)", file=sys.stderr)
        code = EXIT_USAGE
    _end_process(code)
    return code  # pragma: no cover - not reached


def _end_process(code: int) -> None:
    """Flush stdout and stderr, then end the process with ``code`` and no interpreter teardown."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe cannot take the rest; the code stands
            stream.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
