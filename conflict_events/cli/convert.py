"""``conflict-events convert``: a corpus of news texts -> a validated Parquet event dataset."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conflict_events.batch import CommitReport, ConvertReport
    from conflict_events.model import Reject

#: Reject lines printed at the end without --verbose.
SHOWN_REJECTS = 10


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")
    return value


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``convert`` command."""
    from conflict_events.batch import DEFAULT_CHUNK_SIZE
    from conflict_events.documents import MAX_CHARS

    parser = subparsers.add_parser(
        "convert", help="extract events from files into a Parquet dataset",
        description="Extract events from .txt, .jsonl[.gz], .csv and .parquet inputs (files, folders searched "
                    "recursively, or glob patterns) into a validated, partitioned Parquet dataset. "
                    "Exit codes: 0 every record converted, 1 usage or input error, 2 some records or events "
                    "rejected (see DATASET/rejects).",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="input files, folders or glob patterns")
    parser.add_argument("--out", required=True, type=Path, metavar="DATASET",
                        help="dataset directory (created, or appended to without duplicates)")
    parser.add_argument("--text-field", default="text", metavar="F", help="record field with the story text (text)")
    parser.add_argument("--id-field", default="id", metavar="F", help="record field with the document id (id)")
    parser.add_argument("--date-field", default="date", metavar="F",
                        help="record field with the publication date (date)")
    parser.add_argument("--source-field", default="source", metavar="F",
                        help="record field with the publisher (source)")
    parser.add_argument("--url-field", default="url", metavar="F", help="record field with the URL (url)")
    parser.add_argument("--workers", type=_positive, default=None, metavar="N",
                        help="worker processes (default: all cores)")
    parser.add_argument("--backend", default=None, choices=["rules", "stanza", "spacy"],
                        help="NLP backend (default: $CONFLICT_EVENTS_BACKEND or rules)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="local worker processes (default) or a Dask cluster (pip install "
                             "\"conflict-events[dask]\"; see docs/cluster.md)")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="with --engine dask: scheduler address (tcp://host:8786) or scheduler file; "
                             "default: a local cluster of --workers processes")
    parser.add_argument("--resume", action="store_true",
                        help="skip records the dataset already holds (after a crash or Ctrl-C)")
    parser.add_argument("--chunk-size", type=_positive, default=DEFAULT_CHUNK_SIZE, metavar="N",
                        help=f"records per atomic append ({DEFAULT_CHUNK_SIZE})")
    parser.add_argument("--max-chars", type=_positive, default=MAX_CHARS, metavar="N",
                        help=f"reject documents longer than this many characters ({MAX_CHARS:,})")
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary")
    loudness.add_argument("--verbose", "-v", action="store_true", help="print every reject as it happens")
    parser.set_defaults(handler=run)


def reject_line(reject: Reject) -> str:
    """Return ``file:line: reason: detail`` for one reject."""
    where = reject.source or reject.doc_id or "?"
    if reject.line is not None:
        where = f"{where}:{reject.line}"
    doc = f" (document {reject.doc_id})" if reject.doc_id and reject.source else ""
    return f"{where}: {reject.reason.value}: {reject.detail}{doc}"


class _Display:
    """Progress bar and reject lines on stderr; the bar only when stderr is a terminal."""

    def __init__(self, *, quiet: bool, verbose: bool) -> None:
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread
        self.verbose = verbose
        self.shown: list[str] = []
        self.hidden = 0
        self.bar = tqdm(desc="convert", unit=" docs", file=sys.stderr, dynamic_ncols=True, mininterval=0.5,
                        disable=quiet or not sys.stderr.isatty())
        self.done = 0

    def update(self, commit: CommitReport, totals: ConvertReport) -> None:
        done = totals.documents + totals.skipped
        self.bar.update(done - self.done)
        self.done = done
        self.bar.set_postfix(events=totals.events, rejects=totals.rejected + totals.flagged, refresh=False)
        for reject in commit.rejects:
            line = reject_line(reject)
            if self.verbose:
                self.bar.write(line, file=sys.stderr)
            elif len(self.shown) < SHOWN_REJECTS:
                self.shown.append(line)
            else:
                self.hidden += 1

    def close(self) -> None:
        self.bar.close()


def run(args: argparse.Namespace) -> int:
    """Convert, print the rejects and a summary that adds up to the input count; return the exit code."""
    from concurrent.futures.process import BrokenProcessPool

    from conflict_events.documents import FieldMap

    if args.scheduler is not None and args.engine != "dask":
        print("conflict-events convert: error: --scheduler needs --engine dask", file=sys.stderr)
        return 1
    options: dict[str, Any] = {}
    convert: Callable[..., ConvertReport]
    if args.engine == "dask":
        from conflict_events.engines.dask import convert

        options["scheduler"] = args.scheduler
    else:
        from conflict_events.batch import convert
    fields = FieldMap(text=args.text_field, id=args.id_field, date=args.date_field, source=args.source_field,
                      url=args.url_field)
    display = _Display(quiet=args.quiet, verbose=args.verbose)
    try:
        report = convert(args.inputs, args.out, fields=fields, backend=args.backend, workers=args.workers,
                         chunk_size=args.chunk_size, resume=args.resume, max_chars=args.max_chars,
                         on_commit=display.update, **options)
    except KeyboardInterrupt:
        display.close()
        print(f"conflict-events: interrupted; finished chunks are in {args.out}. Run the same command with "
              "--resume to continue.", file=sys.stderr)
        return 130
    except BrokenProcessPool as exc:
        display.close()
        print(f"conflict-events: error: a worker process died ({exc}); finished chunks are kept in {args.out}. "
              "Run again with --resume (from a Python script, guard the call with "
              "`if __name__ == \"__main__\":`).", file=sys.stderr)
        return 1
    display.close()
    _print_outcome(report, display, args)
    return 0 if report.complete else 2


def _print_outcome(report: ConvertReport, display: _Display, args: Any) -> None:
    for line in display.shown:
        print(line, file=sys.stderr)
    if display.hidden:
        print(f"... and {display.hidden} more rejects (conflict-events convert -v shows all; they are kept in "
              f"{Path(report.path) / 'rejects'})", file=sys.stderr)
    if not args.quiet:
        print(report.summary(), file=sys.stderr)
    if args.verbose and report.reasons:
        print("rejects by reason: " + ", ".join(f"{name} {count}" for name, count in report.reasons), file=sys.stderr)
    if not report.complete and args.quiet:
        print(f"conflict-events: {_problem_count(report)} records with rejects; see {Path(report.path) / 'rejects'}",
              file=sys.stderr)


def _problem_count(report: ConvertReport) -> int:
    return report.rejected + report.flagged + report.skipped_flagged

