"""Check the seed wire story against its expert gold events and "not an event" rules.

Run by hand:  python benchmarks/seed_article.py [--backend rules|spacy|stanza] [ARTICLE.txt]
Reads the story and its ``.gold.jsonl`` / ``.not-events.jsonl`` from ``../shared/data/articles``
(never copied into the repository), prints the extracted rows, which required gold events
were found and whether any rule is broken. Exits 1 when a required event is missing or a
rule is broken.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import conflict_events as ce
from conflict_events.annotate.rules import split_sentences
from conflict_events.evaluation import normalize, same_place
from conflict_events.model import Event

ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "data" / "articles"


def _options(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def matches(gold: dict[str, Any], event: Event) -> bool:
    """True when the event agrees with every field the gold event states."""
    if event.event_type != gold["event_type"]:
        return False
    if "sub_event_type" in gold and event.sub_event_type not in _options(gold["sub_event_type"]):
        return False
    if "country" in gold and normalize(event.country) != normalize(gold["country"]):
        return False
    if "admin1" in gold and not any(same_place(event.admin1, a) for a in _options(gold["admin1"])):
        return False
    if "location" in gold and not same_place(event.location, gold["location"]):
        return False
    if "event_date" in gold and event.event_date.isoformat() != gold["event_date"]:
        return False
    if "fatalities" in gold and gold["fatalities"] and event.fatalities != gold["fatalities"]:
        return False
    actors = {normalize(event.actor1), normalize(event.actor2)}
    if "actor1_country" in gold:
        country = normalize(gold["actor1_country"])
        if gold.get("actor1_kind") == "state forces":
            wanted = {normalize(f"Military Forces of {country}"), normalize(f"Police Forces of {country}")}
            if not actors & wanted:
                return False
        elif not any(a.endswith(country) for a in actors):
            return False
    return "actor2" not in gold or any(normalize(gold["actor2"]).split()[0] in a for a in actors)


def broken(rule: dict[str, Any], events: list[Event]) -> list[Event]:
    """Events that break a not-event rule."""
    text = rule["rule"]
    if text.startswith("no event located in "):
        country = text.removeprefix("no event located in ").removeprefix("the ")
        return [e for e in events if normalize(e.country) == normalize(country)]
    if text.startswith("no event dated before "):
        limit = dt.date.fromisoformat(text.removeprefix("no event dated before "))
        return [e for e in events if e.event_date < limit]
    if text.startswith("no event whose only evidence is people fleeing"):
        def fleeing(event: Event) -> bool:
            start, end = split_sentences(event.evidence)[0]
            return "fled" in event.evidence[start:end] or "flee" in event.evidence[start:end]

        return [e for e in events if fleeing(e) and e.sub_event_type in ("Other", "Change to group/activity")]
    raise SystemExit(f"unknown rule: {text}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("article", nargs="?", type=Path, default=ARTICLES / "afp-hawija-2017-10-05.txt")
    parser.add_argument("--backend", default="rules")
    args = parser.parse_args()
    story = args.article.read_text(encoding="utf-8")
    events = ce.extract(story, backend=args.backend)
    for e in events:
        print(f"{e.event_date} | {e.event_type} / {e.sub_event_type} | {e.actor1} | {e.actor2 or ''} | "
              f"{e.country} | {e.admin1} | {e.location} | {e.geo_precision} | {e.fatalities} | {e.evidence[:60]!r}")
    stem = args.article.with_suffix("")
    gold = [json.loads(line) for line in stem.with_suffix(".gold.jsonl").read_text().splitlines() if line.strip()]
    rules = [json.loads(line) for line in stem.with_suffix(".not-events.jsonl").read_text().splitlines()
             if line.strip()]
    failed = False
    print()
    for g in gold:
        hit = any(matches(g, e) for e in events)
        status = "found" if hit else ("MISSING" if g.get("required") else "missing (optional)")
        failed |= g.get("required", False) and not hit
        print(f"{g['id']:28s} {'required' if g.get('required') else 'optional':9s} {status}")
    for rule in rules:
        bad = broken(rule, events)
        failed |= bool(bad)
        print(f"{rule['id']:28s} rule      {'BROKEN by ' + str(len(bad)) if bad else 'kept'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
