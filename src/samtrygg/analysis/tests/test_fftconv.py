"""The FFT convolution without scipy.signal gives scipy.signal's values bit for bit."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import signal

from samtrygg.analysis.fftconv import fftconvolve_same

SHAPES = [(1, 1), (1, 7), (7, 1), (5, 5), (30, 41), (101, 57), (3, 200)]
KERNELS = [(1, 1), (1, 5), (5, 1), (3, 3), (9, 9), (21, 21), (13, 7)]


@pytest.mark.parametrize("shape", SHAPES)
def test_equals_scipy_signal_bit_for_bit(shape: tuple[int, int]):
    rng = np.random.default_rng(sum(shape))
    a = rng.gamma(1.0, 2.0, shape)
    a[a < 0.5] = 0.0  # binned counts have many empty cells
    for kshape in KERNELS:
        b = rng.normal(size=kshape)
        ours, ref = fftconvolve_same(a, b), signal.fftconvolve(a, b, mode="same")
        assert ours.shape == ref.shape == a.shape
        assert np.array_equal(ours.view(np.int64), ref.view(np.int64)), (shape, kshape)


def test_integer_input_is_convolved_as_float():
    a = np.arange(12).reshape(3, 4)
    b = np.ones((3, 3), dtype=np.int64)
    assert np.array_equal(fftconvolve_same(a, b), signal.fftconvolve(a, b, mode="same"))


def test_refuses_complex_or_mismatched_dimensions():
    with pytest.raises(ValueError, match="real arrays"):
        fftconvolve_same(np.ones((3, 3)), np.ones(3))
    with pytest.raises(ValueError, match="real arrays"):
        fftconvolve_same(np.ones((3, 3)), np.ones((3, 3)) * 1j)
