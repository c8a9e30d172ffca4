"""The normal distribution function without scipy gives scipy's values bit for bit."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special, stats

from samtrygg.analysis.normal import ndtr, ndtr_numpy, norm_sf

SQRT2 = np.sqrt(2.0)
#: Where the computation changes branch (|a| / sqrt 2 = 1 and 8) and where exp(-a²/2)
#: underflows (a² / 2 = log DBL_MAX).
EDGES = (SQRT2, 8 * SQRT2, np.sqrt(2 * 7.09782712893383996843e2))


def _bits(a: np.ndarray) -> np.ndarray:
    """The values' bit patterns, all NaNs as one (a NaN's payload is not a result)."""
    out = np.asarray(a, dtype=np.float64).copy()
    out[np.isnan(out)] = np.nan
    return out.view(np.int64)


def _points() -> np.ndarray:
    rng = np.random.default_rng(7)
    near_edges = [
        np.nextafter(e, np.inf) if k > 0 else np.nextafter(e, 0) if k < 0 else e
        for e in EDGES
        for k in (-1, 0, 1)
    ]
    scaled = [e * (1 + k * 2.0**-52) for e in EDGES for k in range(-40, 41)]
    special_values = [0.0, -0.0, np.inf, -np.inf, np.nan, 5e-324, 1e-300, 1e-8, 38.5, 1e300]
    magnitudes = np.concatenate(
        [
            np.linspace(0.0, 40.0, 200_001),  # the whole range, past the underflow at ~37.5
            rng.normal(0.0, 3.0, 50_000),  # as Gi* z values fall
            np.exp(rng.uniform(-700.0, 700.0, 5_000)),  # tiny to huge
            np.array(near_edges + scaled + special_values),
        ]
    )
    return np.concatenate([magnitudes, -magnitudes])


def test_ndtr_and_sf_equal_scipy_bit_for_bit_over_the_whole_range():
    a = _points()
    assert np.array_equal(_bits(ndtr_numpy(a)), _bits(special.ndtr(a)))
    assert np.array_equal(_bits(ndtr_numpy(-a)), _bits(stats.norm.sf(a)))
    # With scipy.special loaded (as here) ndtr is scipy's own.
    assert np.array_equal(_bits(ndtr(a)), _bits(special.ndtr(a)))
    assert np.array_equal(_bits(norm_sf(a)), _bits(stats.norm.sf(a)))
    # the extreme tails really are covered: underflow to 0, and values below 1e-300
    sf = norm_sf(np.abs(a))
    assert (sf == 0).any() and ((sf > 0) & (sf < 1e-300)).any()


@settings(max_examples=200, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True, width=64))
def test_ndtr_equals_scipy_on_any_double(value: float):
    assert _bits(ndtr_numpy(value)).item() == _bits(special.ndtr(value)).item()


@pytest.mark.parametrize("shape", [(), (0,), (3,), (2, 3)])
@pytest.mark.parametrize("sf", [norm_sf, lambda a: ndtr_numpy(-a)])
def test_shape_is_kept_and_nothing_warns(shape: tuple[int, ...], sf):
    a = np.full(shape, 1e300)
    with np.errstate(all="raise"):
        out = sf(a)
    assert out.shape == shape and out.dtype == np.float64
    assert (out == 0).all()
