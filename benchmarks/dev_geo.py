"""Measure the geocoder on the ACLED dev notes (one note = one event; input = the note only).

Reads ``/work/shared/data/acled/dev.csv`` (or ``--csv``) and the scorer's normalisation
(``norm``, ``same_place``) from ``/work/shared/tools/score.py`` at run time; nothing from
them is stored. For each note: ``find_place_mentions(note)`` + ``geo_context(note)`` ->
``default_geocoder().resolve(...)``; prints country, admin1, location, within 25 km and
within 161 km accuracy (overall and per country), geo_precision agreement, speed, and error
classes with examples.

Usage::

    .venv/bin/python benchmarks/dev_geo.py [--csv PATH] [--country NAME] [--errors N] [--show TEXT]
"""

from __future__ import annotations

import argparse
import collections
import csv
import importlib.util
import math
import time
from pathlib import Path
from types import ModuleType

from _report import print_error_classes

from conflict_events.extraction.places import find_place_mentions, geo_context
from conflict_events.geo import default_geocoder
from conflict_events.geo.base import Place, PlaceMention

DEFAULT_CSV = Path("/work/shared/data/acled/dev.csv")
ARTICLES = Path("/work/shared/data/articles")
SCORER = Path("/work/shared/tools/score.py")


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("acled_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _km(a_lat: float | None, a_lon: float | None, b_lat: float, b_lon: float) -> float:
    if a_lat is None or a_lon is None:
        return math.inf
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b_lon - a_lon) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(min(1.0, h)))


def seed_stories(score: ModuleType) -> None:
    """Geocode each gold event of the seed stories from its evidence sentence; check the rules."""
    import json

    for story in sorted(ARTICLES.glob("*.txt")):
        text = story.read_text(encoding="utf-8")
        lines = text.split("\n", 1)
        body = lines[1] if lines[0].startswith("date ") and len(lines) > 1 else text
        context = geo_context(body, None, story.stem)
        gold_path = story.with_suffix("").with_suffix(".gold.jsonl")
        print(f"\nseed story {story.name}: countries {context.countries[:4]}, dateline {context.dateline}")
        for line in gold_path.read_text(encoding="utf-8").splitlines():
            gold = json.loads(line)
            start = body.find(gold["evidence"][:60])
            if start < 0:
                print(f"  {gold['id']}: evidence not found")
                continue
            place = default_geocoder().resolve(find_place_mentions(body, start, start + len(gold["evidence"])), context)
            admin1 = gold.get("admin1")
            wanted = admin1 if isinstance(admin1, list) else [admin1]
            ok = bool(place) and place.country == gold.get("country") and any(
                score.same_place(place.admin1, a) for a in wanted if a)
            got = f"{place.country}/{place.admin1}/{place.location} p{place.geo_precision}" if place else "None"
            flag = "ok " if ok else "BAD"
            required = "required" if gold.get("required") else "optional"
            print(f"  {flag} {gold['id']:26s} ({required}) gold {gold.get('country')}/{admin1} | got {got}")


FIELDS = ("country", "admin1", "location", "within_25km", "within_161km", "geo_precision")


def _compare(
    score: ModuleType, rows: list[dict[str, str]], places: list[Place | None], mentions: list[list[PlaceMention]]
) -> tuple[collections.Counter[str], dict[str, collections.Counter[str]], dict[str, list[str]]]:
    """Score each note's place against its gold row; collect error classes with examples."""
    hits: collections.Counter[str] = collections.Counter()
    per_country: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    errors: dict[str, list[str]] = collections.defaultdict(list)
    for row, place, found in zip(rows, places, mentions, strict=True):
        gold_country = row["country"]
        lat = place.latitude if place else None
        lon = place.longitude if place else None
        d = _km(lat, lon, float(row["latitude"]), float(row["longitude"]))
        ok = {
            "country": bool(place) and score.norm(place.country) == score.norm(gold_country),
            "admin1": bool(place) and score.same_place(place.admin1, row["admin1"]),
            "location": bool(place) and score.same_place(place.location, row["location"]),
            "within_25km": d <= 25,
            "within_161km": d <= 161,
            "geo_precision": bool(place) and place.geo_precision == int(row["geo_precision"]),
        }
        per_country[gold_country]["n"] += 1
        for key, value in ok.items():
            hits[key] += value
            per_country[gold_country][key] += value
        got = (f"{place.country}/{place.admin1}/{place.location} p{place.geo_precision} [{place.mention}]"
               if place else "None")
        gold = f"{gold_country}/{row['admin1']}/{row['location']} p{row['geo_precision']}"
        mention_text = "; ".join(f"{m.text}{'(' + ','.join(m.admin_hints) + ')' if m.admin_hints else ''}"
                                 for m in found[:4])
        example = f"gold {gold} | got {got} | {d:.0f} km | m: {mention_text} | {row['notes'][:230]}"
        if place is None:
            errors["no place"].append(example)
        elif not ok["country"]:
            errors["country wrong"].append(example)
        elif not ok["admin1"]:
            errors["admin1 wrong" + (" (fallback p3)" if place.geo_precision == 3 else "")].append(example)
        elif not ok["within_161km"]:
            errors["admin1 right, > 161 km"].append(example)
        elif not ok["within_25km"]:
            errors[f"25-161 km, p{place.geo_precision}"].append(example)
    return hits, per_country, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--country", default="", help="only rows of this gold country")
    parser.add_argument("--errors", type=int, default=0, help="print up to N examples per error class")
    parser.add_argument("--show", default="", help="only print examples of classes containing this text")
    parser.add_argument("--dump", type=Path, help="write one line per note (doc_id, result) here, to compare runs")
    parser.add_argument("--stories", action="store_true", help="only check the seed stories")
    args = parser.parse_args()
    score = _scorer()
    if args.stories:
        seed_stories(score)
        return

    with args.csv.open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if not args.country or r["country"] == args.country]
    t0 = time.perf_counter()
    geocoder = default_geocoder()
    t_load = time.perf_counter() - t0

    t0 = time.perf_counter()
    found = [
        (find_place_mentions(r["notes"]), geo_context(r["notes"], None, r["doc_id"], published=r["published"]))
        for r in rows
    ]
    t_find = time.perf_counter() - t0
    t0 = time.perf_counter()
    places = [geocoder.resolve(mentions, ctx) for mentions, ctx in found]
    t_resolve = time.perf_counter() - t0

    hits, per_country, errors = _compare(score, rows, places, [m for m, _ in found])
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for row, place in zip(rows, places, strict=True):
                out.write(f"{row['doc_id']}\t{place}\n")
    n = len(rows)
    words = sum(len(r["notes"].split()) for r in rows)
    print(f"notes: {n}  words: {words}  geocoder load: {t_load:.2f} s")
    for key in FIELDS:
        print(f"{key:15s} {hits[key] / n:.4f} ({hits[key]}/{n})")
    print(f"find_place_mentions + geo_context: {words / t_find:,.0f} words/s")
    print(f"resolve: {n / t_resolve:,.0f} notes/s ({1000 * t_resolve / n:.3f} ms/note)")
    print("\nper country:   n  country admin1 location 25km 161km")
    for name, c in sorted(per_country.items()):
        m = c["n"]
        print(f"  {name[:28]:28s} {m:4d}  " + "  ".join(f"{c[k] / m:.2f}" for k in FIELDS[:5]))
    print("\nerror classes:")
    print_error_classes(errors, show=args.show, examples=args.errors)


if __name__ == "__main__":
    main()
