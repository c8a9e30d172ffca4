"""Parameters of a computed picture: a period, areas and categories."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.translation import gettext as _

PERIOD_KINDS = ("week", "month", "quarter", "year", "custom")
#: Ids are positive and fit the database's 64-bit key.
MAX_AREA_ID = 2**63 - 1
#: The longest custom period (a picture over more than this is better split).
MAX_DAYS = 3 * 366


class ParamError(ValueError):
    """A bad parameter; ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def period_containing(kind: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the week/month/quarter/year that contains ``day``."""
    if kind == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    if kind == "month":
        start = day.replace(day=1)
    elif kind == "quarter":
        start = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    elif kind == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    else:
        raise ParamError("period", _("unknown period %(kind)r") % {"kind": kind})
    months = 1 if kind == "month" else 3
    month = start.month + months
    year = start.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return start, dt.date(year, month, 1) - dt.timedelta(days=1)


def last_full_period(kind: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The latest complete week/month/quarter/year before ``today``."""
    start, _end = period_containing(kind, today)
    return period_containing(kind, start - dt.timedelta(days=1))


def period_label(kind: str, start: dt.date, end: dt.date) -> str:
    if kind == "week":
        iso = start.isocalendar()
        return _("week %(week)d, %(year)d") % {"week": iso.week, "year": iso.year}
    if kind == "month":
        return start.strftime("%Y-%m")
    if kind == "quarter":
        return _("quarter %(q)d, %(year)d") % {"q": (start.month - 1) // 3 + 1, "year": start.year}
    if kind == "year":
        return str(start.year)
    return f"{start.isoformat()} – {end.isoformat()}"


@dataclass(frozen=True)
class PictureParams:
    period_kind: str
    start: dt.date
    #: Inclusive.
    end: dt.date
    #: Chosen areas (ids); empty = the whole municipality.
    area_ids: tuple[int, ...] = field(default=())
    #: Chosen categories (codes); empty = every category.
    category_codes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.period_kind not in PERIOD_KINDS:
            raise ParamError("period", _("unknown period %(kind)r") % {"kind": self.period_kind})
        if self.end < self.start:
            raise ParamError("end", _("the last day is before the first day"))
        if self.days > MAX_DAYS:
            raise ParamError(
                "end", _("the period may be at most %(days)d days") % {"days": MAX_DAYS}
            )
        object.__setattr__(self, "area_ids", tuple(sorted(set(self.area_ids))))
        object.__setattr__(self, "category_codes", tuple(sorted(set(self.category_codes))))

    @classmethod
    def for_period(
        cls,
        kind: str,
        day: dt.date,
        *,
        area_ids: tuple[int, ...] = (),
        category_codes: tuple[str, ...] = (),
    ) -> PictureParams:
        start, end = period_containing(kind, day)
        return cls(kind, start, end, area_ids, category_codes)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        return period_label(self.period_kind, self.start, self.end)

    def previous(self) -> PictureParams:
        """The period of the same length just before (the previous week/month/…)."""
        if self.period_kind in ("month", "quarter", "year"):
            start, end = period_containing(self.period_kind, self.start - dt.timedelta(days=1))
            return replace(self, start=start, end=end)
        return replace(
            self,
            start=self.start - dt.timedelta(days=self.days),
            end=self.start - dt.timedelta(days=1),
        )

    def year_before(self) -> PictureParams:
        """The same period one year earlier (the same ISO week for a week)."""
        if self.period_kind == "week":
            iso = self.start.isocalendar()
            try:
                start = dt.date.fromisocalendar(iso.year - 1, iso.week, 1)
            except ValueError:  # week 53
                start = dt.date.fromisocalendar(iso.year - 1, 52, 1)
            return replace(self, start=start, end=start + dt.timedelta(days=6))
        return replace(self, start=_add_years(self.start, -1), end=_add_years(self.end, -1))

    def as_dict(self) -> dict[str, Any]:
        return {
            "period_kind": self.period_kind,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "area_ids": list(self.area_ids),
            "category_codes": list(self.category_codes),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PictureParams:
        return cls(
            period_kind=data["period_kind"],
            start=dt.date.fromisoformat(data["start"]),
            end=dt.date.fromisoformat(data["end"]),
            area_ids=tuple(int(v) for v in data.get("area_ids", ())),
            category_codes=tuple(str(v) for v in data.get("category_codes", ())),
        )


def _parse_date(value: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ParamError(name, _("not a date (YYYY-MM-DD): %(value)r") % {"value": value}) from None


def _area_ids(values: list[str]) -> list[int]:
    area_ids: list[int] = []
    for raw in values:
        try:
            area_id = int(raw)
        except ValueError:
            raise ParamError("area", _("not an area id: %(value)r") % {"value": raw}) from None
        if not 1 <= area_id <= MAX_AREA_ID:
            raise ParamError("area", _("not an area id: %(value)r") % {"value": raw})
        area_ids.append(area_id)
    return area_ids


def _check_unused_dates(query: Any) -> None:
    """Only a custom period uses ``start`` and ``end``, but a bad one is still named."""
    for name in ("start", "end"):
        if query.get(name):
            _parse_date(query.get(name), name)


def params_from_query(query: Any, *, today: dt.date) -> PictureParams:
    """Parameters from a query string: ``period`` (week/month/quarter/year/custom),
    ``at`` (a day inside the period; default: the latest full period), ``start``/``end``
    for custom, ``area`` (ids, repeated) and ``category`` (codes, repeated)."""

    def many(name: str) -> list[str]:
        values = query.getlist(name) if hasattr(query, "getlist") else query.get(name, [])
        if isinstance(values, str):
            values = [values]
        return [v for v in values if v]

    kind = (query.get("period") or "month").strip()
    if kind not in PERIOD_KINDS:
        raise ParamError("period", _("unknown period %(kind)r") % {"kind": kind})
    area_ids = _area_ids(many("area"))
    codes = tuple(many("category"))
    if kind == "custom":
        start_raw, end_raw = query.get("start") or "", query.get("end") or ""
        if not start_raw or not end_raw:
            raise ParamError("start", _("a custom period needs a first and a last day"))
        return PictureParams(
            "custom",
            _parse_date(start_raw, "start"),
            _parse_date(end_raw, "end"),
            tuple(area_ids),
            codes,
        )
    _check_unused_dates(query)
    at = query.get("at") or ""
    if at:
        start, end = period_containing(kind, _parse_date(at, "at"))
    else:
        start, end = last_full_period(kind, today)
    return PictureParams(kind, start, end, tuple(area_ids), codes)
