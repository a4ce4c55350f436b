"""Offline geocoding: place mentions plus document context -> :class:`~conflict_events.geo.base.Place`.

``default_geocoder()`` returns the process-wide :class:`~conflict_events.geo.gazetteer.GazetteerGeocoder`
(loaded once; the index is built into the user cache directory on first use). Nothing heavy
happens at import.
"""

from __future__ import annotations

from functools import lru_cache

from conflict_events.geo.base import Geocoder, GeoContext, Place, PlaceMention


@lru_cache(maxsize=1)
def _load() -> Geocoder:
    from conflict_events.geo.gazetteer import GazetteerGeocoder

    return GazetteerGeocoder()


def default_geocoder() -> Geocoder:
    """Return the process-wide default geocoder (the gazetteer), loading it on first call.

    Returns:
        The shared :class:`~conflict_events.geo.gazetteer.GazetteerGeocoder`.

    Raises:
        GazetteerError: When no index can be found or built.
    """
    return _load()


def reset_default_geocoder() -> None:
    """Forget the process-wide geocoder (after building a new index, or in tests)."""
    _load.cache_clear()


__all__ = ["GeoContext", "Geocoder", "Place", "PlaceMention", "default_geocoder", "reset_default_geocoder"]
