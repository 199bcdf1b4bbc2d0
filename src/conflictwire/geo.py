"""Distance on the Earth: one function, one radius, for every stage (geocode, gazetteer, merge,
evaluation)."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088  # the IUGG mean Earth radius


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    rlat1, rlat2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = rlat2 - rlat1, math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(rlat1) * math.cos(rlat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def km_between(a, b) -> float:
    """Distance in km between two ``Place``s (anything with ``latitude`` and ``longitude``)."""
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
