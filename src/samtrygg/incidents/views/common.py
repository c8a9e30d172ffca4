"""What the incident pages share: the map's settings and the page size."""

from __future__ import annotations

from samtrygg.areas.maps import map_config

__all__ = ["PAGE_SIZE", "map_config"]


PAGE_SIZE = 50
