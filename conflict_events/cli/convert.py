"""``conflict-events convert``: a corpus of news texts -> a validated Parquet event dataset."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``convert`` command."""
    parser = subparsers.add_parser("convert", help="extract events from files into a Parquet dataset")
    parser.add_argument("inputs", nargs="+", type=Path, help="input files (.txt, .jsonl[.gz], .csv, .parquet)")
    parser.add_argument("--out", required=True, type=Path, help="dataset directory (created or appended to)")
    parser.add_argument("--text-field", default="text", help="record field with the story text (default: text)")
    parser.add_argument("--id-field", default="id", help="record field with the document id (default: id)")
    parser.add_argument("--date-field", default="date", help="record field with the publication date")
    parser.add_argument("--source-field", default="source", help="record field with the publisher")
    parser.add_argument("--backend", default=None, choices=["rules", "stanza", "spacy"],
                        help="NLP backend (default: $CONFLICT_EVENTS_BACKEND or rules)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Convert and print a summary that adds up to the input count."""
    from conflict_events.batch import convert
    from conflict_events.documents import FieldMap

    fields = FieldMap(text=args.text_field, id=args.id_field, date=args.date_field, source=args.source_field)
    report = convert(args.inputs, args.out, fields=fields, backend=args.backend)
    print(f"{report.records} records: {report.with_events} with events, {report.without_events} without, "
          f"{report.rejected_records} rejected; {report.events} events, {report.write.written} written, "
          f"{report.write.duplicates} already present, {report.write.rejected} invalid", file=sys.stderr)
    return 2 if report.rejected_records or report.write.rejected else 0
