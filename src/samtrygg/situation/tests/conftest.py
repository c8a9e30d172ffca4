"""Fixtures: a small town of four 1 km districts and a hand-countable month of incidents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache

from samtrygg.picture.service import LOCAL
from samtrygg.situation.tests.helpers import build_town
from samtrygg.testing.matrix import World


@dataclass
class Town:
    world: World
    areas: dict[str, Any]


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()
    LOCAL.clear()


@pytest.fixture
def town(world: World) -> Town:
    """March 2026 in four districts; see ``helpers.build_town``."""
    return Town(world=world, areas=build_town(world))
