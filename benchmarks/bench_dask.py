"""Documents/s of ``convert`` on the local engine vs the Dask engine, side by side in one run.

Run by hand:  python benchmarks/bench_dask.py [--count 10000] [--workers 2] [--chunk-size 250] [--rounds 1]

Generates ``count`` wire-style articles with ``benchmarks/make_corpus.py`` (deterministic),
then converts them into two fresh datasets: the local engine with ``workers`` processes,
and the Dask engine on a ``LocalCluster`` of ``workers`` processes (one thread each). The
Dask time includes starting the cluster; the time inside the run is printed too. Both
datasets are compared (same event_ids, same rejects) and the machine's load average is
printed before and after, since the figures mean little on a busy machine. With
``--rounds N`` the two engines alternate N times (fresh datasets each time) and the best
round of each is summarised, which tames the noise of a shared machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import write_corpus

from conflict_events import batch
from conflict_events.dataset import read_dataset, read_documents_table, read_rejects
from conflict_events.engines import dask as dask_engine


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def _line(name: str, report: batch.ConvertReport, wall: float) -> str:
    return (f"{name:<24} {wall:7.1f} s wall  {report.seconds:7.1f} s in run  "
            f"{report.documents / wall:7.1f} docs/s  {report.words / wall:9.0f} words/s  "
            f"{report.events} events  {report.rejected} rejected")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="generated articles (10000)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes for each engine (2)")
    parser.add_argument("--chunk-size", type=int, default=batch.DEFAULT_CHUNK_SIZE, help="records per chunk")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=1, help="alternate the engines this many times (1)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-dask-") as tmp:
        work = Path(tmp)
        corpus = write_corpus(work / "articles.jsonl", args.count, seed=args.seed)
        print(f"{args.count} articles ({corpus.stat().st_size / 1e6:.1f} MB), {args.workers} workers, "
              f"chunks of {args.chunk_size}; before: {_load()}")
        engines = {"local": (batch.convert, "processes"), "dask": (dask_engine.convert, "workers")}
        best = {name: float("inf") for name in engines}
        for round_ in range(1, args.rounds + 1):
            for name, (convert, unit) in engines.items():
                started = time.perf_counter()
                report = convert([corpus], work / f"{name}-{round_}", workers=args.workers,
                                 chunk_size=args.chunk_size)
                wall = time.perf_counter() - started
                best[name] = min(best[name], wall)
                print(_line(f"{name} ({report.workers} {unit})", report, wall), flush=True)

            one, other = work / f"local-{round_}", work / f"dask-{round_}"
            same_events = read_dataset(one)["event_id"].equals(read_dataset(other)["event_id"])
            same_rejects = read_rejects(one).equals(read_rejects(other))
            same_documents = read_documents_table(one).equals(read_documents_table(other))
            print(f"same event_ids: {same_events}; same rejects: {same_rejects}; same documents: {same_documents}")
        rates = {name: args.count / seconds for name, seconds in best.items()}
        print(f"best of {args.rounds}: local {rates['local']:.1f} docs/s, dask {rates['dask']:.1f} docs/s, "
              f"dask / local wall time {best['dask'] / best['local']:.2f}; after: {_load()}")

if __name__ == "__main__":
    main()
