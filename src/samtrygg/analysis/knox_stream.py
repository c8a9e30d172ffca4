"""The one random stream of the Knox permutation test (see :mod:`samtrygg.analysis.knox`).

Both Knox engines take their permuted time vectors from here, so one seed gives the same
permutations, hence bit-identical tables and p-values, whichever engine counts the pairs:

* permutation ``k`` of ``R`` is seeded with ``numpy.random.SeedSequence(seed)
  .generate_state(R, dtype=uint64)[k]`` (:func:`permutation_states`); which permutations
  share a pass of an engine, and how many threads run, changes nothing;
* a permutation is a Rao–Sandelius shuffle driven by SplitMix64 (Steele, Lea & Flood 2014):
  the first ``n`` outputs put each value, in input order, into one of 256 buckets (the top 8
  bits), then each bucket, in bucket order, is Fisher–Yates shuffled from its last position
  down, position ``i`` swapping with ``j = ((r >> 32) * (i + 1)) >> 32`` for the next output
  ``r`` (bias below ``(i + 1) / 2**32``). Every random access stays inside one small bucket,
  which keeps the compiled shuffle cache-friendly on a million events.

:func:`shuffled_rows` is the compiled shuffle when numba is installed (the numba engine's
block kernel calls the same :func:`shuffle_into`, in parallel over permutations);
:func:`shuffled_rows_reference` is the same definition in plain numpy, the reference the
compiled one is tested against and the fallback without numba.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

N_BUCKETS = 256
_GAMMA = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)

try:  # pragma: no cover - exercised when numba is installed
    import numba as _numba

    HAVE_NUMBA = True
except ImportError:  # pragma: no cover - exercised when numba is missing
    _numba = None  # type: ignore[assignment]
    HAVE_NUMBA = False


def permutation_states(seed: int | None, permutations: int) -> npt.NDArray[np.uint64]:
    """The SplitMix64 seed of each of the ``permutations`` permutations for ``seed``."""
    states = np.random.SeedSequence(seed).generate_state(permutations, dtype=np.uint64)
    return states.astype(np.uint64, copy=False)


def _splitmix_outputs(state: np.uint64, first: int, count: int) -> npt.NDArray[np.uint64]:
    """Outputs ``first + 1 .. first + count`` of SplitMix64 started at ``state``.

    Output ``k`` (1-based) mixes ``state + k * gamma``: the stream is a counter, so any
    stretch of it is computed at once (uint64 arithmetic wraps, as in the compiled code).
    """
    k = np.arange(first + 1, first + count + 1, dtype=np.uint64)
    z = np.uint64(state) + k * _GAMMA
    z = (z ^ (z >> np.uint64(30))) * _MIX1
    z = (z ^ (z >> np.uint64(27))) * _MIX2
    out: npt.NDArray[np.uint64] = z ^ (z >> np.uint64(31))
    return out


def _shuffle_reference(t: npt.NDArray[Any], state: np.uint64) -> npt.NDArray[Any]:
    """One permutation of ``t`` by the module's definition, in numpy."""
    n = t.shape[0]
    bucket = (_splitmix_outputs(state, 0, n) >> np.uint64(56)).astype(np.int64)
    row = t[np.argsort(bucket, kind="stable")]
    size = np.bincount(bucket, minlength=N_BUCKETS)
    lo = np.concatenate([[0], np.cumsum(size)[:-1]])
    draws = np.maximum(size - 1, 0)  # a bucket of s values takes s - 1 outputs
    first = n + np.concatenate([[0], np.cumsum(draws)[:-1]])
    r = _splitmix_outputs(state, n, int(draws.sum()))
    # step s swaps position i = size - 1 - s of every bucket still that long; the partner j
    # depends only on the output and on i, so all of them are computed before swapping
    for s in range(int(draws.max(initial=0))):
        live = np.flatnonzero(draws > s)
        i = size[live] - 1 - s
        rr = r[first[live] - n + s]
        j = (((rr >> np.uint64(32)) * (i + 1).astype(np.uint64)) >> np.uint64(32)).astype(np.int64)
        a, b = lo[live] + i, lo[live] + j
        row[a], row[b] = row[b], row[a].copy()
    return row


def shuffled_rows_reference(
    t: npt.NDArray[Any], states: npt.NDArray[np.uint64]
) -> npt.NDArray[Any]:
    """``(len(states), n)`` array whose row k is ``t`` shuffled with ``states[k]`` (numpy)."""
    out = np.empty((states.shape[0], t.shape[0]), dtype=t.dtype)
    for k in range(states.shape[0]):
        out[k] = _shuffle_reference(t, states[k])
    return out


if HAVE_NUMBA:  # pragma: no branch
    _njit = _numba.njit

    @_njit(cache=True, inline="always")
    def _splitmix_next(state: np.uint64) -> tuple[np.uint64, np.uint64]:  # pragma: no cover
        state = state + np.uint64(0x9E3779B97F4A7C15)
        z = state
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return state, z ^ (z >> np.uint64(31))

    @_njit(cache=True)
    def shuffle_into(t: Any, row: Any, scratch: Any, state: np.uint64) -> None:  # pragma: no cover
        """Permutation of ``t`` into ``row`` by the module's definition (compiled).

        ``scratch`` is an int64 work array of ``len(t)``.
        """
        n = t.shape[0]
        nbk = 256
        counts = np.zeros(nbk + 1, dtype=np.int64)
        bucket = scratch
        for i in range(n):
            state, r = _splitmix_next(state)
            b: Any = np.int64(r >> np.uint64(56))
            bucket[i] = b
            counts[b + 1] += 1
        for bb in range(nbk):
            counts[bb + 1] += counts[bb]
        pos = counts[:nbk].copy()
        for i in range(n):
            b = bucket[i]
            row[pos[b]] = t[i]
            pos[b] += 1
        for bk in range(nbk):
            lo = counts[bk]
            size = counts[bk + 1] - lo
            for i in range(size - 1, 0, -1):
                state, r = _splitmix_next(state)
                # multiply-shift bounded integer in [0, i]; bias < (i + 1) / 2**32
                j = np.int64(((r >> np.uint64(32)) * np.uint64(i + 1)) >> np.uint64(32))
                v = row[lo + i]
                row[lo + i] = row[lo + j]
                row[lo + j] = v

    @_njit(cache=True)
    def shuffled_rows(t: Any, states: Any) -> Any:  # pragma: no cover - compiled
        """``(len(states), n)`` array whose row k is ``t`` shuffled with ``states[k]``.

        One thread: the numpy engine counts one permutation at a time, and a parallel
        region here would only wait for busy cores on a shared machine.
        """
        k_count = states.shape[0]
        n = t.shape[0]
        out = np.empty((k_count, n), dtype=t.dtype)
        scratch = np.empty(n, dtype=np.int64)
        for k in range(k_count):
            shuffle_into(t, out[k], scratch, states[k])
        return out

else:  # pragma: no cover
    shuffled_rows = shuffled_rows_reference  # type: ignore[assignment]
