"""``conflict-events evaluate``: per-field scores of a dataset against gold rows."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``evaluate`` command."""
    parser = subparsers.add_parser("evaluate", help="score extracted events against gold rows")
    parser.add_argument("--gold", required=True, type=Path, help="CSV of gold rows with doc_id and ACLED columns")
    parser.add_argument("--pred", required=True, type=Path, help="dataset directory (or Parquet/CSV file)")
    parser.add_argument("--json", action="store_true", help="print figures as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the report."""
    from conflict_events.evaluation import evaluate

    report = evaluate(args.gold, args.pred)
    if args.json:
        payload = report.summary()
        payload["fields"] = {name: {"accuracy": s.accuracy, "precision": s.precision, "recall": s.recall,
                                    "f1": s.f1} for name, s in report.fields.items()}
        payload["per_type"] = {name: dict(zip(("precision", "recall", "f1", "support"), v, strict=True))
                               for name, v in report.per_type.items()}
        print(json.dumps(payload, indent=2))
    else:
        print(report.table())
    return 0
