"""The public map in Chromium: areas coloured by their class, hidden ones grey."""

from __future__ import annotations

from typing import Any

import pytest

from samtrygg.public.classes import HIDDEN_COLOUR

pytestmark = pytest.mark.browser


def test_map_areas_get_different_colours(browser_page: Any, spread: Any) -> None:
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/public/")
    areas = page.locator("#public-map path.leaflet-interactive")
    areas.first.wait_for()
    fills = [areas.nth(i).get_attribute("fill") for i in range(areas.count())]
    assert len(fills) == 8 and fills.count(HIDDEN_COLOUR) == 2
    # Five classes: the one busy district no longer leaves the others all the same pale blue.
    assert len(set(fills) - {HIDDEN_COLOUR}) == 5
    assert page.locator("#public-map-legend li").count() == 6
    assert errors == []
