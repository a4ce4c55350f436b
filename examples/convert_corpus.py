"""Convert the example corpus into a dataset, look at it, export it and publish it, from Python.

Run from the repository root::

    python examples/convert_corpus.py [OUT_DIR]

The same steps on the command line are ``conflict-events convert``, ``stats``, ``export``,
``validate`` and ``publish`` (see docs/quickstart.md).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from conflict_events.batch import convert
from conflict_events.dataset import read_dataset, read_documents_table, read_rejects
from conflict_events.export import export_dataset
from conflict_events.integrity import validate_dataset
from conflict_events.publish import publish
from conflict_events.stats import dataset_stats

CORPUS = Path(__file__).resolve().parent / "corpus"


def main(out: Path) -> None:
    dataset = out / "example-dataset"

    # 1. Convert: every file of the folder, in a stable order; re-running adds nothing.
    report = convert([CORPUS], dataset, workers=2)
    print(report.summary())
    assert report.records == report.with_events + report.no_event + report.rejected + report.skipped

    # 2. Read the rows back (pandas, the schema's dtypes), with a filter.
    events = read_dataset(dataset)
    print(events[["event_date", "event_type", "actor1", "location", "country", "fatalities"]].to_string())
    protests = read_dataset(dataset, filters=[("event_type", "==", "Protests")])
    print(f"{len(protests)} protest event(s)")

    # 3. What became of each input record, and what was rejected.
    print(read_documents_table(dataset)[["source", "line", "doc_id", "status", "events"]].to_string())
    print(f"{len(read_rejects(dataset))} reject(s)")

    # 4. Check, summarise, export in ACLED's column order.
    assert validate_dataset(dataset).ok
    print(dataset_stats(dataset).table())
    exported = export_dataset(dataset, out / "example-events.csv", format="csv")
    print(f"{exported.rows} rows written to {exported.path}")

    # 5. Publish: datapackage.json, CODEBOOK.md, CHANGES.md, CHECKSUMS.sha256 in the dataset folder.
    published = publish(dataset, name="example-events", version="0.1.0", license="CC-BY-4.0",
                        description="Events from the example stories written for conflict_events.")
    print(f"published {published.name} {published.version}: {', '.join(published.files)}")


if __name__ == "__main__":  # worker processes import this file; the guard keeps them from re-running it
    if len(sys.argv) > 1:
        main(Path(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory() as scratch:
            main(Path(scratch))
