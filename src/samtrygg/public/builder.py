"""The public figures of a published lägesbild: small counts suppressed.

Input is a computed picture (``samtrygg.situation.picture``) computed from **open and
internal incidents only** — never restricted rows — by the caller. Output is what the
public page and OGC API – Features may show, and nothing else:

* one ``areas × categories`` table of counts with row, column and grand totals, over the
  areas of one kind (the rows' most common kind: districts normally), suppressed with
  :func:`samtrygg.public.suppression.suppress_table`; one kind only, because overlapping
  areas (a district and a vulnerable area inside it) would let a reader subtract one
  published count from another;
* coarse grid cells (1 km) of mappable incidents with primary suppression only: the grid
  publishes no totals, so there is nothing to subtract a hidden cell from;
* when an earlier published table covers a period that contains this one, or lies inside
  it, with the same rows and columns, a cell whose difference to that table would be a
  small count is suppressed as if it were small itself (``extra_primary``), so the two
  tables together do not reveal the count of the remaining period.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable
from typing import Any

import numpy as np

from samtrygg.public.suppression import DEFAULT_THRESHOLD, suppress_counts, suppress_table

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
    figures: dict[str, Any],
    *,
    threshold: int = DEFAULT_THRESHOLD,
    linked: Iterable[dict[str, Any]] = (),
) -> dict[str, Any]:
    """Suppressed public figures from a picture computed on open and internal incidents."""
    by_area = figures["by_area"]
    kinds = Counter(a["kind"] for a in by_area)
    kind = kinds.most_common(1)[0][0] if kinds else None
    areas = [a for a in by_area if a["kind"] == kind]
    geometry = {a["code"]: a["geometry"] for a in figures.get("areas", [])}
    categories = [
        {"code": c["code"], "name": c["name"]} for c in figures["by_category"] if c["count"] > 0
    ]
    rows = [a["code"] for a in areas]
    cols = [c["code"] for c in categories]
    values = np.array(
        [[a["by_category"].get(code, 0) for code in cols] for a in areas], dtype=np.int64
    ).reshape(len(rows), len(cols))
    params = figures["parameters"]
    period = {
        "kind": params["period_kind"],
        "start": params["start"],
        "end": params["end"],
        "label": params.get("label", ""),
    }
    extended = np.zeros((len(rows) + 1, len(cols) + 1), dtype=np.int64)
    extended[: len(rows), : len(cols)] = values
    extended[: len(rows), len(cols)] = values.sum(axis=1)
    extended[len(rows), : len(cols)] = values.sum(axis=0)
    extended[len(rows), len(cols)] = values.sum()
    extra = _extra_primary(extended, rows, cols, period, linked, threshold)
    result = suppress_table(values, threshold=threshold, extra_primary=extra)
    grid = _public_grid(figures, threshold)
    return {
        "schema": SCHEMA,
        "threshold": threshold,
        "period": period,
        "area_kind": kind,
        "categories": categories,
        "areas": [
            {
                "code": a["code"],
                "name": a["name"],
                "kind": a["kind"],
                "population": a["population"],
                "population_year": a["population_year"],
                "geometry": geometry.get(a["code"]),
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


def _public_grid(figures: dict[str, Any], threshold: int) -> dict[str, Any] | None:
    """1 km cells from the picture's 250 m grid counts, small counts suppressed."""
    hot = figures.get("hotspots") or {}
    spec = hot.get("grid")
    counts = hot.get("cell_counts")
    if not spec or counts is None:
        return None
    factor = max(1, round(PUBLIC_CELL / spec["cell"]))
    merged: Counter[tuple[int, int]] = Counter()
    for ix, iy, n in counts:
        merged[(ix // factor, iy // factor)] += n
    keys = sorted(merged)
    published = suppress_counts([merged[k] for k in keys], threshold=threshold)
    return {
        "x0": spec["x0"],
        "y0": spec["y0"],
        "cell": spec["cell"] * factor,
        "nx": math.ceil(spec["nx"] / factor),
        "ny": math.ceil(spec["ny"] / factor),
        "cells": [[k[0], k[1], v] for k, v in zip(keys, published, strict=True)],
    }
