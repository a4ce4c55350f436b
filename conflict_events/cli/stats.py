"""``conflict-events stats``: counts by event type, country and month; an optional chart."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``stats`` command."""
    parser = subparsers.add_parser(
        "stats", help="counts by event type, country and month, fatalities, optional chart",
        description="Print event counts and fatality totals by event type, country and month, the status of "
                    "input records and rejects by reason. --chart draws events per month by type "
                    "(needs matplotlib: pip install \"conflict-events[plot]\").",
    )
    parser.add_argument("dataset", type=Path, metavar="DATASET", help="dataset directory")
    parser.add_argument("--chart", type=Path, metavar="FILE.png", help="also draw events per month by type")
    parser.add_argument("--top", type=int, default=15, metavar="N", help="countries to list (default 15)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the figures (and write the chart)."""
    from conflict_events.stats import dataset_stats, plot_months

    stats = dataset_stats(args.dataset)
    if args.json:
        def rows(items: tuple[tuple[str, int, int], ...]) -> list[dict[str, object]]:
            return [{"name": n, "events": e, "fatalities": f} for n, e, f in items]

        print(json.dumps({
            "path": stats.path, "events": stats.events, "fatalities": stats.fatalities,
            "first_date": None if stats.first_date is None else stats.first_date.isoformat(),
            "last_date": None if stats.last_date is None else stats.last_date.isoformat(),
            "by_event_type": rows(stats.by_event_type), "by_country": rows(stats.by_country),
            "by_month": rows(stats.by_month), "documents": dict(stats.documents), "rejects": dict(stats.rejects),
        }, indent=2, ensure_ascii=False))
    else:
        print(stats.table(top=max(1, args.top)))
    if args.chart is not None:
        written = plot_months(stats, args.chart)
        print(f"chart written to {written}", file=sys.stderr)
    return 0
