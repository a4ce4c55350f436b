"""Measure dates.py and numbers.py on the ACLED dev notes (one note = one event).

Reads ``/work/shared/data/acled/dev.csv`` (or ``--csv``) at run time; nothing from it is stored.
Prints event_date exact accuracy, time_precision accuracy, fatalities exact accuracy (overall
and where gold > 0), the error classes with counts, and the speed of each function in words/s.

Usage::

    .venv/bin/python benchmarks/dev_dates_numbers.py [--csv PATH] [--errors N] [--show CLASS]
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime as dt
import time
from pathlib import Path

from _report import print_error_classes

from conflict_events.extraction.dates import find_dates, resolve_event_date
from conflict_events.extraction.numbers import count_fatalities

DEFAULT_CSV = Path("/work/shared/data/acled/dev.csv")


def _date_class(note: str, mention: object, gold: dt.date, published: dt.date) -> str:
    if mention is None:
        return "no usable date (fell back to published)"
    kind = getattr(mention, "kind", "?")
    predicted = getattr(mention, "date", None)
    if predicted is not None and predicted.replace(year=2000) == gold.replace(year=2000):
        return f"{kind}: year wrong"
    return f"{kind}: other day"


def _fatality_class(gold: int, predicted: int, kind: str) -> str:
    if gold == 0:
        return f"gold 0, predicted >0 ({kind})"
    if predicted == 0:
        return f"gold >0, predicted 0 ({kind})"
    return f"gold >0, predicted {'higher' if predicted > gold else 'lower'} ({kind})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--errors", type=int, default=0, help="print up to N example errors per class")
    parser.add_argument("--show", default="", help="only print examples of classes containing this text")
    args = parser.parse_args()

    with args.csv.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    notes = [row["notes"] for row in rows]
    published = [dt.date.fromisoformat(row["published"]) for row in rows]
    words = sum(len(note.split()) for note in notes)

    t0 = time.perf_counter()
    all_mentions = [find_dates(note, pub) for note, pub in zip(notes, published, strict=True)]
    t_find = time.perf_counter() - t0
    t0 = time.perf_counter()
    chosen = [resolve_event_date(ms, pub) for ms, pub in zip(all_mentions, published, strict=True)]
    t_resolve = time.perf_counter() - t0
    t0 = time.perf_counter()
    counts = [count_fatalities(note) for note in notes]
    t_count = time.perf_counter() - t0

    n = len(rows)
    date_ok = precision_ok = fat_ok = pos = pos_ok = 0
    date_errors: dict[str, list[str]] = collections.defaultdict(list)
    fat_errors: dict[str, list[str]] = collections.defaultdict(list)
    for row, note, pub, mention, count in zip(rows, notes, published, chosen, counts, strict=True):
        gold_date = dt.date.fromisoformat(row["event_date"])
        gold_precision = int(row["time_precision"])
        predicted = mention.date if mention is not None else pub
        precision = mention.precision if mention is not None else 1
        if predicted == gold_date:
            date_ok += 1
        else:
            key = _date_class(note, mention, gold_date, pub)
            date_errors[key].append(f"gold {gold_date} pub {pub} got {predicted} "
                                    f"[{getattr(mention, 'text', '')}] | {note[:220]}")
        if precision == gold_precision:
            precision_ok += 1
        else:
            date_errors[f"precision {precision} vs gold {gold_precision}"].append(
                f"[{getattr(mention, 'text', '')}] | {note[:160]}")
        gold_fat = int(row["fatalities"])
        if count.value == gold_fat:
            fat_ok += 1
        else:
            fat_errors[_fatality_class(gold_fat, count.value, count.kind)].append(
                f"gold {gold_fat} got {count.value} [{count.text}] | {note[:300]}")
        if gold_fat > 0:
            pos += 1
            pos_ok += count.value == gold_fat

    print(f"notes: {n}  words: {words}")
    print(f"event_date exact:       {date_ok / n:.4f} ({date_ok}/{n})")
    print(f"time_precision:         {precision_ok / n:.4f} ({precision_ok}/{n})")
    print(f"fatalities exact:       {fat_ok / n:.4f} ({fat_ok}/{n})")
    print(f"fatalities exact, >0:   {pos_ok / pos:.4f} ({pos_ok}/{pos})")
    print(f"find_dates:         {words / t_find:12,.0f} words/s")
    print(f"resolve_event_date: {n / t_resolve:12,.0f} calls/s")
    print(f"count_fatalities:   {words / t_count:12,.0f} words/s")
    for title, classes in (("date errors", date_errors), ("fatality errors", fat_errors)):
        print(f"\n{title} by class:")
        print_error_classes(classes, show=args.show, examples=args.errors)


if __name__ == "__main__":
    main()
