"""Offline geocoding: place mentions plus document context -> :class:`~conflict_events.geo.base.Place`."""
