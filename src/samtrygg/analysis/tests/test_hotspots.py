"""Grid counts, Gi* (grid and areas), Local Moran and weights against esda/libpysal."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import ndimage

from samtrygg.analysis.grid import grid_counts, make_grid
from samtrygg.analysis.hotspots import correlate_small, gi_star, gi_star_grid, grid_kernel
from samtrygg.analysis.inference import benjamini_hochberg
from samtrygg.analysis.moran import local_moran
from samtrygg.analysis.types import AnalysisInputError
from samtrygg.analysis.weights import (
    distance_band_weights,
    polygon_contiguity,
    weights_from_neighbours,
)

warnings.filterwarnings("ignore", category=UserWarning)
TOL_Z = 1e-10  # analytic z: same formula, floating-point differences only
# p_sim: Monte Carlo with 999 draws on continuous data; sd of one p <= 0.016, of a
# difference <= 0.023: the mean absolute difference over 180 cells must stay below 0.02
TOL_PSIM_MEAN = 0.02
TOL_PSIM_MAX = 0.1


def lattice(ny=12, nx=15, seed=0, continuous=True):
    rng = np.random.default_rng(seed)
    a = rng.gamma(2, 1, (ny, nx)) if continuous else rng.poisson(2, (ny, nx)).astype(float)
    a[3:6, 4:7] += 4
    return a


def lat_weights(ny, nx, rook=False):
    import libpysal

    w = libpysal.weights.lat2W(ny, nx, rook=rook)
    ours = weights_from_neighbours(
        list(range(ny * nx)), {i: list(w.neighbors[i]) for i in range(ny * nx)}
    )
    return w, ours


@pytest.mark.parametrize("rook", [False, True])
def test_grid_gi_star_z_matches_esda(rook):
    import esda

    a = lattice(continuous=False)
    w, _ = lat_weights(*a.shape, rook=rook)  # type: ignore[misc]
    ref = esda.G_Local(a.ravel(), w, transform="B", star=True, permutations=0)
    res = gi_star_grid(a, weights="rook" if rook else "queen")
    assert np.allclose(res.z.ravel(), ref.Zs, atol=TOL_Z, rtol=0)
    assert np.allclose(res.p_norm.ravel(), ref.p_norm, atol=1e-12)


def test_grid_gi_star_p_sim_close_to_esda():
    import esda

    a = lattice()
    w, ours = lat_weights(*a.shape)
    ref = esda.G_Local(a.ravel(), w, transform="B", star=True, permutations=999, seed=1, n_jobs=1)
    res = gi_star_grid(a, weights="queen", permutations=999, seed=1)
    diff = np.abs(res.p_sim.ravel() - ref.p_sim)  # type: ignore[union-attr]
    assert diff.mean() < TOL_PSIM_MEAN
    assert diff.max() < TOL_PSIM_MAX
    # the polygon/weights version gives the identical z and, with the same seed, p_sim
    poly = gi_star(a.ravel(), ours, permutations=999, seed=1)
    assert np.allclose(poly.z, res.z.ravel(), atol=TOL_Z)
    assert np.array_equal(poly.p_sim, res.p_sim.ravel())  # type: ignore[arg-type,union-attr]


def test_row_standardised_gi_star_z_equals_binary():
    a = lattice()
    _, w = lat_weights(*a.shape)
    b = gi_star(a.ravel(), w, transform="binary")
    r = gi_star(a.ravel(), w, transform="row")
    assert np.allclose(b.z, r.z, atol=1e-10)


def test_gi_star_formula_by_hand_on_distance_grid():
    a = lattice(ny=8, nx=9)
    from samtrygg.analysis.grid import Grid, GridCounts

    gc = GridCounts(grid=Grid(0, 0, 100.0, 9, 8), counts=a, n_inside=0, n_outside=0)
    res = gi_star_grid(gc, weights="distance", distance=150.0)
    x = a.ravel()
    n = x.size
    gy, gx = np.divmod(np.arange(n), 9)
    i = 30
    nb = np.hypot(gx - gx[i], gy - gy[i]) * 100 <= 150
    w_sum = nb.sum()
    s = np.sqrt((x**2).mean() - x.mean() ** 2)
    z = (x[nb].sum() - x.mean() * w_sum) / (s * np.sqrt((n * w_sum - w_sum**2) / (n - 1)))
    assert res.z.ravel()[i] == pytest.approx(z, rel=1e-10)
    assert res.neighbours.ravel()[i] == w_sum - 1


def test_hot_spot_found_and_fdr():
    a = np.random.default_rng(3).normal(5, 1, (20, 20))
    a[8:11, 8:11] += 6
    res = gi_star_grid(a, weights="queen")  # analytic p with BH FDR over 400 cells
    assert res.significant[9, 9] and res.z[9, 9] > 3
    assert not res.significant[0, 0]
    # with 99 permutations the smallest p_sim is 0.01: BH over 400 cells cannot reach 0.05,
    # while the raw p-values do
    sim = gi_star_grid(a, weights="queen", permutations=99, seed=2)
    assert not sim.significant.any()
    raw = gi_star_grid(a, weights="queen", permutations=99, seed=2, fdr=False)
    assert raw.significant[9, 9] and raw.p_sim[9, 9] == pytest.approx(0.01)  # type: ignore[index]


def test_benjamini_hochberg_known_values():
    p = np.array([0.01, 0.04, 0.03, 0.005, np.nan])
    q = benjamini_hochberg(p)
    # sorted 0.005, 0.01, 0.03, 0.04 (m=4): 0.02, 0.02, 0.04, 0.04
    assert np.allclose(q[:4], [0.02, 0.04, 0.04, 0.02])
    assert np.isnan(q[4])


def test_local_moran_matches_esda():
    import esda

    a = lattice()
    w, ours = lat_weights(*a.shape)
    ref = esda.Moran_Local(a.ravel(), w, transformation="r", permutations=999, seed=1, n_jobs=1)
    res = local_moran(a.ravel(), ours, permutations=999, seed=1)
    n = a.size
    assert np.allclose(res.I * (n - 1) / n, ref.Is, atol=1e-12)
    qmap = {"HH": 1, "LH": 2, "LL": 3, "HL": 4}
    assert [qmap[q] for q in res.quadrant] == list(ref.q)
    diff = np.abs(res.p_sim - ref.p_sim)
    assert diff.mean() < TOL_PSIM_MEAN and diff.max() < TOL_PSIM_MAX


def squares():
    # 3 x 3 block of unit squares plus one far-away island
    geoms = [shapely.box(i, j, i + 1, j + 1) for j in range(3) for i in range(3)]
    geoms.append(shapely.box(10, 10, 11, 11))
    return geoms, [f"s{k}" for k in range(10)]


def test_polygon_queen_and_rook_and_islands():
    import libpysal

    geoms, ids = squares()
    q = polygon_contiguity(geoms, ids, kind="queen")
    r = polygon_contiguity(geoms, ids, kind="rook")
    assert q.islands == ("s9",) and r.islands == ("s9",)
    ref_q = libpysal.weights.lat2W(3, 3, rook=False)
    ref_r = libpysal.weights.lat2W(3, 3, rook=True)
    for i in range(9):
        assert set(q.neighbours[i]) == set(ref_q.neighbors[i])
        assert set(r.neighbours[i]) == set(ref_r.neighbors[i])
    res = gi_star(np.arange(10.0), q)
    assert np.isnan(res.z[9]) and res.islands == ("s9",)
    lm = local_moran(np.arange(10.0), q, permutations=9, seed=1)
    assert lm.quadrant[9] == "" and np.isnan(lm.I[9])


def test_invalid_polygon_rejected():
    bowtie = shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])
    with pytest.raises(AnalysisInputError, match="invalid polygon"):
        polygon_contiguity([bowtie, shapely.box(0, 0, 1, 1)], ["a", "b"])


def test_distance_band_weights_closed():
    w = distance_band_weights([0, 100, 250], [0, 0, 0], 100)
    assert w.neighbours == ((1,), (0,), ())


@settings(max_examples=30, deadline=None)
@given(
    pts=st.lists(st.tuples(st.floats(-50, 1050), st.floats(-50, 1050)), min_size=1, max_size=80),
    cell=st.sampled_from([50.0, 100.0, 333.0]),
)
def test_grid_counts_sum_to_events_inside(pts, cell):
    x = np.array([p[0] for p in pts])
    y = np.array([p[1] for p in pts])
    gc = grid_counts(x, y, cell, bounds=(0, 0, 1000, 1000))
    inside = (x >= 0) & (x < gc.grid.nx * cell) & (y >= 0) & (y < gc.grid.ny * cell)
    assert gc.counts.sum() == inside.sum() == gc.n_inside
    assert gc.n_inside + gc.n_outside == len(pts)
    auto = grid_counts(x, y, cell)
    assert auto.n_outside == 0 and auto.counts.sum() == len(pts)


def test_make_grid_half_open_cells():
    g = make_grid([0.0, 100.0], [0.0, 0.0], 100.0)
    gc = grid_counts([0.0, 99.999, 100.0], [0.0, 0.0, 0.0], grid=g)
    assert gc.counts[0].tolist() == [2.0, 1.0]


def test_grid_counts_point_a_hair_below_the_corner_is_outside():
    # -5e-324 / 50 rounds to -0.0, whose floor is cell 0: the point must still be outside
    gc = grid_counts([0.0, 10.0], [-5e-324, 10.0], 50.0, bounds=(0, 0, 1000, 1000))
    assert (gc.n_inside, gc.n_outside, gc.counts.sum()) == (1, 1, 1.0)


@settings(max_examples=60, deadline=None)
@given(
    shape=st.tuples(st.integers(1, 30), st.integers(1, 30)),
    seed=st.integers(0, 10_000),
    kind=st.sampled_from(
        [("float", 1e-6), ("float", 1.0), ("float", 1e6), ("counts", 1), ("int", 1)]
    ),
    weights=st.sampled_from(["queen", "rook", "distance"]),
)
def test_small_kernel_box_sum_is_ndimage_bit_for_bit(shape, seed, kind, weights):
    """The numpy box sum adds in scipy.ndimage.correlate's order, so Gi* is unchanged."""
    rng = np.random.default_rng(seed)
    a = rng.normal(size=shape) * kind[1]
    if kind[0] != "float":
        a = rng.poisson(3, shape).astype(float if kind[0] == "counts" else np.int64)
    kernel = grid_kernel(weights, distance=250.0, cell=100.0)
    ref = ndimage.correlate(a, kernel, mode="constant", cval=0.0)
    got = correlate_small(a, kernel)
    assert got.dtype == ref.dtype
    assert np.array_equal(got, ref)
    assert np.array_equal(np.signbit(got), np.signbit(ref))
