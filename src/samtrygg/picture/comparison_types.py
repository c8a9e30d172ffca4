"""The picture's comparisons: a count against a reference period's, and the periods compared.

Part of the picture's typed values (``picture.types`` re-exports them); frozen, read from
and written to JSON by ``picture.types``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Comparison:
    """This period's count against a reference period's, per covered day.

    ``covered_days`` / ``reference_covered_days`` are the days of each period for which
    every contributing source was reporting (``None`` in snapshots of schema 1, which did
    not record them); the counts are of those days only. A comparison whose periods are
    less than half covered is ``withheld``: no ratio, no change, no p-value, never
    significant.
    """

    count: int
    reference: int
    days: int
    reference_days: int
    covered_days: int | None
    reference_covered_days: int | None
    withheld: bool
    rate_ratio: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    significant: bool
    few: bool
    change_pct: float | None
    #: Either period not fully covered (the comparison is on the covered days only).
    partial: bool = False

    @property
    def reference_share(self) -> float | None:
        """The covered share of the reference period (``None`` when not recorded)."""
        if self.reference_covered_days is None or not self.reference_days:
            return None
        return self.reference_covered_days / self.reference_days

    @property
    def share(self) -> float | None:
        if self.covered_days is None or not self.days:
            return None
        return self.covered_days / self.days


@dataclass(frozen=True)
class Span:
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class ComparisonPeriods:
    previous: Span
    year_before: Span
