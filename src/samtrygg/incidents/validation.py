"""Validation of incoming incident rows, a chunk at a time, vectorised.

Rows come in as columns of strings (from a CSV file, GeoJSON properties, or a parsed
police event); out come typed columns ready for ``bulk.IncidentWriter`` and, for every
bad row, each field that is wrong and why. Free text is screened for personal data; a
row with personal data is rejected. The rules (limits, times in the future, inactive
categories, who may file restricted rows) are ``checks``', the same the report form and
the API go through.

Fields (the CSV columns; see the app README):
``external_id, occurred_from, occurred_to, reported_at, category, lon, lat, x, y,
precision, area, address, description, classification``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from django.utils.translation import gettext as _

from samtrygg.areas.spatial import to_3006, to_4326
from samtrygg.core.models import Classification
from samtrygg.core.numbers import number
from samtrygg.core.text import quoted_list
from samtrygg.incidents.bulk import IncidentColumns
from samtrygg.incidents.checks import (
    ADDRESS_MAX,
    DESCRIPTION_MAX,
    EXTERNAL_ID_MAX,
    IN_THE_FUTURE,
    INACTIVE_CATEGORY,
    LAT_RANGE,
    LON_RANGE,
    RESTRICTED_REFUSED,
    X_RANGE,
    Y_RANGE,
    classification_refused,
    in_the_future,
    too_long,
    within,
)
from samtrygg.incidents.models import Precision
from samtrygg.incidents.parsing import parse_datetimes, parse_floats
from samtrygg.incidents.screening import describe_findings, screen_texts

FIELDS = (
    "external_id",
    "occurred_from",
    "occurred_to",
    "reported_at",
    "category",
    "lon",
    "lat",
    "x",
    "y",
    "precision",
    "area",
    "address",
    "description",
    "classification",
)
ALIASES = {
    "id": "external_id",
    "longitude": "lon",
    "lng": "lon",
    "latitude": "lat",
    "occurred_at": "occurred_from",
    "from": "occurred_from",
    "to": "occurred_to",
    "area_code": "area",
}
#: Columns of a rejects file: ignored on import, so a corrected rejects file imports as is.
IGNORED_COLUMNS = ("row", "reason")


def canonical_field(name: str) -> str:
    key = name.strip().lower().replace(" ", "_").replace("-", "_")
    return ALIASES.get(key, key)


@dataclass
class RawChunk:
    """Rows of one chunk: row numbers, string columns, and the original records."""

    rows: list[int]
    columns: dict[str, list[str]]
    #: The original records, for the rejects file.
    records: list[list[str]]
    #: Problems found while reading (a row with too many fields, a bad geometry).
    read_errors: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    #: Per-row values that are not strings (the police feed's item ids).
    extra: dict[str, list[Any]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rows)


@dataclass
class ChunkResult:
    columns: IncidentColumns
    #: Positions (in the chunk) of the rows in ``columns``.
    kept: np.ndarray
    #: Position → [(field, message)] for every rejected row.
    errors: dict[int, list[tuple[str, str]]]


def _strip(values: list[str]) -> list[str]:
    return [v.strip() if v else "" for v in values]


class ChunkValidator:
    """Validates chunks of one import; remembers external ids across chunks."""

    def __init__(
        self,
        *,
        categories: dict[str, int],
        areas: dict[str, int],
        default_classification: str,
        allow_restricted: bool,
        now: dt.datetime,
        tz: dt.tzinfo | None = None,
        inactive_categories: frozenset[int] = frozenset(),
    ) -> None:
        self.categories = categories
        self.inactive_categories = inactive_categories
        self.areas = areas
        self.default_classification = default_classification
        self.allow_restricted = allow_restricted
        self.now = now
        self.tz = tz or ZoneInfo("Europe/Stockholm")
        self.seen_external: dict[str, int] = {}

    def validate(self, chunk: RawChunk) -> ChunkResult:
        n = len(chunk)
        errors: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for pos, problems in chunk.read_errors.items():
            errors[pos].extend(problems)

        def col(name: str) -> list[str] | None:
            """A text column, stripped."""
            values = chunk.columns.get(name)
            return _strip(values) if values is not None else None

        def raw(name: str) -> list[str] | None:
            """A column parsed as numbers or times (the parsers allow spaces)."""
            return chunk.columns.get(name)

        def fail(mask: np.ndarray, fld: str, message: str) -> None:
            for pos in np.flatnonzero(mask).tolist():
                errors[pos].append((fld, message))

        # --- external id ---------------------------------------------------------------
        external: list[str | None] = [None] * n
        raw_external = col("external_id")
        if raw_external is not None:
            external = [v or None for v in raw_external]
            present = [v for v in external if v is not None]
            fresh = set(present)
            if (
                len(fresh) == len(present)
                and max(map(len, present), default=0) <= EXTERNAL_ID_MAX
                and self.seen_external.keys().isdisjoint(fresh)
            ):
                # The common case, at C speed: no id too long, none seen before.
                if len(present) == n:
                    self.seen_external.update(zip(present, chunk.rows, strict=True))
                else:
                    self.seen_external.update(
                        (v, row) for v, row in zip(external, chunk.rows, strict=True) if v
                    )
            else:
                self._check_external(external, chunk.rows, errors)

        # --- times ---------------------------------------------------------------------
        raw_from = raw("occurred_from") or [""] * n
        occurred_from, missing, bad, _date_only = parse_datetimes(raw_from, self.tz)
        fail(missing, "occurred_from", _("required"))
        fail(bad, "occurred_from", _("not a date and time (use YYYY-MM-DD HH:MM)"))
        fail(in_the_future(occurred_from, self.now), "occurred_from", str(IN_THE_FUTURE))
        occurred_to = occurred_from
        raw_to = raw("occurred_to")
        if raw_to is not None and any(raw_to):
            # A date alone means "until the end of that day".
            parsed_to, missing_to, bad_to, _d = parse_datetimes(raw_to, self.tz, end_of_day=True)
            fail(bad_to, "occurred_to", _("not a date and time (use YYYY-MM-DD HH:MM)"))
            occurred_to = np.where(missing_to | bad_to, occurred_from, parsed_to)
            ends_early = ~missing_to & ~bad_to & ~missing & ~bad & (occurred_to < occurred_from)
            fail(ends_early, "occurred_to", _("is before “occurred_from”"))
            fail(
                ~missing_to & ~bad_to & in_the_future(parsed_to, self.now),
                "occurred_to",
                str(IN_THE_FUTURE),
            )
        reported_at = None
        raw_reported = raw("reported_at")
        if raw_reported is not None and any(raw_reported):
            parsed_rep, missing_rep, bad_rep, _d = parse_datetimes(raw_reported, self.tz)
            fail(bad_rep, "reported_at", _("not a date and time (use YYYY-MM-DD HH:MM)"))
            now64 = np.datetime64(self.now.replace(tzinfo=None), "s")
            reported_at = np.where(missing_rep | bad_rep, now64, parsed_rep)

        # --- category ------------------------------------------------------------------
        raw_category = raw("category") or [""] * n
        lookup = self.categories
        category_id = np.fromiter((lookup.get(v, -1) for v in raw_category), np.int64, n)
        for pos in np.flatnonzero(category_id < 0).tolist():
            value = raw_category[pos].strip()
            found = lookup.get(value.lower(), -1)
            if found >= 0:
                category_id[pos] = found
            else:
                errors[pos].append(
                    ("category", _("unknown category “%s”") % value if value else _("required"))
                )
        if self.inactive_categories:
            inactive = np.isin(category_id, list(self.inactive_categories))
            fail(inactive, "category", str(INACTIVE_CATEGORY))

        # --- location ------------------------------------------------------------------
        lon = lat = x = y = np.full(n, np.nan)
        has_point = np.zeros(n, dtype=bool)
        # Rows that give a location which is wrong: the wrong field's message is the one
        # message about the place (not also "no location").
        place_given = np.zeros(n, dtype=bool)
        raw_lon, raw_lat, raw_x, raw_y = raw("lon"), raw("lat"), raw("x"), raw("y")
        if raw_lon is not None or raw_lat is not None:
            lon, lon_missing, lon_bad = parse_floats(raw_lon or [""] * n)
            lat, lat_missing, lat_bad = parse_floats(raw_lat or [""] * n)
            place_given |= ~lon_missing | ~lat_missing
            fail(lon_bad, "lon", _("not a number"))
            fail(lat_bad, "lat", _("not a number"))
            fail(lon_missing & ~lat_missing, "lon", _("missing (“lat” is given)"))
            fail(lat_missing & ~lon_missing, "lat", _("missing (“lon” is given)"))
            ok = ~lon_missing & ~lat_missing & ~lon_bad & ~lat_bad
            out, messages = _outside_sweden(
                ok, (lon, lat), (("lon", LON_RANGE), ("lat", LAT_RANGE)), _("WGS84 degrees")
            )
            for mask, fld, message in messages:
                fail(mask, fld, message)
            has_point = ok & ~out
        if raw_x is not None or raw_y is not None:
            px, x_missing, x_bad = parse_floats(raw_x or [""] * n)
            py, y_missing, y_bad = parse_floats(raw_y or [""] * n)
            place_given |= ~x_missing | ~y_missing
            fail(x_bad, "x", _("not a number"))
            fail(y_bad, "y", _("not a number"))
            fail(x_missing & ~y_missing, "x", _("missing (“y” is given)"))
            fail(y_missing & ~x_missing, "y", _("missing (“x” is given)"))
            ok_xy = ~x_missing & ~y_missing & ~x_bad & ~y_bad & ~has_point
            out_xy, messages = _outside_sweden(
                ok_xy, (px, py), (("x", X_RANGE), ("y", Y_RANGE)), _("SWEREF 99 TM metres")
            )
            for mask, fld, message in messages:
                fail(mask, fld, message)
            use_xy = ok_xy & ~out_xy
            if use_xy.any():
                lon = lon.copy()
                lat = lat.copy()
                lon[use_xy], lat[use_xy] = to_4326(px[use_xy], py[use_xy])
                has_point = has_point | use_xy
        x = np.full(n, np.nan)
        y = np.full(n, np.nan)
        if has_point.any():
            x[has_point], y[has_point] = to_3006(lon[has_point], lat[has_point])
        lon = np.where(has_point, lon, np.nan)
        lat = np.where(has_point, lat, np.nan)

        raw_area = col("area")
        area_id: list[int | None] | None = None
        if raw_area is not None and any(raw_area):
            area_id = [self.areas.get(v) if v else None for v in raw_area]
            for pos, (code, area) in enumerate(zip(raw_area, area_id, strict=True)):
                if code and area is None:
                    errors[pos].append(("area", _("unknown area code “%s”") % code))
                    place_given[pos] = True

        address = col("address") or [""] * n
        for pos in too_long(address, ADDRESS_MAX):
            errors[pos].append(("address", _("longer than %d characters") % ADDRESS_MAX))

        precision = self._precision(
            col("precision"), has_point, place_given, address, area_id, n, errors
        )

        # --- free text -----------------------------------------------------------------
        description = col("description") or [""] * n
        for pos in too_long(description, DESCRIPTION_MAX):
            errors[pos].append(("description", _("longer than %d characters") % DESCRIPTION_MAX))
        # One screening pass over both free-text columns.
        today = self.now.astimezone(self.tz).date()  # the Swedish day, not the wall clock's
        for pos, findings in screen_texts([*description, *address], today=today).items():
            name, row = ("description", pos) if pos < n else ("address", pos - n)
            errors[row].append((name, describe_findings(findings)))

        classification = self._classification(col("classification"), n, errors)

        # --- keep the good rows ----------------------------------------------------------
        bad_rows = np.zeros(n, dtype=bool)
        if errors:
            bad_rows[list(errors)] = True
        kept = np.flatnonzero(~bad_rows)
        keep = kept.tolist()

        def pick(values: Sequence[Any]) -> list[Any]:
            return list(values) if len(keep) == n else [values[i] for i in keep]

        feed_items = chunk.extra.get("feed_item_id")
        columns = IncidentColumns(
            occurred_from=occurred_from[kept],
            occurred_to=occurred_to[kept]
            if occurred_to is not occurred_from
            else occurred_from[kept],
            reported_at=reported_at[kept] if reported_at is not None else None,
            category_id=category_id[kept],
            lon=lon[kept],
            lat=lat[kept],
            x=x[kept],
            y=y[kept],
            precision=pick(precision),
            address=pick(address),
            description=pick(description),
            external_id=pick(external),
            classification=pick(classification),
            area_id=pick(area_id) if area_id is not None else None,
            feed_item_id=pick(feed_items) if feed_items is not None else None,
        )
        return ChunkResult(columns=columns, kept=kept, errors=dict(errors))

    def _check_external(
        self,
        external: list[str | None],
        rows: list[int],
        errors: dict[int, list[tuple[str, str]]],
    ) -> None:
        for pos, value in enumerate(external):
            if value is None:
                continue
            if len(value) > EXTERNAL_ID_MAX:
                errors[pos].append(
                    ("external_id", _("longer than %d characters") % EXTERNAL_ID_MAX)
                )
                continue
            first = self.seen_external.setdefault(value, rows[pos])
            if first != rows[pos]:
                # Refused, not "the last row stands": one of the two rows is a mistake,
                # and only the person who made the file knows which.
                errors[pos].append(("external_id", _("same as row %(row)d") % {"row": first}))

    def _precision(
        self,
        raw: list[str] | None,
        has_point: np.ndarray,
        place_given: np.ndarray,
        address: list[str],
        area_id: list[int | None] | None,
        n: int,
        errors: dict[int, list[tuple[str, str]]],
    ) -> list[str]:
        if raw is None and bool(has_point.all()):
            return [Precision.EXACT.value] * n
        allowed = set(Precision.values)
        result: list[str] = []
        point = has_point.tolist()
        # A wrong place has its message already (the wrong field's).
        wrong_place = (place_given & ~has_point).tolist()
        for pos in range(n):
            value = raw[pos].lower() if raw is not None else ""
            has_area = area_id is not None and area_id[pos] is not None
            if not value:
                if point[pos]:
                    value = Precision.EXACT.value
                elif has_area:
                    value = Precision.AREA.value
                elif address[pos]:
                    value = Precision.ADDRESS.value
                elif not wrong_place[pos]:
                    errors[pos].append(
                        (
                            "lon",
                            _(
                                "no location: give “lon” and “lat”, “x” and “y”, “address” "
                                "or “area”"
                            ),
                        )
                    )
                    value = Precision.EXACT.value
                else:
                    value = Precision.EXACT.value
            elif value not in allowed:
                errors[pos].append(
                    (
                        "precision",
                        _("unknown precision “%(value)s” (use one of %(allowed)s)")
                        % {"value": value, "allowed": quoted_list(Precision.values)},
                    )
                )
            elif value == Precision.EXACT and not point[pos] and not wrong_place[pos]:
                errors[pos].append(
                    (
                        "lon",
                        _(
                            "“precision” is “exact” but neither “lon” and “lat” nor “x” and “y” "
                            "are given"
                        ),
                    )
                )
            elif value == Precision.ADDRESS and not point[pos] and not address[pos]:
                errors[pos].append(
                    ("address", _("“precision” is “address” but “address” is empty"))
                )
            elif value == Precision.AREA and not has_area:
                errors[pos].append(("area", _("“precision” is “area” but “area” is empty")))
            result.append(value)
        return result

    def _classification(
        self, raw: list[str] | None, n: int, errors: dict[int, list[tuple[str, str]]]
    ) -> list[str]:
        default = self.default_classification
        if raw is None or not any(raw):
            return [default] * n
        allowed = set(Classification.values)
        result = []
        for pos, value in enumerate(raw):
            value = value.lower() or default
            if value not in allowed:
                errors[pos].append(
                    (
                        "classification",
                        _("unknown classification “%(value)s” (use one of %(allowed)s)")
                        % {"value": value, "allowed": quoted_list(Classification.values)},
                    )
                )
            elif classification_refused(value, restricted_allowed=self.allow_restricted):
                errors[pos].append(("classification", str(RESTRICTED_REFUSED)))
            result.append(value)
        return result


def _bound(value: float) -> str:
    return number(value, 0 if value.is_integer() else 1)


def _outside_sweden(
    ok: np.ndarray,
    values: tuple[np.ndarray, np.ndarray],
    axes: tuple[tuple[str, tuple[float, float]], tuple[str, tuple[float, float]]],
    unit: str,
) -> tuple[np.ndarray, list[tuple[np.ndarray, str, str]]]:
    """Which of the ``ok`` (parsed, both given) points lie outside Sweden, and for them one
    message each, on the field that is wrong: the one out of its range, or, both out, the
    two swapped (if they fit the other way round) or the point: (rows, field, message)."""
    (first, first_bounds), (second, second_bounds) = axes
    first_out = ok & ~within(values[0], first_bounds)
    second_out = ok & ~within(values[1], second_bounds)
    messages = [
        (
            mask,
            name,
            _("not in Sweden: “%(field)s” must be between %(min)s and %(max)s (%(unit)s)")
            % {"field": name, "min": _bound(low), "max": _bound(high), "unit": unit},
        )
        for mask, name, (low, high) in (
            (first_out & ~second_out, first, first_bounds),
            (second_out & ~first_out, second, second_bounds),
        )
    ]
    both = first_out & second_out
    swapped = both & within(values[1], first_bounds) & within(values[0], second_bounds)
    pair = {"first": first, "second": second, "unit": unit}
    messages.append(
        (
            swapped,
            first,
            _(
                "“%(first)s” and “%(second)s” seem swapped (the point is in Sweden with them "
                "the other way round)"
            )
            % pair,
        )
    )
    messages.append(
        (
            both & ~swapped,
            first,
            _("the point (“%(first)s”, “%(second)s”) is not in Sweden (%(unit)s)") % pair,
        )
    )
    out: np.ndarray = first_out | second_out
    return out, messages
