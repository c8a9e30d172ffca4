"""Every page and endpoint of the situation app × every actor (see samtrygg/testing)."""

from __future__ import annotations

from typing import Any

from samtrygg.situation.models import ReviewComment, VersionAsset
from samtrygg.situation.tests.factories import ReportFactory, make_version
from samtrygg.testing.matrix import Route, World, allow

STAFF = allow("coordinator", "analyst", "police")
EDITORS = allow("coordinator", "analyst")
READERS = allow("coordinator", "analyst", "police", "council_member")


def _draft(w: World) -> dict[str, Any]:
    return {"pk": ReportFactory.create_draft(w).pk}


def _review(w: World) -> dict[str, Any]:
    return {"pk": ReportFactory.create_in_review(w).pk}


def _signed(w: World) -> dict[str, Any]:
    return {"pk": ReportFactory.create_signed(w).pk}


def _published_report(w: World) -> dict[str, Any]:
    return {"pk": make_version(w).report_id}


def _section(w: World) -> dict[str, Any]:
    return {"pk": ReportFactory.create_draft(w).pk, "kind": "analysis"}


def _comment(w: World) -> dict[str, Any]:
    report = ReportFactory.create_in_review(w)
    comment = ReviewComment.objects.create(
        report=report, section="survey", author=w.user("police"), body="Stämmer siffrorna?"
    )
    return {"pk": comment.pk}


def _version(w: World) -> dict[str, Any]:
    return {"pk": make_version(w).pk}


def _asset(w: World) -> dict[str, Any]:
    version = make_version(w)
    VersionAsset.objects.create(
        version=version, name="choropleth.png", content_type="image/png", data=b"\x89PNG\r\n"
    )
    return {"pk": version.pk, "name": "choropleth.png"}


def _two_versions(w: World) -> dict[str, Any]:
    first = make_version(w)
    second = make_version(w, report=first.report)
    return {"pk": second.pk, "other": first.pk}


ROUTES = [
    Route("situation:dashboard", STAFF),
    Route("situation:dashboard", STAFF, query="period=year&at=2026-01-01", label="year"),
    Route("situation:points", STAFF, query="period=month&at=2026-03-01"),
    Route("situation:est", STAFF),
    Route(
        "situation:est_note",
        EDITORS,
        method="post",
        data=lambda w: {"week": "2026-03-02", "body": "Fokus på resecentrum."},
    ),
    Route("situation:report_list", READERS),
    Route("situation:report_create", EDITORS),
    Route(
        "situation:report_create",
        EDITORS,
        method="post",
        data=lambda w: {
            "title": "Lägesbild 2025",
            "period_kind": "year",
            "period_start": "2025-01-01",
        },
        label="create",
    ),
    Route("situation:report_detail", EDITORS, kwargs=_draft, label="draft"),
    Route("situation:report_detail", STAFF, kwargs=_review, label="review"),
    Route("situation:report_detail", READERS, kwargs=_published_report, label="published"),
    Route("situation:report_edit", EDITORS, kwargs=_draft),
    Route("situation:section_edit", EDITORS, kwargs=_section),
    Route(
        "situation:section_edit",
        EDITORS,
        kwargs=_section,
        method="post",
        data=lambda w: {"body": "Ny analys."},
        label="save",
    ),
    Route("situation:section_redraft", EDITORS, kwargs=_section, method="post"),
    Route("situation:report_submit", EDITORS, kwargs=_draft, method="post"),
    Route("situation:report_return", EDITORS, kwargs=_review, method="post"),
    Route("situation:report_refresh", EDITORS, kwargs=_review, method="post"),
    Route(
        "situation:report_sign",
        allow("police"),
        kwargs=_review,
        method="post",
        data=lambda w: {"side": "police"},
        label="police",
    ),
    Route(
        "situation:report_sign",
        EDITORS,
        kwargs=_review,
        method="post",
        data=lambda w: {"side": "municipality"},
        label="municipality",
    ),
    Route("situation:report_publish", EDITORS, kwargs=_signed, method="post"),
    Route(
        "situation:comment_create",
        STAFF,
        kwargs=_review,
        method="post",
        data=lambda w: {"section": "analysis", "body": "Lägg till källan."},
    ),
    Route("situation:comment_resolve", STAFF, kwargs=_comment, method="post"),
    Route("situation:version_detail", READERS, kwargs=_version),
    Route("situation:version_pdf", READERS, kwargs=_version),
    Route("situation:version_asset", READERS, kwargs=_asset),
    Route("situation:version_diff", READERS, kwargs=_two_versions),
    Route(
        "situation:version_withdraw",
        allow("coordinator"),
        kwargs=_version,
        method="post",
        data=lambda w: {"reason": "Fel i underlaget."},
    ),
    Route("api:v1:situation-report-list", READERS),
    Route("api:v1:situation-report-detail", READERS, kwargs=_version),
    Route("api:v1:situation-picture", STAFF),
    Route("api:v1:situation-picture", STAFF, query="period=quarter&at=2026-08-01", label="quarter"),
]
