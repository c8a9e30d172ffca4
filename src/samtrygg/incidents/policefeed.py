"""The police's open events feed (``https://polisen.se/api/events``): parse, fetch, store.

The format has traps (see the tests' data README):

* ``datetime`` — the *publication* time — has an unpadded hour and a space before the
  offset: ``"2025-06-07 7:32:06 +02:00"``;
* the time of the event is only in ``name``: ``"06 juni 18.50, Trafikbrott, Kungsör"``,
  with a Swedish month and no year. The year comes from the publication time, and an
  event named ``31 december 23.10`` published on 1 January belongs to the year before;
* ``location.name`` is a municipality or (since 2026) a county; the municipality is then
  only the last comma-separated part of ``name``;
* ``location.gps`` is ``"lat,lon"``, the centroid of the municipality or county — never
  the place of the event, so such incidents get the precision ``municipality`` (or
  ``county``) and are never drawn as points or assigned to areas.

Besides the API's shape, the flattened JSON Lines shape of the crimecity3k archive
(``event_id``, ``location_name``, ``latitude``, ``longitude``) is read too. Items are
stored exactly as received (``FeedItem.raw``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from samtrygg.core import jsonlimits

STOCKHOLM = ZoneInfo("Europe/Stockholm")

MONTHS = {
    "januari": 1,
    "februari": 2,
    "mars": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "augusti": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}

_PUBLISHED = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?\s*$"
)
_NAME = re.compile(r"^\s*(\d{1,2}) ([a-zåäö]+) (\d{1,2})[.:](\d{2})\s*,\s*(.*)$", re.IGNORECASE)


class FeedParseError(ValueError):
    """One event could not be read; ``field`` names the part that was wrong, ``message``
    (in the active language) what is wrong with it: the import page shows both."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class ParsedEvent:
    police_id: int
    published_at: dt.datetime
    occurred_at: dt.datetime
    police_type: str
    name: str
    summary: str
    url: str
    #: ``location.name`` as given (a municipality or a county).
    location_name: str
    #: The municipality from the end of ``name`` (equal to a county name when the event
    #: concerns a whole county, e.g. the night summaries).
    municipality: str
    #: True when only a county is known.
    county_only: bool
    lat: float | None
    lon: float | None
    is_summary: bool


def parse_published(value: Any) -> dt.datetime:
    """``"2025-06-07 7:32:06 +02:00"`` → an aware datetime."""
    if not isinstance(value, str):
        raise FeedParseError("datetime", _("missing"))
    m = _PUBLISHED.match(value)
    if not m:
        raise FeedParseError("datetime", _("not a date and time: “%s”") % value)
    year, month, day, hour, minute = (int(g) for g in m.group(1, 2, 3, 4, 5))
    second = int(m.group(6) or 0)
    offset = m.group(7)
    try:
        if offset is None:
            tz: dt.tzinfo = STOCKHOLM
        elif offset == "Z":
            tz = dt.UTC
        else:
            sign = -1 if offset[0] == "-" else 1
            digits = offset[1:].replace(":", "")
            tz = dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except ValueError:
        raise FeedParseError("datetime", _("no such date and time: “%s”") % value) from None


def infer_event_time(
    day: int, month: int, hour: int, minute: int, published: dt.datetime
) -> dt.datetime:
    """The event's time from its day, month and clock time, in the year that fits.

    Events are published after they happen, so the event falls on or before the
    publication date: an event on 31 December published on 1 January is last year's.
    (A day of slack allows for clock differences.)
    """
    local_published = published.astimezone(STOCKHOLM)
    for year in (local_published.year, local_published.year - 1):
        try:
            candidate = dt.datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)
        except ValueError:  # 29 February in a year without it, 31 April, 24.00
            continue
        ahead = candidate - local_published
        if ahead <= dt.timedelta(days=1) and -ahead < dt.timedelta(days=300):
            return candidate
    raise FeedParseError(
        "name",
        _("no year makes %(when)s fit the publication time %(published)s")
        % {
            "when": f"{day:02d}/{month:02d} {hour:02d}.{minute:02d}",
            "published": published.isoformat(),
        },
    )


def parse_name(name: Any, published: dt.datetime) -> tuple[dt.datetime, str]:
    """``"06 juni 18.50, Trafikbrott, Kungsör"`` → (event time, ``"Trafikbrott, Kungsör"``)."""
    if not isinstance(name, str) or not name.strip():
        raise FeedParseError("name", _("missing"))
    m = _NAME.match(name)
    if not m:
        raise FeedParseError("name", _("does not start with a day, month and time: “%s”") % name)
    day, month_name, hour, minute, rest = m.groups()
    month = MONTHS.get(month_name.lower())
    if month is None:
        raise FeedParseError("name", _("unknown month “%s”") % month_name)
    return infer_event_time(int(day), month, int(hour), int(minute), published), rest


def _gps(raw: dict[str, Any]) -> tuple[float | None, float | None]:
    location = raw.get("location")
    if isinstance(location, dict) and location.get("gps"):
        parts = str(location["gps"]).split(",")
        if len(parts) != 2:
            raise FeedParseError("location.gps", _("not “lat,lon”: “%s”") % location["gps"])
        try:
            lat, lon = float(parts[0]), float(parts[1])
        except ValueError:
            raise FeedParseError("location.gps", _("not numbers: “%s”") % location["gps"]) from None
    elif raw.get("latitude") is not None and raw.get("longitude") is not None:
        try:
            lat, lon = float(raw["latitude"]), float(raw["longitude"])
        except (TypeError, ValueError):
            raise FeedParseError("latitude", _("not a number")) from None
    else:
        return None, None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise FeedParseError(
            "location.gps", _("outside the globe: %(lat)s,%(lon)s") % {"lat": lat, "lon": lon}
        )
    return lat, lon


def _location_name(raw: dict[str, Any]) -> str:
    location = raw.get("location")
    if isinstance(location, dict):
        return str(location.get("name") or "").strip()
    return str(raw.get("location_name") or "").strip()


def is_county(name: str) -> bool:
    return name.endswith(" län")


def is_summary_type(police_type: str) -> bool:
    return police_type.strip().lower().startswith("sammanfattning")


def parse_event(raw: Any) -> ParsedEvent:
    """One event in the API's shape (or the flattened archive shape)."""
    if not isinstance(raw, dict):
        raise FeedParseError("event", _("not a JSON object"))
    raw_id = raw.get("id", raw.get("event_id"))
    try:
        police_id = int(str(raw_id))
    except (TypeError, ValueError):
        raise FeedParseError("id", _("not a number: “%s”") % raw_id) from None
    police_type = str(raw.get("type") or "").strip()
    if not police_type:
        raise FeedParseError("type", _("missing"))
    published = parse_published(raw.get("datetime"))
    occurred, rest = parse_name(raw.get("name"), published)
    location_name = _location_name(raw)
    # The municipality is the last comma-separated part of the name; the type (which may
    # itself contain commas, "Trafikolycka, personskada") comes before it.
    municipality = rest.rsplit(",", 1)[-1].strip() if "," in rest else location_name
    if not municipality:
        municipality = location_name
    lat, lon = _gps(raw)
    return ParsedEvent(
        police_id=police_id,
        published_at=published,
        occurred_at=occurred,
        police_type=police_type,
        name=str(raw.get("name")),
        summary=str(raw.get("summary") or "").strip(),
        url=str(raw.get("url") or ""),
        location_name=location_name,
        municipality=municipality,
        county_only=is_county(municipality),
        lat=lat,
        lon=lon,
        is_summary=is_summary_type(police_type),
    )


def _whole_document(stripped: str) -> Any:
    """The file read as one JSON document, or None when it is JSON Lines."""
    try:
        return jsonlimits.loads(stripped)
    except jsonlimits.JSONTooDeep:
        raise FeedParseError("file", _("nested too deeply to be police events")) from None
    except json.JSONDecodeError as exc:
        if stripped[0] == "[":
            raise FeedParseError("file", _("not valid JSON: %s") % exc) from None
        return None  # JSON Lines


def read_events(data: bytes | str) -> Iterator[tuple[int, Any]]:
    """(item number, raw item) from a JSON array, an object holding one, or JSON Lines."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    stripped = text.lstrip()
    if not stripped:
        return
    document = _whole_document(stripped)
    if document is not None:
        if isinstance(document, dict):
            for key in ("events", "items", "data"):
                if isinstance(document.get(key), list):
                    document = document[key]
                    break
            else:
                document = [document]
        if not isinstance(document, list):
            raise FeedParseError("file", _("not a list of events"))
        yield from enumerate(document, start=1)
        return
    for number, line in enumerate(stripped.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, jsonlimits.loads(line)
        except jsonlimits.JSONTooDeep:
            raise FeedParseError(
                "file", _("line %(line)d is nested too deeply") % {"line": number}
            ) from None
        except json.JSONDecodeError as exc:
            raise FeedParseError(
                "file",
                _("line %(line)d is not valid JSON: %(error)s") % {"line": number, "error": exc},
            ) from None
