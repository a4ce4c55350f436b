"""``conflict-events extract``: the events of one text, as a readable table, JSON Lines or CSV."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

#: Columns of the readable table.
TABLE_COLUMNS = ("event_date", "sub_event_type", "actor1", "actor2", "location", "country", "fatalities")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``extract`` command."""
    parser = subparsers.add_parser(
        "extract", help="print the events of one text",
        description="Print the events one news text reports. The text is a file or '-' for standard input; a "
                    "first line 'date YYYY-MM-DD' gives the publication date (or use --published).",
    )
    parser.add_argument("input", metavar="FILE", help="a text file, or - to read standard input")
    parser.add_argument("--published", default=None, metavar="YYYY-MM-DD", help="publication date of the text")
    parser.add_argument("--format", choices=("table", "jsonl", "csv"), default="table",
                        help="readable table (default), one JSON object per event, or CSV in ACLED's column order")
    parser.add_argument("--backend", default=None, choices=["rules", "stanza", "spacy"],
                        help="NLP backend (default: $CONFLICT_EVENTS_BACKEND or rules)")
    parser.set_defaults(handler=run)


def _read(source: str) -> tuple[str, str]:
    from conflict_events.errors import InputError, RejectReason

    if source == "-":
        return sys.stdin.read(), "stdin"
    path = Path(source)
    try:
        return path.read_bytes().decode("utf-8-sig"), path.stem
    except FileNotFoundError:
        raise InputError(source, RejectReason.UNREADABLE_FILE, "no such file") from None
    except UnicodeDecodeError as exc:
        raise InputError(source, RejectReason.BAD_ENCODING, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise InputError(source, RejectReason.UNREADABLE_FILE, exc.strerror or str(exc)) from None


def _cell(value: Any, width: int = 10_000) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "no events found"
    widths = {c: min(34, max(len(c), *(len(_cell(r[c])) for r in rows))) for c in TABLE_COLUMNS}
    lines = ["  ".join(c.ljust(widths[c]) for c in TABLE_COLUMNS), "  ".join("-" * widths[c] for c in TABLE_COLUMNS)]
    for row in rows:
        lines.append("  ".join(_cell(row[c], widths[c]).ljust(widths[c]) for c in TABLE_COLUMNS).rstrip())
        lines.append(f"    evidence [{row['evidence_start']}:{row['evidence_end']}]: {_cell(row['evidence'], 100)}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Extract and print; exit 0 (also when there are no events)."""
    import csv

    from conflict_events.documents import document_from_text
    from conflict_events.errors import InputError, RejectReason, ValidationError
    from conflict_events.export import EXPORT_COLUMNS
    from conflict_events.pipeline import Extractor

    text, doc_id = _read(args.input)
    try:
        document = document_from_text(text, doc_id=doc_id, published=args.published)
    except ValidationError as exc:
        raise InputError(args.input, RejectReason.UNPARSEABLE_DATE, exc.message, line=1) from None
    result = Extractor(args.backend).run(document)
    rows = [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in e.to_dict().items()}
            for e in result.events]
    if args.format == "jsonl":
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(EXPORT_COLUMNS), extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        print(_table(rows))
    for reject in result.rejects:
        print(f"{args.input}: {reject.reason.value}: {reject.detail}", file=sys.stderr)
    return 0
