"""``conflict-events export``: a dataset as one CSV, JSON Lines or Excel file in ACLED's column order."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``export`` command."""
    from conflict_events.export import FORMATS

    parser = subparsers.add_parser(
        "export", help="write a dataset as CSV, JSON Lines or Excel (ACLED column order)",
        description="Write every event of a dataset to one file: ACLED's columns in ACLED's order, then the "
                    "provenance columns. xlsx needs openpyxl: pip install \"conflict-events[xlsx]\".",
    )
    parser.add_argument("dataset", type=Path, metavar="DATASET", help="dataset directory")
    parser.add_argument("--format", required=True, choices=FORMATS, help="file format")
    parser.add_argument("--out", required=True, type=Path, metavar="FILE", help="file to write (replaced)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Export and say how many rows were written."""
    from conflict_events.export import export_dataset

    report = export_dataset(args.dataset, args.out, format=args.format)
    print(f"{report.rows:,} events written to {report.path} ({report.format}, {len(report.columns)} columns)",
          file=sys.stderr)
    return 0
