"""A walk through the restricted pages: every read writes one access-log entry, in Swedish,
and the auditor finds each person's reads and each record's readers."""

from __future__ import annotations

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from samtrygg.cases.tests.factories import build_case_world, open_case
from samtrygg.core.models import AccessLogEntry
from samtrygg.incidents.tests.test_views import make_incident
from samtrygg.situation.tests.factories import ReportFactory
from samtrygg.testing.matrix import World


def _new_entries(before: int) -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(pk__gt=before).order_by("pk"))


def _last_pk() -> int:
    last = AccessLogEntry.objects.order_by("-pk").first()
    return last.pk if last else 0


def test_every_restricted_read_writes_one_swedish_entry(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    cache.clear()
    restricted = make_incident(world, org="police", classification="restricted")
    make_incident(world)
    report = ReportFactory.create_draft(world)
    case = open_case(build_case_world(world))
    # The month of the incidents (made two days ago), asked at a day the data cover.
    month = {
        "period": "month",
        "at": timezone.localtime(restricted.occurred_from).date().isoformat(),
    }
    police, analyst = client_for("police"), client_for("analyst")
    worker = client_for("case_worker")
    walk = [
        (
            police,
            reverse("incidents:incident_detail", args=[restricted.pk]),
            {},
            "Begränsad händelse: händelsens sida",
        ),
        (
            police,
            reverse("api:v1:incident-detail", args=[restricted.pk]),
            {},
            "Begränsad händelse: via API:t",
        ),
        (police, reverse("incidents:incident_list"), {}, "Händelselista: "),
        (police, reverse("api:v1:incident-list"), {}, "Händelsepunkter via API:t"),
        (
            police,
            reverse("api:v1:incident-export", kwargs={"fmt": "csv"}),
            {},
            "Händelseexport (CSV): ",
        ),
        (police, reverse("situation:points"), month, "Händelsepunkter på lägesbildens karta"),
        (
            analyst,
            reverse("situation:report_detail", args=[report.pk]),
            {},
            "Opublicerad lägesbild (Utkast): rapportsidan",
        ),
        (
            analyst,
            reverse("situation:section_edit", args=[report.pk, "summary"]),
            {},
            "Opublicerad lägesbild (Utkast): redigering av ett avsnitt",
        ),
        (worker, reverse("cases:detail", args=[case.pk]), {}, "overview"),
    ]
    for client, url, query, reason in walk:
        before = _last_pk()
        response = client.get(url, query)
        assert response.status_code == 200, (url, response.content[:300])
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        entries = _new_entries(before)
        assert len(entries) == 1, (url, [e.reason for e in entries])
        assert entries[0].reason.startswith(reason), (url, entries[0].reason)
    # Reads of the restricted incident alone and of the lists, maps and exports that held it.
    about_incident = AccessLogEntry.objects.filter(object_ids__contains=f",{restricted.pk},")
    assert about_incident.count() == 4
    # The auditor: the police officer's reads, and who read the incident.
    auditor = client_for("auditor")
    html = auditor.get(reverse("core:person_reads", args=[world.user("police").pk])).content
    page = html.decode()
    assert page.count("<tr>") - 1 == 6  # six reads (the header row aside)
    assert "Begränsad händelse: händelsens sida" in page
    html = auditor.get(
        reverse("core:object_history", args=["incidents.incident", restricted.pk])
    ).content
    assert html.decode().count("test-police") == 6
    # The case's reads are worded as its own read log words them.
    html = auditor.get(reverse("core:object_history", args=["cases.case", case.pk])).content
    assert "Översikt" in html.decode()
