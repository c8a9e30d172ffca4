"""The anonymous case counts in a lägesbild: drafted into "other relevant information", the
same numbers as the case figures page, no count from 1 to 4, frozen into the published
version and its PDF, and nothing but counts for a reader outside every case team."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samtrygg.cases.models import Case, Programme
from samtrygg.cases.situation_source import lagesbild_case_table
from samtrygg.cases.statistics.figures import Quarter, case_figures
from samtrygg.cases.tests.factories import ADULT, YOUNG, CaseWorld, open_case
from samtrygg.situation import services
from samtrygg.situation.models import SectionKind, SituationReport
from samtrygg.situation.tests.factories import SECTIONS
from samtrygg.situation.tests.helpers import build_town
from samtrygg.situation.tests.test_pdf import pdftotext
from samtrygg.testing.matrix import login

pytestmark = pytest.mark.django_db

SSPF_CASES = 12
EXIT_CASES = 6  # company for the suppressed victim cases, so that SSPF's 12 is published
VICTIM_CASES = 3  # suppressed
THRESHOLD = 5
TITLE = "Ärenden i SSPF, stöd till brottsoffer och avhopparverksamheten per kvartal"
# "– 2026 K3, SSPF: öppnade 12, avslutade 0, pågående vid kvartalets slut 12."
SSPF = "SSPF (unga i riskzon)"
VICTIMS = "Särskilt utsatta brottsoffer"
LINE = re.compile(r"^– (\d{4} K\d), ([^:]+): (.+)\.$", re.MULTILINE)


def _last_quarter() -> Quarter:
    return Quarter.of(timezone.localdate()).previous()


def _cases(cw: CaseWorld) -> Quarter:
    q = _last_quarter()
    for i in range(SSPF_CASES):
        case = open_case(cw, identity_number=YOUNG, name=f"Hemlig Person{i}")
        Case.objects.filter(pk=case.pk).update(opened_on=q.start + dt.timedelta(days=i))
    for _ in range(EXIT_CASES):
        case = open_case(cw, programme="exit_programme", identity_number=ADULT)
        Case.objects.filter(pk=case.pk).update(opened_on=q.start + dt.timedelta(days=5))
    for _ in range(VICTIM_CASES):
        case = open_case(cw, programme="victim_support", identity_number=ADULT)
        Case.objects.filter(pk=case.pk).update(opened_on=q.start + dt.timedelta(days=3))
    return q


def _report(cw: CaseWorld, q: Quarter) -> SituationReport:
    build_town(cw.world)
    return services.report_create(
        actor=cw.world.user("analyst"),
        title="Lägesbild kvartal",
        period_kind="quarter",
        period_start=q.start,
        period_end=q.end,
        draft_from_figures=True,
    )


def _other(report: SituationReport) -> str:
    return report.sections.get(kind=SectionKind.OTHER).body


def _cited(text: str) -> dict[tuple[str, str], list[str]]:
    """``(quarter, programme) → [opened, closed, open at the end]`` as printed."""
    rows = {}
    for quarter, programme, cells in LINE.findall(text):
        rows[(quarter, programme)] = [c.rsplit(" ", 1)[1] for c in cells.split(", ")]
    return rows


def _page_cells(client: Client, q: Quarter) -> dict[str, list[str]]:
    """Programme label → [opened, closed, open at the end] for quarter ``q`` on the page."""
    response = client.get(reverse("cases:statistics"))
    assert response.status_code == 200
    ctx = response.context
    column = ctx["quarter_labels"].index(q.label)
    cells = {}
    for i, row in enumerate(ctx["opened"]):
        values = [ctx[table][i]["cells"][column] for table in ("opened", "closed", "active")]
        cells[str(row["label"])] = ["–" if v is None else str(v) for v in values]
    return cells


def test_drafted_section_cites_the_case_figures_pages_numbers(cw: CaseWorld) -> None:
    q = _cases(cw)
    report = _report(cw, q)
    text = _other(report)
    assert TITLE in text
    assert "källa: ärendesamordningen i Samtrygg" in text
    cited = _cited(text)
    assert cited[(q.label, SSPF)] == [str(SSPF_CASES), "0", str(SSPF_CASES)]
    assert cited[(q.label, VICTIMS)][0] == "–"
    assert "– = ett antal från 1 till 4" in text
    # The page, read as the analyst who drafted the report, shows the same numbers.
    page = _page_cells(login(Client(), cw.world.user("analyst")), q)
    for (_quarter, programme), cells in cited.items():
        assert page[programme] == cells, programme
    assert len(cited) == len(Programme.values) + 1
    # No count from 1 to 4 in any cell.
    for cells in cited.values():
        for cell in cells:
            assert cell == "–" or not 1 <= int(cell) < THRESHOLD, cells
    figures = case_figures(timezone.localdate())
    assert figures.opened[("victim_support", q)] is None


def test_published_version_and_pdf_freeze_the_counts(cw: CaseWorld, tmp_path) -> None:  # type: ignore[no-untyped-def]
    q = _cases(cw)
    report = _report(cw, q)
    services.report_section_update(
        actor=cw.world.user("analyst"),
        report=report,
        kind=SectionKind.PROBLEMS,
        body=SECTIONS[SectionKind.PROBLEMS],
    )
    services.report_submit(actor=cw.world.user("analyst"), report=report)
    services.report_sign(actor=cw.world.user("coordinator"), report=report, side="municipality")
    services.report_sign(actor=cw.world.user("police"), report=report, side="police")
    version = services.report_publish(actor=cw.world.user("coordinator"), report=report)
    frozen = version.sections[SectionKind.OTHER.value]
    assert _cited(frozen)[(q.label, SSPF)] == [str(SSPF_CASES), "0", str(SSPF_CASES)]
    # More cases later change the figures page, not the published version.
    open_case(cw, identity_number=YOUNG)
    version.refresh_from_db()
    assert version.sections[SectionKind.OTHER.value] == frozen

    out = tmp_path / "lagesbild.pdf"
    call_command("situation-pdf", str(version.pk), "--out", str(out))
    flat = " ".join(pdftotext(out).split())
    assert TITLE in flat
    assert f"{q.label}, {SSPF}: öppnade {SSPF_CASES}, avslutade 0" in flat
    assert f"{VICTIMS}: öppnade –" in flat

    # A reader in no case team (a council member) sees the counts and nothing of a case.
    reader = login(Client(), cw.world.user("council_member"))
    response = reader.get(reverse("situation:version_detail", args=[version.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert f"öppnade {SSPF_CASES}" in body
    reference = Case.objects.filter(programme="sspf").first().reference  # type: ignore[union-attr]
    for secret in (reference, "Hemlig", YOUNG, ADULT):
        assert secret not in body, secret
    assert not re.search(r"\b(SSPF|BO|AVH)-\d{4}-", body)


def test_redraft_and_who_gets_the_table(cw: CaseWorld) -> None:
    q = _cases(cw)
    report = _report(cw, q)
    services.report_section_update(
        actor=cw.world.user("analyst"), report=report, kind=SectionKind.OTHER, body="Egen text."
    )
    services.report_section_redraft(
        actor=cw.world.user("analyst"), report=report, kind=SectionKind.OTHER
    )
    assert TITLE in _other(report)
    # Only a user who may read the case figures page gets the table.
    assert lagesbild_case_table(cw.world.user("analyst"), q.start, q.end) is not None
    assert lagesbild_case_table(cw.world.user("reporter"), q.start, q.end) is None
    # A period with no complete quarter of the figures inside it cites nothing.
    month = q.end.replace(day=1)
    assert lagesbild_case_table(cw.world.user("analyst"), month, q.end) is None
