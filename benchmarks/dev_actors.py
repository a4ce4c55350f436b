"""Measure the actor layer (extraction/actors.py) on the ACLED dev notes.

Reads ``/work/shared/data/acled/dev.csv`` (or ``--csv``) at run time; nothing from it is stored.
Input = the note; the event country is taken from the gold ``country`` column (an upper bound
until the geocoder supplies it). Prints:

(a) recall of the gold actor1/actor2 names among all actor names found in the note;
(b) the same when keeping only the best two candidates (first two distinct actors, preferring
    armed actors and civilians/protesters/rioters over governments);
(c) inter agreement with gold inter1/inter2 for matched actors;
(d) speed of ``find_actors`` in words/s;
and the missed gold actors by error class (with ``--errors N`` examples of each).

Names are compared as the project scorer does (``/work/shared/tools/score.py`` ``norm``: lower
case, accents and "(2016-)" ranges dropped). A "kind-flexible" recall also counts Protesters (X)
found for gold Rioters (X) and vice versa, since the event layer decides that from the event type.

Usage::

    .venv/bin/python benchmarks/dev_actors.py [--csv PATH] [--errors N] [--show CLASS] [--no-country]
"""

from __future__ import annotations

import argparse
import collections
import csv
import importlib.util
import math
import re
import time
import unicodedata
from pathlib import Path

from _report import print_error_classes

from conflict_events.extraction.actors import ActorMention, find_actors

DEFAULT_CSV = Path("/work/shared/data/acled/dev.csv")
SCORER = Path("/work/shared/tools/score.py")


def _load_norm():  # type: ignore[no-untyped-def]
    if SCORER.exists():
        spec = importlib.util.spec_from_file_location("shared_score", SCORER)
        if spec and spec.loader:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module.norm

    def norm(s: object) -> str:  # same rules as the shared scorer
        if s is None or (isinstance(s, float) and math.isnan(s)):
            return ""
        text = unicodedata.normalize("NFKD", str(s)).encode("ascii", "ignore").decode().lower()
        text = re.sub(r"\((\d{4})?-?(\d{4})?\)", "", text)
        text = re.sub(
            r"\b(governorate|province|state|region|district|county|city|town|village|muhafazat|wilayah|"
            r"wilayat|prefecture|department|municipality|division|of|the|al|el|ad|ar|as|az|ash|an)\b",
            " ",
            text,
        )
        text = re.sub(r"[^a-z0-9]+", " ", text)
        return " ".join(text.split())

    return norm


norm = _load_norm()


def top_two(mentions: list[ActorMention]) -> list[str]:
    """First two distinct actors, armed or civilian/protester/rioter first, governments last."""
    ranked = [m for m in mentions if m.armed or m.kind in {"civilians", "protesters", "rioters"}]
    ranked += [m for m in mentions if m not in ranked]
    names: list[str] = []
    for m in ranked:
        if m.name not in names:
            names.append(m.name)
        if len(names) == 2:
            break
    return names


def flexible(name: str) -> str:
    return re.sub(r"^(protesters|rioters) ", "crowd ", name)


def error_class(gold: str, gold_inter: int, found: list[ActorMention]) -> str:
    same_inter = [m for m in found if m.inter == gold_inter]
    if gold.startswith(("Military Forces", "Police Forces", "Government of")):
        head = gold.split(" of ", maxsplit=1)[0]
        if any(m.name.startswith(head) for m in found):
            return f"{head}: found with other country/unit"
        other = "Police" if head.startswith("Military") else "Military"
        if any(m.name.startswith(other) for m in found):
            return f"{head}: found as {other} instead"
        return f"{head}: not found"
    generic = re.match(
        r"^(Civilians|Protesters|Rioters|Unidentified [A-Za-z]+ [A-Za-z]+|Private Security Forces) \(", gold
    )
    if generic:
        label = generic.group(1)
        if same_inter:
            return f"{label}: other name with same inter ({same_inter[0].name[:40]})"
        if found:
            return f"{label}: missing, have {sorted({m.kind for m in found})}"
        return f"{label}: nothing found"
    if re.search(r"(Ethnic|Communal|Clan|Tribal|Cult) Militia \(", gold):
        return f"identity militia: {'same inter found' if same_inter else 'missing'}"
    if same_inter:
        return f"named inter {gold_inter}: other actor found ({same_inter[0].name[:40]})"
    return f"named inter {gold_inter}: missing"


def score(
    rows: list[dict[str, str]], notes: list[str], found: list[list[ActorMention]]
) -> tuple[tuple[int, int, int, int, int, int], dict[str, list[int]], dict[str, list[str]]]:
    """Compare found actors with gold actor1/actor2: counts, per-country recall and missed actors by class."""
    gold_total = hit_all = hit_top = hit_flex = inter_ok = inter_n = 0
    per_country: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    errors: dict[str, list[str]] = collections.defaultdict(list)
    for row, note, mentions in zip(rows, notes, found, strict=True):
        names = {norm(m.name): m for m in mentions}
        flex_names = {flexible(n) for n in names}
        top = {norm(n) for n in top_two(mentions)}
        for col, inter_col in (("actor1", "inter1"), ("actor2", "inter2")):
            gold = row[col]
            if not gold:
                continue
            gold_total += 1
            key = norm(gold)
            gold_inter = int(float(row[inter_col] or 0))
            per_country[row["country"]][1] += 1
            if key in names:
                hit_all += 1
                per_country[row["country"]][0] += 1
                inter_n += 1
                inter_ok += names[key].inter == gold_inter
            else:
                cls = error_class(gold, gold_inter, mentions)
                got = "; ".join(f"{m.name} [{m.text}]" for m in mentions)
                errors[cls].append(f"GOLD {gold} ({gold_inter}) | GOT {got} | {note[:260]}")
            hit_top += key in top
            hit_flex += flexible(key) in flex_names

    stats = (gold_total, hit_all, hit_flex, hit_top, inter_ok, inter_n)
    return stats, per_country, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--errors", type=int, default=0, help="print up to N examples per error class")
    parser.add_argument("--show", default="", help="only print examples of classes containing this text")
    parser.add_argument("--no-country", action="store_true", help="do not pass the gold country")
    parser.add_argument("--country", default="", help="only rows of this gold country")
    args = parser.parse_args()

    with args.csv.open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if not args.country or r["country"] == args.country]
    notes = [row["notes"] for row in rows]
    words = sum(len(note.split()) for note in notes)

    find_actors("warm-up: Iraqi forces", country="Iraq")  # load the lexicon outside the timing
    t0, c0 = time.perf_counter(), time.process_time()
    found = [
        find_actors(note, country=None if args.no_country else row["country"])
        for note, row in zip(notes, rows, strict=True)
    ]
    wall, elapsed = time.perf_counter() - t0, time.process_time() - c0

    stats, per_country, errors = score(rows, notes, found)
    gold_total, hit_all, hit_flex, hit_top, inter_ok, inter_n = stats
    print(f"notes: {len(rows)}  words: {words}  gold actors: {gold_total}  country given: {not args.no_country}")
    print(f"(a) recall, all candidates:          {hit_all / gold_total:.4f} ({hit_all}/{gold_total})")
    print(f"    recall, protester/rioter flexible: {hit_flex / gold_total:.4f} ({hit_flex}/{gold_total})")
    print(f"(b) recall, best two candidates:     {hit_top / gold_total:.4f} ({hit_top}/{gold_total})")
    print(f"(c) inter agreement when matched:    {inter_ok / max(inter_n, 1):.4f} ({inter_ok}/{inter_n})")
    print(
        f"(d) find_actors speed (CPU time):    {words / elapsed:,.0f} words/s ({len(rows) / elapsed:,.0f} notes/s; "
        f"wall clock {words / wall:,.0f} words/s)"
    )
    print("\nrecall by country:")
    for country, (ok, n) in sorted(per_country.items()):
        print(f"  {country:32s} {ok / n:.3f} ({ok}/{n})")
    print("\nmissed gold actors by class:")
    print_error_classes(errors, show=args.show, examples=args.errors)


if __name__ == "__main__":
    main()
