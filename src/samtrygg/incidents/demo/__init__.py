"""Demo incidents for Västerås: two years of synthetic reports ending today, and the real
police events of the test samples.

The synthetic data has what a lägesbild should find: a weekday and hour rhythm that
differs by kind of incident (nights in the centre, evenings at the suburban centres,
daytime reports of litter and graffiti), seasons (dark months bring lighting complaints
and burglaries, summer brings fires, litter and groups), stable hotspots (the centre in
the evening, Bäckby and Råby centres, the Erikslund shopping area), near-repeat burglary
chains (more burglaries within about 200 m and 14 days), and a visible drop in Bäckby
after the intervention date, with part of it displaced to the ring around Bäckby.

Deterministic for a seed and a date (the data ends today). Idempotent: once the demo rows
exist, a second run returns at once.
"""

from samtrygg.incidents.demo.builder import build
from samtrygg.incidents.demo.data import (
    BACKBY,
    BURGLARY_CATEGORIES,
    BURGLARY_SHARE,
    BURGLARY_SOURCES,
    DAYS,
    DEMO_INTERVENTION,
    DEMO_PREFIX,
    DESCRIPTIONS,
    FEEDBACK,
    FULL_SIZE,
    HOURS,
    POLICE_CATEGORIES,
    POLICE_EVENTS,
    PROFILES,
    QUICK_SIZE,
    SEASONS,
    STREETS,
    WEEKDAYS,
    Profile,
)
from samtrygg.incidents.demo.synthetic import Rows, generate

__all__ = [
    "BACKBY",
    "BURGLARY_CATEGORIES",
    "BURGLARY_SHARE",
    "BURGLARY_SOURCES",
    "DAYS",
    "DEMO_INTERVENTION",
    "DEMO_PREFIX",
    "DESCRIPTIONS",
    "FEEDBACK",
    "FULL_SIZE",
    "HOURS",
    "POLICE_CATEGORIES",
    "POLICE_EVENTS",
    "PROFILES",
    "QUICK_SIZE",
    "SEASONS",
    "STREETS",
    "WEEKDAYS",
    "Profile",
    "Rows",
    "build",
    "generate",
]
