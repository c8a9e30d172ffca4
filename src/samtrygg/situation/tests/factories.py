"""Named builders of reports in each state and of published versions (fast: no images)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from samtrygg.areas.models import Area
from samtrygg.picture.data import public_scope, scope_for_user
from samtrygg.picture.params import PictureParams
from samtrygg.picture.public import build_public_figures
from samtrygg.picture.service import picture_for_scope
from samtrygg.situation import services
from samtrygg.situation.models import (
    ReportSection,
    ReportStatus,
    SectionKind,
    SituationReport,
    SituationVersion,
)
from samtrygg.situation.tests.helpers import grid_areas
from samtrygg.testing.matrix import World

SECTIONS = {
    SectionKind.SUMMARY: "Kort sammanfattning.",
    SectionKind.SURVEY: "Skadegörelsen ökade i centrum.",
    SectionKind.OTHER: "Trygghetsmätningen visar oro kvällstid.",
    SectionKind.ANALYSIS: "Ökningen hänger ihop med nya mötesplatser.",
    SectionKind.PROBLEMS: (
        "1. Skadegörelse vid resecentrum.\n"
        "Situation och plats: kvällar vid busshållplatserna.\n"
        "Brottsoffer: resenärer och butikerna i stationshuset.\n"
        "Gärningsperson: en grupp unga som samlas efter skolan."
    ),
    SectionKind.SOURCES: "Polisens öppna händelser; rapporter från bostadsbolagen.",
}
MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


class ReportFactory:
    @staticmethod
    def create_draft(world: World, *, title: str = "Lägesbild mars 2026") -> SituationReport:
        return services.report_create(
            actor=world.user("analyst"),
            title=title,
            period_kind="month",
            period_start=MARCH[0],
            period_end=MARCH[1],
            sections={k.value: v for k, v in SECTIONS.items()},
        )

    @staticmethod
    def create_in_review(world: World, **kwargs: Any) -> SituationReport:
        report = ReportFactory.create_draft(world, **kwargs)
        return services.report_submit(actor=world.user("analyst"), report=report)

    @staticmethod
    def create_signed(world: World, **kwargs: Any) -> SituationReport:
        report = ReportFactory.create_in_review(world, **kwargs)
        services.report_sign(actor=world.user("coordinator"), report=report, side="municipality")
        services.report_sign(actor=world.user("police"), report=report, side="police")
        report.refresh_from_db()
        return report


def make_version(world: World, *, report: SituationReport | None = None) -> SituationVersion:
    """A published version written directly (the publish service is tested on its own);
    with one area so that the public collections have a feature."""
    if not Area.objects.exists():
        grid_areas(nx=1, ny=1)
    if report is None:
        report = ReportFactory.create_draft(world, title="Publicerad lägesbild")
    params = PictureParams("month", *MARCH)
    figures = picture_for_scope(params=params, scope=scope_for_user(world.user("analyst")))
    public = build_public_figures(
        picture_for_scope(params=params, scope=public_scope(world.user("analyst")))
    )
    number = report.versions.count() + 1
    version = SituationVersion.objects.create(
        report=report,
        number=number,
        published_by=world.user("analyst"),
        title=report.title,
        period_kind="month",
        period_start=MARCH[0],
        period_end=MARCH[1],
        parameters=params.as_dict() | {"label": params.label, "areas": []},
        figures=figures.to_json(),
        public=public,
        sections=dict(ReportSection.objects.filter(report=report).values_list("kind", "body")),
        signatures=[],
        data_scope=figures.to_json()["scope"],
        content_hash=f"{number:064d}",
    )
    SituationReport.objects.filter(pk=report.pk).update(status=ReportStatus.PUBLISHED)
    return version
