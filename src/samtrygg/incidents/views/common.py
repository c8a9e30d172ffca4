"""What the incident pages share: the map's settings and the page size."""

from __future__ import annotations

from typing import Any

from django.conf import settings

PAGE_SIZE = 50


def map_config() -> dict[str, Any]:
    config: Any = settings.LEAFLET_CONFIG
    return {
        "center": list(config.get("DEFAULT_CENTER", (59.6099, 16.5448))),
        "zoom": config.get("DEFAULT_ZOOM", 12),
        "maxZoom": config.get("MAX_ZOOM", 18),
        "tiles": [
            {"url": url, "options": options} for _name, url, options in config.get("TILES", [])
        ],
    }
