"""Compiled kernels for the Knox test (see :mod:`samtrygg.analysis.knox`).

Two interchangeable permutation engines count, for a block of permuted time vectors, how many
of the close pairs ``(i, j)`` (already assigned to a distance band) have ``|t[i] - t[j]|`` in
each half-open time band:

* ``numpy`` — always available; one permutation at a time, vectorised over pairs.
* ``numba`` — used when numba is importable; ``BLOCK`` (32) permutations per pass over the
  pair list (a short last block uses a ``TAIL_BLOCK``-wide specialisation of the same
  kernel), vectorised across permutations and parallel over blocks of pairs.

Both take their permutations from the one stream of :mod:`samtrygg.analysis.knox_stream`
(a SplitMix64 shuffle seeded per permutation from ``numpy.random.SeedSequence(seed)``), so a
result depends on the seed only: not on the engine, the number of threads or the block widths.

Both engines return *cumulative* counts ``cum[k, a, b] = #{pairs in distance band a with
|dt| < time_edges[b]}``; the cell counts are ``cum[..., b + 1] - cum[..., b]``.

With numba the close pairs themselves are found by :func:`grid_close_pairs`, a search on a
uniform grid whose cells are at least the largest distance (count pass, exact allocation,
fill pass; memory grows with the number of close pairs), computing each distance with the
same floating-point operations as the KD-tree path of the numpy engine, so both find exactly
the same pairs in the same bands.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt

from samtrygg.analysis import knox_stream as _stream

BLOCK = 32  # permutations per pass of the numba engine (a compile-time constant there)
TAIL_BLOCK = 8  # width of the second specialisation, for a last block of <= 8 permutations
BLOCK_WIDTHS = (BLOCK, TAIL_BLOCK)
METRIC_CODES = {"euclidean": 0, "manhattan": 1}

try:  # pragma: no cover - exercised when numba is installed
    import numba as _numba

    HAVE_NUMBA = True
except ImportError:  # pragma: no cover - exercised when numba is missing
    _numba = None  # type: ignore[assignment]
    HAVE_NUMBA = False


def block_plan(permutations: int) -> list[tuple[int, int, int]]:
    """Passes of the numba engine as ``(start, stop, width)``: ``BLOCK``-wide passes, and a
    last pass of at most ``TAIL_BLOCK`` permutations in the narrow specialisation."""
    plan = []
    start = 0
    while start < permutations:
        width = TAIL_BLOCK if permutations - start <= TAIL_BLOCK else BLOCK
        stop = min(permutations, start + width)
        plan.append((start, stop, width))
        start = stop
    return plan


def squared_windows(edges: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.float64], ...]:
    """Per edge ``e`` a window ``[lo, hi)`` of squared distances outside which the comparison
    of ``hypot(dx, dy)`` with ``e`` is decided by ``s = dx*dx + dy*dy`` alone.

    ``s >= hi`` proves ``hypot(dx, dy) >= e`` and ``s < lo`` proves ``hypot(dx, dy) < e``: the
    squared sum is within a few ulps of the exact one and libm's ``hypot`` within one ulp, far
    inside the margin of 1e-9. Only pairs inside a window (within 1e-9 of an edge) call
    ``hypot``, so the result is exactly that of comparing ``hypot`` itself. Edge 0 needs no
    test (``hypot >= 0``); edges outside ``(1e-100, 1e100)`` (overflowing or subnormal
    squares) get the window ``[-inf, inf)``: always the exact test.
    """
    lo = np.full(edges.shape[0], -np.inf)
    hi = np.full(edges.shape[0], np.inf)
    for k, e in enumerate(edges.tolist()):
        if e == 0:
            lo[k] = hi[k] = 0.0
        elif 1e-100 < e < 1e100:
            lo[k] = (e * (1.0 - 1e-9)) ** 2
            hi[k] = (e * (1.0 + 1e-9)) ** 2
    return lo, hi


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
    shuffle_into = _stream.shuffle_into
    _njit = _numba.njit
    _prange = _numba.prange

    def _make_block_kernels(width: int) -> tuple[Any, Any]:
        """The two per-block kernels with ``width`` permutation columns baked in as a constant
        (a runtime width does not vectorise); one source, one specialisation per width."""

        @_njit(cache=True, parallel=True)
        def shuffled(t: Any, seeds: Any) -> Any:  # pragma: no cover - compiled
            n = t.shape[0]
            k_count = seeds.shape[0]
            tmp = np.empty((k_count, n), dtype=t.dtype)
            for k in _prange(k_count):
                scratch = np.empty(n, dtype=np.int64)
                shuffle_into(t, tmp[k], scratch, seeds[k])
            out = np.empty((n, width), dtype=t.dtype)
            n_chunks = 64
            step = (n + n_chunks - 1) // n_chunks
            for c in _prange(n_chunks):
                lo = c * step
                hi = min(n, lo + step)
                for i in range(lo, hi):
                    for k in range(k_count):
                        out[i, k] = tmp[k, i]
                    for k in range(k_count, width):
                        out[i, k] = tmp[0, i]
            return out

        @_njit(cache=True, parallel=True, fastmath=True)
        def counts(
            tp: Any, pi: Any, pj: Any, band: Any, edges: Any, n_dist: int, n_chunks: int
        ) -> Any:  # pragma: no cover - compiled
            nb = edges.shape[0]
            n_pairs = pi.shape[0]
            acc = np.zeros((n_chunks, n_dist * nb, width), dtype=np.int64)
            step = (n_pairs + n_chunks - 1) // n_chunks
            for c in _prange(n_chunks):
                local = np.zeros((n_dist * nb, width), dtype=np.int32)
                lo = c * step
                hi = min(n_pairs, lo + step)
                for p in range(lo, hi):
                    ti = tp[pi[p]]
                    tj = tp[pj[p]]
                    base = band[p] * nb
                    for b in range(nb):
                        e = edges[b]
                        for k in range(width):
                            local[base + b, k] += abs(ti[k] - tj[k]) < e
                for r in range(n_dist * nb):
                    for k in range(width):
                        acc[c, r, k] = local[r, k]
            total = acc.sum(axis=0)
            return total.reshape((n_dist, nb, width))

        return shuffled, counts

    _BLOCK_KERNELS = {w: _make_block_kernels(w) for w in BLOCK_WIDTHS}

    def shuffled_block(t: Any, seeds: Any, width: int = BLOCK) -> Any:
        """Return an ``(n, width)`` array whose column k is ``t`` shuffled with ``seeds[k]``.

        ``width`` is one of ``BLOCK_WIDTHS``; columns beyond ``len(seeds)`` repeat column 0
        (their counts are discarded).
        """
        return _BLOCK_KERNELS[width][0](t, seeds)

    def cumulative_counts_block(
        tp: Any, pi: Any, pj: Any, band: Any, edges: Any, n_dist: int, n_chunks: int
    ) -> Any:
        """Cumulative counts for the time vectors in the columns of ``tp`` (``(n, width)``).

        Returns an ``(n_dist, len(edges), width)`` int64 array. Comparisons are exact
        (``fastmath`` only licenses reassociation of the integer sums).
        """
        return _BLOCK_KERNELS[tp.shape[1]][1](tp, pi, pj, band, edges, n_dist, n_chunks)

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

    @_njit(cache=True)
    def radix_argsort(code: Any) -> Any:  # pragma: no cover - compiled
        """Stable argsort of non-negative int64 keys (LSD radix, 11 bits per pass).

        Equal to ``numpy.argsort(code, kind="stable")``; O(n) per pass.
        """
        n = code.shape[0]
        order = np.arange(n)
        if n == 0:
            return order
        keys = code.copy()
        order_tmp = np.empty(n, dtype=np.int64)
        keys_tmp = np.empty(n, dtype=np.int64)
        top = keys.max()
        mask = np.int64(2047)
        shift = 0
        while shift == 0 or (shift < 63 and (top >> shift) > 0):
            pos = np.zeros(2049, dtype=np.int64)
            for i in range(n):
                pos[((keys[i] >> shift) & mask) + 1] += 1
            for b in range(2048):
                pos[b + 1] += pos[b]
            for i in range(n):
                b = (keys[i] >> shift) & mask
                dst = pos[b]
                pos[b] += 1
                order_tmp[dst] = order[i]
                keys_tmp[dst] = keys[i]
            order, order_tmp = order_tmp, order
            keys, keys_tmp = keys_tmp, keys
            shift += 11
        return order

    @_njit(cache=True)
    def zorder_codes(cx: Any, cy: Any) -> Any:  # pragma: no cover - compiled
        """Z-order (Morton) codes of the low 21 bits of integer cell coordinates."""
        n = cx.shape[0]
        code = np.empty(n, dtype=np.int64)
        for i in range(n):
            c = np.int64(0)
            for bit in range(21):
                c |= ((cx[i] >> bit) & 1) << (2 * bit)
                c |= ((cy[i] >> bit) & 1) << (2 * bit + 1)
            code[i] = c
        return code

    @_njit(cache=True)
    def count_pairs_below(ts: Any, edge: float) -> int:  # pragma: no cover - compiled
        """Pairs ``i < j`` of sorted ``ts`` with ``ts[j] - ts[i] < edge`` (two pointers).

        ``fl(ts[k] - ts[i])`` is monotone in ``k`` and in ``i``, so the first ``k`` failing
        the test never moves back as ``i`` grows: O(n), exact arithmetic of the pair tables.
        """
        n = ts.shape[0]
        total = 0
        if not edge > 0:
            return 0
        k = 0
        for i in range(n):
            if k < i + 1:
                k = i + 1
            while k < n and ts[k] - ts[i] < edge:
                k += 1
            total += k - i - 1
        return total

    @_njit(cache=True, inline="always")
    def _at_least(
        dx: float, dy: float, s2: float, metric: int, e: float, lo: float, hi: float
    ) -> bool:  # pragma: no cover - compiled
        """``d >= e`` for ``d = hypot(dx, dy)`` (metric 0) or ``|dx| + |dy|`` (metric 1)."""
        if metric != 0:
            return abs(dx) + abs(dy) >= e
        if s2 >= hi:
            return True
        if s2 < lo:
            return False
        return math.hypot(dx, dy) >= e

    @_njit(cache=True, inline="always")
    def _in_range(
        dx: float,
        dy: float,
        metric: int,
        e0: float,
        e1: float,
        lo0: float,
        hi0: float,
        lo1: float,
        hi1: float,
    ) -> bool:  # pragma: no cover - compiled
        """``e0 <= d < e1``, branch-free unless ``d`` is within 1e-9 of ``e0`` or ``e1``.

        ``d`` is ``hypot(dx, dy)`` (libm's, as numpy's) or ``|dx| + |dy|``: the operations of
        the KD-tree path, even in dx and dy, so the order of the pair does not matter.
        ``[lo, hi)`` are the edges' :func:`squared_windows` (scalars: array loads here are
        not hoisted out of the pair loops).
        """
        if metric != 0:
            d = abs(dx) + abs(dy)
            return (d >= e0) & (d < e1)
        s2 = dx * dx + dy * dy
        if ((s2 >= lo0) & (s2 < hi0)) | ((s2 >= lo1) & (s2 < hi1)):  # rare: near an edge
            d = math.hypot(dx, dy)
            return (d >= e0) & (d < e1)
        return (s2 >= hi0) & (s2 < lo1)

    @_njit(cache=True, parallel=True)
    def grid_close_pairs(
        x: Any,
        y: Any,
        key: Any,
        row_width: int,
        edges: Any,
        lo: Any,
        hi: Any,
        metric: int,
        want_d: bool,
    ) -> Any:  # pragma: no cover - compiled
        """All pairs with ``edges[0] <= d < edges[-1]`` from a grid of cells ``>= edges[-1]``.

        ``key`` is each event's cell as ``row * row_width + column`` with a free column and row
        on each side, so the cells left/right and above of a cell have keys ``key ± 1`` and
        ``key + row_width + (-1, 0, 1)``. Events are sorted by key (cells need not be dense:
        memory is O(n + pairs) whatever the extent); each event is paired with the later
        events of its own row range (its cell and the next) and with the three cells above, so
        each pair is examined once. A count pass sizes the output exactly, a fill pass writes
        it. ``lo``/``hi`` are the :func:`squared_windows` of ``edges``. Returns
        ``(i, j, band, d)`` with ``i < j`` (int32), band int16 (``d`` empty unless
        ``want_d``).
        """
        n = x.shape[0]
        order = radix_argsort(key)
        xs = x[order]
        ys = y[order]
        ks = key[order]
        cell_of = np.empty(n, dtype=np.int64)
        n_cells = 0
        for s in range(n):
            if s == 0 or ks[s] != ks[s - 1]:
                n_cells += 1
            cell_of[s] = n_cells - 1
        cstart = np.empty(n_cells + 1, dtype=np.int64)
        ckey = np.empty(n_cells, dtype=np.int64)
        for s in range(n):
            if s == 0 or ks[s] != ks[s - 1]:
                cstart[cell_of[s]] = s
                ckey[cell_of[s]] = ks[s]
        cstart[n_cells] = n
        # per cell, the candidate ranges of sorted positions: [s + 1, row_end) and [up_lo, up_hi)
        row_end = np.empty(n_cells, dtype=np.int64)
        up_lo = np.empty(n_cells, dtype=np.int64)
        up_hi = np.empty(n_cells, dtype=np.int64)
        lo_ptr = 0
        hi_ptr = 0
        for c in range(n_cells):
            k = ckey[c]
            if c + 1 < n_cells and ckey[c + 1] == k + 1:
                row_end[c] = cstart[c + 2]
            else:
                row_end[c] = cstart[c + 1]
            while lo_ptr < n_cells and ckey[lo_ptr] < k + row_width - 1:
                lo_ptr += 1
            while hi_ptr < n_cells and ckey[hi_ptr] <= k + row_width + 1:
                hi_ptr += 1
            up_lo[c] = cstart[lo_ptr]
            up_hi[c] = cstart[hi_ptr]

        last = edges.shape[0] - 1
        e0, e1, lo0, hi0, lo1, hi1 = edges[0], edges[last], lo[0], hi[0], lo[last], hi[last]
        n_chunks = min(n, 1024)
        step = (n + n_chunks - 1) // n_chunks
        offset = np.zeros(n + 1, dtype=np.int64)
        # candidates of the event at sorted position s: q in [s + 1, row_end) then, after a
        # jump, [up_lo, up_hi) -- one loop of row_end - s - 1 + up_hi - up_lo steps.
        # (Only scalars go into the per-pair helpers: arrays passed to a function cost
        # reference counting on every call.)
        for ch in _prange(n_chunks):
            for s in range(ch * step, min(n, (ch + 1) * step)):
                c = cell_of[s]
                xa = xs[s]
                ya = ys[s]
                r_end = row_end[c]
                gap = up_lo[c] - r_end
                m = 0
                for v in range(s + 1, up_hi[c] - gap):
                    q = v + (v >= r_end) * gap
                    m += _in_range(xa - xs[q], ya - ys[q], metric, e0, e1, lo0, hi0, lo1, hi1)
                offset[s + 1] = m
        for s in range(n):
            offset[s + 1] += offset[s]
        total = offset[n]
        pi = np.empty(total, dtype=np.int32)
        pj = np.empty(total, dtype=np.int32)
        band = np.empty(total, dtype=np.int16)
        dist = np.empty(total if want_d else 0, dtype=np.float64)
        for ch in _prange(n_chunks):
            for s in range(ch * step, min(n, (ch + 1) * step)):
                c = cell_of[s]
                xa = xs[s]
                ya = ys[s]
                a = order[s]
                r_end = row_end[c]
                gap = up_lo[c] - r_end
                w = offset[s]
                end = offset[s + 1]
                for v in range(s + 1, up_hi[c] - gap):
                    if w >= end:
                        break
                    q = v + (v >= r_end) * gap
                    dx = xa - xs[q]
                    dy = ya - ys[q]
                    keep = _in_range(dx, dy, metric, e0, e1, lo0, hi0, lo1, hi1)
                    # the slot is written for every candidate and kept by advancing w (no
                    # unpredictable branch); w < end: never past this event's own slots
                    o = order[q]
                    pi[w] = min(a, o)
                    pj[w] = max(a, o)
                    b = 0
                    if last > 1:
                        s2 = dx * dx + dy * dy
                        for e in range(1, last):
                            if not _at_least(dx, dy, s2, metric, edges[e], lo[e], hi[e]):
                                break
                            b += 1
                    band[w] = b
                    if want_d and keep:
                        dist[w] = math.hypot(dx, dy) if metric == 0 else abs(dx) + abs(dy)
                    w += keep
        return pi, pj, band, dist

else:  # pragma: no cover

    def _missing(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("numba is not installed")

    cumulative_counts_single = _missing  # type: ignore[assignment]
    shuffled_block = _missing  # type: ignore[assignment]
    cumulative_counts_block = _missing  # type: ignore[assignment]
    radix_argsort = _missing  # type: ignore[assignment]
    zorder_codes = _missing  # type: ignore[assignment]
    count_pairs_below = _missing  # type: ignore[assignment]
    grid_close_pairs = _missing  # type: ignore[assignment]
