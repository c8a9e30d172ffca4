"""Every figure of the situational picture, computed from ``PictureData``.

The statistics are the analysis library's (``samtrygg.analysis``); this module and its
siblings only count, arrange and convert results into a typed ``Picture`` (``types``: the
same values are shown on the dashboard, frozen in published versions and printed in the
PDF): figures over time in ``temporal``, over space in ``spatial``, the method's fixed choices
in ``method``; the names are re-exported here.

Conventions (also in docs/situation.md):

* An incident belongs to the period in which it *started* (``occurred_from``).
* A comparison with an earlier period counts the days both periods are covered by the
  sources it rests on, with covered days as exposure, and is withheld below half coverage
  (``coverage``).
* Rates are per 1,000 inhabitants over the period (not annualised), with the area's
  population of the period's last year (or the nearest earlier year).
* The weekday × hour table uses the middle of the incident's interval when the interval is
  at most 12 hours; longer intervals are left out and counted in ``excluded``.
* Hotspots (grid counts, Gi*, kernel density) and near-repeat analysis use mappable
  incidents only (precision ``exact`` or ``address``); 250 m cells, Gi* with queen
  weights and Benjamini–Hochberg control at 5 %; Gaussian density with a 300 m bandwidth.
* Gi* on areas: incidents per km² of the rows' most common area kind, queen contiguity.
* Near repeat: Knox table with 100 m × 7 day bands up to 400 m and 28 days, 99
  permutations (seeded); an alert is an incident of a burglary-like category in the last
  14 days with at least one earlier one within 200 m and 14 days; alerts are reported per
  250 m cell, never as incident points.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import numpy as np

from samtrygg.analysis.harm import harm_weighted_count
from samtrygg.picture.coverage import Cover
from samtrygg.picture.data import POLICE_FEED, PictureData, Reference
from samtrygg.picture.method import (
    ALERT_DAYS,
    ALERT_DISTANCE,
    ALPHA,
    CELL,
    HEAT_MAX_HOURS,
    KDE_BANDWIDTH,
    KDE_SHOWN_SHARE,
    KNOX_DISTANCE_EDGES,
    KNOX_MIN_EVENTS,
    KNOX_PERMUTATIONS,
    KNOX_TIME_EDGES,
    METHOD,
    SEED,
    round_float,
)
from samtrygg.picture.spatial import (
    area_gi_figures,
    cell_centre_lonlat,
    grid_spec,
    hotspot_figures,
    near_repeat_figures,
    study_grid,
)
from samtrygg.picture.temporal import (
    bucket_label,
    bucket_starts,
    bucket_unit,
    by_period_figures,
    compare,
    control_chart_figures,
    local_days,
    week_start,
    weekday_hour_figures,
)
from samtrygg.picture.types import (
    SCHEMA,
    AreaOutline,
    AreaRow,
    CategoryRow,
    Comparison,
    ComparisonPeriods,
    Coverage,
    NamedCount,
    Parameters,
    Picture,
    ScopeInfo,
    SourceSpan,
    Span,
    SystemCount,
    Totals,
)

__all__ = [
    "ALERT_DAYS",
    "ALERT_DISTANCE",
    "ALPHA",
    "CELL",
    "HEAT_MAX_HOURS",
    "KDE_BANDWIDTH",
    "KDE_SHOWN_SHARE",
    "KNOX_DISTANCE_EDGES",
    "KNOX_MIN_EVENTS",
    "KNOX_PERMUTATIONS",
    "KNOX_TIME_EDGES",
    "METHOD",
    "SCHEMA",
    "SEED",
    "bucket_unit",
    "cell_centre_lonlat",
    "compare",
    "compute_picture",
    "grid_spec",
    "study_grid",
]


def _coverage(data: PictureData, days: np.ndarray) -> Coverage:
    orgs: Counter[str] = Counter()
    systems: Counter[str] = Counter()
    for org, system, n in data.sources:
        orgs[org] += n
        systems[system] += n
    total = sum(orgs.values())
    notices = systems.get(POLICE_FEED, 0)
    p = data.params
    weeks = [w for w in bucket_starts(p.start, p.end, "week") if w <= data.today]
    seen = set(week_start(days).astype(dt.date).tolist()) if days.size else set()
    empty = [bucket_label(w, "week") for w in weeks if w not in seen]
    used = sorted(set(data.previous.sources) | set(data.year_before.sources))
    on_record = [
        SourceSpan(
            name=r.name,
            first_day=r.first_day,
            last_day=r.last_day,
            count=r.count,
            gaps=[Span(a, b) for a, b in r.gaps],
        )
        for r in (data.records[o] for o in used if o in data.records)
    ]
    return Coverage(
        organisations=[NamedCount(k, v) for k, v in orgs.most_common()],
        sources=[SystemCount(k, v) for k, v in systems.most_common()],
        weeks_without_reports=empty,
        weeks_total=len(weeks),
        police_notices=notices,
        police_notice_share=round(notices / total, 4) if total else None,
        total=total,
        data_start=data.data_start,
        on_record=on_record,
    )


def _against(
    data: PictureData, ref: Reference, day_index: np.ndarray, keep: np.ndarray | None = None
) -> tuple[np.ndarray, int]:
    """Which of this period's incidents fall on days covered for ``ref``, and how many
    days that is. ``keep`` narrows the incidents (a category)."""
    on = ref.current_covered[day_index] if day_index.size else np.zeros(0, dtype=bool)
    if keep is not None:
        on = on & keep
    return on, int(ref.current_covered.sum())


def _comparison(
    data: PictureData, ref: Reference, count: int, reference: int, covered_days: int
) -> Comparison:
    cover = Cover(data.params.days, ref.days, covered_days, ref.covered_days)
    return compare(count, reference, cover)


def compute_picture(data: PictureData) -> Picture:
    """The whole picture (see the module docstring)."""
    a = data.arrays
    p = data.params
    prev, year = data.previous, data.year_before
    cats = data.categories
    n = len(a)
    days = local_days(a.local_time)
    day_index = (days - np.datetime64(p.start, "D")).astype(np.int64)

    cat_ids = sorted(cats, key=lambda c: (cats[c].order, cats[c].code))
    chosen = set(p.category_codes)
    position = {cid: k for k, cid in enumerate(cat_ids)}
    cat_index = np.array([position[c] for c in a.category_id.tolist()], dtype=np.int64)
    cat_counts = np.bincount(cat_index, minlength=len(cat_ids))
    codes = [cats[c].code for c in cat_ids]
    harm = harm_weighted_count(
        [codes[k] for k in cat_index.tolist()],
        {cats[c].code: cats[c].harm_weight for c in cat_ids},
    )
    # this period's incidents on the days covered for each comparison, per category
    on_prev, prev_days = _against(data, prev, day_index)
    on_year, year_days = _against(data, year, day_index)
    prev_counts = np.bincount(cat_index[on_prev], minlength=len(cat_ids))
    year_counts = np.bincount(cat_index[on_year], minlength=len(cat_ids))

    by_category = []
    for k, cid in enumerate(cat_ids):
        c = cats[cid]
        count = int(cat_counts[k])
        if chosen and c.code not in chosen:
            continue
        if not chosen and not (count or prev.by_category.get(cid) or year.by_category.get(cid)):
            continue
        by_category.append(
            CategoryRow(
                code=c.code,
                name=c.name,
                colour=c.colour,
                count=count,
                harm_weight=c.harm_weight,
                harm=round(harm.by_category.get(c.code, 0.0), 2),
                near_repeat=c.near_repeat,
                previous=_comparison(
                    data, prev, int(prev_counts[k]), prev.covered_by_category.get(cid, 0), prev_days
                ),
                year_before=_comparison(
                    data, year, int(year_counts[k]), year.covered_by_category.get(cid, 0), year_days
                ),
            )
        )

    # areas: unique incidents per area and per area × category
    areas = data.areas
    area_pos = {ar.id: k for k, ar in enumerate(areas)}
    keep = np.array([aid in area_pos for aid in a.pair_area.tolist()], dtype=bool)
    pair_event = a.pair_incident[keep]
    pair_row = np.array([area_pos[aid] for aid in a.pair_area[keep].tolist()], dtype=np.int64)
    area_counts = np.bincount(pair_row, minlength=len(areas)).astype(np.int64)
    cross = np.zeros((len(areas), len(cat_ids)), dtype=np.int64)
    if pair_event.size:
        np.add.at(cross, (pair_row, cat_index[pair_event]), 1)
    area_of_event: dict[int, str] = {}
    for e, r in zip(pair_event.tolist(), pair_row.tolist(), strict=True):
        area_of_event.setdefault(e, areas[r].name)
    by_area = []
    for k, ar in enumerate(areas):
        count = int(area_counts[k])
        rate = count / ar.population * 1000.0 if ar.population else None
        by_area.append(
            AreaRow(
                id=ar.id,
                code=ar.code,
                name=ar.name,
                kind=ar.kind,
                count=count,
                population=ar.population,
                population_year=ar.population_year,
                rate_per_1000=round_float(rate, 2),
                per_km2=round_float(count / ar.area_km2 if ar.area_km2 else None, 2),
                by_category={
                    cats[cid].code: int(cross[k, j]) for j, cid in enumerate(cat_ids) if cross[k, j]
                },
            )
        )

    def chosen_total(counts: dict[int, int]) -> int:
        return sum(v for cid, v in counts.items() if not chosen or cats[cid].code in chosen)

    grid = study_grid(areas, a.x[a.mappable], a.y[a.mappable])
    prev_p, year_p = p.previous(), p.year_before()
    return Picture(
        schema=SCHEMA,
        parameters=Parameters(
            period_kind=p.period_kind,
            start=p.start,
            end=p.end,
            area_ids=list(p.area_ids),
            category_codes=list(p.category_codes),
            label=p.label,
            days=p.days,
        ),
        comparison_periods=ComparisonPeriods(
            previous=Span(prev_p.start, prev_p.end), year_before=Span(year_p.start, year_p.end)
        ),
        scope=ScopeInfo(**data.scope.describe()),
        method=METHOD,
        totals=Totals(
            incidents=n,
            mappable=int(a.mappable.sum()),
            harm=round(harm.total, 2),
            previous=_comparison(
                data, prev, int(on_prev.sum()), chosen_total(prev.covered_by_category), prev_days
            ),
            year_before=_comparison(
                data, year, int(on_year.sum()), chosen_total(year.covered_by_category), year_days
            ),
        ),
        by_category=by_category,
        by_area=by_area,
        area_gi=area_gi_figures(areas, area_counts),
        by_period=by_period_figures(days, p.start, p.end, data.today),
        weekday_hour=weekday_hour_figures(data),
        control_chart=control_chart_figures(data),
        hotspots=hotspot_figures(data, grid),
        near_repeat=near_repeat_figures(data, grid, area_of_event),
        coverage=_coverage(data, days),
        areas=[
            AreaOutline(id=ar.id, code=ar.code, name=ar.name, geometry=ar.display) for ar in areas
        ],
        data_through=data.data_through,
        complete=p.end < data.today,
    )
