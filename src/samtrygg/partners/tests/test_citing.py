"""Contributions cited in a lägesbild's "other relevant information" section."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samtrygg.partners import services
from samtrygg.partners.tests.routes import partners_world
from samtrygg.situation.models import ReportSection, SectionKind
from samtrygg.situation.tests.factories import MARCH, ReportFactory
from samtrygg.testing.actors import member
from samtrygg.testing.matrix import login

pytestmark = pytest.mark.django_db


def _march_contribution(world, partner, title="Klotter i tunneln"):  # type: ignore[no-untyped-def]
    return services.contribution_create(
        actor=member("coordinator"),
        data=services.ContributionInput(
            kind="observation",
            title=title,
            text="Mycket klotter sedan februari.",
            given_on=MARCH[0] + dt.timedelta(days=9),
            partner=partner,
        ),
    )


def test_cited_contributions_are_appended_with_their_source(world) -> None:  # type: ignore[no-untyped-def]
    p = partners_world(world)
    report = ReportFactory.create_draft(world)
    before = ReportSection.objects.get(report=report, kind=SectionKind.OTHER).body
    c = _march_contribution(world, p["own"])
    services.contributions_cite_in_report(
        actor=world.user("analyst"), report=report, contributions=[c]
    )
    body = ReportSection.objects.get(report=report, kind=SectionKind.OTHER).body
    assert body.startswith(before)
    assert "Inspel från samverkansparter och medborgardialoger" in body
    assert "– Klotter i tunneln (iakttagelse, Föreningen Trygga grannar, 2026-03-10)" in body


def test_citing_needs_the_report_and_the_contributions(world) -> None:  # type: ignore[no-untyped-def]
    p = partners_world(world)
    report = ReportFactory.create_draft(world)
    c = _march_contribution(world, p["own"])
    with pytest.raises(PermissionDenied):
        # A partner's login sees its contribution but does not edit the lägesbild.
        services.contributions_cite_in_report(
            actor=world.user("partner"), report=report, contributions=[c]
        )
    with pytest.raises(PermissionDenied):
        # The reporter may not see the contribution at all.
        services.contributions_cite_in_report(
            actor=world.user("reporter"), report=report, contributions=[c]
        )
    with pytest.raises(ValidationError):
        services.contributions_cite_in_report(
            actor=world.user("analyst"), report=report, contributions=[]
        )


def test_the_page_offers_the_period_and_cites(client, world) -> None:  # type: ignore[no-untyped-def]
    p = partners_world(world)
    report = ReportFactory.create_draft(world)
    inside = _march_contribution(world, p["own"])
    login(client, world.user("analyst"))
    page = client.get(f"/partners/contributions/cite/?report={report.pk}")
    assert page.status_code == 200
    assert "Klotter i tunneln" in page.content.decode()
    assert "Mörk gångväg" not in page.content.decode()  # given outside the period
    done = client.post(
        "/partners/contributions/cite/",
        {"report": report.pk, "contributions": [inside.pk]},
    )
    assert done.status_code == 302
    body = ReportSection.objects.get(report=report, kind=SectionKind.OTHER).body
    assert "Klotter i tunneln" in body
