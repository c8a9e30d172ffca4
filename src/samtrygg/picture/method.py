"""The method's fixed choices (cell size, bandwidth, Knox bands, permutations, seed, alert
window), recorded in every picture as ``METHOD``, and the rounding of figures for JSON.
"""

from __future__ import annotations

from typing import Any

from samtrygg.analysis.types import json_float

CELL = 250.0
KDE_BANDWIDTH = 300.0
KDE_SHOWN_SHARE = 0.05
ALPHA = 0.05
KNOX_DISTANCE_EDGES = (0.0, 100.0, 200.0, 300.0, 400.0)
KNOX_TIME_EDGES = (0.0, 7.0, 14.0, 21.0, 28.0)
KNOX_PERMUTATIONS = 99
KNOX_MIN_EVENTS = 10
SEED = 20230701
ALERT_DISTANCE = 200.0
ALERT_DAYS = 14.0
HEAT_MAX_HOURS = 12.0
#: The previous period's hot-spot map: its top cells by count, as a share of the study area.
ACCURACY_TOP_PERCENT = 5.0
#: Fewer incidents than this in either period: the map's accuracy is flagged as uncertain.
ACCURACY_MIN_EVENTS = 50

METHOD = {
    "cell_m": CELL,
    "kde": {"kernel": "gaussian", "bandwidth_m": KDE_BANDWIDTH},
    "gi_star": {"weights": "queen", "fdr": True, "alpha": ALPHA},
    "knox": {
        "distance_edges_m": list(KNOX_DISTANCE_EDGES),
        "time_edges_days": list(KNOX_TIME_EDGES),
        "permutations": KNOX_PERMUTATIONS,
        "seed": SEED,
        "band_rule": "half-open [lo, hi)",
    },
    "alerts": {"distance_m": ALERT_DISTANCE, "days": ALERT_DAYS},
    "change_test": (
        "exact conditional binomial test of two Poisson counts (covered days as exposure)"
    ),
    "control_chart": {
        "lambda": 0.2,
        "limit_sigma": 3.0,
        "baseline": "same weeks ±1, 2 years",
        "starts": "the first whole week on record; the week not over is left out",
    },
    "heat_table": {"max_interval_hours": HEAT_MAX_HOURS, "time": "middle of the interval"},
    "hotspot_accuracy": {
        "map": "previous period's counts per cell",
        "top_percent": ACCURACY_TOP_PERCENT,
        "measures": "hit rate, PAI (Chainey 2008), PEI (Hunt 2016)",
    },
}


def round_float(value: Any, digits: int = 4) -> float | None:
    v = json_float(value)
    return None if v is None else round(v, digits)
