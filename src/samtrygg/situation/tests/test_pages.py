"""The pages: dashboard (with links to the incidents behind each figure), map points,
the report flow through the web pages, the version comparison, the API and the start page."""

from __future__ import annotations

import html
import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from samtrygg.core.models import AccessLogEntry
from samtrygg.situation.models import (
    ReportStatus,
    SectionKind,
    SituationReport,
    SituationVersion,
)
from samtrygg.situation.tests.factories import SECTIONS, make_version
from samtrygg.testing.matrix import login

pytestmark = pytest.mark.django_db
MARCH = {"period": "month", "at": "2026-03-15"}


def test_dashboard_links_each_figure_to_its_incidents(town) -> None:  # type: ignore[no-untyped-def]
    client = login(Client(), town.world.user("analyst"))
    response = client.get(reverse("situation:dashboard"), MARCH)
    assert response.status_code == 200
    page = response.content.decode()
    base = reverse("incidents:incident_list")
    link = f"{base}?start=2026-03-01&amp;end=2026-03-31&amp;category=skadegorelse"
    assert link in page
    assert f"{base}?start=2026-03-01&amp;end=2026-03-31&amp;area=t00" in page
    # the link leads to the incident list, which the analyst may read
    assert client.get(link.replace("&amp;", "&")).status_code == 200
    # htmx asks for the fragment only
    fragment = client.get(reverse("situation:dashboard"), MARCH, HTTP_HX_REQUEST="true")
    assert b"<html" not in fragment.content and b"situation-map" in fragment.content
    assert "HX-Request" in fragment["Vary"]


def test_dashboard_names_a_bad_filter(town) -> None:  # type: ignore[no-untyped-def]
    client = login(Client(), town.world.user("analyst"))
    response = client.get(
        reverse("situation:dashboard"),
        {"period": "custom", "start": "2026-03-10", "end": "2026-03-01"},
    )
    assert response.status_code == 400
    assert "situation-map" not in response.content.decode()
    assert response.context["form"].errors


def test_points_respect_permissions_and_log_every_read(town) -> None:  # type: ignore[no-untyped-def]
    analyst = login(Client(), town.world.user("analyst"))
    points = json.loads(analyst.get(reverse("situation:points"), MARCH).content)
    assert len(points["features"]) == 5
    assert {f["properties"]["classification"] for f in points["features"]} == {"internal"}
    # Point-level data: the read is logged even without a restricted row.
    entry = AccessLogEntry.objects.get()
    assert entry.username == "test-analyst" and entry.object_ids == ""
    assert entry.object_repr == "5 händelser, varav 0 begränsade"
    police = login(Client(), town.world.user("police"))
    points = json.loads(police.get(reverse("situation:points"), MARCH).content)
    assert len(points["features"]) == 6  # + the restricted burglary; never the notice
    entry = AccessLogEntry.objects.get(username="test-police")
    assert entry.object_repr == "6 händelser, varav 1 begränsad"
    assert entry.reason == "Händelsepunkter på lägesbildens karta"


def test_report_flow_through_the_pages(town) -> None:  # type: ignore[no-untyped-def]
    analyst = login(Client(), town.world.user("analyst"))
    response = analyst.post(
        reverse("situation:report_create"),
        {"title": "Lägesbild mars", "period_kind": "month", "period_start": "2026-03-10"},
    )
    report = SituationReport.objects.get(title="Lägesbild mars")
    assert response["Location"] == report.get_absolute_url()
    assert (str(report.period_start), str(report.period_end)) == ("2026-03-01", "2026-03-31")
    for kind in ("survey", "analysis", "sources"):
        analyst.post(
            reverse("situation:section_edit", args=[report.pk, kind]), {"body": f"Text om {kind}."}
        )
    analyst.post(
        reverse("situation:section_edit", args=[report.pk, "problems"]),
        {"body": SECTIONS[SectionKind.PROBLEMS]},
    )
    analyst.post(reverse("situation:report_submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.REVIEW and report.figures["totals"]["incidents"] == 6  # type: ignore[index]
    police = login(Client(), town.world.user("police"))
    page = police.get(report.get_absolute_url()).content.decode()
    assert (
        "Text om analysis." in page and reverse("situation:report_sign", args=[report.pk]) in page
    )
    police.post(
        reverse("situation:comment_create", args=[report.pk]),
        {"section": "analysis", "body": "Bra."},
    )
    police.post(reverse("situation:report_sign", args=[report.pk]), {"side": "police"})
    coordinator = login(Client(), town.world.user("coordinator"))
    coordinator.post(reverse("situation:report_sign", args=[report.pk]), {"side": "municipality"})
    response = coordinator.post(reverse("situation:report_publish", args=[report.pk]))
    version = SituationVersion.objects.get(report=report)
    assert response["Location"] == version.get_absolute_url()
    council = login(Client(), town.world.user("council_member"))
    page = council.get(version.get_absolute_url()).content.decode()
    assert "Text om survey." in page and "test-police" in page
    image = council.get(reverse("situation:version_asset", args=[version.pk, "gi.png"]))
    assert image["Content-Type"] == "image/png" and image.content.startswith(b"\x89PNG")
    # the reporter sees none of it
    reporter = login(Client(), town.world.user("reporter"))
    assert reporter.get(version.get_absolute_url()).status_code == 403


def test_version_comparison(town) -> None:  # type: ignore[no-untyped-def]
    first = make_version(town.world)
    from samtrygg.situation.models import ReportSection

    ReportSection.objects.filter(report=first.report, kind="analysis").update(
        body="Ökningen hänger ihop med nya mötesplatser och sämre belysning."
    )
    second = make_version(town.world, report=first.report)
    client = login(Client(), town.world.user("council_member"))
    page = client.get(
        reverse("situation:version_diff", args=[second.pk, first.pk])
    ).content.decode()
    # word by word: the changed word is removed and the new words are added
    assert "<del>mötesplatser.</del><ins>mötesplatser och sämre belysning.</ins>" in page


def test_api_lists_versions_with_figures_and_computes_pictures(town) -> None:  # type: ignore[no-untyped-def]
    version = make_version(town.world)
    client = login(Client(), town.world.user("council_member"))
    listing = client.get(reverse("api:v1:situation-report-list")).json()
    assert listing["results"][0]["id"] == version.pk and "figures" not in listing["results"][0]
    detail = client.get(reverse("api:v1:situation-report-detail", args=[version.pk])).json()
    assert detail["figures"]["totals"]["incidents"] == 6
    assert detail["public"]["threshold"] == 5
    analyst = login(Client(), town.world.user("analyst"))
    picture = analyst.get(reverse("api:v1:situation-picture"), MARCH).json()
    assert picture["totals"]["incidents"] == 6
    bad = analyst.get(reverse("api:v1:situation-picture"), {"period": "fortnight"})
    assert bad.status_code == 400 and "period" in bad.json()


def test_start_page_card(town) -> None:  # type: ignore[no-untyped-def]
    version = make_version(town.world)
    page = login(Client(), town.world.user("council_member")).get(reverse("core:home"))
    assert version.get_absolute_url() in page.content.decode()
    page = login(Client(), town.world.user("reporter")).get(reverse("core:home"))
    assert version.get_absolute_url() not in page.content.decode()


def test_the_statistics_carry_their_meaning_on_hover(town) -> None:  # type: ignore[no-untyped-def]
    """Where the figures say p, kvot, signifikant, Gi* or kontrolldiagram, the word carries
    its one-sentence meaning and leads to the glossary."""
    client = login(Client(), town.world.user("analyst"))
    page = html.unescape(client.get(reverse("situation:dashboard"), MARCH).content.decode())
    terms = dict(re.findall(r'<a class="term" href="[^"]+#term-(\w+)" title="([^"]+)">', page))
    assert {"p_value", "rate_ratio", "significant", "gi", "control_chart"} <= set(terms)
    assert all(sentence.endswith(".") for sentence in terms.values())
