"""Storing police events and pulling them from the police's open feed.

``PoliceEventsReader`` turns a feed response or file into import chunks: every event of
the municipality is stored as received (``FeedItem``); events whose type maps to a
category become incidents of precision ``municipality`` (or ``county``); summaries, types
that are not about the safety of a place, and new types nobody has decided on yet stay
raw items only. A police summary that contains personal data is stored without it (the
incident keeps no description) and the item notes why.

``police_type_reapply`` applies a changed type decision to the events already stored, so a
type mapped late still gets its older events (the feed itself only repeats recent ones).

``police_feed_fetch`` makes one request with a descriptive User-Agent, at most
``MAX_REQUESTS_PER_HOUR`` per hour across all processes (the requests are counted in the
database, ``FeedRequest``).
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samtrygg.accounts.models import Organisation
from samtrygg.core.exceptions import ServiceError
from samtrygg.incidents.importer import ImportRefused, ImportReport, import_chunks
from samtrygg.incidents.models import (
    FeedItem,
    FeedRequest,
    FeedSource,
    Incident,
    PoliceTypeAction,
    PoliceTypeMapping,
    Precision,
    SourceSystem,
)
from samtrygg.incidents.policefeed import FeedParseError, ParsedEvent, parse_event, read_events
from samtrygg.incidents.screening import screen_text
from samtrygg.incidents.validation import RawChunk

MAX_REQUESTS_PER_HOUR = 60
TIMEOUT_SECONDS = 30
_LOCK_KEY = 4_711_001  # PostgreSQL advisory lock serialising the rate limiter


def _version() -> str:
    try:
        return importlib.metadata.version("samtrygg")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - not installed
        return "dev"


def user_agent() -> str:
    return (
        f"Samtrygg/{_version()} (open-source crime-prevention software; "
        f"{settings.SAMTRYGG_MUNICIPALITY} municipality; at most "
        f"{MAX_REQUESTS_PER_HOUR} requests per hour)"
    )


class RateLimited(ServiceError):
    def __init__(self, retry_after: dt.timedelta) -> None:
        self.retry_after = retry_after
        minutes = max(1, int(retry_after.total_seconds() // 60) + 1)
        super().__init__(
            _(
                "The police feed was asked %(limit)d times in the last hour; "
                "try again in %(minutes)d minutes."
            )
            % {"limit": MAX_REQUESTS_PER_HOUR, "minutes": minutes}
        )


class FeedFetchFailed(ServiceError):
    pass


def _same_place(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def _mappings() -> dict[str, tuple[str, str | None]]:
    return {
        m.police_type: (m.action, m.category.code if m.category else None)
        for m in PoliceTypeMapping.objects.select_related("category")
    }


def feed_items_store(
    entries: list[tuple[Any, ParsedEvent, str]],
) -> dict[int, int]:
    """Store (raw, parsed, note) items as received; returns police id → FeedItem id."""
    if not entries:
        return {}
    by_id = {event.police_id: (raw, event, note) for raw, event, note in entries}
    existing = {item.police_id: item for item in FeedItem.objects.filter(police_id__in=by_id)}
    new, changed = [], []
    for police_id, (raw, event, note) in by_id.items():
        values = {
            "raw": raw,
            "published_at": event.published_at,
            "occurred_at": event.occurred_at,
            "police_type": event.police_type[:100],
            "location_name": event.location_name[:100],
            "municipality": event.municipality[:100],
            "is_summary": event.is_summary,
            "note": note[:300],
        }
        item = existing.get(police_id)
        if item is None:
            new.append(FeedItem(police_id=police_id, **values))
        elif item.raw != raw or item.note != values["note"]:
            for key, value in values.items():
                setattr(item, key, value)
            changed.append(item)
    FeedItem.objects.bulk_create(new)
    FeedItem.objects.bulk_update(changed, [*values.keys(), "updated_at"])  # type: ignore[possibly-undefined]
    return dict(FeedItem.objects.filter(police_id__in=by_id).values_list("police_id", "pk"))


class PoliceEventsReader:
    """Police events (a feed response or a file) as import chunks."""

    def __init__(self, *, data: bytes, location: str | None, chunk_rows: int = 5_000) -> None:
        try:
            self.items = list(read_events(data))
        except FeedParseError as exc:
            raise ImportRefused(exc.message) from None
        self.total = len(self.items)
        #: Only this municipality's events are read ("" or "*": every event).
        self.location = "" if location in (None, "*") else location
        self.chunk_rows = chunk_rows
        self.skipped = 0
        self.new_types: set[str] = set()
        self.warnings: list[str] = []

    def chunks(self) -> Iterator[RawChunk]:
        mappings = _mappings()
        for start in range(0, self.total, self.chunk_rows):
            yield self._chunk(self.items[start : start + self.chunk_rows], mappings)
        if self.new_types:
            self.warnings.append(
                _("New police event types, kept as raw data until mapped: %s.")
                % ", ".join(sorted(self.new_types))
            )

    def _chunk(
        self, part: list[tuple[int, Any]], mappings: dict[str, tuple[str, str | None]]
    ) -> RawChunk:
        rows: list[int] = []
        records: list[list[str]] = []
        read_errors: dict[int, list[tuple[str, str]]] = {}
        columns: dict[str, list[str]] = {
            name: []
            for name in (
                "external_id",
                "occurred_from",
                "reported_at",
                "category",
                "lon",
                "lat",
                "precision",
                "address",
                "description",
            )
        }
        stored: list[tuple[Any, ParsedEvent, str]] = []
        incident_ids: list[int | None] = []

        def add_row(number: int, raw: Any, values: dict[str, str], police_id: int | None) -> None:
            rows.append(number)
            records.append([str(number), json.dumps(raw, ensure_ascii=False)])
            for name, column in columns.items():
                column.append(values.get(name, ""))
            incident_ids.append(police_id)

        for number, raw in part:
            try:
                event = parse_event(raw)
            except FeedParseError as exc:
                read_errors[len(rows)] = [(exc.field, exc.message)]
                add_row(number, raw, {}, None)
                continue
            if (
                self.location
                and not _same_place(event.municipality, self.location)
                and (not _same_place(event.location_name, self.location) or event.county_only)
            ):
                self.skipped += 1
                continue
            description, note = event.summary, ""
            if screen_text(description, today=timezone.localdate()):
                description = ""
                note = _("The summary contained personal data and was not kept.")
            stored.append((raw, event, note))
            action, category = mappings.get(event.police_type, (None, None))
            if action is None:
                action = PoliceTypeAction.SUMMARY if event.is_summary else PoliceTypeAction.UNMAPPED
                PoliceTypeMapping.objects.get_or_create(
                    police_type=event.police_type[:100], defaults={"action": action}
                )
                mappings[event.police_type] = (action, None)
                if action == PoliceTypeAction.UNMAPPED:
                    self.new_types.add(event.police_type)
            if action != PoliceTypeAction.INCIDENT or event.is_summary or not category:
                self.skipped += 1
                continue
            precision = Precision.COUNTY if event.county_only else Precision.MUNICIPALITY
            add_row(
                number,
                raw,
                {
                    "external_id": str(event.police_id),
                    "occurred_from": event.occurred_at.isoformat(),
                    "reported_at": event.published_at.isoformat(),
                    "category": category,
                    "lon": "" if event.lon is None else repr(event.lon),
                    "lat": "" if event.lat is None else repr(event.lat),
                    "precision": precision.value,
                    "address": event.municipality,
                    "description": description,
                },
                event.police_id,
            )
        feed_ids = feed_items_store(stored)
        return RawChunk(
            rows=rows,
            columns=columns,
            records=records,
            read_errors=read_errors,
            extra={"feed_item_id": [feed_ids.get(p) if p else None for p in incident_ids]},
        )


def _reserve_request(url: str) -> FeedRequest:
    """Count this request against the hourly limit, or refuse it (``RateLimited``)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        now = timezone.now()
        recent = FeedRequest.objects.filter(at__gt=now - dt.timedelta(hours=1))
        if recent.count() >= MAX_REQUESTS_PER_HOUR:
            oldest = recent.order_by("at").values_list("at", flat=True).first()
            assert oldest is not None
            raise RateLimited(oldest + dt.timedelta(hours=1) - now)
        return FeedRequest.objects.create(url=url[:500])


def feed_url(source: FeedSource, base_url: str | None = None) -> str:
    base = base_url or source.url or settings.POLICE_FEED_URL
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}{urllib.parse.urlencode({'locationname': source.location})}"


@dataclass
class FetchResult:
    request: FeedRequest
    report: ImportReport


def police_feed_fetch(*, source: FeedSource, base_url: str | None = None) -> FetchResult:
    """Pull one location's events now: store them raw and create or update incidents."""
    url = feed_url(source, base_url)
    scheme = urllib.parse.urlsplit(url).scheme
    if scheme not in ("http", "https"):
        raise FeedFetchFailed(_("The feed address must start with http:// or https://."))
    request_row = _reserve_request(url)
    http_request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url, headers={"User-Agent": user_agent(), "Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(http_request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            status = response.status
            body = response.read()
    except urllib.error.HTTPError as exc:
        _fail(source, request_row, exc.code, f"HTTP {exc.code} {exc.reason}")
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        _fail(source, request_row, None, str(reason))
    try:
        reader = PoliceEventsReader(data=body, location=source.location)
    except ImportRefused as exc:
        _fail(source, request_row, status, str(exc))
    report = import_chunks(
        chunks=reader.chunks(),
        total=reader.total,
        header=["item", "json"],
        source=source.organisation,
        source_system=SourceSystem.POLICE_FEED.value,
        classification=source.classification,
        skip_invalid=True,
        feed=reader,
    )
    request_row.status_code = status
    request_row.item_count = reader.total
    request_row.new_count = report.created
    if report.errors:
        request_row.error = "; ".join(str(e) for e in report.errors[:5])[:500]
    request_row.save(update_fields=["status_code", "item_count", "new_count", "error"])
    source.last_fetched_at = timezone.now()
    source.last_status = _(
        "%(items)d events, %(created)d new and %(updated)d updated incidents"
    ) % {"items": reader.total, "created": report.created, "updated": report.updated}
    source.save(update_fields=["last_fetched_at", "last_status", "updated_at"])
    return FetchResult(request=request_row, report=report)


def _fail(source: FeedSource, request_row: FeedRequest, status: int | None, error: str) -> Any:
    request_row.status_code = status
    request_row.error = error[:500]
    request_row.save(update_fields=["status_code", "error"])
    source.last_fetched_at = timezone.now()
    source.last_status = (_("Failed: %s") % error)[:300]
    source.save(update_fields=["last_fetched_at", "last_status", "updated_at"])
    raise FeedFetchFailed(source.last_status)


@dataclass
class ReapplyResult:
    created: int = 0
    updated: int = 0
    removed: int = 0
    #: Stored events whose source organisation is unknown (imported from a file, no feed
    #: source for their place): left as raw data.
    unplaced: int = 0


def _item_owner(
    item: FeedItem,
    linked: dict[int, tuple[int, str]],
    sources: list[FeedSource],
) -> tuple[int, str] | None:
    """(source organisation id, classification) the incidents of a stored item belong to:
    those of its existing incident, else of the feed source that pulls its place."""
    if item.pk in linked:
        return linked[item.pk]
    for source in sources:
        if _same_place(item.municipality, source.location) or _same_place(
            item.location_name, source.location
        ):
            return source.organisation_id, source.classification
    return None


@transaction.atomic
def police_type_reapply(*, mapping: PoliceTypeMapping) -> ReapplyResult:
    """Make the stored events of one police type what its mapping now says.

    Mapped to a category: every stored event of the type becomes (or is updated to) an
    incident of that category, through the same import as a pull. Not mapped: the incidents
    made from its events are removed (the raw events stay; mapping the type again brings them
    back). One transaction: either every event is re-read or none."""
    result = ReapplyResult()
    from_type = Incident.objects.filter(
        source_system=SourceSystem.POLICE_FEED, feed_item__police_type=mapping.police_type
    )
    if mapping.action != PoliceTypeAction.INCIDENT:
        result.removed = from_type.count()
        from_type.delete()
        return result
    items = list(FeedItem.objects.filter(police_type=mapping.police_type, is_summary=False))
    linked = {
        feed_item_id: (organisation_id, classification)
        for feed_item_id, organisation_id, classification in from_type.values_list(
            "feed_item_id", "source_organisation_id", "classification"
        )
    }
    sources = list(FeedSource.objects.order_by("pk"))
    groups: dict[tuple[int, str], list[Any]] = {}
    for item in items:
        owner = _item_owner(item, linked, sources)
        if owner is None:
            result.unplaced += 1
        else:
            groups.setdefault(owner, []).append(item.raw)
    organisations = Organisation.objects.in_bulk([org for org, _ in groups])
    for (organisation_id, classification), raws in groups.items():
        reader = PoliceEventsReader(data=json.dumps(raws).encode(), location=None)
        report = import_chunks(
            chunks=reader.chunks(),
            total=reader.total,
            header=["item", "json"],
            source=organisations[organisation_id],
            source_system=SourceSystem.POLICE_FEED.value,
            classification=classification,
            skip_invalid=True,
            feed=reader,
        )
        result.created += report.created
        result.updated += report.updated
    return result
