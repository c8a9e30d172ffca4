"""Pictures for tests of code that reads them."""

from __future__ import annotations

import datetime as dt
from typing import Any


def picture_json(start: str, end: str, **parts: Any) -> dict[str, Any]:
    """The JSON of an empty picture of ``start``–``end`` (schema 2), with ``parts`` (top-level
    keys) replaced: for tests of code that reads pictures."""
    days = (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days + 1
    none = {
        "count": 0,
        "reference": 0,
        "days": days,
        "reference_days": days,
        "covered_days": days,
        "reference_covered_days": days,
        "withheld": True,
        "rate_ratio": None,
        "ci_low": None,
        "ci_high": None,
        "p_value": None,
        "significant": False,
        "few": True,
        "change_pct": None,
    }
    span = {"start": start, "end": end}
    base: dict[str, Any] = {
        "schema": 2,
        "parameters": {
            "period_kind": "custom",
            "start": start,
            "end": end,
            "area_ids": [],
            "category_codes": [],
            "label": "",
            "days": days,
        },
        "comparison_periods": {"previous": span, "year_before": span},
        "scope": {"user": "", "name": "", "police_data": False, "classifications": [], "label": ""},
        "method": {},
        "totals": {
            "incidents": 0,
            "mappable": 0,
            "harm": 0.0,
            "previous": none,
            "year_before": none,
        },
        "by_category": [],
        "by_area": [],
        "area_gi": {"kind": None, "rows": [], "note": ""},
        "by_period": {"unit": "month", "rows": []},
        "weekday_hour": {"table": [[0] * 24 for _ in range(7)], "excluded": 0, "max": 0},
        "control_chart": {"weeks": [], "flagged": [], "note": "no_data"},
        "hotspots": {
            "mappable": 0,
            "grid": None,
            "gi_cells": [],
            "kde_cells": [],
            "kde_max": None,
            "n_cells": 0,
            "n_hot": 0,
            "cell_counts": [],
            "note": "too_few",
        },
        "near_repeat": {"categories": [], "knox": None, "alerts": [], "n_events": 0},
        "coverage": {
            "organisations": [],
            "sources": [],
            "weeks_without_reports": [],
            "weeks_total": 0,
            "police_notices": 0,
            "police_notice_share": None,
            "total": 0,
            "data_start": None,
        },
        "areas": [],
        "data_through": end,
    }
    return base | parts
