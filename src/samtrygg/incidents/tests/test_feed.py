"""Pulling the police events feed from a local HTTP server (never the outside network):
raw storage, incidents, the User-Agent, the hourly limit, the self-scheduling chain."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone

from samtrygg.accounts.models import Organisation, OrganisationKind
from samtrygg.incidents import services
from samtrygg.incidents.dataversion import data_version
from samtrygg.incidents.feedstore import (
    MAX_REQUESTS_PER_HOUR,
    FeedFetchFailed,
    RateLimited,
    police_feed_fetch,
)
from samtrygg.incidents.models import (
    Category,
    FeedItem,
    FeedRequest,
    FeedSource,
    Incident,
    PoliceTypeMapping,
    Precision,
    SourceSystem,
)
from samtrygg.incidents.tasks import police_feed_poll_task
from samtrygg.testing.actors import member

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
API_SAMPLE = (DATA / "polisen_api_events_sample_2025-06-07_dnouri.json").read_bytes()


class FeedServer:
    def __init__(self) -> None:
        self.body = API_SAMPLE
        self.status = 200
        self.requests: list[dict[str, str]] = []
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.requests.append(
                    {"path": self.path, "agent": self.headers.get("User-Agent", "")}
                )
                self.send_response(owner.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(owner.body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/api/events"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer()
    yield server
    server.close()


@pytest.fixture
def police(db: Any) -> Organisation:
    return Organisation.objects.create(
        name="Polisen test", code="polis-test", kind=OrganisationKind.POLICE
    )


def test_fetch_stores_raw_items_and_creates_incidents(feed_server, police) -> None:  # type: ignore[no-untyped-def]
    source = FeedSource.objects.create(location="Malmö", organisation=police, url=feed_server.url)
    before = data_version()
    result = police_feed_fetch(source=source)
    assert result.report.created == 1
    # Every cached picture is now out of date.
    assert data_version() != before
    request = feed_server.requests[0]
    assert request["path"] == "/api/events?locationname=Malm%C3%B6"
    assert request["agent"].startswith("Samtrygg/") and "60 requests per hour" in request["agent"]
    incident = Incident.objects.get()
    assert incident.source_system == SourceSystem.POLICE_FEED
    assert incident.source_organisation == police
    assert incident.precision == Precision.MUNICIPALITY
    assert incident.classification == "open"
    assert incident.description == "Man gripen, Malmö."
    assert incident.occurred_from == dt.datetime(2025, 6, 7, 4, 32, tzinfo=dt.UTC)
    item = FeedItem.objects.get()
    assert item.raw["location"] == {"name": "Malmö", "gps": "55.604981,13.003822"}
    assert FeedRequest.objects.get().item_count == 8
    source.refresh_from_db()
    assert source.last_fetched_at is not None and "1" in source.last_status
    # The next pull updates the same incident.
    assert police_feed_fetch(source=source).report.updated == 1
    assert Incident.objects.count() == 1


def test_new_types_wait_for_a_decision_and_pii_is_dropped(feed_server, police) -> None:  # type: ignore[no-untyped-def]
    feed_server.body = (
        b'[{"id": 1, "datetime": "2025-01-01 0:30:00 +01:00", "name": "31 december 23.10, '
        b'Nytt brott, V\xc3\xa4ster\xc3\xa5s", "summary": "x", "type": "Nytt brott", '
        b'"location": {"name": "V\xc3\xa4ster\xc3\xa5s", "gps": "59.609901,16.544809"}},'
        b'{"id": 2, "datetime": "2025-01-01 0:40:00 +01:00", "name": "31 december 23.20, '
        b'Brand, V\xc3\xa4ster\xc3\xa5s", "summary": "Ring 070-123 45 67", "type": "Brand", '
        b'"location": {"name": "V\xc3\xa4ster\xc3\xa5s", "gps": "59.609901,16.544809"}}]'
    )
    source = FeedSource.objects.create(
        location="Västerås", organisation=police, url=feed_server.url
    )
    result = police_feed_fetch(source=source)
    assert result.report.created == 1 and result.report.skipped == 1
    assert PoliceTypeMapping.objects.get(police_type="Nytt brott").action == "unmapped"
    assert "Nytt brott" in result.report.warnings[0]
    fire = Incident.objects.get()
    assert fire.description == ""
    assert fire.occurred_from.year == 2024  # 31 December, published on New Year's night
    assert "personuppgifter" in FeedItem.objects.get(police_id=2).note


def test_a_type_mapped_late_turns_its_stored_events_into_incidents(feed_server, police) -> None:  # type: ignore[no-untyped-def]
    def event(police_id: int, day: int) -> bytes:
        return (
            f'{{"id": {police_id}, "datetime": "2025-03-{day:02d} 9:00:00 +01:00", '
            f'"name": "{day} mars 08.10, Nytt brott, V\u00e4ster\u00e5s", "summary": "x", '
            '"type": "Nytt brott", '
            '"location": {"name": "V\u00e4ster\u00e5s", "gps": "59.609901,16.544809"}}'
        ).encode()

    feed_server.body = b"[" + event(11, 3) + b"," + event(12, 4) + b"]"
    source = FeedSource.objects.create(
        location="Västerås", organisation=police, url=feed_server.url, classification="internal"
    )
    police_feed_fetch(source=source)
    assert Incident.objects.count() == 0 and FeedItem.objects.count() == 2
    # the feed has moved on: the two events are no longer in it
    feed_server.body = b"[]"
    police_feed_fetch(source=source)
    mapping = PoliceTypeMapping.objects.get(police_type="Nytt brott")
    fire = Category.objects.get(code="brand")
    result = services.police_type_update(
        actor=member("coordinator"), mapping=mapping, action="incident", category=fire
    )
    assert (result.created, result.updated, result.removed, result.unplaced) == (2, 0, 0, 0)
    incidents = Incident.objects.order_by("external_id")
    assert [i.external_id for i in incidents] == ["11", "12"]
    assert {(i.category_id, i.source_organisation_id, i.classification) for i in incidents} == {
        (fire.pk, police.pk, "internal")
    }
    assert {i.precision for i in incidents} == {Precision.MUNICIPALITY}
    assert {i.feed_item.police_id for i in incidents} == {11, 12}  # type: ignore[union-attr]
    # another category: the same incidents are updated, never duplicated
    damage = Category.objects.get(code="skadegorelse")
    result = services.police_type_update(
        actor=member("coordinator"), mapping=mapping, action="incident", category=damage
    )
    assert (result.created, result.updated) == (0, 2)
    assert set(Incident.objects.values_list("category_id", flat=True)) == {damage.pk}
    # not about a place after all: the incidents go, the raw events stay
    result = services.police_type_update(
        actor=member("coordinator"), mapping=mapping, action="ignore", category=None
    )
    assert result.removed == 2
    assert Incident.objects.count() == 0 and FeedItem.objects.count() == 2


def test_stored_events_without_a_feed_source_stay_raw(police) -> None:  # type: ignore[no-untyped-def]
    FeedItem.objects.create(
        police_id=99,
        raw={"id": 99, "type": "Nytt brott", "name": "1 mars 08.10, Nytt brott, Umeå"},
        police_type="Nytt brott",
        municipality="Umeå",
        location_name="Umeå",
    )
    PoliceTypeMapping.objects.create(police_type="Nytt brott", action="unmapped")
    mapping = PoliceTypeMapping.objects.get(police_type="Nytt brott")
    result = services.police_type_update(
        actor=member("coordinator"),
        mapping=mapping,
        action="incident",
        category=Category.objects.get(code="brand"),
    )
    assert (result.created, result.unplaced) == (0, 1)
    assert Incident.objects.count() == 0


def test_failures_are_recorded(feed_server, police) -> None:  # type: ignore[no-untyped-def]
    source = FeedSource.objects.create(location="Malmö", organisation=police, url=feed_server.url)
    feed_server.status = 503
    with pytest.raises(FeedFetchFailed):
        police_feed_fetch(source=source)
    assert FeedRequest.objects.get().status_code == 503
    feed_server.status = 200
    feed_server.body = b"<html>not json</html>"
    with pytest.raises(FeedFetchFailed):
        police_feed_fetch(source=source)
    source.refresh_from_db()
    assert source.last_status.startswith("Failed") or source.last_status.startswith("Misslyckades")
    closed = FeedSource.objects.create(
        location="Lund", organisation=police, url="http://127.0.0.1:9/"
    )
    with pytest.raises(FeedFetchFailed):
        police_feed_fetch(source=closed)


def test_at_most_sixty_requests_an_hour(feed_server, police) -> None:  # type: ignore[no-untyped-def]
    source = FeedSource.objects.create(location="Malmö", organisation=police, url=feed_server.url)
    FeedRequest.objects.bulk_create(
        [FeedRequest(url="earlier") for _ in range(MAX_REQUESTS_PER_HOUR)]
    )
    with pytest.raises(RateLimited) as info:
        police_feed_fetch(source=source)
    assert info.value.retry_after <= dt.timedelta(hours=1)
    assert feed_server.requests == []
    # An hour later the requests no longer count.
    FeedRequest.objects.update(at=timezone.now() - dt.timedelta(minutes=61))
    police_feed_fetch(source=source)
    assert len(feed_server.requests) == 1


def test_command(feed_server, police, capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("fetch-police-events", "--location", "Malmö", "--url", feed_server.url)
    assert Incident.objects.count() == 1
    assert FeedSource.objects.get().location == "Malmö"
    assert "Malmö" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("fetch-police-events", "--location", "Lund", "--url", "http://127.0.0.1:9/")


def test_the_poll_task_pulls_and_the_chain_is_superseded(feed_server, police) -> None:  # type: ignore[no-untyped-def]
    source = FeedSource.objects.create(
        location="Malmö", organisation=police, url=feed_server.url, is_active=True
    )
    # In tests tasks run at once (no deferred runs): the task pulls, scheduling is a no-op.
    result = police_feed_poll_task.enqueue(source.pk)
    assert result.return_value == "fetched"
    assert Incident.objects.count() == 1
    source.refresh_from_db()
    assert source.next_run_at is None
    # A pull that is not the scheduled one does nothing (a second chain dies out).
    FeedSource.objects.filter(pk=source.pk).update(scheduled_task_id="another")
    assert police_feed_poll_task.enqueue(source.pk).return_value == "superseded"
    FeedSource.objects.filter(pk=source.pk).update(is_active=False)
    assert police_feed_poll_task.enqueue(source.pk).return_value == "inactive"
    assert len(feed_server.requests) == 1


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_activating_a_source_queues_a_deferred_pull(
    police, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        source = services.feed_source_save(
            actor=member("coordinator"),
            location="Västerås",
            organisation=police,
            interval_minutes=30,
            is_active=True,
        )
    source.refresh_from_db()
    first = DBTaskResult.objects.get()
    assert source.scheduled_task_id == str(first.id)
    assert first.task_path.endswith("police_feed_poll_task")
    # Saving again replaces the chain: a new queued pull, the old one will stand down.
    with django_capture_on_commit_callbacks(execute=True):
        services.feed_source_save(
            actor=member("coordinator"),
            source=source,
            location="Västerås",
            organisation=police,
            interval_minutes=30,
            is_active=True,
        )
    source.refresh_from_db()
    assert DBTaskResult.objects.count() == 2
    assert source.scheduled_task_id != str(first.id)
    services.feed_schedule(source=source, delay=dt.timedelta(minutes=30))
    source.refresh_from_db()
    assert source.next_run_at > timezone.now() + dt.timedelta(minutes=29)  # type: ignore[operator]
    # Deactivated: nothing more is queued.
    with django_capture_on_commit_callbacks(execute=True):
        services.feed_source_save(
            actor=member("coordinator"),
            source=source,
            location="Västerås",
            organisation=police,
            is_active=False,
        )
    source.refresh_from_db()
    assert source.scheduled_task_id == "" and source.next_run_at is None
