"""Reading frozen figures of earlier schema versions.

A published version never changes, so its figures stay in the schema they were frozen
with; ``upgrade`` turns the JSON of an earlier schema into the current one before
``Picture.from_json`` types it (``read_picture`` does both). Nothing is recomputed from
incidents: what a snapshot did not record stays unknown, what follows from the snapshot
itself is filled in — a cell's centre from its grid, and the coverage a comparison had
from the first day on record.

Schema 1 recorded only the first day on record (``coverage.data_start``), not sources or
gaps. A comparison of schema 1 whose period or reference period lies less than half after
that day is read as withheld (no figure, never significant), as the rule says today; its
other comparisons keep their figures with ``covered_days`` unknown (``None``) and the
``partial`` mark they had.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from samtrygg.picture.coverage import withheld
from samtrygg.picture.places import cell_centre, cell_id
from samtrygg.picture.types import SCHEMA, Picture, SnapshotError


def _day(value: Any) -> dt.date:
    return dt.date.fromisoformat(str(value)[:10])


def _span_days(span: dict[str, Any] | None, since: dt.date | None = None) -> int:
    """Days of ``span`` (on or after ``since``)."""
    if not span:
        return 0
    start, end = _day(span["start"]), _day(span["end"])
    if since is not None:
        start = max(start, since)
    return max((end - start).days + 1, 0)


def _comparison_v1(
    c: dict[str, Any],
    period: dict[str, Any],
    reference: dict[str, Any] | None,
    data_start: dt.date | None,
) -> dict[str, Any]:
    days, reference_days = _span_days(period), _span_days(reference)
    out = {
        "days": days,
        "reference_days": reference_days,
        "covered_days": None,
        "reference_covered_days": None,
        "withheld": False,
    } | c
    if data_start is None:
        return out
    covered = _span_days(period, data_start)
    reference_covered = _span_days(reference, data_start)
    if withheld(covered, days, reference_covered, reference_days):
        out |= {
            "covered_days": covered,
            "reference_covered_days": reference_covered,
            "withheld": True,
            "rate_ratio": None,
            "ci_low": None,
            "ci_high": None,
            "p_value": None,
            "change_pct": None,
            "significant": False,
            "partial": True,
        }
    return out


def _where_v1(grid: dict[str, Any] | None, ix: int, iy: int) -> dict[str, Any]:
    if not grid:
        return {}
    _x, _y, lon, lat = cell_centre(grid["x0"], grid["y0"], grid["cell"], ix, iy)
    return {"cell": cell_id(grid["x0"], grid["y0"], grid["cell"], ix, iy), "lon": lon, "lat": lat}


def _upgrade_v1(data: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(data)
    params = out.get("parameters") or {}
    periods = out.get("comparison_periods") or {}
    start = (out.get("coverage") or {}).get("data_start")
    data_start = _day(start) if start else None
    rows = [out.get("totals") or {}, *(out.get("by_category") or [])]
    for row in rows:
        for key in ("previous", "year_before"):
            if isinstance(row.get(key), dict):
                row[key] = _comparison_v1(row[key], params, periods.get(key), data_start)
    hot = out.get("hotspots") or {}
    grid = hot.get("grid")
    for c in hot.get("gi_cells") or []:
        c.setdefault("where", _where_v1(grid, c["ix"], c["iy"]))
    for a in (out.get("near_repeat") or {}).get("alerts") or []:
        a.setdefault("where", _where_v1(grid, a["ix"], a["iy"]))
    out.setdefault("data_through", params.get("end"))
    out["schema"] = 2
    return out


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """The JSON of any schema version as the current schema."""
    if not isinstance(data, dict):
        raise SnapshotError("figures: expected an object")
    schema = int(data.get("schema") or 1)
    if schema > SCHEMA:
        raise SnapshotError(f"schema {schema} is newer than this program reads ({SCHEMA})")
    if schema == 1:
        data = _upgrade_v1(data)
    return data


def read_picture(data: dict[str, Any]) -> Picture:
    """Frozen figures of any schema as a typed picture."""
    return Picture.from_json(upgrade(data))
