"""Offline geocoding: place mentions plus document context -> :class:`~conflict_events.geo.base.Place`.

``default_geocoder()`` returns the process-wide :class:`~conflict_events.geo.gazetteer.GazetteerGeocoder`
(loaded once; the index is built into the user cache directory on first use). Nothing heavy
happens at import.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from conflict_events.geo.base import Geocoder, GeoContext, Place, PlaceMention

if TYPE_CHECKING:
    from conflict_events.geo.gazetteer import GazetteerGeocoder

_lock = threading.Lock()
_default: GazetteerGeocoder | None = None


def default_geocoder() -> Geocoder:
    """Return the process-wide default geocoder (the gazetteer), loading it on first call.

    Returns:
        The shared :class:`~conflict_events.geo.gazetteer.GazetteerGeocoder`.

    Raises:
        GazetteerError: When no index can be found or built.
    """
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                from conflict_events.geo.gazetteer import GazetteerGeocoder

                _default = GazetteerGeocoder()
    return _default


def reset_default_geocoder() -> None:
    """Forget the process-wide geocoder (after building a new index, or in tests)."""
    global _default
    with _lock:
        _default = None


__all__ = ["GeoContext", "Geocoder", "Place", "PlaceMention", "default_geocoder", "reset_default_geocoder"]
