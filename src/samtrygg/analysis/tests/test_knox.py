"""Knox test: brute force, pointpats, published example values, invariances."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import chisquare

from samtrygg.analysis import knox_kernels, knox_stream
from samtrygg.analysis.knox import knox_test, near_repeat_counts
from samtrygg.analysis.types import AnalysisInputError

ENGINES = ["numpy"] + (["numba"] if knox_kernels.HAVE_NUMBA else [])
needs_numba = pytest.mark.skipif(not knox_kernels.HAVE_NUMBA, reason="numba not installed")


def brute_table(x, y, t, d_edges, t_edges, metric="euclidean"):
    n = len(x)
    out = np.zeros((len(d_edges) - 1, len(t_edges) - 1), dtype=int)
    for i in range(n):
        for j in range(i + 1, n):
            dx, dy = x[i] - x[j], y[i] - y[j]
            d = abs(dx) + abs(dy) if metric == "manhattan" else np.hypot(dx, dy)
            dt = abs(t[i] - t[j])
            a = np.searchsorted(d_edges, d, side="right") - 1
            b = np.searchsorted(t_edges, dt, side="right") - 1
            if 0 <= a < len(d_edges) - 1 and 0 <= b < len(t_edges) - 1:
                out[a, b] += 1
    return out


def small_data(n=150, seed=0, integer=True):
    rng = np.random.default_rng(seed)
    if integer:
        x = rng.integers(0, 600, n).astype(float)
        y = rng.integers(0, 600, n).astype(float)
        t = rng.integers(0, 60, n).astype(float)
    else:
        x, y, t = rng.uniform(0, 600, n), rng.uniform(0, 600, n), rng.uniform(0, 60, n)
    return x, y, t


@pytest.mark.parametrize("metric", ["euclidean", "manhattan"])
@pytest.mark.parametrize("integer", [True, False])
def test_observed_table_matches_brute_force_half_open(metric, integer):
    x, y, t = small_data(integer=integer)
    d_edges, t_edges = [0, 50, 100, 200], [0, 5, 10, 20]
    res = knox_test(x, y, t, d_edges, t_edges, permutations=0, metric=metric)
    assert np.array_equal(res.observed, brute_table(x, y, t, d_edges, t_edges, metric))
    assert res.band_rule == "half-open [lo, hi)"


def test_first_band_same_location():
    x = np.array([0.0, 0.0, 10.0, 10.0])
    y = np.zeros(4)
    t = np.array([0.0, 0.0, 3.0, 30.0])
    res = knox_test(x, y, t, [0, 1e-9, 20], [0, 1, 7], permutations=0)
    # same place + same day: pair (0, 1); pair (2, 3) is same place, 27 days apart
    assert res.observed.tolist() == [[1, 0], [0, 2]]


@pytest.mark.parametrize("engine", ENGINES)
def test_permutation_summary_consistent_and_seeded(engine):
    x, y, t = small_data()
    kw = {"permutations": 60, "seed": 3, "engine": engine, "keep_simulations": True}
    a = knox_test(x, y, t, [0, 100, 200], [0, 7, 14], **kw)
    b = knox_test(x, y, t, [0, 100, 200], [0, 7, 14], **kw)
    assert np.array_equal(a.simulated, b.simulated)  # type: ignore[arg-type]
    sims = a.simulated
    assert np.allclose(a.expected, sims.mean(axis=0))  # type: ignore[union-attr]
    ge = (sims >= a.observed[None]).sum(axis=0)  # type: ignore[operator]
    assert np.allclose(a.p_value, (1 + ge) / 61)
    assert np.allclose(a.knox_ratio, a.observed / a.expected)
    # every simulated table keeps the distance-band totals of space-close pairs <= observed
    # pairs, and permuting times never changes the number of pairs per distance band
    c = knox_test(
        x,
        y,
        t,
        [0, 100, 200],
        [0, 1e9],
        permutations=5,
        seed=1,
        engine=engine,
        keep_simulations=True,
    )
    assert (c.simulated == c.observed[None]).all()  # type: ignore[union-attr]


@pytest.mark.parametrize("engine", ENGINES)
def test_simulated_tables_equal_brute_force_of_permuted_times(engine):
    """Each simulated table is a real table of some permutation of the times."""
    x, y, t = small_data(n=60)
    res = knox_test(
        x,
        y,
        t,
        [0, 150, 300],
        [0, 10, 20],
        permutations=8,
        seed=2,
        engine=engine,
        keep_simulations=True,
    )
    total_pairs = brute_table(x, y, t, [0, 150, 300], [0, 1e9]).ravel()
    for sim in res.simulated:  # type: ignore[union-attr]
        assert sim.sum(axis=1).tolist() <= total_pairs.tolist()
        assert (sim >= 0).all()


def test_expected_matches_analytic_in_large_samples():
    x, y, t = small_data(n=400, seed=5)
    res = knox_test(x, y, t, [0, 120], [0, 8], permutations=400, seed=1)
    # E[count] under permutation is exactly S*T/N; mean of 400 simulations is close
    assert res.expected_analytic is not None
    assert res.expected[0, 0] == pytest.approx(res.expected_analytic, rel=0.05)


def test_against_pointpats_Knox_2x2():
    from pointpats.spacetime import Knox

    x, y, t = small_data(n=300, seed=9)
    ref = Knox(np.column_stack([x, y]), t.reshape(-1, 1), delta=100, tau=7, permutations=0)
    # pointpats counts d <= delta, dt <= tau: the next float above gives the same closed rule
    d1, t1 = np.nextafter(100, np.inf), np.nextafter(7, np.inf)
    res = knox_test(x, y, t, [0, d1], [0, t1], permutations=0)
    assert res.observed[0, 0] == ref.nst
    assert res.space_pairs == ref.observed[0].sum()
    assert res.time_pairs == ref.observed[:, 0].sum()
    assert res.expected_analytic == pytest.approx(ref.expected[0, 0], rel=1e-12)
    # we report P(X >= obs), pointpats P(X > obs) = P(X >= obs + 1)
    from scipy.stats import poisson

    assert res.p_poisson == pytest.approx(poisson.sf(ref.nst - 1, ref.expected[0, 0]))
    assert ref.p_poisson == pytest.approx(poisson.sf(ref.nst, ref.expected[0, 0]))


def test_published_burkitt_values_reproduced():
    """pointpats' docstring (burkitt data): NST=13, E=10.1438161, P(X>13)=0.14624558."""
    from scipy.stats import poisson

    e = 3429 * 52 / (13 + 3416 + 39 + 14110)  # S * T / N from the published table
    assert e == pytest.approx(10.1438161, abs=1e-6)
    assert poisson.sf(13, e) == pytest.approx(0.14624558197140414, rel=1e-9)
    # and our function computes E the same way on data built to have that table's margins
    # (S=3429 space pairs, T=52 time pairs among N=17578 pairs is not constructible here, so
    # the identity is checked on generated data in test_against_pointpats_Knox_2x2)


def test_pointpats_knox_function_agrees_and_we_do_not_shuffle_inputs():
    from pointpats.spacetime import knox

    x, y, t = small_data(n=200, seed=4)
    t_copy = t.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = knox(np.column_stack([x, y]), t.reshape(-1, 1).copy(), 80, 5, permutations=0)
    res = knox_test(
        x,
        y,
        t,
        [0, np.nextafter(80, np.inf)],
        [0, np.nextafter(5, np.inf)],
        permutations=20,
        seed=1,
    )
    assert res.observed[0, 0] == ref["stat"]
    assert np.array_equal(t, t_copy)


def _assert_same_result(a, b):
    for name in ("observed", "expected", "knox_ratio", "p_value", "simulated"):
        assert np.array_equal(getattr(a, name), getattr(b, name), equal_nan=True), name
    assert (a.expected_analytic, a.p_poisson) == (b.expected_analytic, b.p_poisson)


@needs_numba
def test_numba_and_numpy_engines_give_bit_identical_results():
    x, y, t = small_data(n=300, seed=11)
    kw = {"permutations": 300, "seed": 1, "keep_simulations": True}
    a = knox_test(x, y, t, [0, 100, 200], [0, 7, 14], engine="numpy", **kw)  # type: ignore[arg-type]
    b = knox_test(x, y, t, [0, 100, 200], [0, 7, 14], engine="numba", **kw)  # type: ignore[arg-type]
    assert (a.engine, b.engine) == ("numpy", "numba")
    _assert_same_result(a, b)
    # and the permutation distribution is the right one: E = S * T / N for a 1 x 1 table
    c = knox_test(x, y, t, [0, 150], [0, 9], permutations=2000, seed=5, engine="numpy")
    assert c.expected[0, 0] == pytest.approx(c.expected_analytic, rel=0.05)


@needs_numba
@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 2**63),
    n=st.integers(2, 80),
    permutations=st.integers(1, 45),
    integer=st.booleans(),
    data_seed=st.integers(0, 1_000),
)
def test_engines_bit_identical_for_any_seed(seed, n, permutations, integer, data_seed):
    """One random stream: the same seed gives the same tables whichever engine counts."""
    x, y, t = small_data(n=n, seed=data_seed, integer=integer)
    kw = {"permutations": permutations, "seed": seed, "keep_simulations": True}
    a = knox_test(x, y, t, [0, 60, 250], [0, 4, 15, 40], engine="numpy", **kw)  # type: ignore[arg-type]
    b = knox_test(x, y, t, [0, 60, 250], [0, 4, 15, 40], engine="numba", **kw)  # type: ignore[arg-type]
    _assert_same_result(a, b)


@needs_numba
@settings(max_examples=40, deadline=None)
@given(n=st.integers(0, 3000), seed=st.integers(0, 2**63), k=st.integers(1, 4))
def test_compiled_shuffle_equals_its_numpy_definition(n, seed, k):
    t = np.arange(n, dtype=np.float64) * 0.5
    states = knox_stream.permutation_states(seed, k)
    rows = knox_stream.shuffled_rows(t, states)
    assert np.array_equal(rows, knox_stream.shuffled_rows_reference(t, states))
    for row in rows:  # each row is a permutation of t
        assert np.array_equal(np.sort(row), t)


def test_shuffle_is_uniform_on_three_values():
    """All 6 orders of 3 values come out about equally often (chi-square, 6,000 draws)."""
    states = knox_stream.permutation_states(7, 6000)
    rows = knox_stream.shuffled_rows(np.array([0.0, 1.0, 2.0]), states)
    codes = (rows[:, 0] * 3 + rows[:, 1]).astype(int)
    counts = np.bincount(codes, minlength=9)[[1, 2, 3, 5, 6, 7]]
    assert counts.sum() == 6000
    assert chisquare(counts).pvalue > 1e-4


def test_space_time_clustering_detected():
    rng = np.random.default_rng(0)
    x, y, t = small_data(n=200, seed=1, integer=False)
    # add 20 near repeats: copies of events 30 m away and 2 days later
    idx = rng.integers(0, 200, 20)
    x = np.concatenate([x, x[idx] + 30])
    y = np.concatenate([y, y[idx]])
    t = np.concatenate([t, t[idx] + 2])
    res = knox_test(x, y, t, [0, 50, 300], [0, 3, 30], permutations=199, seed=1)
    assert res.knox_ratio[0, 0] > 1.2
    assert res.p_value[0, 0] <= 0.01


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    dx=st.floats(-1e6, 1e6),
    dy=st.floats(-1e6, 1e6),
    angle=st.floats(0, 2 * np.pi),
)
def test_knox_counts_invariant_under_translation_rotation_shuffle(seed, dx, dy, angle):
    rng = np.random.default_rng(seed)
    n = 60
    x = rng.uniform(0, 500, n)
    y = rng.uniform(0, 500, n)
    t = rng.uniform(0, 50, n)
    edges_d, edges_t = [0, 60, 150], [0, 5, 20]
    base = knox_test(x, y, t, edges_d, edges_t, permutations=0).observed
    # distances within 1e-6 m of an edge could flip under rounding: skip such draws
    d = np.hypot(x[:, None] - x[None], y[:, None] - y[None])
    if np.min(np.abs(d[..., None] - np.array(edges_d)[None, None])) < 1e-6:
        return
    c, s = np.cos(angle), np.sin(angle)
    xr, yr = c * x - s * y + dx, s * x + c * y + dy
    perm = rng.permutation(n)
    moved = knox_test(xr[perm], yr[perm], t[perm], edges_d, edges_t, permutations=0).observed
    assert np.array_equal(base, moved)


def test_near_repeat_counts_sum_to_twice_the_cell():
    x, y, t = small_data(n=120, seed=2)
    nr = near_repeat_counts(x, y, t, distance=100, time_window=7)
    cell = knox_test(x, y, t, [0, 100], [0, 7], permutations=0).observed[0, 0]
    assert nr.counts.sum() == 2 * cell
    # brute force for one event
    i = int(np.argmax(nr.counts))
    d = np.hypot(x - x[i], y - y[i])
    expect = int(((d < 100) & (np.abs(t - t[i]) < 7)).sum()) - 1
    assert nr.counts[i] == expect
    prior = near_repeat_counts(x, y, t, distance=100, time_window=7, direction="prior")
    assert prior.counts[i] == int(((d < 100) & (t <= t[i]) & (t[i] - t < 7)).sum()) - 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"distance_edges": [0, 100, 100]}, "strictly increasing"),
        ({"time_edges": [7]}, "at least 2"),
        ({"metric": "chebyshev"}, "metric"),
        ({"permutations": -1}, "permutations"),
        ({"seed": -5}, "seed"),
    ],
)
def test_bad_parameters(kwargs, message):
    x, y, t = small_data(n=10)
    base = {"distance_edges": [0, 100], "time_edges": [0, 7], "permutations": 0}
    base.update(kwargs)
    with pytest.raises(AnalysisInputError, match=message):
        knox_test(x, y, t, **base)  # type: ignore[arg-type]


def test_nan_rejected():
    x, y, t = small_data(n=10)
    t[3] = np.nan
    with pytest.raises(AnalysisInputError, match="index 3"):
        knox_test(x, y, t, [0, 100], [0, 7])


def _pair_set(pi, pj, d):
    return {(int(a), int(b)): float(v) for a, b, v in zip(pi, pj, d, strict=True)}


@needs_numba
@pytest.mark.parametrize("metric", ["euclidean", "manhattan"])
@pytest.mark.parametrize(
    ("offset", "scale"), [(0.0, 1.0), (6.5e6, 1.0), (1e12, 1.0), (0.0, 1e-3), (0.0, 1e5)]
)
def test_grid_close_pairs_equal_kdtree_pairs(metric, offset, scale):
    from samtrygg.analysis.pairs import close_pairs

    rng = np.random.default_rng(7)
    # integer lattice points: many distances fall exactly on the edge (3-4-5 triangles)
    x = rng.integers(0, 40, 400).astype(float) * scale + offset
    y = rng.integers(0, 40, 400).astype(float) * scale + offset
    edge = 5.0 * scale
    grid = close_pairs(x, y, edge, metric, method="grid")
    tree = close_pairs(x, y, edge, metric, method="kdtree")
    assert len(grid[0]) > 0
    assert np.all(grid[0] < grid[1])
    assert _pair_set(*grid) == _pair_set(*tree)


@needs_numba
def test_grid_close_pairs_sparse_huge_extent_and_duplicates():
    from samtrygg.analysis.pairs import close_pairs

    # two far clusters (the grid would have 1e15 cells if it were dense) and repeated points
    x = np.array([0.0, 0.0, 0.5, 1e15, 1e15 + 0.5, 1e15 + 3.0])
    y = np.array([0.0, 0.0, 0.0, 1e15, 1e15, 1e15])
    pi, pj, d = close_pairs(x, y, 1.0, method="grid")
    assert _pair_set(pi, pj, d) == _pair_set(*close_pairs(x, y, 1.0, method="kdtree"))
    assert sorted(zip(pi.tolist(), pj.tolist(), strict=True)) == [(0, 1), (0, 2), (1, 2), (3, 4)]


@needs_numba
def test_compiled_helpers_equal_their_numpy_definitions():
    rng = np.random.default_rng(3)
    code = rng.integers(0, 2**40, 5000)
    code[::7] = code[0]  # ties: the sort must be stable
    assert np.array_equal(knox_kernels.radix_argsort(code), np.argsort(code, kind="stable"))
    ts = np.sort(rng.integers(0, 300, 2000).astype(float))
    for edge in (0.5, 1.0, 7.0, 1e9):
        brute = int((np.abs(ts[:, None] - ts[None]) < edge).sum() - ts.size) // 2
        assert knox_kernels.count_pairs_below(ts, edge) == brute


@needs_numba
def test_numba_results_do_not_depend_on_block_split():
    x, y, t = small_data(n=200, seed=4)
    kw = {"seed": 9, "engine": "numba", "keep_simulations": True}
    few = knox_test(x, y, t, [0, 100, 200], [0, 7, 14], permutations=37, **kw)  # type: ignore[arg-type]
    many = knox_test(x, y, t, [0, 100, 200], [0, 7, 14], permutations=72, **kw)  # type: ignore[arg-type]
    # 37 = 32 + 5 (narrow tail kernel), 72 = 32 + 32 + 8: the shared permutations agree
    assert [w for _, _, w in knox_kernels.block_plan(37)] == [32, 8]
    assert np.array_equal(few.simulated, many.simulated[:37])  # type: ignore[arg-type,index]
