"""Tests for the user alias table (a TSV of local spellings and missing places)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflict_events.errors import GazetteerError
from conflict_events.extraction.places import find_place_mentions, geo_context
from conflict_events.geo.gazetteer import GazetteerGeocoder
from tests.test_geo_resolve import write_world

HEADER = "alias\tcountry\ttarget\tlatitude\tlongitude\tadmin1\tadmin2\tkind\n"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small test world's index."""
    return write_world(tmp_path_factory.mktemp("aliases"))


def test_geo_aliases_target_and_new_place(world: Path, tmp_path: Path) -> None:
    """An alias can name a known place or add a new one inside a known admin area."""
    table = tmp_path / "aliases.tsv"
    table.write_text(
        HEADER
        + "Kerkouk\tIraq\tKirkuk\t\t\t\t\t\n"
        + "Camp Zahra\tIQ\t\t35.3000\t43.9000\tKirkuk\tAl-Hawija\tcamp\n",
        encoding="utf-8",
    )
    geocoder = GazetteerGeocoder(world, aliases=[table])
    text = "Gunmen attacked a checkpoint in Kerkouk City on Monday."
    place = geocoder.resolve(find_place_mentions(text), geo_context(text))
    assert (place.location, place.admin1, place.geo_precision) == ("Kerkouk", "Kirkuk", 1)
    text = "Mortar rounds hit Camp Zahra, Iraqi officials said."
    place = geocoder.resolve(find_place_mentions(text), geo_context(text))
    assert (place.admin1, place.admin2, place.latitude, place.geo_precision) == ("Kirkuk", "Al-Hawija", 35.3, 1)


def test_geo_aliases_from_environment(world: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """CONFLICT_EVENTS_GEO_ALIASES adds a table to every geocoder."""
    table = tmp_path / "env.tsv"
    table.write_text(HEADER + "Hauwija\tIraq\tHawija\t\t\t\t\t\n", encoding="utf-8")
    monkeypatch.setenv("CONFLICT_EVENTS_GEO_ALIASES", str(table))
    geocoder = GazetteerGeocoder(world)
    assert "Al Hawijah" in {e.name for e in geocoder.lookup("Hauwija")}
    assert GazetteerGeocoder(world).lookup("Hauwija") != () and all(
        e.cc == "IQ" for e in GazetteerGeocoder(world).lookup("Hauwija"))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("X\tAtlantis\tKirkuk\t\t\t\t\t\n", "unknown country 'Atlantis'"),
        ("X\tIraq\tNowhere\t\t\t\t\t\n", "target 'Nowhere' is not in the gazetteer"),
        ("X\tIraq\t\tabc\t44\t\t\t\n", "no target and no numeric latitude"),
        ("X\tIraq\t\t35\t44\tAtlantis\t\t\n", "ADM1 'Atlantis' is not in the gazetteer"),
    ],
)
def test_geo_aliases_bad_rows_are_errors(world: Path, tmp_path: Path, row: str, message: str) -> None:
    """Bad rows are reported with file, line and the bad value."""
    table = tmp_path / "bad.tsv"
    table.write_text(HEADER + row, encoding="utf-8")
    with pytest.raises(GazetteerError, match=message) as info:
        GazetteerGeocoder(world, aliases=[table])
    assert "bad.tsv:2" in str(info.value)
