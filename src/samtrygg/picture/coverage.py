"""Which days the data cover: per source, from its first incident on record and without
the gaps in which it reported nothing.

A comparison of two periods is only as good as the data in both. A *source* is a
reporting organisation. It covers a day when the day is on or after its first incident
on record (in the data scope), not in one of its gaps, and not after today. A *gap* is a
run of days without a single report that the source's usual reporting makes implausible:
with ``q`` the share of days between its first and last incident on which it reported at
all, a run of ``L`` empty days has probability about ``(1 − q)^L``; runs with probability
below ``GAP_PROBABILITY`` (and at least ``GAP_MIN_DAYS`` long) are gaps. Sources with
fewer than ``GAP_MIN_ACTIVE_DAYS`` active days are too sparse to tell a gap from a quiet
spell; they get none. Days after a source's last report count as a gap on the same terms.
(The records are read from the database by ``sources``; this module is pure.)

The sources a comparison rests on are those with at least ``MIN_SOURCE_SHARE`` of the
incidents of the two periods; a day is covered for the comparison when every one of them
covers it. The comparison counts incidents on covered days only, with covered days as
exposure, and is withheld when either period is less than ``WITHHOLD_BELOW`` covered.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

GAP_MIN_DAYS = 7
GAP_PROBABILITY = 1e-3
GAP_MIN_ACTIVE_DAYS = 30
MIN_SOURCE_SHARE = 0.01
WITHHOLD_BELOW = 0.5


@dataclass(frozen=True)
class SourceRecord:
    organisation_id: int
    name: str
    first_day: dt.date
    last_day: dt.date
    count: int
    #: Inclusive ``(first, last)`` days of each gap.
    gaps: tuple[tuple[dt.date, dt.date], ...] = ()


def gap_length(active_days: int, span_days: int) -> int | None:
    """The shortest run of empty days that counts as a gap (None: too sparse to say)."""
    if active_days < GAP_MIN_ACTIVE_DAYS or span_days <= 0:
        return None
    q = min(active_days / span_days, 1.0)
    if q >= 1.0:
        return GAP_MIN_DAYS
    return max(GAP_MIN_DAYS, math.ceil(math.log(GAP_PROBABILITY) / math.log(1.0 - q)))


def find_gaps(days: np.ndarray, today: dt.date) -> tuple[tuple[dt.date, dt.date], ...]:
    """Gaps of a source with reports on ``days`` (sorted, unique ``datetime64[D]``)."""
    if days.size == 0:
        return ()
    numbers = days.astype(np.int64)
    span = int(numbers[-1] - numbers[0]) + 1
    length = gap_length(int(days.size), span)
    if length is None:
        return ()
    empty = np.diff(numbers) - 1
    out = []
    for k in np.flatnonzero(empty >= length).tolist():
        first = days[k].astype(dt.date) + dt.timedelta(days=1)
        last = days[k + 1].astype(dt.date) - dt.timedelta(days=1)
        out.append((first, last))
    last_day = days[-1].astype(dt.date)
    if (today - last_day).days >= length:
        out.append((last_day + dt.timedelta(days=1), today))
    return tuple(out)


class Cover(NamedTuple):
    """The days of a period and its reference period, and how many of each are covered."""

    days: int
    reference_days: int
    covered_days: int
    reference_covered_days: int

    @property
    def withheld(self) -> bool:
        return withheld(
            self.covered_days, self.days, self.reference_covered_days, self.reference_days
        )

    @property
    def partial(self) -> bool:
        return self.covered_days < self.days or self.reference_covered_days < self.reference_days


@dataclass(frozen=True)
class SourceBook:
    """The sources' records in a data scope, as of ``today``."""

    records: Mapping[int, SourceRecord]
    today: dt.date

    def covered(self, start: dt.date, end: dt.date, sources: Iterable[int]) -> np.ndarray:
        """Per day of ``start``..``end``: covered by each of ``sources``."""
        on_record = [self.records[o] for o in sources if o in self.records]
        return covered_mask(start, end, on_record, today=self.today)


def contributing(counts: Mapping[int, int], *, min_share: float = MIN_SOURCE_SHARE) -> list[int]:
    """Sources with at least ``min_share`` of the incidents counted in ``counts``."""
    total = sum(counts.values())
    if total == 0:
        return []
    return sorted(org for org, n in counts.items() if n and n / total >= min_share)


def covered_mask(
    start: dt.date, end: dt.date, records: Iterable[SourceRecord], *, today: dt.date
) -> np.ndarray:
    """Per day of ``start``..``end``: covered by every one of ``records`` (and not after
    ``today``). Without records (no incidents at all) only the passing of time counts."""
    n = (end - start).days + 1
    mask = np.ones(max(n, 0), dtype=bool)
    if n <= 0:
        return mask
    future = (today - start).days + 1
    mask[max(future, 0) :] = False

    def clear(first: dt.date, last: dt.date) -> None:
        a = max((first - start).days, 0)
        b = min((last - start).days, n - 1)
        if b >= a:
            mask[a : b + 1] = False

    for r in records:
        if r.first_day > start:
            clear(start, r.first_day - dt.timedelta(days=1))
        for first, last in r.gaps:
            clear(first, last)
    return mask


def intervals(mask: np.ndarray, start: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The runs of covered days as inclusive ``(first, last)`` dates."""
    out = []
    padded = np.concatenate([[False], mask, [False]]).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    for a, b in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
        out.append((start + dt.timedelta(days=a), start + dt.timedelta(days=b - 1)))
    return out


def withheld(
    covered_days: int, days: int, reference_covered_days: int, reference_days: int
) -> bool:
    """Whether a comparison says nothing: either period less than half covered."""
    return (
        covered_days <= 0
        or reference_covered_days <= 0
        or covered_days < WITHHOLD_BELOW * days
        or reference_covered_days < WITHHOLD_BELOW * reference_days
    )
