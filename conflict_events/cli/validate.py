"""``conflict-events validate``: check every row of a dataset and the checksums of its files."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``validate`` command."""
    parser = subparsers.add_parser(
        "validate", help="check a dataset against the schema and its checksums",
        description="Check every row of a dataset against the event schema, every file against its SHA-256 "
                    "checksum and Parquet page checksums, and the documents table against the events. "
                    "Exit codes: 0 valid, 1 not a dataset, 2 problems found (one line each, with file and row).",
    )
    parser.add_argument("dataset", type=Path, metavar="DATASET", help="dataset directory")
    parser.add_argument("--max-problems", type=int, default=1000, metavar="N",
                        help="problems to list (the rest are counted; default 1000)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Validate and print one line per problem; return 0 when valid, 2 otherwise."""
    from conflict_events.integrity import validate_dataset

    report = validate_dataset(args.dataset, max_problems=max(1, args.max_problems))
    if args.json:
        payload = {"path": report.path, "ok": report.ok, "files": report.files, "rows": report.rows,
                   "events": report.events, "problems": report.count,
                   "listed": [{"file": p.file, "row": None if p.row is None else p.row + 1, "check": p.check,
                               "detail": p.detail} for p in report.problems]}
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return 0 if report.ok else 2
    for problem in report.problems:
        print(problem.describe())
    if report.more:
        print(f"... and {report.more} more problems (raise --max-problems to list them)")
    verdict = "valid" if report.ok else f"{report.count} problem(s)"
    print(f"{report.path}: {report.files} files, {report.rows:,} rows ({report.events:,} events) checked: {verdict}",
          file=sys.stderr)
    return 0 if report.ok else 2
