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

from samtrygg.incidents.dataversion import data_version
from samtrygg.picture.coverage import Cover, SourceBook
from samtrygg.picture.data import (
    category_infos,
    counts_by_source,
    counts_on_days,
    reference,
    scope_for_user,
    scoped_incidents,
)
from samtrygg.picture.params import PictureParams
from samtrygg.picture.service import picture_for_user
from samtrygg.picture.sources import source_records
from samtrygg.picture.temporal import compare
from samtrygg.picture.types import Comparison

WEEKS_BEFORE = 4
DAYS = 7


def est_overview(*, user: Any, day: dt.date, today: dt.date | None = None) -> dict[str, Any]:
    """The EST overview of the ISO week containing ``day``. The change against the four
    weeks before counts the days both are covered (``picture.coverage``): a week that is not
    over yet is compared per day so far, not as if it were complete, and withheld while
    less than half of it has passed."""
    week = PictureParams.for_period("week", day)
    today = today or timezone.localdate()
    scope = scope_for_user(user)
    before = PictureParams(
        "custom",
        week.start - dt.timedelta(days=7 * WEEKS_BEFORE),
        week.start - dt.timedelta(days=1),
    )
    last_year = week.year_before()
    ly_before = PictureParams(
        "custom",
        last_year.start - dt.timedelta(days=7 * WEEKS_BEFORE),
        last_year.start - dt.timedelta(days=1),
    )

    def qs(p: PictureParams) -> Any:
        return scoped_incidents(scope, p.start, p.end, category_ids=None, area_ids=())

    this_qs = qs(week)
    this, this_orgs = counts_by_source(this_qs)
    records = source_records(scope, today=today, fingerprint=data_version())
    ref = reference(
        current=week,
        ref=before,
        qs=qs(before),
        current_orgs=this_orgs,
        book=SourceBook(records, today),
    )
    covered = int(ref.current_covered.sum())
    this_covered = (
        dict(this) if covered == DAYS else counts_on_days(this_qs, ref.current_covered, week.start)
    )
    ly = counts_by_source(qs(last_year))[0]
    ly_b = counts_by_source(qs(ly_before))[0]

    def vs_before(n: int, b: int) -> Comparison:
        return compare(n, b, Cover(DAYS, before.days, covered, ref.covered_days))

    cats = category_infos()
    rows = []
    for cid, cat in sorted(cats.items(), key=lambda kv: (kv[1].order, kv[1].code)):
        n, b = this.get(cid, 0), ref.by_category.get(cid, 0)
        y, yb = ly.get(cid, 0), ly_b.get(cid, 0)
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
                "vs_before": vs_before(
                    this_covered.get(cid, 0), ref.covered_by_category.get(cid, 0)
                ),
            }
        )
    totals = {
        "this_week": sum(this.values()),
        "weeks_before_mean": round(sum(ref.by_category.values()) / WEEKS_BEFORE, 1),
        "last_year": sum(ly.values()),
        "last_year_before_mean": round(sum(ly_b.values()) / WEEKS_BEFORE, 1),
        "vs_before": vs_before(sum(this_covered.values()), sum(ref.covered_by_category.values())),
    }
    recent = PictureParams("custom", before.start, week.end)
    figures = picture_for_user(user=user, params=recent)
    by_area: dict[str, dict[str, Any]] = {}
    for c in figures.hotspots.gi_cells:
        entry = by_area.setdefault(
            c.area, {"kind": "gi", "area": c.area, "cells": 0, "count": 0, "z": 0.0, "where": []}
        )
        entry["cells"] += 1
        entry["count"] += c.count
        entry["z"] = max(entry["z"], c.z or 0.0)
        entry["where"].append(c.where)
    places = sorted(by_area.values(), key=lambda e: -e["count"])[:8]
    places += [
        {
            "kind": "near_repeat",
            "area": a.area,
            "count": a.events,
            "latest": a.latest,
            "categories": a.categories,
            "ix": a.ix,
            "iy": a.iy,
            "where": [a.where],
        }
        for a in figures.near_repeat.alerts[:10]
    ]
    return {
        "week": week,
        "days": covered,
        "complete": week.end < today,
        "through": min(today, week.end),
        "iso": week.start.isocalendar(),
        "before": (before.start, before.end),
        "last_year": last_year,
        "last_year_before": (ly_before.start, ly_before.end),
        "rows": rows,
        "totals": totals,
        "places": places,
        "figures": figures,
        "recent": recent,
    }
