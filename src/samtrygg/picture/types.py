"""The computed picture as typed, versioned values.

``compute_picture`` returns a :class:`Picture`; code inside the application reads its
attributes. It becomes JSON only at the edges — the JSON API, the frozen figures of a
report and a published version (``Picture.to_json``) — and frozen JSON is read back with
``snapshots.read_picture``, which also reads the snapshots of earlier schema versions.

Schema history:

* 1 — the first frozen versions (a plain dictionary).
* 2 — comparisons carry the covered days of both periods and ``withheld``; periods and
  control-chart weeks say whether they are complete; hot-spot cells and alerts carry a
  cell id, centre coordinates and the nearest named place; the picture records the last
  day it covers (``data_through``) and the coverage of each contributing source.

The comparison types (``comparison_types``) and the figures over space (``spatial_types``)
are in modules of their own; this module re-exports them, so callers import every picture
type from here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar

from samtrygg.picture.comparison_types import Comparison, ComparisonPeriods, Span
from samtrygg.picture.spatial_types import (
    Alert,
    AreaGi,
    AreaGiRow,
    AreaOutline,
    CellPlace,
    GiCell,
    GridSpec,
    HotspotAccuracy,
    Hotspots,
    KnoxTable,
    NearRepeat,
)

__all__ = [
    "SCHEMA",
    "Alert",
    "AreaGi",
    "AreaGiRow",
    "AreaOutline",
    "AreaRow",
    "ByPeriod",
    "CategoryRow",
    "CellPlace",
    "Comparison",
    "ComparisonPeriods",
    "ControlChart",
    "ControlWeek",
    "Coverage",
    "GiCell",
    "GridSpec",
    "HotspotAccuracy",
    "Hotspots",
    "KnoxTable",
    "NamedCount",
    "NearRepeat",
    "Parameters",
    "PeriodRow",
    "Picture",
    "ScopeInfo",
    "SnapshotError",
    "SourceSpan",
    "Span",
    "SystemCount",
    "Totals",
    "WeekdayHour",
    "from_json",
    "to_json",
]

SCHEMA = 2

T = TypeVar("T")


# --- rows -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Parameters:
    period_kind: str
    start: dt.date
    end: dt.date
    area_ids: list[int]
    category_codes: list[str]
    label: str
    days: int


@dataclass(frozen=True)
class ScopeInfo:
    user: str
    name: str
    police_data: bool
    classifications: list[str]
    label: str


@dataclass(frozen=True)
class Totals:
    incidents: int
    mappable: int
    harm: float
    previous: Comparison
    year_before: Comparison


@dataclass(frozen=True)
class CategoryRow:
    code: str
    name: str
    colour: str
    count: int
    harm_weight: float
    harm: float
    near_repeat: bool
    previous: Comparison
    year_before: Comparison


@dataclass(frozen=True)
class AreaRow:
    id: int
    code: str
    name: str
    kind: str
    count: int
    population: int | None
    population_year: int | None
    rate_per_1000: float | None
    per_km2: float | None
    by_category: dict[str, int]


@dataclass(frozen=True)
class PeriodRow:
    label: str
    start: dt.date
    end: dt.date
    count: int
    #: False for a bucket cut by the period's edges or not over yet (``through``).
    complete: bool = True
    #: The last day counted when the bucket is not over yet.
    through: dt.date | None = None


@dataclass(frozen=True)
class ByPeriod:
    unit: str
    rows: list[PeriodRow]


@dataclass(frozen=True)
class WeekdayHour:
    table: list[list[int]]
    excluded: int
    max: int


@dataclass(frozen=True)
class ControlWeek:
    week: str
    count: int
    baseline: float | None
    ewma: float | None
    limit: float | None
    flagged: bool
    #: False for the week not over yet or cut by the period's edges: drawn apart, never
    #: flagged, its count the days it covers (as the bar chart counts them).
    complete: bool = True
    #: The last day counted when the week is not over yet (today).
    through: dt.date | None = None
    #: The first day counted when the period begins within the week.
    since: dt.date | None = None
    #: The last day counted when the period ends within the week.
    until: dt.date | None = None

    @property
    def counted(self) -> tuple[dt.date, dt.date]:
        """The first and last day the count covers."""
        year, number = self.week.split("-W")
        monday = dt.date.fromisocalendar(int(year), int(number), 1)
        last = self.through or self.until or monday + dt.timedelta(days=6)
        return self.since or monday, last


@dataclass(frozen=True)
class ControlChart:
    weeks: list[ControlWeek]
    flagged: list[str]
    note: str


@dataclass(frozen=True)
class NamedCount:
    name: str
    count: int


@dataclass(frozen=True)
class SystemCount:
    system: str
    count: int


@dataclass(frozen=True)
class SourceSpan:
    """A contributing source's record: from its first incident, without its gaps."""

    name: str
    first_day: dt.date
    last_day: dt.date
    count: int
    #: Runs of days in which the source reported nothing although its usual rate says it
    #: would have (see ``coverage``): ``[start, end]`` inclusive.
    gaps: list[Span] = field(default_factory=list)


@dataclass(frozen=True)
class Coverage:
    organisations: list[NamedCount]
    sources: list[SystemCount]
    weeks_without_reports: list[str]
    weeks_total: int
    police_notices: int
    police_notice_share: float | None
    total: int
    data_start: dt.date | None
    #: The sources the comparisons rest on (schema 2).
    on_record: list[SourceSpan] = field(default_factory=list)


@dataclass(frozen=True)
class Picture:
    schema: int
    parameters: Parameters
    comparison_periods: ComparisonPeriods
    scope: ScopeInfo
    #: The method's fixed choices (``method.METHOD``): recorded, not computed.
    method: dict[str, Any]
    totals: Totals
    by_category: list[CategoryRow]
    by_area: list[AreaRow]
    area_gi: AreaGi
    by_period: ByPeriod
    weekday_hour: WeekdayHour
    control_chart: ControlChart
    hotspots: Hotspots
    near_repeat: NearRepeat
    coverage: Coverage
    areas: list[AreaOutline]
    #: The last day the figures cover: the period's end, or today while it is not over.
    data_through: dt.date
    #: Whether the period was over (its last day had passed) when it was computed.
    complete: bool = True
    computed_at: dt.datetime | None = None

    def to_json(self) -> dict[str, Any]:
        """The JSON form (API, frozen figures); ``from_json`` reads it back."""
        return typing.cast(dict[str, Any], to_json(self))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Picture:
        """A picture from its JSON form in this schema (frozen figures of any schema are
        read with ``snapshots.read_picture``)."""
        if data.get("schema") != SCHEMA:
            raise SnapshotError(
                f"schema {data.get('schema')!r}: read older figures with snapshots.read_picture"
            )
        return from_json(cls, data)

    def with_computed_at(self, at: dt.datetime) -> Picture:
        return dataclasses.replace(self, computed_at=at)


# --- JSON at the edges ------------------------------------------------------------------------


def to_json(value: Any) -> Any:
    """Dataclasses, lists and dicts → JSON values; dates in ISO 8601."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class SnapshotError(ValueError):
    """Frozen figures that do not fit the picture's types; says where."""


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def from_json(cls: type[T], data: Any, path: str = "") -> T:
    """Build ``cls`` (a dataclass) from JSON values, checking each field's type. A missing
    field takes its default; an unknown one is ignored (a newer writer's addition)."""
    if not isinstance(data, dict):
        raise SnapshotError(f"{path or cls.__name__}: expected an object")
    kwargs: dict[str, Any] = {}
    hints = _hints(cls)
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        where = f"{path}.{f.name}" if path else f.name
        if f.name not in data:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise SnapshotError(f"{where}: missing")
            continue
        kwargs[f.name] = _convert(hints[f.name], data[f.name], where)
    return cls(**kwargs)


def _union(args: tuple[Any, ...], value: Any, path: str) -> Any:
    if value is None and type(None) in args:
        return None
    inner = [a for a in args if a is not type(None)]
    for candidate in inner[:-1]:
        try:
            return _convert(candidate, value, path)
        except SnapshotError:
            continue
    return _convert(inner[-1], value, path)


def _list(args: tuple[Any, ...], value: Any, path: str) -> Any:
    if not isinstance(value, list):
        raise SnapshotError(f"{path}: expected a list")
    return [_convert(args[0], v, f"{path}[{i}]") for i, v in enumerate(value)]


def _dict(args: tuple[Any, ...], value: Any, path: str) -> Any:
    if not isinstance(value, dict):
        raise SnapshotError(f"{path}: expected an object")
    return {str(k): _convert(args[1], v, f"{path}.{k}") for k, v in value.items()}


def _date(value: Any, path: str) -> dt.date:
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    raise SnapshotError(f"{path}: expected a date")


def _number(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SnapshotError(f"{path}: expected a number")
    return float(value)


def _whole(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise SnapshotError(f"{path}: expected a whole number")
    return int(value)


def _of_type(kind: type, what: str) -> Any:
    def check(value: Any, path: str) -> Any:
        if not isinstance(value, kind):
            raise SnapshotError(f"{path}: expected {what}")
        return value

    return check


_SCALARS: dict[Any, Any] = {
    dt.datetime: lambda value, path: dt.datetime.fromisoformat(value) if value else None,
    dt.date: _date,
    float: _number,
    int: _whole,
    bool: _of_type(bool, "true or false"),
    str: _of_type(str, "text"),
}
_GENERICS: dict[Any, Any] = {
    typing.Union: _union,
    types.UnionType: _union,
    list: _list,
    dict: _dict,
}


def _convert(hint: Any, value: Any, path: str) -> Any:
    if hint is Any:
        return value
    origin = typing.get_origin(hint)
    if origin in _GENERICS:
        return _GENERICS[origin](typing.get_args(hint), value, path)
    if dataclasses.is_dataclass(hint):
        return from_json(hint, value, path)  # type: ignore[arg-type]
    if hint in _SCALARS:
        return _SCALARS[hint](value, path)
    return value
