"""Benchmark the geocoder: index build time, first load time, memory, lookups and resolves per second.

Texts are written here (wire-style sentences), so the benchmark needs no external data. Each
measure that depends on a cold process runs in a fresh subprocess.

Usage::

    .venv/bin/python benchmarks/bench_geo.py [--rebuild] [--seconds 3]

``--rebuild`` builds the default index into a temporary cache directory (measuring the build)
instead of using the existing one.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time

SENTENCES = [
    "On 3 May, gunmen attacked Damasak (Mobbar, Borno) and stole cattle.",
    "Iraqi troops entered the town of Riyadh southeast of Hawija on Thursday.",
    "Protesters blocked the main road in Garowe town (Garoowe, Nugaal) over taxes.",
    "An IED struck a patrol near Beni in Nord-Kivu, killing two soldiers.",
    "Police fired tear gas at students in Kisumu, Kisumu County.",
    "Militants burned houses in Kasanga village in Sud-Kivu province.",
    "A drug suspect was killed in Barangay San Roque, Antipolo City, Rizal.",
    "Clashes erupted between Tankademi and Tamalat (Tillia, Tahoua).",
    "Turkish jets struck PKK positions in the Haftanin region of Dahuk province in northern Iraq.",
    "Residents of Mocimboa da Praia fled after insurgents attacked the town on Sunday.",
]

_CHILD = textwrap.dedent(
    """
    import json, os, resource, sys, time
    def rss():
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    import conflict_events.geo as geo
    from conflict_events.extraction.places import find_place_mentions, geo_context
    t_import = time.perf_counter() - t0
    before = rss()
    t0 = time.perf_counter()
    g = geo.default_geocoder()
    t_load = time.perf_counter() - t0
    sentences = json.loads(sys.argv[1])
    t0 = time.perf_counter()
    for s in sentences:
        g.resolve(find_place_mentions(s), geo_context(s))
    t_first = time.perf_counter() - t0
    print(json.dumps({"import_s": t_import, "load_s": t_load, "first_resolves_s": t_first,
                      "rss_delta_mb": rss() - before, "rss_mb": rss()}))
    """
)


def _child(env: dict[str, str]) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(SENTENCES)], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _rate(fn, seconds: float) -> float:  # type: ignore[no-untyped-def]
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        fn()
        count += 1
    return count / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="measure a fresh build in a temporary cache")
    parser.add_argument("--seconds", type=float, default=3.0, help="time per throughput measure")
    args = parser.parse_args()
    env = dict(os.environ)
    tmp = None
    if args.rebuild:
        tmp = tempfile.TemporaryDirectory()
        env["CONFLICT_EVENTS_CACHE"] = tmp.name
        os.environ["CONFLICT_EVENTS_CACHE"] = tmp.name
        from conflict_events.geo.cache import default_index_path
        from conflict_events.geo.sources import build_from_packages

        t0 = time.perf_counter()
        path = build_from_packages(default_index_path())
        print(f"index build:         {time.perf_counter() - t0:8.1f} s  ({path.stat().st_size / 1e6:.0f} MB on disk)")
    cold = _child(env)
    print(f"import geo+places:   {cold['import_s']:8.3f} s")
    print(f"first load:          {cold['load_s']:8.3f} s")
    print(f"first 10 resolves:   {cold['first_resolves_s']:8.3f} s")
    print(f"RSS after load:      {cold['rss_mb']:8.1f} MB (delta {cold['rss_delta_mb']:.1f} MB)")

    from conflict_events.extraction.places import find_place_mentions, geo_context
    from conflict_events.geo import default_geocoder
    from conflict_events.geo.names import name_key

    geocoder = default_geocoder()
    index = geocoder.index
    keys = [name_key(w) for s in SENTENCES for w in s.replace(",", " ").split() if w[:1].isupper()]
    prepared = [(find_place_mentions(s), geo_context(s)) for s in SENTENCES]
    words = sum(len(s.split()) for s in SENTENCES)

    def uncached_lookups() -> None:
        for key in keys:
            index._lookup(key)

    def cached_lookups() -> None:
        for key in keys:
            index.lookup(key)

    def resolves() -> None:
        for mentions, context in prepared:
            geocoder.resolve(mentions, context)

    def mention_finding() -> None:
        for s in SENTENCES:
            find_place_mentions(s)
            geo_context(s)

    print(f"index lookups (SQL): {_rate(uncached_lookups, args.seconds) * len(keys):10,.0f} /s")
    print(f"index lookups (LRU): {_rate(cached_lookups, args.seconds) * len(keys):10,.0f} /s")
    rate = _rate(resolves, args.seconds) * len(prepared)
    mentions = max(1, sum(len(m) for m, _ in prepared))
    per_mention = 1000 * len(prepared) / (rate * mentions)
    print(f"resolve (warm):      {rate:10,.0f} /s  ({per_mention:.3f} ms per mention, story scene included)")
    print(f"mentions + context:  {_rate(mention_finding, args.seconds) * words:10,.0f} words/s")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
