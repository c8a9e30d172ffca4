"""Benchmarks of samtrygg.analysis against esda, pointpats and scipy on the same data.

Run: ``python benchmarks/bench_analysis.py`` (writes benchmarks/results/analysis.json).
Synthetic data: events in 20 x 20 km over 365 days (100 x 100 km for the 1M run), 70 % uniform,
30 % in space-time clusters, fixed seed (see benchmarks/analysis/data.py).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from analysis.data import synthetic_events  # noqa: E402

from samtrygg.analysis.grid import grid_counts  # noqa: E402
from samtrygg.analysis.hotspots import gi_star_grid  # noqa: E402
from samtrygg.analysis.kde import kde_grid  # noqa: E402
from samtrygg.analysis.knox import knox_test  # noqa: E402
from samtrygg.analysis.knox_kernels import HAVE_NUMBA  # noqa: E402

warnings.filterwarnings("ignore")
RESULTS = HERE / "results" / "analysis.json"
PEER_BUDGET_S = 240.0  # above this, a peer is timed on fewer permutations and scaled


def timed(fn: Any, *args: Any, **kw: Any) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn(*args, **kw)
    return time.perf_counter() - t0, out


def above(x: float) -> float:
    """Smallest float above x: turns our half-open [0, x) into pointpats' closed [0, x]."""
    return float(np.nextafter(x, np.inf))


def peer_time(run: Any, permutations: int, probe: int) -> dict[str, Any]:
    """Time ``run(p)``; if a probe says the full run exceeds the budget, extrapolate."""
    t0, _ = timed(run, 0)
    tp, _ = timed(run, probe)
    per_perm = max(tp - t0, 0.0) / probe
    est = t0 + per_perm * permutations
    if est <= PEER_BUDGET_S:
        full, _ = timed(run, permutations)
        return {"seconds": full, "scaled": False}
    return {
        "seconds": est,
        "scaled": True,
        "note": f"timed with 0 and {probe} permutations ({t0:.2f} s, {tp:.2f} s) and "
        f"scaled linearly to {permutations}",
    }


def bench_knox_vs_Knox(n: int = 10_000) -> dict[str, Any]:
    from pointpats.spacetime import Knox

    x, y, t = synthetic_events(n, 20.0)
    coords = np.column_stack([x, y])

    def peer(p: int) -> Any:
        return Knox(coords, t.reshape(-1, 1).copy(), delta=200, tau=7, permutations=p)

    ref = peer(0)
    for eng in ("numba", "numpy"):  # warm-up (JIT compile / caches) with the same settings
        knox_test(
            x[:500],
            y[:500],
            t[:500],
            [0, above(200)],
            [0, above(7)],
            permutations=40,
            seed=1,
            engine=eng if HAVE_NUMBA or eng == "numpy" else "numpy",
        )
    ours_s, res = timed(knox_test, x, y, t, [0, above(200)], [0, above(7)], permutations=99, seed=1)
    numpy_s, _ = timed(
        knox_test,
        x,
        y,
        t,
        [0, above(200)],
        [0, above(7)],
        permutations=99,
        seed=1,
        engine="numpy",
    )
    peer_t = peer_time(peer, 99, 5)
    assert int(res.observed[0, 0]) == int(ref.nst), (res.observed, ref.nst)
    return {
        "target": "Knox 200 m / 7 days / 99 permutations, n=10,000: >= 100x faster than "
        "pointpats.spacetime.Knox",
        "n": n,
        "ours_seconds": ours_s,
        "ours_engine": res.engine,
        "ours_numpy_engine_seconds": numpy_s,
        "peer": "pointpats.spacetime.Knox",
        "peer_seconds": peer_t["seconds"],
        "peer_scaled": peer_t["scaled"],
        "peer_note": peer_t.get("note", ""),
        "ratio": peer_t["seconds"] / ours_s,
        "ratio_numpy_engine": peer_t["seconds"] / numpy_s,
        "required_ratio": 100,
        "pass": peer_t["seconds"] / ours_s >= 100,
        "check": f"observed space-time pairs agree: {int(res.observed[0, 0])}",
    }


def bench_knox_vs_knox(n: int = 50_000) -> dict[str, Any]:
    from pointpats.spacetime import knox

    x, y, t = synthetic_events(n, 20.0)
    coords = np.column_stack([x, y])

    def peer(p: int) -> Any:
        # pointpats.knox shuffles its time argument in place: give it a copy
        return knox(coords, t.reshape(-1, 1).copy(), delta=200, tau=7, permutations=p)

    ref = peer(0)
    knox_test(x[:500], y[:500], t[:500], [0, above(200)], [0, above(7)], permutations=40, seed=1)
    ours_s, res = timed(knox_test, x, y, t, [0, above(200)], [0, above(7)], permutations=99, seed=1)
    numpy_s, _ = timed(
        knox_test,
        x,
        y,
        t,
        [0, above(200)],
        [0, above(7)],
        permutations=99,
        seed=1,
        engine="numpy",
    )
    peer_t = peer_time(peer, 99, 5)
    assert int(res.observed[0, 0]) == int(ref["stat"]), (res.observed, ref["stat"])
    return {
        "target": "Knox 200 m / 7 days / 99 permutations, n=50,000: >= 50x faster than "
        "pointpats.spacetime.knox",
        "n": n,
        "ours_seconds": ours_s,
        "ours_engine": res.engine,
        "ours_numpy_engine_seconds": numpy_s,
        "peer": "pointpats.spacetime.knox",
        "peer_seconds": peer_t["seconds"],
        "peer_scaled": peer_t["scaled"],
        "peer_note": peer_t.get("note", ""),
        "ratio": peer_t["seconds"] / ours_s,
        "ratio_numpy_engine": peer_t["seconds"] / numpy_s,
        "required_ratio": 50,
        "pass": peer_t["seconds"] / ours_s >= 50,
        "check": f"observed space-time pairs agree: {int(res.observed[0, 0])}",
    }


BIG_CHILD = """
import resource, sys, time, json
sys.path.insert(0, {bench!r}); sys.path.insert(0, {src!r})
from analysis.data import synthetic_events
from samtrygg.analysis.knox import knox_test
x, y, t = synthetic_events(1_000_000, 100.0)
knox_test(x[:2000], y[:2000], t[:2000], [0, 100], [0, 7], permutations=40, seed=1)
t0 = time.perf_counter()
r = knox_test(x, y, t, {d}, {tb}, permutations=999, seed=1)
el = time.perf_counter() - t0
print(json.dumps({{"seconds": el, "engine": r.engine, "close_pairs": r.n_close_pairs,
    "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "observed_00": int(r.observed[0, 0]), "ratio_00": float(r.knox_ratio[0, 0])}}))
"""


def bench_knox_big() -> dict[str, Any]:
    d = [0, 100, 200, 300, 400, 500]
    tb = [0, 7, 14, 21, 28, 35]
    code = BIG_CHILD.format(bench=str(HERE), src=str(HERE.parent / "src"), d=d, tb=tb)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    return {
        "target": "Knox 5 x 5 bands, 999 permutations, 1,000,000 events over 100 x 100 km: "
        "< 60 s and < 4 GB peak memory",
        "distance_bands": d,
        "time_bands": tb,
        "ours_seconds": r["seconds"],
        "ours_engine": r["engine"],
        "close_pairs": r["close_pairs"],
        "peak_memory_mb": r["maxrss_mb"],
        "memory_measure": "ru_maxrss of a fresh subprocess (includes data generation)",
        "pass": r["seconds"] < 60 and r["maxrss_mb"] < 4096,
        "knox_ratio_first_cell": r["ratio_00"],
    }


def bench_gi_star() -> dict[str, Any]:
    import esda
    import libpysal

    rng = np.random.default_rng(7)
    x, y, _ = synthetic_events(200_000, 20.0)
    counts = grid_counts(x, y, grid=None, cell=20000 / 300, bounds=(0, 0, 20000, 20000)).counts
    assert counts.shape == (300, 300)
    gi_star_grid(counts[:30, :30], weights="queen", permutations=9, seed=1)
    ours_s, res = timed(gi_star_grid, counts, weights="queen", permutations=99, seed=1)
    w_s, w = timed(libpysal.weights.lat2W, 300, 300, rook=False)
    # warm esda's numba kernels (and joblib workers) so compile time is not counted
    esda.G_Local(
        counts[:30, :30].ravel(),
        libpysal.weights.lat2W(30, 30, rook=False),
        transform="B",
        star=True,
        permutations=9,
        seed=1,
    )
    peer_s, g = timed(
        esda.G_Local, counts.ravel(), w, transform="B", star=True, permutations=99, seed=1
    )
    zdiff = float(np.nanmax(np.abs(res.z.ravel() - g.Zs)))
    big = rng.poisson(1.0, (1000, 1000)).astype(float)
    gi_star_grid(big[:50, :50])
    big_s, _ = timed(gi_star_grid, big, weights="queen")
    return {
        "gi_star_300": {
            "target": "Gi* 300 x 300 grid, queen, 99 permutations: >= 20x faster than esda G_Local",
            "ours_seconds": ours_s,
            "peer": "esda.G_Local(star=True, transform='B', permutations=99), default n_jobs, "
            "warmed up (numba compile not counted)",
            "peer_seconds": peer_s,
            "peer_weights_build_seconds_not_counted": w_s,
            "ratio": peer_s / ours_s,
            "required_ratio": 20,
            "pass": peer_s / ours_s >= 20,
            "max_abs_z_difference": zdiff,
        },
        "gi_star_1000_analytic": {
            "target": "analytic Gi* on a 1000 x 1000 grid: < 1 s",
            "ours_seconds": big_s,
            "pass": big_s < 1.0,
        },
    }


def bench_kde() -> dict[str, Any]:
    from scipy.stats import gaussian_kde

    x, y, _ = synthetic_events(100_000, 20.0)
    kde_grid(x[:100], y[:100], 100.0, bandwidth="scott", bounds=(0, 0, 20000, 20000))
    ours_s, res = timed(kde_grid, x, y, 100.0, bandwidth="scott", bounds=(0, 0, 20000, 20000))
    gx, gy = res.grid.centres()

    def peer() -> np.ndarray:
        k = gaussian_kde(np.vstack([x, y]))
        return k(np.vstack([gx.ravel(), gy.ravel()])).reshape(gx.shape) * x.size * 1e6

    peer_s, ref = timed(peer)
    dev = float(np.abs(res.density - ref).max() / ref.max())
    return {
        "target": "KDE of 100,000 points onto 200 x 200 cells: >= 500x faster than scipy "
        "gaussian_kde, max deviation <= 0.5 % of max density",
        "ours_seconds": ours_s,
        "peer": "scipy.stats.gaussian_kde (Scott), evaluated at the 40,000 cell centres",
        "peer_seconds": peer_s,
        "ratio": peer_s / ours_s,
        "required_ratio": 500,
        "max_deviation_of_max": dev,
        "pass": peer_s / ours_s >= 500 and dev <= 0.005,
    }


def main() -> int:
    started = time.perf_counter()
    out: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "numba": HAVE_NUMBA,
        },
        "data": "synthetic: 70 % uniform, 30 % clustered (10 per cluster, sd 150 m, "
        "exponential 7-day lag), whole days, seed 20240101",
        "band_rule": "ours half-open [lo, hi); pointpats closed <=; the comparisons use "
        "hi = nextafter(200) and nextafter(7) so both count the same pairs",
    }
    for name, fn in (
        ("knox_10k_vs_Knox", bench_knox_vs_Knox),
        ("knox_50k_vs_knox", bench_knox_vs_knox),
        ("kde_100k", bench_kde),
        ("gi_star", bench_gi_star),
        ("knox_1m", bench_knox_big),
    ):
        print(f"running {name} ...", flush=True)
        res = fn()
        out.update(res if name == "gi_star" else {name: res})
        print(json.dumps(res, indent=1), flush=True)
    out["total_seconds"] = time.perf_counter() - started
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
