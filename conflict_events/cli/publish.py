"""``conflict-events publish``: Data Package, codebook, datasheet, changes and checksums of a dataset."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``publish`` command."""
    parser = subparsers.add_parser(
        "publish", help="write datapackage.json, CODEBOOK.md, CHANGES.md and checksums",
        description="Validate a dataset, then write into it: datapackage.json (Frictionless Data Package with the "
                    "event Table Schema and GeoParquet-style geo metadata), CODEBOOK.md (columns, allowed values, "
                    "how the extractor decides them, and a datasheet), CHANGES.md (events added, removed and "
                    "changed since the previous version) and CHECKSUMS.sha256 (check with sha256sum -c).",
    )
    parser.add_argument("dataset", type=Path, metavar="DATASET", help="dataset directory")
    parser.add_argument("--name", required=True, help="package name: lower-case letters, digits, '.', '-', '_'")
    parser.add_argument("--version", required=True, help="version being published, e.g. 1.0.0")
    parser.add_argument("--license", required=True, help="license, preferably an SPDX id such as CC-BY-4.0")
    parser.add_argument("--description", required=True, help="what the dataset holds and why it was made")
    parser.add_argument("--title", default=None, help="human title (default: the name)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Publish and print what was written and what changed."""
    from conflict_events.publish import publish

    report = publish(args.dataset, name=args.name, version=args.version, license=args.license,
                     description=args.description, title=args.title)
    change = report.changes
    since = ("first published version" if change.previous is None else
             f"since {change.previous}: {change.added} added, {change.removed} removed, {change.changed} changed")
    print(f"published {report.name} {report.version}: {report.events:,} events ({since})")
    for name in report.files:
        print(f"  {Path(report.path) / name}")
    print(f"  {report.checksummed} files checksummed; check with: cd {report.path} && sha256sum -c CHECKSUMS.sha256")
    return 0
