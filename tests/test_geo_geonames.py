"""Tests for building the index from GeoNames dumps (small files in GeoNames' format, written here)."""

from __future__ import annotations

import argparse
import zipfile
from pathlib import Path

import pytest

from conflict_events.cli import gazetteer as gazetteer_cli
from conflict_events.errors import GazetteerError
from conflict_events.extraction.places import find_place_mentions, geo_context
from conflict_events.geo.gazetteer import GazetteerGeocoder
from conflict_events.geo.geonames import build_from_geonames
from conflict_events.geo.store import GazetteerIndex

# geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, cc2, a1, a2, a3, a4, pop, elev, dem, tz, date
ROWS = [
    (1, "Dūkān", "Dukan", "Dokan,Dukan", 35.954, 44.952, "P", "PPLA2", "IQ", "", "05", "0501", "", "", 13000),
    (2, "As Sulaymānīyah", "As Sulaymaniyah", "Sulaymaniyah,Slemani", 35.561, 45.437, "P", "PPLA", "IQ", "", "05",
     "0502", "", "", 723170),
    (3, "Muhafazat as Sulaymaniyah", "Muhafazat as Sulaymaniyah", "Sulaymaniyah Governorate", 35.5, 45.3, "A",
     "ADM1", "IQ", "", "05", "", "", "", 0),
    (4, "Qadha Dukan", "Qadha Dukan", "Dukan District", 35.9, 44.9, "A", "ADM2", "IQ", "", "05", "0501", "", "", 0),
    (5, "Qandil Mountains", "Qandil Mountains", "Jibal Qandil,Qendil", 36.4, 45.0, "T", "MTS", "IQ", "", "05", "0501",
     "", "", 0),
    (6, "Dukan Dam Hotel", "Dukan Dam Hotel", "", 35.95, 44.95, "S", "HTL", "IQ", "", "05", "0501", "", "", 0),
    (7, "Baghdad", "Baghdad", "Bagdad", 33.341, 44.401, "P", "PPLC", "IQ", "", "07", "", "", "", 7216000),
    (8, "Kisumu", "Kisumu", "", -0.102, 34.761, "P", "PPLA", "KE", "", "26", "", "", "", 409928),
]


def write_rows(path: Path, rows: list[tuple[object, ...]] = ROWS) -> Path:
    """Write rows in GeoNames' main format (19 columns)."""
    lines = ["\t".join(map(str, (*row, "", "", "Asia/Baghdad", "2024-01-01"))) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_geo_geonames_build_from_main_file_only(tmp_path: Path) -> None:
    """Admin areas come from the ADM1/ADM2 rows when no code files are given; names are cleaned."""
    index_path = build_from_geonames(write_rows(tmp_path / "IQ.txt"), tmp_path / "gn.sqlite")
    geocoder = GazetteerGeocoder(index_path)
    text = "Turkish jets struck the Qandil Mountains in Iraq, a local official said."
    place = geocoder.resolve(find_place_mentions(text), geo_context(text))
    assert (place.location, place.admin1, place.admin2, place.geo_precision) == (
        "Qandil Mountains", "Sulaymaniyah", "Dukan", 1)
    dukan = next(e for e in geocoder.lookup("Dokan") if e.kind == "PPLA2")
    assert geocoder.get(dukan.a2).name == "Dukan"
    assert geocoder.get(dukan.a1).seat == "As Sulaymānīyah"


def test_geo_geonames_build_with_code_files_and_feature_filter(tmp_path: Path) -> None:
    """admin1/admin2 code files name areas; hotels are dropped by default, kept with every feature."""
    (tmp_path / "a1.txt").write_text("IQ.05\tSulaymaniyah\tSulaymaniyah\t98465\n", encoding="utf-8")
    (tmp_path / "a2.txt").write_text("IQ.05.0501\tDukan\tDukan\t1\nIQ.05.0502\tSulaymaniyah\tSulaymaniyah\t2\n",
                                     encoding="utf-8")
    main = write_rows(tmp_path / "IQ.txt")
    default = GazetteerIndex(build_from_geonames(main, tmp_path / "a.sqlite", admin1=tmp_path / "a1.txt",
                                                 admin2=tmp_path / "a2.txt"))
    everything = GazetteerIndex(build_from_geonames(main, tmp_path / "b.sqlite", features={"*"}))
    assert default.stats().get("HTL", 0) == 0 and everything.stats()["HTL"] == 1
    assert default.stats()["MTS"] == 1
    assert {a.name for a in default.admins("IQ") if a.kind == "ADM2"} >= {"Dukan", "Sulaymaniyah"}


def test_geo_geonames_country_filter_and_zip(tmp_path: Path) -> None:
    """A zipped dump is read directly; --countries keeps only the listed countries."""
    write_rows(tmp_path / "allCountries.txt")
    with zipfile.ZipFile(tmp_path / "allCountries.zip", "w") as archive:
        archive.write(tmp_path / "allCountries.txt", "allCountries.txt")
    index = GazetteerIndex(build_from_geonames(tmp_path / "allCountries.zip", tmp_path / "ke.sqlite", countries=["KE"]))
    assert [e.cc for e in index.lookup("kisumu")] == ["KE"]
    assert index.lookup("baghdad") == () or all(e.cc != "IQ" or e.kind == "PCLI" for e in index.lookup("baghdad"))


def test_geo_geonames_rejects_malformed_rows(tmp_path: Path) -> None:
    """A row without GeoNames' 19 columns is an error naming the file and line."""
    bad = tmp_path / "bad.txt"
    bad.write_text("1\tKisumu\t-0.1\t34.7\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"bad\.txt:1: .*expected 19"):
        build_from_geonames(bad, tmp_path / "x.sqlite")
    assert not (tmp_path / "x.sqlite").exists()


def test_geo_geonames_missing_file_is_an_error(tmp_path: Path) -> None:
    """A missing dump is reported with its path."""
    with pytest.raises(GazetteerError, match="no such GeoNames file"):
        build_from_geonames(tmp_path / "nope.txt", tmp_path / "x.sqlite")


def _cli(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    gazetteer_cli.register(parser.add_subparsers())
    return parser.parse_args(["gazetteer", *argv])


def test_geo_geonames_cli_build_then_info_uses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`gazetteer build --geonames` writes into the cache directory and `info` reports it as active."""
    monkeypatch.setenv("CONFLICT_EVENTS_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("CONFLICT_EVENTS_GAZETTEER", raising=False)
    args = _cli("build", "--geonames", str(write_rows(tmp_path / "IQ.txt")))
    assert args.handler(args) == 0
    assert (tmp_path / "cache" / "geonames.sqlite").is_file()
    info = _cli("info")
    assert info.handler(info) == 0
    out = capsys.readouterr().out
    assert "GeoNames index in the cache directory" in out and "populated places" in out


def test_geo_geonames_cli_build_needs_geonames_for_admin_files(tmp_path: Path) -> None:
    """--admin1 without --geonames is a usage error (exit 1)."""
    args = _cli("build", "--admin1", str(tmp_path / "a1.txt"))
    assert args.handler(args) == 1
