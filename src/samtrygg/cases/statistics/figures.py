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
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, cast

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max

from samtrygg.cases.models import AgeBandChoice, Case, CaseStub, Outcome, Programme
from samtrygg.cases.statistics.protection import LinkedFigures

QUARTERS_SHOWN = 8
QUARTERS_A_YEAR = 4
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
        if self.number == QUARTERS_A_YEAR:
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


def _years_covered(
    cases: list[dict[str, Any]], stubs: list[dict[str, Any]], window: list[Quarter]
) -> list[int]:
    first = window[0].year
    for row in cases:
        first = min(first, row["opened_on"].year)
    for row in stubs:
        first = min(first, row["opened_year"])
    return list(range(first, window[-1].year + 1))


Row = dict[str, Any]


def _count(rows: list[Row], test: Any) -> int:
    return sum(1 for r in rows if test(r))


def _open_at(r: Row, day: dt.date) -> bool:
    return bool(r["opened_on"] <= day and (r["closed_on"] is None or r["closed_on"] > day))


def _flows(figures: LinkedFigures, p: str, rows: list[Row], window: list[Quarter]) -> None:
    """Opened and closed per quarter, their totals, and the stock open at each quarter's
    end (open at the one before, plus opened, minus closed: one scan, then the sums)."""
    level = 1 if p == ALL else 0
    by_quarter = {
        "opened": Counter(Quarter.of(r["opened_on"]) for r in rows),
        "closed": Counter(Quarter.of(r["closed_on"]) for r in rows if r["closed_on"]),
    }
    for kind, counts in by_quarter.items():
        for q in window:
            figures.add((kind, p, q), counts[q], level=level)
        total = sum(counts[q] for q in window)
        figures.add((kind, p, "window"), total, level=level + 1)
        figures.relate((kind, p, "window"), [(kind, p, q) for q in window])
    before = window[0].previous()
    stock = _count(rows, lambda r: _open_at(r, before.end))
    figures.add(("active", p, before), stock, hidden=True)
    for q in window:
        stock += by_quarter["opened"][q] - by_quarter["closed"][q]
        figures.add(("active", p, q), stock, level=level)
        figures.relate(
            ("active", p, q), [("active", p, q.previous()), ("opened", p, q)], [("closed", p, q)]
        )


def _breakdowns(figures: LinkedFigures, p: str, rows: list[Row], window: list[Quarter]) -> None:
    """Opened cases by age band and closed cases by outcome over the window."""
    level = 1 if p == ALL else 0
    start, until = window[0].start, window[-1].end
    opened = [r for r in rows if start <= r["opened_on"] <= until]
    closed = [r for r in rows if r["closed_on"] is not None and start <= r["closed_on"] <= until]
    for field_name, kind, codes, population, total in (
        ("age_band", "age", AgeBandChoice.values, opened, "opened"),
        ("outcome", "outcome", Outcome.values, closed, "closed"),
    ):
        for code in codes:
            value = _count(population, lambda r, c=code, f=field_name: r[f] == c)
            figures.add((kind, p, code), value, level=level)
        figures.relate((total, p, "window"), [(kind, p, code) for code in codes])


def _yearly(
    figures: LinkedFigures,
    p: str,
    data: tuple[list[Row], list[Row]],
    span: tuple[list[int], list[Quarter]],
) -> None:
    """Opened and closed per calendar year (deleted cases through their stubs), tied to the
    quarters of the window that fall in the year; the rest of the year is hidden."""
    rows, stubs = data
    years, window = span
    until = window[-1].end
    per_year = {
        kind: Counter(r[f].year for r in rows if r[f] is not None and r[f] <= until)
        + Counter(s[stub_field] for s in stubs)
        for kind, f, stub_field in (
            ("opened", "opened_on", "opened_year"),
            ("closed", "closed_on", "closed_year"),
        )
    }
    for y in years:
        for kind in ("opened", "closed"):
            value = per_year[kind][y]
            parts = [(kind, p, q) for q in window if q.year == y]
            rest = value - sum(figures.figures[k].value for k in parts)
            figures.add((f"{kind}_year", p, y), value, level=1)
            figures.add((f"{kind}_rest", p, y), rest, hidden=True)
            figures.relate((f"{kind}_year", p, y), [*parts, (f"{kind}_rest", p, y)])


def _across_programmes(
    figures: LinkedFigures, programmes: list[str], window: list[Quarter]
) -> None:
    """Every figure of the row "all programmes" is the sum of the programmes' figures."""
    keys = [("opened", q) for q in [*window, "window"]] + [
        ("closed", q) for q in [*window, "window"]
    ]
    keys += [("active", q) for q in [window[0].previous(), *window]]
    keys += [("age", b) for b in AgeBandChoice.values] + [("outcome", o) for o in Outcome.values]
    for kind, column in keys:
        figures.relate((kind, ALL, column), [(kind, p, column) for p in programmes])


def figure_system(today: dt.date) -> tuple[LinkedFigures, list[Quarter], list[int]]:
    """Every figure that is published (or hidden behind a published one) as of ``today``,
    with the sums that tie them, before protection."""
    window = quarters_shown(today)
    cases, stubs = _rows()
    years = _years_covered(cases, stubs, window)
    programmes = list(Programme.values)
    figures = LinkedFigures()
    for p in [*programmes, ALL]:
        rows = cases if p == ALL else [r for r in cases if r["programme"] == p]
        _flows(figures, p, rows, window)
        _breakdowns(figures, p, rows, window)
        if p != ALL:
            mine = (rows, [s for s in stubs if s["programme"] == p])
            _yearly(figures, p, mine, (years, window))
    _across_programmes(figures, programmes, window)
    _plan_figures(figures, cases, years, window[-1].end)
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
