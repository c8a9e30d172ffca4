from __future__ import annotations

import pytest

from samtrygg.cases.tests.factories import CaseWorld, build_case_world
from samtrygg.testing.matrix import World


@pytest.fixture
def cw(world: World) -> CaseWorld:
    return build_case_world(world)
