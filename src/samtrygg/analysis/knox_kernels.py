"""Permutation kernels for the Knox test (see :mod:`samtrygg.analysis.knox`).

Two interchangeable engines count, for a block of permuted time vectors, how many of the
close pairs ``(i, j)`` (already assigned to a distance band) have ``|t[i] - t[j]|`` in each
half-open time band:

* ``numpy`` — always available; one permutation at a time, vectorised over pairs.
* ``numba`` — used when numba is importable; 32 permutations per pass over the pair list,
  vectorised across permutations and parallel over blocks of pairs. Its permutations come
  from a SplitMix64 Fisher–Yates shuffle seeded per permutation from
  ``numpy.random.SeedSequence(seed)``, so a result depends on ``(seed, engine)`` only (not on
  the number of threads).

Both engines return *cumulative* counts ``cum[k, a, b] = #{pairs in distance band a with
|dt| < time_edges[b]}``; the cell counts are ``cum[..., b + 1] - cum[..., b]``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

BLOCK = 32  # permutations per pass of the numba engine (a compile-time constant there)

try:  # pragma: no cover - exercised when numba is installed
    import numba as _numba

    HAVE_NUMBA = True
except ImportError:  # pragma: no cover - exercised when numba is missing
    _numba = None  # type: ignore[assignment]
    HAVE_NUMBA = False


def cumulative_counts_numpy(
    tp: npt.NDArray[Any],
    pi: npt.NDArray[np.int32],
    pj: npt.NDArray[np.int32],
    band_start: npt.NDArray[np.int64],
    edges: npt.NDArray[Any],
    n_dist: int,
) -> npt.NDArray[np.int64]:
    """Cumulative counts for one time vector ``tp``; pairs are sorted by distance band.

    ``band_start[a]:band_start[a + 1]`` is the slice of pairs in distance band ``a``.
    Returns an ``(n_dist, len(edges))`` array.
    """
    nb = edges.shape[0]
    dt = np.abs(tp[pi] - tp[pj])
    tb = np.searchsorted(edges, dt, side="right")  # number of edges <= dt
    out = np.zeros((n_dist, nb), dtype=np.int64)
    for a in range(n_dist):
        seg = tb[band_start[a] : band_start[a + 1]]
        hist = np.bincount(seg, minlength=nb + 1)  # hist[c]: edges[c-1] <= dt < edges[c]
        out[a] = np.cumsum(hist)[:nb]
    return out


if HAVE_NUMBA:  # pragma: no branch
    _njit = _numba.njit
    _prange = _numba.prange

    @_njit(cache=True, inline="always")
    def _splitmix_next(state: np.uint64) -> tuple[np.uint64, np.uint64]:  # pragma: no cover
        state = state + np.uint64(0x9E3779B97F4A7C15)
        z = state
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return state, z ^ (z >> np.uint64(31))

    @_njit(cache=True)
    def _shuffle_into(t: Any, row: Any, scratch: Any, state: np.uint64) -> None:  # pragma: no cover
        """Uniform random permutation of ``t`` into ``row`` (Rao–Sandelius, 256 buckets).

        Each value goes to a uniformly random bucket, then each bucket is Fisher–Yates
        shuffled; concatenating the buckets gives a uniform permutation while every random
        access stays inside one small, cache-resident bucket.
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

    @_njit(cache=True, parallel=True)
    def shuffled_block(t: Any, seeds: Any) -> Any:  # pragma: no cover - compiled
        """Return an ``(n, BLOCK)`` array whose column k is ``t`` shuffled with ``seeds[k]``.

        Columns beyond ``len(seeds)`` repeat column 0 (their counts are discarded).
        """
        n = t.shape[0]
        k_count = seeds.shape[0]
        tmp = np.empty((k_count, n), dtype=t.dtype)
        for k in _prange(k_count):
            scratch = np.empty(n, dtype=np.int64)
            _shuffle_into(t, tmp[k], scratch, seeds[k])
        out = np.empty((n, BLOCK), dtype=t.dtype)
        n_chunks = 64
        step = (n + n_chunks - 1) // n_chunks
        for c in _prange(n_chunks):
            lo = c * step
            hi = min(n, lo + step)
            for i in range(lo, hi):
                for k in range(k_count):
                    out[i, k] = tmp[k, i]
                for k in range(k_count, BLOCK):
                    out[i, k] = tmp[0, i]
        return out

    @_njit(cache=True)
    def sort_pairs_by_first(pi: Any, pj: Any, band: Any, n: int) -> Any:  # pragma: no cover
        """Counting sort of the pairs by ``pi`` (O(pairs)); returns new (pi, pj, band)."""
        counts = np.zeros(n + 1, dtype=np.int64)
        for p in range(pi.shape[0]):
            counts[pi[p] + 1] += 1
        for i in range(n):
            counts[i + 1] += counts[i]
        qi = np.empty_like(pi)
        qj = np.empty_like(pj)
        qb = np.empty_like(band)
        for p in range(pi.shape[0]):
            dst = counts[pi[p]]
            counts[pi[p]] += 1
            qi[dst] = pi[p]
            qj[dst] = pj[p]
            qb[dst] = band[p]
        return qi, qj, qb

    @_njit(cache=True)
    def cumulative_counts_single(
        t: Any, pi: Any, pj: Any, band: Any, edges: Any, n_dist: int
    ) -> Any:  # pragma: no cover - compiled
        """Cumulative counts for the unpermuted times (exact float64 comparisons)."""
        nb = edges.shape[0]
        out = np.zeros((n_dist, nb), dtype=np.int64)
        for p in range(pi.shape[0]):
            dt = abs(t[pi[p]] - t[pj[p]])
            a = band[p]
            for b in range(nb):
                if dt < edges[b]:
                    out[a, b] += 1
        return out

    @_njit(cache=True, parallel=True, fastmath=True)
    def cumulative_counts_block(
        tp: Any, pi: Any, pj: Any, band: Any, edges: Any, n_dist: int, n_chunks: int
    ) -> Any:  # pragma: no cover - compiled
        """Cumulative counts for the ``BLOCK`` time vectors in the columns of ``tp``.

        Returns an ``(n_dist, len(edges), BLOCK)`` int64 array. Comparisons are exact
        (``fastmath`` only licenses reassociation of the integer sums).
        """
        nb = edges.shape[0]
        n_pairs = pi.shape[0]
        acc = np.zeros((n_chunks, n_dist * nb, BLOCK), dtype=np.int64)
        step = (n_pairs + n_chunks - 1) // n_chunks
        for c in _prange(n_chunks):
            local = np.zeros((n_dist * nb, BLOCK), dtype=np.int32)
            lo = c * step
            hi = min(n_pairs, lo + step)
            for p in range(lo, hi):
                ti = tp[pi[p]]
                tj = tp[pj[p]]
                base = band[p] * nb
                for b in range(nb):
                    e = edges[b]
                    for k in range(BLOCK):
                        local[base + b, k] += abs(ti[k] - tj[k]) < e
            for r in range(n_dist * nb):
                for k in range(BLOCK):
                    acc[c, r, k] = local[r, k]
        total = acc.sum(axis=0)
        return total.reshape((n_dist, nb, BLOCK))

else:  # pragma: no cover

    def sort_pairs_by_first(pi: Any, pj: Any, band: Any, n: int) -> Any:  # type: ignore[misc]
        raise RuntimeError("numba is not installed")

    def cumulative_counts_single(  # type: ignore[misc]
        t: Any, pi: Any, pj: Any, band: Any, edges: Any, n_dist: int
    ) -> Any:
        raise RuntimeError("numba is not installed")

    def shuffled_block(t: Any, seeds: Any) -> Any:  # type: ignore[misc]
        raise RuntimeError("numba is not installed")

    def cumulative_counts_block(  # type: ignore[misc]
        tp: Any, pi: Any, pj: Any, band: Any, edges: Any, n_dist: int, n_chunks: int
    ) -> Any:
        raise RuntimeError("numba is not installed")
