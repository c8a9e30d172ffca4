"""Small-count suppression of a two-way table with its totals (pure: numpy and scipy).

The public picture publishes an ``areas × categories`` table of counts with row totals,
column totals and the grand total. The rules:

1. **Primary suppression.** Every count from 1 to ``threshold − 1`` (default 1–4) is
   suppressed, wherever it stands: an inner cell, a row or column total, the grand total.
   Zero is published (it reveals no one).
2. **Complementary suppression.** A suppressed entry must not be recoverable from what is
   published. Think of the table extended by its totals: every row and every column is an
   equation ``cells − total = 0``. An attacker knows the published values, the equations,
   and that counts are non-negative. For every suppressed entry we compute, by linear
   programming (scipy's HiGHS), the smallest and the largest value it can take under those
   constraints; the entry is *protected* when the two differ. The constraint matrix of a
   table with its margins is a network (flow) matrix, hence totally unimodular, so the
   bounds are whole numbers and every whole number between them is attainable: a protected
   entry has at least two possible values.
3. The algorithm: mark the primary entries; then repeat (a) while some equation has exactly
   one suppressed entry, suppress one more entry of it (the smallest positive count, inner
   cells before totals); (b) solve the bounds of every suppressed entry, and for the first
   pinned one suppress one more entry in its row or column (smallest positive first). Each
   round suppresses at least one more entry, so it ends; a fully suppressed table publishes
   nothing and pins nothing.

Linked tables (two published periods, one inside the other, make their difference
public): callers pass ``extra_primary`` to suppress cells whose difference to an already
published table would be a small count (see ``samtrygg.picture.public``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

#: Counts 1 … THRESHOLD − 1 are suppressed (the default of SAMTRYGG_SUPPRESSION_THRESHOLD).
DEFAULT_THRESHOLD = 5


class SuppressionError(ValueError):
    """The input is not a table of non-negative whole numbers."""


@dataclass(frozen=True, eq=False)
class SuppressedTable:
    """Values and suppression masks of a table extended by its totals.

    ``extended[i, j]`` for ``i < rows`` and ``j < cols`` is a cell; column ``cols`` holds the
    row totals, row ``rows`` the column totals, and ``[rows, cols]`` the grand total.
    ``suppressed`` has the same shape; ``primary`` marks the entries suppressed for their own
    small value (the rest of ``suppressed`` is complementary).
    """

    extended: np.ndarray
    suppressed: np.ndarray
    primary: np.ndarray
    threshold: int

    @property
    def rows(self) -> int:
        return int(self.extended.shape[0] - 1)

    @property
    def cols(self) -> int:
        return int(self.extended.shape[1] - 1)

    def published(self) -> list[list[int | None]]:
        """The extended table with ``None`` for suppressed entries."""
        return [
            [
                None if self.suppressed[i, j] else int(self.extended[i, j])
                for j in range(self.cols + 1)
            ]
            for i in range(self.rows + 1)
        ]

    @property
    def cells(self) -> list[list[int | None]]:
        return [row[: self.cols] for row in self.published()[: self.rows]]

    @property
    def row_totals(self) -> list[int | None]:
        return [row[self.cols] for row in self.published()[: self.rows]]

    @property
    def col_totals(self) -> list[int | None]:
        return self.published()[self.rows][: self.cols]

    @property
    def total(self) -> int | None:
        return self.published()[self.rows][self.cols]

    @property
    def n_suppressed(self) -> int:
        return int(self.suppressed.sum())

    @property
    def n_complementary(self) -> int:
        return int((self.suppressed & ~self.primary).sum())


def extend(values: np.ndarray) -> np.ndarray:
    """The table with a row-total column and a column-total row appended."""
    r, c = values.shape
    ext = np.zeros((r + 1, c + 1), dtype=np.int64)
    ext[:r, :c] = values
    ext[:r, c] = values.sum(axis=1)
    ext[r, :c] = values.sum(axis=0)
    ext[r, c] = values.sum()
    return ext


def equations(rows: int, cols: int) -> list[list[tuple[int, int, int]]]:
    """Each equation as ``[(i, j, coefficient), …]`` over the extended table (sum = 0)."""
    eqs = []
    for i in range(rows + 1):
        eqs.append([(i, j, 1) for j in range(cols)] + [(i, cols, -1)])
    for j in range(cols + 1):
        eqs.append([(i, j, 1) for i in range(rows)] + [(rows, j, -1)])
    return eqs


def bounds(
    extended: np.ndarray, suppressed: np.ndarray
) -> dict[tuple[int, int], tuple[float, float]]:
    """The attacker's view: for every suppressed entry the smallest and largest value it can
    take given the published entries, the row/column equations and non-negativity.

    The largest may be ``inf`` (nothing caps it).
    """
    positions = [(int(p[0]), int(p[1])) for p in np.argwhere(suppressed)]
    if not positions:
        return {}
    index = {p: k for k, p in enumerate(positions)}
    rows, cols = extended.shape[0] - 1, extended.shape[1] - 1
    a_rows: list[np.ndarray] = []
    b_vals: list[float] = []
    for eq in equations(rows, cols):
        coeffs = np.zeros(len(positions))
        rhs = 0.0
        involved = False
        for i, j, sign in eq:
            k = index.get((i, j))
            if k is None:
                rhs -= sign * float(extended[i, j])
            else:
                coeffs[k] += sign
                involved = True
        if involved:
            a_rows.append(coeffs)
            b_vals.append(rhs)
    a_eq = np.array(a_rows) if a_rows else None
    b_eq = np.array(b_vals) if b_vals else None
    result: dict[tuple[int, int], tuple[float, float]] = {}
    n = len(positions)
    for p, k in index.items():
        objective = np.zeros(n)
        objective[k] = 1.0
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        lo = float(low.fun) if low.status == 0 else 0.0
        if high.status == 3:  # unbounded
            hi = float("inf")
        elif high.status == 0:
            hi = float(-high.fun)
        else:  # pragma: no cover - the true table is always feasible
            raise SuppressionError(f"bounds of {p} could not be solved: {high.message}")
        result[p] = (lo, hi)
    return result


def pinned_entries(extended: np.ndarray, suppressed: np.ndarray) -> list[tuple[int, int]]:
    """Suppressed entries whose value the published table determines exactly."""
    return [p for p, (lo, hi) in bounds(extended, suppressed).items() if hi - lo < 0.5]


def _choose(
    extended: np.ndarray, suppressed: np.ndarray, members: list[tuple[int, int]]
) -> tuple[int, int] | None:
    rows, cols = extended.shape[0] - 1, extended.shape[1] - 1
    open_members = [m for m in members if not suppressed[m]]
    if not open_members:
        return None

    def key(m: tuple[int, int]) -> tuple[int, int, int, int, int]:
        value = int(extended[m])
        is_total = int(m[0] == rows or m[1] == cols)
        return (int(value == 0), value, is_total, m[0], m[1])

    return min(open_members, key=key)


def suppress_table(
    values: np.ndarray | list[list[int]],
    *,
    threshold: int = DEFAULT_THRESHOLD,
    extra_primary: np.ndarray | None = None,
) -> SuppressedTable:
    """Suppress small counts in ``values`` (rows × cols) and enough others to protect them.

    ``extra_primary``: a boolean mask over the extended table (shape ``(rows + 1, cols + 1)``)
    of further entries to suppress as if they were small.
    """
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise SuppressionError(f"counts must be numbers ({exc})") from None
    if arr.ndim != 2:
        raise SuppressionError(f"expected a two-way table, got shape {arr.shape}")
    if not np.isfinite(arr).all() or (arr < 0).any() or (arr != np.round(arr)).any():
        raise SuppressionError("counts must be non-negative whole numbers")
    if threshold < 1:
        raise SuppressionError("threshold must be at least 1")
    arr = arr.astype(np.int64)
    ext = extend(arr)
    primary = (ext >= 1) & (ext < threshold)
    if extra_primary is not None:
        extra = np.asarray(extra_primary, dtype=bool)
        if extra.shape != ext.shape:
            raise SuppressionError(f"extra_primary must have shape {ext.shape}")
        primary = primary | extra
    suppressed = primary.copy()
    rows, cols = arr.shape
    eqs = [[(i, j) for i, j, _sign in eq] for eq in equations(rows, cols)]
    lines_of: dict[tuple[int, int], list[list[tuple[int, int]]]] = {}
    for eq in eqs:
        for m in eq:
            lines_of.setdefault(m, []).append(eq)

    while True:
        changed = True
        while changed:
            changed = False
            for eq in eqs:
                if sum(1 for m in eq if suppressed[m]) == 1:
                    pick = _choose(ext, suppressed, eq)
                    if pick is not None:
                        suppressed[pick] = True
                        changed = True
        pinned = pinned_entries(ext, suppressed)
        if not pinned:
            break
        target = pinned[0]
        members = [m for line in lines_of[target] for m in line]
        pick = _choose(ext, suppressed, members)
        if pick is None:
            # Both of its lines are fully suppressed: open up the smallest entry anywhere
            # that shares an equation with a suppressed entry.
            candidates = [m for eq in eqs if any(suppressed[x] for x in eq) for m in eq] or [
                (int(p[0]), int(p[1])) for p in np.argwhere(~suppressed)
            ]
            pick = _choose(ext, suppressed, candidates)
            if pick is None:
                first = np.argwhere(~suppressed)[0]
                pick = (int(first[0]), int(first[1]))
        suppressed[pick] = True
    return SuppressedTable(
        extended=ext, suppressed=suppressed, primary=primary, threshold=int(threshold)
    )
