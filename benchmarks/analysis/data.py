"""Synthetic event data for the analysis benchmarks.

Events in a square of ``side_km`` × ``side_km`` over 365 days: 70 % uniform in space and time,
30 % in space–time clusters (cluster centres uniform; 10 events per cluster, spatial offsets
normal with sd 150 m, time offsets exponential with mean 7 days). Times are whole days
(dates, as in police and EST data) unless ``whole_days=False``. Fixed seed.
"""

from __future__ import annotations

import numpy as np


def synthetic_events(
    n: int, side_km: float = 20.0, *, seed: int = 20240101, whole_days: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    side = side_km * 1000.0
    n_clustered = round(0.3 * n)
    n_uniform = n - n_clustered
    x = rng.uniform(0, side, n_uniform)
    y = rng.uniform(0, side, n_uniform)
    t = rng.uniform(0, 365, n_uniform)
    size = 10
    n_clusters = -(-n_clustered // size)
    cx = rng.uniform(0, side, n_clusters)
    cy = rng.uniform(0, side, n_clusters)
    ct = rng.uniform(0, 365, n_clusters)
    k = np.repeat(np.arange(n_clusters), size)[:n_clustered]
    xc = np.clip(cx[k] + rng.normal(0, 150, n_clustered), 0, side - 1e-6)
    yc = np.clip(cy[k] + rng.normal(0, 150, n_clustered), 0, side - 1e-6)
    tc = np.mod(ct[k] + rng.exponential(7, n_clustered), 365)
    x = np.concatenate([x, xc])
    y = np.concatenate([y, yc])
    t = np.concatenate([t, tc])
    if whole_days:
        t = np.floor(t)
    perm = rng.permutation(n)
    return x[perm], y[perm], t[perm]
