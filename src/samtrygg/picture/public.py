"""The public figures of a published lägesbild: small counts suppressed.

Input is a computed picture (``samtrygg.picture``) computed from **open and
internal incidents only** — never restricted rows — by the caller. Output is what the
public page and OGC API – Features may show, and nothing else:

* one ``areas × categories`` table of counts with row, column and grand totals, over the
  areas of one kind (the rows' most common kind: districts normally), suppressed with
  :func:`samtrygg.picture.suppression.suppress_table`; one kind only, because overlapping
  areas (a district and a vulnerable area inside it) would let a reader subtract one
  published count from another;
* coarse grid cells (1 km, on the absolute EPSG:3006 kilometre lattice, so the grids of all
  versions line up) of mappable incidents. The grid publishes no totals, but its total can
  equal the area table's grand total (when every incident of the areas has a point), so it
  is treated as public: when that and the published cells would pin the hidden cells —
  one hidden cell, or hidden cells that must all be 1 — the smallest published cell is
  hidden too;
* when an earlier published table covers a period that contains this one, or lies inside
  it, with the same rows and columns, a cell whose difference to that table would be a
  small count is suppressed as if it were small itself (``extra_primary``), so the two
  tables together do not reveal the count of the remaining period. The same holds cell by
  cell for the grids of such linked versions.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable
from typing import Any

import numpy as np

from samtrygg.picture.suppression import DEFAULT_THRESHOLD, suppress_table
from samtrygg.picture.types import Picture

SCHEMA = 1
#: Side of the public grid cells (metres): coarse enough that a cell is a neighbourhood.
PUBLIC_CELL = 1000.0


def _nested(a: dict[str, Any], b: dict[str, Any]) -> bool:
    a0, a1 = dt.date.fromisoformat(a["start"]), dt.date.fromisoformat(a["end"])
    b0, b1 = dt.date.fromisoformat(b["start"]), dt.date.fromisoformat(b["end"])
    if (a0, a1) == (b0, b1):
        return False
    return (a0 <= b0 and b1 <= a1) or (b0 <= a0 and a1 <= b1)


def _extra_primary(
    extended: np.ndarray,
    rows: list[str],
    cols: list[str],
    period: dict[str, Any],
    linked: Iterable[dict[str, Any]],
    threshold: int,
) -> np.ndarray:
    extra = np.zeros(extended.shape, dtype=bool)
    for other in linked:
        if other.get("schema") != SCHEMA or not _nested(period, other["period"]):
            continue
        if [a["code"] for a in other["areas"]] != rows:
            continue
        if [c["code"] for c in other["categories"]] != cols:
            continue
        table = other["table"]
        published = [[*table["cells"][i], table["row_totals"][i]] for i in range(len(rows))]
        published.append([*table["col_totals"], table["total"]])
        for i, row in enumerate(published):
            for j, value in enumerate(row):
                if value is None:
                    continue
                diff = abs(int(extended[i, j]) - int(value))
                if 1 <= diff < threshold:
                    extra[i, j] = True
    return extra


def build_public_figures(
    figures: Picture,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    linked: Iterable[dict[str, Any]] = (),
) -> dict[str, Any]:
    """Suppressed public figures (JSON, frozen with a version) from a picture computed on
    open and internal incidents."""
    by_area = figures.by_area
    kinds = Counter(a.kind for a in by_area)
    kind = kinds.most_common(1)[0][0] if kinds else None
    areas = [a for a in by_area if a.kind == kind]
    geometry = {a.code: a.geometry for a in figures.areas}
    categories = [{"code": c.code, "name": c.name} for c in figures.by_category if c.count > 0]
    rows = [a.code for a in areas]
    cols = [c["code"] for c in categories]
    values = np.array(
        [[a.by_category.get(code, 0) for code in cols] for a in areas], dtype=np.int64
    ).reshape(len(rows), len(cols))
    params = figures.parameters
    period = {
        "kind": params.period_kind,
        "start": params.start.isoformat(),
        "end": params.end.isoformat(),
        "label": params.label,
    }
    extended = np.zeros((len(rows) + 1, len(cols) + 1), dtype=np.int64)
    extended[: len(rows), : len(cols)] = values
    extended[: len(rows), len(cols)] = values.sum(axis=1)
    extended[len(rows), : len(cols)] = values.sum(axis=0)
    extended[len(rows), len(cols)] = values.sum()
    extra = _extra_primary(extended, rows, cols, period, linked, threshold)
    result = suppress_table(values, threshold=threshold, extra_primary=extra)
    grid = _public_grid(figures, threshold, period, linked)
    return {
        "schema": SCHEMA,
        "threshold": threshold,
        "period": period,
        "area_kind": kind,
        "categories": categories,
        "areas": [
            {
                "code": a.code,
                "name": a.name,
                "kind": a.kind,
                "population": a.population,
                "population_year": a.population_year,
                "geometry": geometry.get(a.code),
            }
            for a in areas
        ],
        "table": {
            "cells": result.cells,
            "row_totals": result.row_totals,
            "col_totals": result.col_totals,
            "total": result.total,
        },
        "n_suppressed": result.n_suppressed,
        "n_complementary": result.n_complementary,
        "grid": grid,
    }


def _public_grid(
    figures: Picture,
    threshold: int,
    period: dict[str, Any],
    linked: Iterable[dict[str, Any]],
) -> dict[str, Any] | None:
    """1 km cells from the picture's 250 m grid counts, small counts suppressed (see the
    module docstring for the rules)."""
    spec = figures.hotspots.grid
    counts = figures.hotspots.cell_counts
    if spec is None:
        return None
    cell = float(spec.cell)
    side = cell * max(1, round(PUBLIC_CELL / cell))
    # the absolute lattice: a public cell never depends on the picture's extent
    gx0 = math.floor(float(spec.x0) / side) * side
    gy0 = math.floor(float(spec.y0) / side) * side
    merged: Counter[tuple[int, int]] = Counter()
    for ix, iy, n in counts:
        cx = float(spec.x0) + (ix + 0.5) * cell  # the centre: clear of any rounding
        cy = float(spec.y0) + (iy + 0.5) * cell
        merged[(int((cx - gx0) // side), int((cy - gy0) // side))] += int(n)
    keys = sorted(merged)
    values = [merged[k] for k in keys]
    hidden = [1 <= v < threshold for v in values]
    for other in linked:
        grid = other.get("grid")
        if other.get("schema") != SCHEMA or not grid or not _nested(period, other["period"]):
            continue
        if (grid["x0"], grid["y0"], grid["cell"]) != (gx0, gy0, side):
            continue  # an older grid on another lattice: its cells do not line up
        published = {(c[0], c[1]): c[2] for c in grid["cells"]}
        for n, key in enumerate(keys):
            before = published.get(key, 0)  # a cell the other grid does not list held 0
            if before is not None and 1 <= abs(values[n] - before) < threshold:
                hidden[n] = True
    n_hidden = sum(hidden)
    if n_hidden and (
        n_hidden == 1 or sum(v for v, h in zip(values, hidden, strict=True) if h) == n_hidden
    ):
        shown = [n for n, h in enumerate(hidden) if not h and values[n] > 0]
        if shown:
            hidden[min(shown, key=lambda n: (values[n], keys[n]))] = True
    return {
        "x0": gx0,
        "y0": gy0,
        "cell": side,
        "nx": math.ceil((float(spec.x0) + spec.nx * cell - gx0) / side),
        "ny": math.ceil((float(spec.y0) + spec.ny * cell - gy0) / side),
        "cells": [
            [k[0], k[1], None if h else v] for k, v, h in zip(keys, values, hidden, strict=True)
        ],
    }
