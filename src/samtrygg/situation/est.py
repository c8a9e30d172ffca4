"""The weekly EST view (Effektiv samordning för trygghet): this week against the four
weeks before and the same weeks a year earlier, and suggested priority places.

Priority places are the significant Gi* cells and the near-repeat alert cells of the
picture over this week and the four before (five weeks of mappable incidents), so one
quiet week does not hide a place that has been hot for a month.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from samtrygg.analysis.trends import compare_rates
from samtrygg.picture.data import (
    category_infos,
    scope_for_user,
    scoped_incidents,
)
from samtrygg.picture.params import PictureParams
from samtrygg.picture.service import picture_for_user
from samtrygg.picture.temporal import comparison

WEEKS_BEFORE = 4


def _counts(user: Any, start: dt.date, end: dt.date) -> dict[int, int]:
    from django.db.models import Count

    qs = scoped_incidents(scope_for_user(user), start, end, category_ids=None, area_ids=())
    return {
        r["category_id"]: r["n"]
        for r in qs.order_by().values("category_id").annotate(n=Count("id"))
    }


def est_overview(*, user: Any, day: dt.date, today: dt.date | None = None) -> dict[str, Any]:
    """The EST overview of the ISO week containing ``day``. A week that is not over yet is
    compared per day so far (``days``), not as if it were complete."""
    week = PictureParams.for_period("week", day)
    today = today or timezone.localdate()
    days = min(7, (today - week.start).days + 1) if week.start <= today <= week.end else 7
    before_start = week.start - dt.timedelta(days=7 * WEEKS_BEFORE)
    before_end = week.start - dt.timedelta(days=1)
    last_year = week.year_before()
    ly_before_start = last_year.start - dt.timedelta(days=7 * WEEKS_BEFORE)
    ly_before_end = last_year.start - dt.timedelta(days=1)

    this = _counts(user, week.start, week.end)
    before = _counts(user, before_start, before_end)
    ly = _counts(user, last_year.start, last_year.end)
    ly_before = _counts(user, ly_before_start, ly_before_end)
    cats = category_infos()
    rows = []
    for cid, cat in sorted(cats.items(), key=lambda kv: (kv[1].order, kv[1].code)):
        n, b, y, yb = this.get(cid, 0), before.get(cid, 0), ly.get(cid, 0), ly_before.get(cid, 0)
        if not (n or b or y or yb):
            continue
        rows.append(
            {
                "code": cat.code,
                "name": cat.name,
                "colour": cat.colour,
                "this_week": n,
                "weeks_before_mean": round(b / WEEKS_BEFORE, 1),
                "last_year": y,
                "last_year_before_mean": round(yb / WEEKS_BEFORE, 1),
                "vs_before": comparison(compare_rates(n, b, days, 7 * WEEKS_BEFORE)),
            }
        )
    totals = {
        "this_week": sum(this.values()),
        "weeks_before_mean": round(sum(before.values()) / WEEKS_BEFORE, 1),
        "last_year": sum(ly.values()),
        "last_year_before_mean": round(sum(ly_before.values()) / WEEKS_BEFORE, 1),
        "vs_before": comparison(
            compare_rates(sum(this.values()), sum(before.values()), days, 7 * WEEKS_BEFORE)
        ),
    }
    recent = PictureParams("custom", before_start, week.end)
    figures = picture_for_user(user=user, params=recent)
    hot = figures["hotspots"]
    by_area: dict[str, dict[str, Any]] = {}
    for c in hot.get("gi_cells", []):
        entry = by_area.setdefault(
            c.get("area", ""),
            {"kind": "gi", "area": c.get("area", ""), "cells": 0, "count": 0, "z": 0.0},
        )
        entry["cells"] += 1
        entry["count"] += c["count"]
        entry["z"] = max(entry["z"], c["z"] or 0.0)
    places = sorted(by_area.values(), key=lambda e: -e["count"])[:8]
    places += [
        {
            "kind": "near_repeat",
            "area": a["area"],
            "count": a["events"],
            "latest": a["latest"],
            "categories": a["categories"],
            "ix": a["ix"],
            "iy": a["iy"],
        }
        for a in figures["near_repeat"].get("alerts", [])[:10]
    ]
    return {
        "week": week,
        "days": days,
        "iso": week.start.isocalendar(),
        "before": (before_start, before_end),
        "last_year": last_year,
        "last_year_before": (ly_before_start, ly_before_end),
        "rows": rows,
        "totals": totals,
        "places": places,
        "figures": figures,
        "recent": recent,
    }
