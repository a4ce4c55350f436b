"""``conflict-events schema export|check``: the published schema files, generated from the model."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``schema`` command."""
    parser = subparsers.add_parser("schema", help="export the event schema as JSON Schema and Table Schema")
    actions = parser.add_subparsers(dest="schema_action", metavar="ACTION")
    actions.required = True
    export = actions.add_parser("export", help="write schemas/*.json from the pandera model")
    export.add_argument("--out", type=Path, default=Path("schemas"), help="directory (default: schemas)")
    export.set_defaults(handler=run_export)
    check = actions.add_parser("check", help="exit 1 when the files in --out differ from the model")
    check.add_argument("--out", type=Path, default=Path("schemas"), help="directory (default: schemas)")
    check.set_defaults(handler=run_check)


def run_export(args: argparse.Namespace) -> int:
    """Write the schema files."""
    from conflict_events.schema import export_schemas

    for path in export_schemas(args.out):
        print(path)
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Compare the schema files on disk with the model."""
    from conflict_events.schema import render_schema_files

    stale = [
        name
        for name, text in render_schema_files().items()
        if not (args.out / name).exists() or (args.out / name).read_text(encoding="utf-8") != text
    ]
    for name in stale:
        print(f"{args.out / name} is out of date; run: conflict-events schema export --out {args.out}",
              file=sys.stderr)
    return 1 if stale else 0
