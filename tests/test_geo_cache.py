"""Tests for index locations, the choice of the active index and the process-wide geocoder."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflict_events.errors import GazetteerError
from conflict_events.geo import cache, default_geocoder, reset_default_geocoder
from conflict_events.geo.store import GazetteerIndex
from tests.test_geo_resolve import write_world


def test_geo_cache_dir_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """CONFLICT_EVENTS_CACHE overrides the user cache directory; XDG_CACHE_HOME is used otherwise."""
    monkeypatch.setenv("CONFLICT_EVENTS_CACHE", str(tmp_path / "c"))
    assert cache.cache_dir() == tmp_path / "c"
    assert cache.default_index_path().parent == tmp_path / "c"
    assert cache.default_index_path().name.startswith("packages-")
    monkeypatch.delenv("CONFLICT_EVENTS_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if cache.sys.platform.startswith("linux"):
        assert cache.cache_dir() == tmp_path / "xdg" / "conflict_events"


def test_geo_cache_prefers_explicit_then_geonames_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The active index is $CONFLICT_EVENTS_GAZETTEER, else a GeoNames index in the cache directory."""
    monkeypatch.setenv("CONFLICT_EVENTS_CACHE", str(tmp_path))
    monkeypatch.delenv("CONFLICT_EVENTS_GAZETTEER", raising=False)
    world = write_world(tmp_path)
    world.rename(cache.geonames_index_path())
    assert cache.active_index_path() == tmp_path / "geonames.sqlite"
    monkeypatch.setenv("CONFLICT_EVENTS_GAZETTEER", str(tmp_path / "elsewhere.sqlite"))
    assert cache.active_index_path() == tmp_path / "elsewhere.sqlite"


def test_geo_cache_default_geocoder_is_loaded_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """default_geocoder() returns the same object until reset."""
    monkeypatch.setenv("CONFLICT_EVENTS_GAZETTEER", str(write_world(tmp_path)))
    reset_default_geocoder()
    try:
        first = default_geocoder()
        assert default_geocoder() is first
        assert first.name == "gazetteer"
        reset_default_geocoder()
        assert default_geocoder() is not first
    finally:
        reset_default_geocoder()


def test_geo_cache_bad_index_files_are_errors(tmp_path: Path) -> None:
    """A missing or foreign file is a GazetteerError naming it."""
    with pytest.raises(GazetteerError, match="no such index file"):
        GazetteerIndex(tmp_path / "missing.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all, just bytes" * 10)
    with pytest.raises(GazetteerError, match=r"junk\.sqlite"):
        GazetteerIndex(junk)
