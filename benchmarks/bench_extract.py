"""Extraction speed of the built-in rules engine on one core.

Run by hand:  python benchmarks/bench_extract.py [--limit N] [--repeat R]
Reads the development notes from ../shared/data/acled/dev.csv at run time and prints load
time, words/s and documents/s (best of R passes over the same documents, CPU time of this
process, so other load on the machine matters less).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from conflict_events.documents import FieldMap, read_documents
from conflict_events.model import Document
from conflict_events.pipeline import Extractor

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "acled" / "dev.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N notes")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--backend", default="rules")
    args = parser.parse_args()
    docs = [d for d in read_documents(DEV, fields=FieldMap(text="notes", id="doc_id", date="published"))
            if isinstance(d, Document)]
    if args.limit:
        docs = docs[: args.limit]
    words = sum(len(d.text.split()) for d in docs)

    t0 = time.perf_counter()
    extractor = Extractor(args.backend)
    extractor.run(docs[0])  # first call compiles lexicons and opens the gazetteer
    load = time.perf_counter() - t0

    best = float("inf")
    events = 0
    passes = []
    for _ in range(args.repeat):
        c0 = time.process_time()
        events = sum(len(r.events) for r in extractor.run_many(docs))
        passes.append(time.process_time() - c0)
    best = min(passes)
    print(f"backend               {args.backend}")
    print(f"documents             {len(docs):,}  ({words:,} words, {events:,} events)")
    print(f"load + first document {load:.2f} s")
    print(f"extraction (best of {args.repeat}) {best:.2f} s CPU")
    print(f"first pass (cold caches) {passes[0]:.2f} s CPU = {words / passes[0]:,.0f} words/s")
    print(f"words/s               {words / best:,.0f}")
    print(f"documents/s           {len(docs) / best:,.0f}")


if __name__ == "__main__":
    main()
