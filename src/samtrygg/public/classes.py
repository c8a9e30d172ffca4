"""Classes of the public map: the shown area totals split at their quantiles.

One computation for the map's colours and its legend. Only published (non-hidden) totals
are classed and only they give the bounds, so a hidden area cannot be worked out from the
legend; hidden areas get no class (grey on the map).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

MAX_CLASSES = 5

#: Sequential blues (ColorBrewer), light to dark, per number of classes.
PALETTES: dict[int, tuple[str, ...]] = {
    1: ("#3182bd",),
    2: ("#9ecae1", "#3182bd"),
    3: ("#deebf7", "#6baed6", "#08519c"),
    4: ("#deebf7", "#9ecae1", "#4292c6", "#08519c"),
    5: ("#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"),
}
HIDDEN_COLOUR = "#bdbdbd"


@dataclass(frozen=True)
class MapClass:
    low: int
    high: int
    colour: str


def quantile_classes(
    totals: Sequence[int | None], *, max_classes: int = MAX_CLASSES
) -> list[MapClass]:
    """At most ``max_classes`` classes of the shown ``totals`` (``None`` is hidden).

    Cuts are taken at the quantiles ``i / k`` of the sorted shown values (nearest rank), so
    each cut is a shown value; equal values always share a class. Each class's bounds are
    its smallest and largest member: whole numbers, never overlapping. With at most
    ``max_classes`` distinct values each value is a class of its own.
    """
    shown = sorted(v for v in totals if v is not None)
    if not shown:
        return []
    distinct = sorted(set(shown))
    if len(distinct) <= max_classes:
        # Quantile cuts could merge two of a handful of values (most areas at 0, say).
        cuts = distinct[:-1]
    else:
        n, k = len(shown), max_classes
        cuts = sorted({shown[math.ceil(i * n / k) - 1] for i in range(1, k)} - {shown[-1]})
    members: list[list[int]] = [[] for _ in range(len(cuts) + 1)]
    for v in shown:
        members[bisect_left(cuts, v)].append(v)
    groups = [m for m in members if m]
    palette = PALETTES[len(groups)]
    return [MapClass(g[0], g[-1], palette[i]) for i, g in enumerate(groups)]


def class_index(value: int | None, classes: Sequence[MapClass]) -> int | None:
    """The class of a total (``None`` for a hidden one)."""
    if value is None:
        return None
    for i, c in enumerate(classes):
        if c.low <= value <= c.high:
            return i
    raise ValueError(f"{value} is not a classed total")
