"""Small-count suppression: no count 1–4 is published and no suppressed entry can be
recovered from the published entries and totals.

The attacker here is written independently of the module: it sees only the published
table (``None`` for suppressed entries), sets up the row and column equations itself and
bounds every hidden entry by linear programming; on tiny tables it also enumerates every
whole-number completion.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from samtrygg.picture.suppression import SuppressionError, suppress_table

# Many small counts, some zeros, some large: where suppression gets interesting.
COUNT = st.one_of(
    st.integers(min_value=0, max_value=6),
    st.integers(min_value=0, max_value=4),
    st.integers(min_value=5, max_value=60),
)


@st.composite
def tables(draw: st.DrawFn, max_rows: int = 6, max_cols: int = 5) -> np.ndarray:
    rows = draw(st.integers(min_value=1, max_value=max_rows))
    cols = draw(st.integers(min_value=1, max_value=max_cols))
    values = draw(st.lists(COUNT, min_size=rows * cols, max_size=rows * cols))
    return np.array(values, dtype=np.int64).reshape(rows, cols)


def published_extended(result) -> list[list[int | None]]:  # type: ignore[no-untyped-def]
    cells = result.cells
    rows = [[*cells[i], result.row_totals[i]] for i in range(len(cells))]
    rows.append([*result.col_totals, result.total])
    return rows


def attacker_bounds(table: list[list[int | None]]) -> dict[tuple[int, int], tuple[float, float]]:
    """Hidden entry → (min, max) over all non-negative completions that satisfy the sums."""
    n_rows, n_cols = len(table) - 1, len(table[0]) - 1
    hidden = [(i, j) for i in range(n_rows + 1) for j in range(n_cols + 1) if table[i][j] is None]
    col = {p: k for k, p in enumerate(hidden)}
    a_eq, b_eq = [], []
    lines = [
        [((i, j), 1) for j in range(n_cols)] + [((i, n_cols), -1)] for i in range(n_rows + 1)
    ] + [[((i, j), 1) for i in range(n_rows)] + [((n_rows, j), -1)] for j in range(n_cols + 1)]
    for line in lines:
        row = np.zeros(len(hidden))
        rhs = 0.0
        for (i, j), sign in line:
            if table[i][j] is None:
                row[col[(i, j)]] += sign
            else:
                rhs -= sign * table[i][j]  # type: ignore[operator]
        if row.any():
            a_eq.append(row)
            b_eq.append(rhs)
        else:
            assert abs(rhs) < 1e-9, "published entries contradict the sums"
    out = {}
    for p, k in col.items():
        c = np.zeros(len(hidden))
        c[k] = 1
        kwargs = {"bounds": (0, None), "method": "highs"}
        if a_eq:
            kwargs.update(A_eq=np.array(a_eq), b_eq=np.array(b_eq))  # type: ignore[call-overload]
        lo = linprog(c, **kwargs)
        hi = linprog(-c, **kwargs)
        assert lo.status == 0
        out[p] = (lo.fun, np.inf if hi.status == 3 else -hi.fun)
    return out


def check_protected(values: np.ndarray, threshold: int = 5) -> None:
    result = suppress_table(values, threshold=threshold)
    table = published_extended(result)
    # 1. no published count is small
    for row in table:
        for v in row:
            assert v is None or v == 0 or v >= threshold, table
    # 2. the published values are the true ones
    ext = result.extended
    for i, row in enumerate(table):
        for j, v in enumerate(row):
            if v is not None:
                assert v == ext[i, j]
    # 3. no hidden entry is determined by the published ones
    for p, (lo, hi) in attacker_bounds(table).items():
        assert hi - lo >= 1 - 1e-7, f"entry {p} pinned to {lo} in {table}"
        assert lo - 1e-7 <= ext[p] <= hi + 1e-7


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_no_small_count_is_published_or_recoverable(values: np.ndarray) -> None:
    check_protected(values)


@settings(max_examples=40, deadline=None)
@given(tables(max_rows=3, max_cols=3), st.integers(min_value=2, max_value=8))
def test_other_thresholds(values: np.ndarray, threshold: int) -> None:
    check_protected(values, threshold)


def _completions(table: list[list[int | None]], cap: int) -> list[dict[tuple[int, int], int]]:
    """Every whole-number completion (inner cells 0..cap) that satisfies the sums."""
    n_rows, n_cols = len(table) - 1, len(table[0]) - 1
    inner = [(i, j) for i in range(n_rows) for j in range(n_cols) if table[i][j] is None]
    grids = np.indices((cap + 1,) * len(inner)).reshape(len(inner), -1).T if inner else [()]
    grids = np.asarray(grids, dtype=np.int64).reshape(-1, len(inner))
    # every completion of the inner cells determines the totals; keep those that agree
    full = np.zeros((grids.shape[0], n_rows + 1, n_cols + 1), dtype=np.int64)
    for i in range(n_rows):
        for j in range(n_cols):
            if table[i][j] is not None:
                full[:, i, j] = table[i][j]  # type: ignore[assignment]
    for k, (i, j) in enumerate(inner):
        full[:, i, j] = grids[:, k]
    full[:, :n_rows, n_cols] = full[:, :n_rows, :n_cols].sum(axis=2)
    full[:, n_rows, :n_cols] = full[:, :n_rows, :n_cols].sum(axis=1)
    full[:, n_rows, n_cols] = full[:, :n_rows, :n_cols].sum(axis=(1, 2))
    keep = np.ones(grids.shape[0], dtype=bool)
    for i in range(n_rows + 1):
        for j in range(n_cols + 1):
            if table[i][j] is not None:
                keep &= full[:, i, j] == table[i][j]
    hidden = [(i, j) for i in range(n_rows + 1) for j in range(n_cols + 1) if table[i][j] is None]
    return [{p: int(f[p]) for p in hidden} for f in full[keep]]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.integers(min_value=0, max_value=6), min_size=2, max_size=2),
        min_size=2,
        max_size=2,
    )
)
def test_exhaustive_completions_on_tiny_tables(values: list[list[int]]) -> None:
    """2 × 2 tables: enumerate every completion; each hidden entry takes two values or more."""
    result = suppress_table(np.array(values))
    table = published_extended(result)
    if all(v is not None for row in table for v in row):
        return
    completions = _completions(table, cap=int(result.extended.max()) + 2)
    assert completions, "the true table must be a completion"
    for p in {p for c in completions for p in c}:
        assert len({c[p] for c in completions}) >= 2, f"{p} recoverable in {table}"


def test_single_small_cell_gets_complements() -> None:
    values = np.array([[3, 10, 12], [8, 9, 20], [15, 6, 7]])
    result = suppress_table(values)
    assert result.cells[0][0] is None
    # its row and its column each need a second hidden entry
    assert sum(v is None for v in [*result.cells[0], result.row_totals[0]]) >= 2
    assert sum(v is None for v in [*(r[0] for r in result.cells), result.col_totals[0]]) >= 2
    assert result.n_complementary >= 3
    assert result.total == values.sum()


def test_zero_is_published_and_large_counts_untouched() -> None:
    values = np.array([[0, 10], [25, 7]])
    result = suppress_table(values)
    assert result.n_suppressed == 0
    assert result.cells == [[0, 10], [25, 7]]
    assert result.row_totals == [10, 32] and result.col_totals == [25, 17] and result.total == 42


def test_small_totals_are_suppressed_too() -> None:
    values = np.array([[1, 0], [0, 2]])
    result = suppress_table(values)
    assert result.total is None and result.row_totals == [None, None]
    check_protected(values)


def test_extra_primary_marks_more_cells() -> None:
    values = np.array([[10, 20], [30, 40]])
    extra = np.zeros((3, 3), dtype=bool)
    extra[0, 0] = True
    result = suppress_table(values, extra_primary=extra)
    assert result.cells[0][0] is None
    check_protected(values)


def test_refuses_bad_tables() -> None:
    with pytest.raises(SuppressionError):
        suppress_table(np.array([1, 2, 3]))
    with pytest.raises(SuppressionError):
        suppress_table(np.array([[1, -2]]))
    with pytest.raises(SuppressionError):
        suppress_table(np.array([[1.5, 2]]))
