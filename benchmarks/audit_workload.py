"""The audit benchmark's workload (imported after Django is set up)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from auditlog.models import LogEntry
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from samtrygg.accounts.models import Membership, Organisation, OrganisationKind, User
from samtrygg.core.models import AccessAction, AccessLogEntry
from samtrygg.testing.matrix import login

KINDS = [k.value for k in OrganisationKind]
#: A list, map or export names this many restricted records in ``object_ids``.
IDS_PER_READ = 20


def build(changes: int, reads: int) -> dict[str, Any]:
    """``changes`` audit-trail entries (organisations created and changed through the ORM,
    so that auditlog writes them) and ``reads`` access-log entries by 50 readers."""
    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(name="Kommunen", code="kommunen", kind="municipal_office")
    auditor = User.objects.create(username="granskare", first_name="Eva", last_name="Holm")
    Membership.objects.create(user=auditor, organisation=org, role="auditor")
    readers = [
        User.objects.create(username=f"lasare-{i}", first_name="Läsare", last_name=str(i))
        for i in range(50)
    ]
    for user in readers:
        Membership.objects.create(user=user, organisation=org, role="police")
    orgs = [
        Organisation.objects.create(name=f"Organisation {i}", code=f"org-{i}", kind=KINDS[0])
        for i in range(max(1, changes // 10))
    ]
    n = 0
    while LogEntry.objects.count() < changes:
        o = orgs[n % len(orgs)]
        o.kind = KINDS[n % len(KINDS)]
        o.parent = orgs[(n + 1) % len(orgs)] if n % 2 else None
        o.contact_email = f"kontakt{n}@example.se"
        o.save()
        n += 1
    rows = []
    for i in range(reads):
        ids = ",".join(str((i * 7 + k) % 30_000) for k in range(IDS_PER_READ))
        rows.append(
            AccessLogEntry(
                user=readers[i % len(readers)],
                username=readers[i % len(readers)].username,
                action=AccessAction.VIEW if i % 3 else AccessAction.SEARCH,
                object_type="incidents.incident",
                object_id="" if i % 3 == 0 else str(i % 30_000),
                object_ids=f",{ids}," if i % 3 == 0 else "",
                object_repr="Händelse",
                reason="Begränsad händelse: händelsens sida",
            )
        )
    AccessLogEntry.objects.bulk_create(rows, batch_size=2000)
    return {
        "audit_trail_entries": LogEntry.objects.count(),
        "access_log_entries": AccessLogEntry.objects.count(),
        "readers": len(readers),
        "ids_per_list_read": IDS_PER_READ,
        "auditor_id": auditor.pk,
        "reader_id": readers[0].pk,
    }


def _median(run: Callable[[], Any], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 4)


def _get(client: Client, url: str, query: dict[str, Any] | None = None) -> int:
    response = client.get(url, query or {})
    if response.status_code != HTTPStatus.OK:
        raise RuntimeError(f"{url}: {response.status_code}")
    if getattr(response, "streaming", False):
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def time_pages(auditor_id: int, reader_id: int) -> dict[str, Any]:
    client = login(Client(), User.objects.get(pk=auditor_id))
    pages = {
        "audit_trail_first_page_s": (reverse("core:change_log"), {}),
        "audit_trail_filtered_s": (
            reverse("core:change_log"),
            {"object_type": "accounts.organisation", "action": "1", "person": "x"},
        ),
        "access_log_first_page_s": (reverse("core:access_log"), {}),
        "person_reads_s": (reverse("core:person_reads", args=[reader_id]), {}),
        "record_history_s": (
            reverse("core:object_history", args=["incidents.incident", "1234"]),
            {},
        ),
    }
    result: dict[str, Any] = {
        name: _median(lambda url=url, q=q: _get(client, url, q)) for name, (url, q) in pages.items()
    }
    for name, url in (
        ("audit_trail_csv", reverse("core:change_log_export")),
        ("access_log_csv", reverse("core:access_log_export")),
    ):
        start = time.perf_counter()
        size = _get(client, url)
        seconds = time.perf_counter() - start
        result[f"{name}_s"] = round(seconds, 2)
        result[f"{name}_bytes"] = size
    entries = LogEntry.objects.count()
    result["audit_trail_csv_entries_per_s"] = round(entries / result["audit_trail_csv_s"])
    reads = AccessLogEntry.objects.count()
    result["access_log_csv_entries_per_s"] = round(reads / result["access_log_csv_s"])
    return result
