"""The anonymous case figures: the only case data that leaves the case teams.

Cases opened, closed and open at the end of each of the last eight complete quarters, per
programme; opened cases by age band at intake and closed cases by outcome over those
quarters; opened and closed cases per calendar year (deleted cases count through their
stubs); and, for SSPF, the share of cases with a plan within four weeks of opening.

Everything is counted up to the end of the last complete quarter, so the figures change
once a quarter (a day-by-day comparison reveals nothing), and everything is protected
together (``protection.LinkedFigures``) with ``SAMTRYGG_SUPPRESSION_THRESHOLD``: no count
from 1 to 4 is published or can be computed from what is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, cast

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max

from samtrygg.cases.models import AgeBandChoice, Case, CaseStub, Outcome, Programme
from samtrygg.cases.statistics.protection import LinkedFigures

QUARTERS_SHOWN = 8
PLAN_DAYS = 28
CACHE_SECONDS = 600
ALL = "*"


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> dt.date:
        if self.number == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 3 * self.number + 1, 1) - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{self.year} K{self.number}"

    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)


def quarters_shown(today: dt.date) -> list[Quarter]:
    """The last ``QUARTERS_SHOWN`` complete quarters, oldest first."""
    last = Quarter.of(today).previous()
    window = [last]
    while len(window) < QUARTERS_SHOWN:
        window.append(window[-1].previous())
    return window[::-1]


@dataclass
class CaseFigures:
    """Published values (``None``: suppressed) and what they cover."""

    threshold: int
    quarters: list[Quarter]
    years: list[int]
    programmes: list[str]
    opened: dict[tuple[str, Any], int | None] = field(default_factory=dict)
    closed: dict[tuple[str, Any], int | None] = field(default_factory=dict)
    active: dict[tuple[str, Any], int | None] = field(default_factory=dict)
    age: dict[tuple[str, str], int | None] = field(default_factory=dict)
    outcome: dict[tuple[str, str], int | None] = field(default_factory=dict)
    opened_year: dict[tuple[str, int], int | None] = field(default_factory=dict)
    closed_year: dict[tuple[str, int], int | None] = field(default_factory=dict)
    plan_within: dict[int, int | None] = field(default_factory=dict)
    plan_late: dict[int, int | None] = field(default_factory=dict)

    @property
    def until(self) -> dt.date:
        return self.quarters[-1].end

    def plan_share(self, year: int) -> float | None:
        """Per cent of SSPF cases opened in ``year`` with a plan within four weeks."""
        within, late = self.plan_within.get(year), self.plan_late.get(year)
        if within is None or late is None or within + late == 0:
            return None
        return 100.0 * within / (within + late)


def _rows() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    cases: list[dict[str, Any]] = [
        dict(row)
        for row in Case.objects.values(
            "programme", "opened_on", "closed_on", "age_band", "outcome", "plan_started_on"
        )
    ]
    stubs: list[dict[str, Any]] = [
        dict(row)
        for row in CaseStub.objects.values("programme", "opened_year", "closed_year", "outcome")
    ]
    return cases, stubs


def _years(
    cases: list[dict[str, Any]], stubs: list[dict[str, Any]], window: list[Quarter]
) -> list[int]:
    first = window[0].year
    for row in cases:
        first = min(first, row["opened_on"].year)
    for row in stubs:
        first = min(first, row["opened_year"])
    return list(range(first, window[-1].year + 1))


def figure_system(today: dt.date) -> tuple[LinkedFigures, list[Quarter], list[int]]:
    """Every figure that is published (or hidden behind a published one) as of ``today``,
    with the sums that tie them, before protection."""
    window = quarters_shown(today)
    until = window[-1].end
    cases, stubs = _rows()
    years = _years(cases, stubs, window)
    programmes = list(Programme.values)
    bands = list(AgeBandChoice.values)
    outcomes = list(Outcome.values)
    figures = LinkedFigures()
    add, relate = figures.add, figures.relate

    def count(rows: list[dict[str, Any]], test: Any) -> int:
        return sum(1 for r in rows if test(r))

    def opened_in(r: dict[str, Any], q: Quarter) -> bool:
        return bool(q.start <= r["opened_on"] <= q.end)

    def closed_in(r: dict[str, Any], q: Quarter) -> bool:
        return r["closed_on"] is not None and q.start <= r["closed_on"] <= q.end

    def open_at(r: dict[str, Any], day: dt.date) -> bool:
        return bool(r["opened_on"] <= day and (r["closed_on"] is None or r["closed_on"] > day))

    before = window[0].previous()
    for p in [*programmes, ALL]:
        mine = cases if p == ALL else [r for r in cases if r["programme"] == p]
        level = 1 if p == ALL else 0
        for kind, test in (("opened", opened_in), ("closed", closed_in)):
            for q in window:
                add((kind, p, q), count(mine, lambda r, q=q, test=test: test(r, q)), level=level)
            add(
                (kind, p, "window"),
                sum(figures.figures[(kind, p, q)].value for q in window),
                level=level + 1,
            )
            relate((kind, p, "window"), [(kind, p, q) for q in window])
        add(("active", p, before), count(mine, lambda r: open_at(r, before.end)), hidden=True)
        for q in window:
            add(("active", p, q), count(mine, lambda r, q=q: open_at(r, q.end)), level=level)
            relate(
                ("active", p, q),
                [("active", p, q.previous()), ("opened", p, q)],
                [("closed", p, q)],
            )
        in_window = [r for r in mine if window[0].start <= r["opened_on"] <= until]
        for b in bands:
            add(("age", p, b), count(in_window, lambda r, b=b: r["age_band"] == b), level=level)
        relate(("opened", p, "window"), [("age", p, b) for b in bands])
        closed_window = [
            r
            for r in mine
            if r["closed_on"] is not None and window[0].start <= r["closed_on"] <= until
        ]
        for o in outcomes:
            add(
                ("outcome", p, o),
                count(closed_window, lambda r, o=o: r["outcome"] == o),
                level=level,
            )
        relate(("closed", p, "window"), [("outcome", p, o) for o in outcomes])
        if p == ALL:
            continue
        my_stubs = [s for s in stubs if s["programme"] == p]
        for y in years:
            for kind, field_name, stub_field in (
                ("opened", "opened_on", "opened_year"),
                ("closed", "closed_on", "closed_year"),
            ):
                value = count(
                    mine,
                    lambda r, y=y, f=field_name: (
                        r[f] is not None and r[f].year == y and r[f] <= until
                    ),
                ) + count(my_stubs, lambda s, y=y, f=stub_field: s[f] == y)
                parts = [(kind, p, q) for q in window if q.year == y]
                rest = value - sum(figures.figures[k].value for k in parts)
                add((f"{kind}_year", p, y), value, level=1)
                add((f"{kind}_rest", p, y), rest, hidden=True)
                relate((f"{kind}_year", p, y), [*parts, (f"{kind}_rest", p, y)])
    for kind in ("opened", "closed", "active"):
        for q in window if kind != "active" else [before, *window]:
            relate((kind, ALL, q), [(kind, p, q) for p in programmes])
    for kind in ("opened", "closed"):
        relate((kind, ALL, "window"), [(kind, p, "window") for p in programmes])
    for b in bands:
        relate(("age", ALL, b), [("age", p, b) for p in programmes])
    for o in outcomes:
        relate(("outcome", ALL, o), [("outcome", p, o) for p in programmes])
    _plan_figures(figures, cases, years, until)
    return figures, window, years


def build_figures(today: dt.date, threshold: int | None = None) -> CaseFigures:
    threshold = threshold or settings.SAMTRYGG_SUPPRESSION_THRESHOLD
    figures, window, years = figure_system(today)
    published = figures.protect(threshold)
    result = CaseFigures(
        threshold=threshold, quarters=window, years=years, programmes=list(Programme.values)
    )
    for key, value in published.items():
        kind, *rest = cast(tuple[Any, ...], key)
        if kind in ("opened", "closed", "active", "age", "outcome", "opened_year", "closed_year"):
            getattr(result, kind)[(rest[0], rest[1])] = value
        elif kind in ("plan_within", "plan_late"):
            getattr(result, kind)[rest[0]] = value
    return result


def _plan_figures(
    figures: LinkedFigures, cases: list[dict[str, Any]], years: list[int], until: dt.date
) -> None:
    """SSPF cases opened each year: plan within four weeks, later, or not yet known."""
    sspf = [r for r in cases if r["programme"] == Programme.SSPF and r["opened_on"] <= until]
    for y in years:
        within = late = 0
        for r in (r for r in sspf if r["opened_on"].year == y):
            deadline = r["opened_on"] + dt.timedelta(days=PLAN_DAYS)
            started = r["plan_started_on"]
            if started is not None and started <= min(deadline, until):
                within += 1
            elif deadline <= until:
                late += 1
        total = figures.figures[("opened_year", Programme.SSPF, y)].value
        figures.add(("plan_within", y), within, level=0)
        figures.add(("plan_late", y), late, level=0)
        figures.add(("plan_unknown", y), total - within - late, hidden=True)
        figures.relate(
            ("opened_year", Programme.SSPF, y),
            [("plan_within", y), ("plan_late", y), ("plan_unknown", y)],
        )


def case_figures(today: dt.date) -> CaseFigures:
    """The figures as of ``today`` (cached: they change at most once a quarter, and the
    key changes with the data)."""
    stamp = Case.objects.aggregate(n=Count("pk"), at=Max("updated_at"))
    stubs = CaseStub.objects.count()
    at = stamp["at"].timestamp() if stamp["at"] else 0
    quarter = Quarter.of(today)
    key = (
        f"cases:figures:{quarter.year}q{quarter.number}:{settings.SAMTRYGG_SUPPRESSION_THRESHOLD}:"
        f"{stamp['n']}:{at}:{stubs}"
    )
    cached = cache.get(key)
    if cached is None:
        cached = build_figures(today)
        cache.set(key, cached, CACHE_SECONDS)
    return cached
