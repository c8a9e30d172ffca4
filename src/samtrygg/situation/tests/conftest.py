"""Fixtures: a small town of four 1 km districts and a hand-countable month of incidents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache

from samtrygg.core.testing import World
from samtrygg.situation.tests.helpers import X0, Y0, Row, grid_areas, write_incidents


def at(day: str, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, minute=minute)


# Points well inside each 1 km square (T00 south-west, T01 north-west, T10 south-east, …)
A = (X0 + 300.0, Y0 + 300.0)  # T00
A2 = (X0 + 320.0, Y0 + 330.0)
B = (X0 + 1500.0, Y0 + 400.0)  # T10
B2 = (X0 + 1560.0, Y0 + 430.0)
C = (X0 + 500.0, Y0 + 1500.0)  # T01


@dataclass
class Town:
    world: World
    areas: dict[str, Any]


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


@pytest.fixture
def town(world: World) -> Town:
    """March 2026 in four districts (population 1,000 each):

    * T00: three vandalism reports (Mon 2 March 10:00, Mon 9 March 10:00, Mon 16 March 22:00)
    * T10: two residential burglaries (Fri 20 March 02:00, Sat 21 March 03:00), 60 m apart
    * no point: one police-feed notice of vandalism (Thu 5 March 12:00, municipality)
    * T01: one restricted (police-only) burglary (Tue 10 March 09:00)
    * February 2026: one vandalism in T00; March 2025: four vandalism reports in T00.
    """
    areas = {a.code: a for a in grid_areas()}
    org = world.organisations["housing"]
    police = world.organisations["police"]
    write_incidents(
        [
            Row(at("2026-03-02", 10), "skadegorelse", A),
            Row(at("2026-03-09", 10), "skadegorelse", A2),
            Row(at("2026-03-16", 22), "skadegorelse", A),
            Row(at("2026-03-20", 2), "inbrott-bostad", B),
            Row(at("2026-03-21", 3), "inbrott-bostad", B2),
            Row(at("2026-02-10", 12), "skadegorelse", A),
            *(Row(at(f"2025-03-{d:02d}", 15), "skadegorelse", A) for d in (3, 10, 17, 24)),
        ],
        organisation=org,
    )
    write_incidents(
        [Row(at("2026-03-05", 12), "skadegorelse", None, classification="open")],
        organisation=police,
        system="police_feed",
        prefix="feed",
    )
    write_incidents(
        [Row(at("2026-03-10", 9), "inbrott-bostad", C, classification="restricted")],
        organisation=police,
        system="import",
        prefix="restricted",
    )
    return Town(world=world, areas=areas)
