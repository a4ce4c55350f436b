"""write_dataset vs a bare pyarrow.parquet.write_table on the same generated rows.

Run by hand:  python benchmarks/bench_dataset.py [ROWS]
Prints seconds for each, measured side by side in one run, and their ratio.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from conflict_events import codebook
from conflict_events.dataset import read_dataset, write_dataset
from conflict_events.schema import arrow_schema


def generate(rows: int, seed: int = 7) -> pd.DataFrame:
    """Generate ``rows`` valid event rows, vectorised."""
    rng = np.random.default_rng(seed)
    subs = np.array(list(codebook.SUB_EVENT_TYPES))
    sub = subs[rng.integers(0, len(subs), rows)]
    event_type = pd.Series(sub).map(codebook.SUB_EVENT_TYPES).to_numpy()
    disorder = pd.Series(sub).map({s: codebook.disorder_type(s) for s in subs}).to_numpy()
    days = rng.integers(0, 365 * 10, rows)
    dates = (np.datetime64("2012-01-01") + days.astype("timedelta64[D]")).astype("datetime64[D]")
    published = dates + rng.integers(0, 7, rows).astype("timedelta64[D]")
    inter1 = rng.integers(1, 9, rows)
    inter2 = rng.integers(0, 9, rows)
    low, high = np.minimum(inter1, inter2), np.maximum(inter1, inter2)
    interaction = np.where(inter2 == 0, inter1 * 10, low * 10 + high)
    ids = np.char.mod("%016x", rng.integers(0, 2**62, rows, dtype=np.int64))
    countries = np.array(["Iraq", "Somalia", "Kenya", "Nigeria", "Myanmar"])
    data = {
        "event_id": ids,
        "event_date": dates,
        "year": dates.astype("datetime64[Y]").astype(int) + 1970,
        "time_precision": rng.integers(1, 4, rows),
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": sub,
        "actor1": np.char.add("Military Forces of ", countries[rng.integers(0, 5, rows)]),
        "assoc_actor_1": None,
        "inter1": inter1,
        "actor2": np.where(inter2 == 0, None, "Civilians (Iraq)"),
        "assoc_actor_2": None,
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": None,
        "iso": 368,
        "region": "Middle East",
        "country": countries[rng.integers(0, 5, rows)],
        "admin1": "Kirkuk",
        "admin2": "Hawija",
        "admin3": None,
        "location": "Hawija",
        "latitude": rng.uniform(-90, 90, rows),
        "longitude": rng.uniform(-180, 180, rows),
        "geo_precision": rng.integers(1, 4, rows),
        "source": "AFP",
        "source_scale": "International",
        "notes": None,
        "fatalities": rng.integers(0, 50, rows),
        "tags": None,
        "doc_id": np.char.mod("doc-%d", rng.integers(0, rows, rows)),
        "published": published,
        "evidence": "Iraqi forces pushed into the town on Wednesday.",
        "evidence_start": 0,
        "evidence_end": 47,
        "confidence": rng.uniform(0, 1, rows),
        "extractor_version": "0.1.0",
    }
    frame = pd.DataFrame({k: (np.full(rows, v, dtype=object) if v is None or np.isscalar(v) else v)
                          for k, v in data.items()})
    table = pa.Table.from_pandas(frame, schema=arrow_schema(), preserve_index=False)
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    frame = generate(rows)
    table = pa.Table.from_pandas(frame, schema=arrow_schema(), preserve_index=False)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        pq.write_table(table, Path(tmp) / "bare.parquet", compression="zstd")
        bare = time.perf_counter() - t0

        t0 = time.perf_counter()
        report = write_dataset(frame, Path(tmp) / "dataset", mode="overwrite")
        ours = time.perf_counter() - t0

        t0 = time.perf_counter()
        again = write_dataset(frame, Path(tmp) / "dataset", mode="append")
        append = time.perf_counter() - t0

        t0 = time.perf_counter()
        back = read_dataset(Path(tmp) / "dataset")
        read = time.perf_counter() - t0
    assert report.written == rows and again.duplicates == rows and len(back) == rows
    print(f"rows                         {rows:,}")
    print(f"pq.write_table (bare)        {bare:8.2f} s")
    print(f"write_dataset (validate+write, overwrite) {ours:8.2f} s   ratio {ours / bare:5.1f}x")
    print(f"write_dataset again (append, all duplicates) {append:8.2f} s")
    print(f"read_dataset                 {read:8.2f} s")


if __name__ == "__main__":
    main()
