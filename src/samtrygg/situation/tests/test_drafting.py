"""The lägesbild drafts itself: a new report starts with every section drafted from its
figures, one section is drafted again keeping the analyst's edits in the others, and review
waits for the law's three parts and Brå's steps, all named in one message."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from samtrygg.picture.service import picture_for_scope
from samtrygg.situation import services
from samtrygg.situation.checklist import missing_before_review, report_checklist
from samtrygg.situation.drafts import change_words, draft_section, spoken_period
from samtrygg.situation.models import ReportStatus, SectionKind, SituationReport
from samtrygg.situation.tests.factories import SECTIONS
from samtrygg.testing.matrix import login

pytestmark = pytest.mark.django_db


def _bodies(report: SituationReport) -> dict[str, str]:
    return dict(report.sections.values_list("kind", "body"))


def _create(client: Client) -> SituationReport:
    client.post(
        reverse("situation:report_create"),
        {"title": "Lägesbild mars", "period_kind": "month", "period_start": "2026-03-10"},
    )
    return SituationReport.objects.get(title="Lägesbild mars")


def test_a_new_report_starts_drafted_from_its_figures(town) -> None:  # type: ignore[no-untyped-def]
    analyst = town.world.user("analyst")
    report = _create(login(Client(), analyst))
    bodies = _bodies(report)
    figures = picture_for_scope(
        params=services.report_params(report),
        scope=services.report_scope(report, acting_user=analyst),
    )
    period = spoken_period(report.period_kind, report.period_start, report.period_end)
    for kind in SectionKind.values:
        assert bodies[kind].strip(), kind
        assert bodies[kind] == draft_section(kind, figures, period), kind
    # the survey counts what the figures count, in Swedish
    assert "mars 2026" in bodies["survey"] and "händelser" in bodies["survey"]


def test_one_section_is_drafted_again_and_the_others_keep_their_edits(town) -> None:  # type: ignore[no-untyped-def]
    client = login(Client(), town.world.user("analyst"))
    report = _create(client)
    client.post(
        reverse("situation:section_edit", args=[report.pk, "analysis"]),
        {"body": "Analytikerns egen analys."},
    )
    client.post(reverse("situation:section_edit", args=[report.pk, "survey"]), {"body": "Ändrad."})
    drafted = _bodies(report)
    response = client.post(reverse("situation:section_redraft", args=[report.pk, "survey"]))
    assert response.status_code == 302
    after = _bodies(report)
    assert after["analysis"] == "Analytikerns egen analys."
    assert after["survey"] != "Ändrad." and "mars 2026" in after["survey"]
    assert {k: v for k, v in after.items() if k != "survey"} == {
        k: v for k, v in drafted.items() if k != "survey"
    }
    # in review the text is what the signers read: not redrafted
    report.status = ReportStatus.REVIEW
    report.save(update_fields=["status"])
    client.post(reverse("situation:section_redraft", args=[report.pk, "analysis"]))
    assert _bodies(report)["analysis"] == "Analytikerns egen analys."


def test_review_waits_for_the_checklist_and_names_everything_in_one_message(town) -> None:  # type: ignore[no-untyped-def]
    client = login(Client(), town.world.user("analyst"))
    report = _create(client)
    # the drafted problems leave the victim's and offender's perspectives to the analyst
    items = {i.code: i.done for i in report_checklist(_bodies(report))}
    assert items["law_survey"] and items["law_other"] and items["law_analysis"]
    assert items["bra_problems"] and items["bra_situation"]
    assert not items["bra_victim"] and not items["bra_offender"]
    for kind in ("other", "analysis"):
        client.post(reverse("situation:section_edit", args=[report.pk, kind]), {"body": ""})
    response = client.post(reverse("situation:report_submit", args=[report.pk]), follow=True)
    text = response.content.decode()
    errors = re.findall(r'<li class="message error">(.*?)</li>', text)
    assert len(errors) == 1 and errors[0].startswith("Innan rapporten kan skickas till granskning")
    for phrase in (
        "”Övrig relevant information” är tomt",
        "”Analys” är tomt",
        "brottsofferperspektivet saknas för problem 1",
        "gärningspersonsperspektivet saknas för problem 1",
        ";",
    ):
        assert phrase in errors[0], phrase
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    # the checklist is on the page, item by item
    page = client.get(report.get_absolute_url()).content.decode()
    assert 'data-check="bra_victim"' in page and "Brås steg" in page

    # written out, the report goes to review
    for kind, body in SECTIONS.items():
        client.post(reverse("situation:section_edit", args=[report.pk, kind.value]), {"body": body})
    assert missing_before_review(_bodies(report)) == []
    client.post(reverse("situation:report_submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.REVIEW


def test_a_change_that_rounds_to_nothing_is_unchanged_in_words() -> None:
    assert change_words(-0.04) == "oförändrat"
    assert change_words(None) == "oförändrat"
    assert change_words(12.46) == "en ökning med 12,5 %"
    assert change_words(-3.25) == "en minskning med 3,3 %"
