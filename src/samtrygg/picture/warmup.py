"""The picture's warm-up for a new server process (``core.warmup``): run the near-repeat
test and the projection on a few hundred synthetic events, so that the first real picture
finds numba's kernels loaded (or compiled into their cache, on the first start after an
install) and pyproj's transformation built. With the picture's own method (bands, 99
permutations, seed), the same kernels are loaded as for a real picture.
"""

from __future__ import annotations

import numpy as np

from samtrygg.analysis.knox import knox_test
from samtrygg.areas.spatial import to_4326
from samtrygg.picture.method import (
    KNOX_DISTANCE_EDGES,
    KNOX_PERMUTATIONS,
    KNOX_TIME_EDGES,
    SEED,
)

#: Enough events in 2 km × 2 km over 60 days for pairs in every distance and time band.
EVENTS = 400


def warm_kernels() -> None:
    rng = np.random.default_rng(SEED)
    x = 585_000.0 + rng.uniform(0.0, 2_000.0, EVENTS)
    y = 6_607_000.0 + rng.uniform(0.0, 2_000.0, EVENTS)
    t = rng.uniform(0.0, 60.0, EVENTS)
    knox_test(
        x,
        y,
        t,
        KNOX_DISTANCE_EDGES,
        KNOX_TIME_EDGES,
        permutations=KNOX_PERMUTATIONS,
        seed=SEED,
    )
    to_4326(x[:1], y[:1])
